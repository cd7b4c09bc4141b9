// Causes of the reply-signatures rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const replySignatures = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
