// Causes of the credential-shape rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const credentialShape = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
