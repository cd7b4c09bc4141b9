// Session test helpers: run a session against a local port with sane short limits, and look into the record.
import { Secret } from '../../src/model/secret.js';
import type { SessionRecord, StepName } from '../../src/model/session.js';
import { runSession, type SessionOptions } from '../../src/transport/session.js';

export function session(
  port: number,
  options: Partial<SessionOptions> & { user?: string; password?: string } = {},
): Promise<SessionRecord> {
  const { user, password, ...rest } = options;
  return runSession({
    host: '127.0.0.1',
    port,
    security: 'starttls',
    timeoutMs: 3_000,
    deadlineMs: 10_000,
    ...(user !== undefined ? { credentials: { username: user, secret: new Secret(password ?? '') } } : {}),
    ...rest,
  });
}

export function step(record: SessionRecord, name: StepName) {
  return record.steps.find((s) => s.step === name);
}

export function clientLines(record: SessionRecord): string[] {
  return record.transcript.filter((e) => e.dir === 'client').map((e) => e.text);
}
