// Causes of the greeting rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const greeting = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
