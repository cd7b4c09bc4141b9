// Causes of the client-side rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const clientSide = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
