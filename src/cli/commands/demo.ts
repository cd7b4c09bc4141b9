// `smtp-doctor demo` (npm start): starts lab personas on 127.0.0.1 and runs real `check` diagnoses against them — no network needed.
import { check } from '../../check/check.js';
import { generateLabCertificates } from '../../lab/certificates.js';
import { startLab } from '../../lab/index.js';
import type { FindingId } from '../../model/finding.js';
import { Secret } from '../../model/secret.js';
import type { Security } from '../../model/session.js';
import { colorEnabled, renderReportText } from '../../report/text.js';
import { EXIT, textWidth, type CliIo } from '../io.js';

export const DEMO_HELP = `Usage: smtp-doctor demo

Starts local lab servers on 127.0.0.1 that behave like Gmail, Microsoft 365, SendGrid and Postfix,
and runs real diagnoses against them (the same as \`smtp-doctor check\`): a Gmail account that needs
an app password, implicit TLS used on a STARTTLS port, a Microsoft 365 tenant with SMTP AUTH
disabled, a SendGrid login with the wrong user name, and a healthy Postfix. Needs no network.
Exit status 0 when every diagnosis came out as expected.
`;

interface Scenario {
  title: string;
  persona: string;
  account: string;
  user: string;
  password: string;
  /** Which listener the "application" uses, and how. */
  listener: 'starttls' | 'tls';
  security: Security;
  expected: FindingId;
}

const SCENARIOS: readonly Scenario[] = [
  {
    title: 'Gmail: the account password, with 2-Step Verification on',
    persona: 'gmail',
    account: 'bob@lab.test:bobs-google-password 2sv app-password=qrstuvwxyzabcdef',
    user: 'bob@lab.test',
    password: 'bobs-google-password',
    listener: 'starttls',
    security: 'starttls',
    expected: 'app-password-required',
  },
  {
    title: 'Postfix: implicit TLS ("secure: true") used on the STARTTLS port',
    persona: 'postfix-dovecot',
    account: 'alice@lab.test:correct-horse-battery',
    user: 'alice@lab.test',
    password: 'correct-horse-battery',
    listener: 'starttls',
    security: 'tls',
    expected: 'tls-mode-mismatch',
  },
  {
    title: 'Microsoft 365: a tenant with SMTP AUTH disabled',
    persona: 'microsoft365',
    account: 'dora@lab.test:lab-password-3 tenant-smtp-auth-disabled',
    user: 'dora@lab.test',
    password: 'lab-password-3',
    listener: 'starttls',
    security: 'starttls',
    expected: 'smtp-auth-disabled',
  },
  {
    title: 'SendGrid: the account e-mail as user name instead of "apikey"',
    persona: 'sendgrid',
    account: 'apikey:SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789',
    user: 'me@lab.test',
    password: 'SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789',
    listener: 'starttls',
    security: 'starttls',
    expected: 'username-format',
  },
  {
    title: 'Postfix + Dovecot: everything right',
    persona: 'postfix-dovecot',
    account: 'alice@lab.test:correct-horse-battery',
    user: 'alice@lab.test',
    password: 'correct-horse-battery',
    listener: 'tls',
    security: 'tls',
    expected: 'auth-ok',
  },
];

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(DEMO_HELP);
    return EXIT.ok;
  }
  const color = colorEnabled(io.stdout, io.env);
  const certificates = await generateLabCertificates();
  const results: { scenario: Scenario; got: string }[] = [];
  for (const [i, scenario] of SCENARIOS.entries()) {
    const lab = await startLab({ persona: scenario.persona, accounts: [scenario.account], certificates });
    try {
      const report = await check({
        host: '127.0.0.1',
        port: lab.ports[scenario.listener] ?? 0,
        security: scenario.security,
        credentials: { username: scenario.user, secret: new Secret(scenario.password) },
        ca: [lab.ca],
        // The lab's listeners stand in for the provider's 465/587.
        alternatives: lab.listeners.map((l) => ({ port: l.port, security: l.security })),
        timeoutMs: 5_000,
      });
      const got = report.findings[0]?.id ?? 'nothing';
      results.push({ scenario, got });
      io.stdout.write(`\n━━ ${i + 1}. ${scenario.title} (lab persona "${scenario.persona}")\n\n`);
      io.stdout.write(renderReportText(report, { color, width: textWidth(io) }));
    } finally {
      await lab.close();
    }
  }
  io.stdout.write('\nSummary\n');
  for (const { scenario, got } of results) {
    const mark = got === scenario.expected ? '✓' : '✗';
    io.stdout.write(
      `  ${mark} ${scenario.title}: ${got}${got === scenario.expected ? '' : ` (expected ${scenario.expected})`}\n`,
    );
  }
  io.stdout.write(
    '\nTry your own server: smtp-doctor check smtp.example.com --user you@example.com --password-env SMTP_PASSWORD\n',
  );
  return results.every((r) => r.got === r.scenario.expected) ? EXIT.ok : EXIT.inconclusive;
}
