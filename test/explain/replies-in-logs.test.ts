import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainText } from '../../src/explain/index.js';
import { explain } from '../../src/check/explain.js';
import { listSignatures } from '../../src/knowledge/index.js';

/** The wire lines of every reply explain read from the text. */
function replies(text: string): string[][] {
  return explainText(text).evidence.observations.flatMap((o) => (o.kind === 'reply' ? [o.reply.raw] : []));
}

function firstCause(text: string): string {
  const first = explain(text).findings[0];
  return first ? `${first.id}${first.signature ? ` (${first.signature})` : ''}` : 'none';
}

const GMAIL_535 = [
  '535-5.7.8 Username and Password not accepted. For more information, go to',
  '535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp',
];

describe('replies inside log lines', () => {
  // [what, pasted text, the bare reply it holds]. Where each shape comes from is said in the name.
  const wrapped: [string, string, string][] = [
    [
      'a Go log.Fatal(err) line (golang/go:src/log/log.go date and time prefix) of an SES refusal',
      '2026/02/02 10:00:00 535 Authentication Credentials Invalid',
      '535 Authentication Credentials Invalid',
    ],
    [
      'a Go log line with microseconds of an Exim refusal',
      '2026/02/02 10:00:00.123456 535 Incorrect authentication data',
      '535 Incorrect authentication data',
    ],
    [
      'an "Error: " message of a SendGrid refusal',
      'Error: 535 Authentication failed: Bad username / password',
      '535 Authentication failed: Bad username / password',
    ],
    [
      'a "send failed: " label of a Mailgun refusal',
      'send failed: 535 Authentication failed',
      '535 Authentication failed',
    ],
    ['a bracketed log level', '[ERROR] 535 Authentication Failed', '535 Authentication Failed'],
    [
      'a logfmt error="…" field (go-kit/log, logrus)',
      'level=error msg="send failed" error="535 Authentication Credentials Invalid"',
      '535 Authentication Credentials Invalid',
    ],
    [
      'a JSON "error":"…" field (log/slog, zap, pino)',
      '{"level":"error","error":"535 Authentication Credentials Invalid"}',
      '535 Authentication Credentials Invalid',
    ],
    [
      'a logfmt field with an enhanced code',
      'level=error error="535 5.7.8 Authentication credentials invalid"',
      '535 5.7.8 Authentication credentials invalid',
    ],
    [
      'a label inside a quoted logfmt message, which ends at its closing quote',
      'level=error msg="send failed: 535 Authentication failed: Bad username / password" attempt=1',
      '535 Authentication failed: Bad username / password',
    ],
    [
      'a JSON field holding a multi-line reply',
      `{"error":${JSON.stringify(GMAIL_535.join('\n'))}}`,
      GMAIL_535.join('\n'),
    ],
    [
      'MailKit\'s AuthenticationException ("<code>: <text>", jstedfast/MailKit SmtpClient.Authenticate)',
      'MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
    ],
    [
      "MailKit's AuthenticationException for the generic Exchange refusal",
      'MailKit.Security.AuthenticationException: 535: 5.7.3 Authentication unsuccessful',
      '535 5.7.3 Authentication unsuccessful',
    ],
    [
      "MailKit's AuthenticationException with the reply's further lines under it",
      'MailKit.Security.AuthenticationException: 535: 5.7.8 Username and Password not accepted. For more information, go to\n5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp',
      GMAIL_535.join('\n'),
    ],
    [
      'an RFC-style S:/C: transcript that starts at the 334 challenge (its multi-line 535 kept whole)',
      `S: 334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\nC: \nS: ${GMAIL_535[0] ?? ''}\nS: ${GMAIL_535[1] ?? ''}`,
      `334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\n${GMAIL_535.join('\n')}`,
    ],
  ];
  for (const [what, pasted, bare] of wrapped) {
    test(`explain: reads the reply in ${what} and diagnoses it like the bare reply`, () => {
      assert.deepEqual(replies(pasted), replies(bare));
      assert.notEqual(firstCause(bare), 'none');
      assert.equal(firstCause(pasted), firstCause(bare));
    });
  }

  test('explain: every known reply without an enhanced code is read after a Go log prefix', () => {
    const samples = listSignatures()
      .flatMap((s) => s.samples)
      .filter((sample) => /^[45]\d\d[ -](?![245]\.\d)/.test(sample));
    assert.ok(samples.length >= 20, `only ${samples.length} samples`);
    for (const sample of samples) {
      const first = sample.split(/\r?\n/)[0] ?? '';
      const found = replies(`2026/02/02 10:00:00 ${sample}`)[0]?.[0] ?? '';
      assert.equal(found.slice(4), first.slice(4), sample);
    }
  });

  // Numbers after a label or in a field that are counts, times or HTTP statuses: no reply may be read from them.
  const notReplies: [string, string][] = [
    ['a count after a label', 'Note: 535 users were migrated to the new server.'],
    ['a count in a Go log line', '2026/02/02 10:00:00 535 messages queued for delivery'],
    ['milliseconds of a timestamp', '2026/02/02 10:00:00.535 INFO mailer started'],
    [
      'milliseconds of an ISO timestamp before reply-like words',
      '2026-02-02T10:00:00.535Z authentication failed for bob',
    ],
    ['a progress count', 'processed: 535 of 600'],
    ['an HTTP 503', 'Error: 503 Service Unavailable'],
    ['an HTTP 500', 'request failed: 500 Internal Server Error'],
    ['an HTTP 500 with other words', 'Error: 500 failed to connect to database'],
    ['an HTTP 429', 'HTTP error: 429 Too Many Requests'],
    ['an HTTP 401', 'Error: 401 Unauthorized'],
    ['a count in a field that is no error', '{"count":"535 records failed validation"}'],
    ['a number in a logfmt field', 'total="535 items"'],
    ['a refusal-looking count after a label that is no error', 'retries left: 535 failed jobs'],
  ];
  for (const [what, text] of notReplies) {
    test(`explain: reads no reply from ${what}`, () => {
      assert.deepEqual(replies(text), []);
    });
  }

  test('explain: a MailKit reply is not also read as a bare "535" without its text', () => {
    const found = replies('MailKit.Security.AuthenticationException: 535: 5.7.3 Authentication unsuccessful');
    assert.deepEqual(found, [['535 5.7.3 Authentication unsuccessful']]);
  });

  test('explain: a transcript that starts at a 334 challenge places it and what follows in AUTH', () => {
    const text = `S: 334 eyJzdGF0dXMiOiI0MDAifQ==\nC: \nS: ${GMAIL_535[0] ?? ''}\nS: ${GMAIL_535[1] ?? ''}`;
    const phases = explainText(text).evidence.observations.map((o) => (o.kind === 'reply' ? o.phase : o.kind));
    assert.deepEqual(phases, ['auth', 'auth']);
  });
});
