// Causes of the lockout rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const lockout = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
