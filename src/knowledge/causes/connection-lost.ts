// Causes of the connection-lost rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const connectionLost = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
