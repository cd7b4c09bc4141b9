// Causes of the starttls rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const starttls = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
