// Causes of the mechanism rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const mechanism = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
