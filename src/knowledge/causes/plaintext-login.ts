// Causes of the plaintext-login rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const plaintextLogin = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
