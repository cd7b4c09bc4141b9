// Causes of the auth-ok rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const authOk = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
