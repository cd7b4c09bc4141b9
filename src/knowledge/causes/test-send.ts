// Causes of the test-send rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const testSend = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
