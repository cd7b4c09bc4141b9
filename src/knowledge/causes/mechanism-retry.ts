// Causes of the mechanism-retry rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const mechanismRetry = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
