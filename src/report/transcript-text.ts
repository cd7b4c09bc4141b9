// Transcript as text: swaks-style direction markers, one line per line, secrets already redacted.
import type { TranscriptEvent } from '../model/transcript.js';

const MARKERS: Record<TranscriptEvent['dir'], [plain: string, tls: string]> = {
  info: ['===', '==='],
  client: [' ->', ' ~>'],
  server: ['<- ', '<~ '],
  error: ['<**', '<**'],
};

export function renderTranscript(events: readonly TranscriptEvent[], options: { timestamps?: boolean } = {}): string {
  const lines: string[] = [];
  for (const event of events) {
    const marker = MARKERS[event.dir][event.tls ? 1 : 0];
    const stamp = options.timestamps ? `${event.t.toFixed(1).padStart(8)} ms ` : '';
    const texts = event.text === '' ? [''] : event.text.split('\n');
    for (const text of texts) lines.push(`${stamp}${marker} ${text}`.trimEnd());
  }
  return lines.join('\n');
}
