// Session summary: one sentence saying how a session ended, for the `session` command.
import type { SessionRecord } from '../model/session.js';
import { escapeControl, quotedName } from '../protocol/escape.js';

export function summarizeSession(record: SessionRecord): string {
  const via = record.tls
    ? `over ${record.tls.mode === 'implicit' ? 'implicit TLS' : 'STARTTLS'} (${record.tls.protocol ?? 'TLS'})`
    : 'without TLS';
  switch (record.outcome) {
    case 'authenticated':
      return `Login works: authenticated as ${quotedName(record.username ?? '')} with ${record.auth?.mechanism ?? '?'} ${via}.`;
    case 'auth-rejected': {
      const reply = record.auth?.reply ? escapeControl(record.auth.reply.raw.join(' | ')) : 'no reply';
      const why = record.auth?.note ? ` (${record.auth.note})` : '';
      return `Login refused with ${record.auth?.mechanism ?? '?'} ${via}: ${reply}${why}`;
    }
    case 'connected': {
      const caps = record.capabilities.afterTls ?? record.capabilities.beforeTls;
      const auth = caps && caps.auth.length > 0 ? `AUTH offered: ${caps.auth.join(' ')}` : 'no AUTH offered';
      return `Connected ${via}; ${auth}. No login attempted (no credentials given).`;
    }
    case 'stopped':
      return `Stopped: ${record.stopReason ?? 'the session ended early'}.`;
  }
}
