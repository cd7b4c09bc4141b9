// Causes of the auth-offer rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const authOffer = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
