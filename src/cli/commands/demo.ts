// `smtp-doctor demo`: starts local lab servers and runs real sessions against them — works with no network.
import { generateLabCertificates } from '../../lab/certificates.js';
import { startSmtpServerListener } from '../../lab/smtp-server-listener.js';
import { Secret } from '../../model/secret.js';
import type { Security } from '../../model/session.js';
import { renderTranscript } from '../../report/transcript-text.js';
import { summarizeSession } from '../../report/session-summary.js';
import { runSession } from '../../transport/session.js';
import { EXIT, type CliIo } from '../io.js';

export const DEMO_HELP = `Usage: smtp-doctor demo

Starts a local lab SMTP server on 127.0.0.1 (STARTTLS and implicit-TLS listeners, a generated CA)
and runs sessions against it: a working login, a wrong password, and implicit TLS used on the
STARTTLS port. Needs no network. Exit status 0 when every scenario behaved as expected.
`;

const USER = 'alice@lab.test';
const PASSWORD = 'lab-password-1';

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(DEMO_HELP);
    return EXIT.ok;
  }
  const certs = await generateLabCertificates();
  const accounts = { [USER]: PASSWORD };
  const starttls = await startSmtpServerListener({ accounts, pair: certs.valid, implicitTls: false });
  const implicit = await startSmtpServerListener({ accounts, pair: certs.valid, implicitTls: true });
  const scenarios: { title: string; port: number; security: Security; password: string; expected: string }[] = [
    {
      title: 'Correct login over STARTTLS',
      port: starttls.port,
      security: 'starttls',
      password: PASSWORD,
      expected: 'authenticated',
    },
    {
      title: 'Wrong password over implicit TLS',
      port: implicit.port,
      security: 'tls',
      password: 'not-the-password',
      expected: 'auth-rejected',
    },
    {
      title: 'Implicit TLS used on the STARTTLS port',
      port: starttls.port,
      security: 'tls',
      password: PASSWORD,
      expected: 'stopped',
    },
  ];
  let allAsExpected = true;
  try {
    for (const s of scenarios) {
      const record = await runSession({
        host: '127.0.0.1',
        port: s.port,
        security: s.security,
        credentials: { username: USER, secret: new Secret(s.password) },
        ca: [certs.ca.cert],
        timeoutMs: 5_000,
      });
      allAsExpected &&= record.outcome === s.expected;
      io.stdout.write(`\n## ${s.title} (127.0.0.1:${s.port}, --security ${s.security})\n\n`);
      io.stdout.write(`${renderTranscript(record.transcript)}\n\n${summarizeSession(record)}\n`);
    }
  } finally {
    await Promise.all([starttls.close(), implicit.close()]);
  }
  return allAsExpected ? EXIT.ok : EXIT.inconclusive;
}
