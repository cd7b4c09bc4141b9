// Causes of the network rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const network = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
