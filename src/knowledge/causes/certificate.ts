// Causes of the certificate rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const certificate = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
