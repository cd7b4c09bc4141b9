// Causes of the tls-handshake rule: its findings' titles, summaries, fixes and dead ends.
import type { CauseArea } from './types.js';

export const tlsHandshake = {
  causes: {},
  fixes: {},
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
