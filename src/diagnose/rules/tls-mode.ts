// Rule: implicit TLS on a STARTTLS port ("wrong version number"), or plaintext on an implicit-TLS port (no greeting).
import type { DeadEnd, EvidenceQuote, Fix } from '../../model/finding.js';
import { candidate, pastedQuote, transcriptQuote } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import {
  clientMessages,
  configuredFailure,
  errorCodes,
  IMPLICIT_TLS_PORTS,
  passwordDeadEnd,
  pastedPlaintextOnImplicitTlsPort,
  plaintextOnImplicitTls,
  refusedLogin,
  STARTTLS_PORTS,
  workingAlternative,
} from '../facts.js';
import type { Candidate, Rule } from '../types.js';

const DOC = {
  title: 'RFC 8314: implicit TLS for submission on port 465',
  url: 'https://www.rfc-editor.org/rfc/rfc8314#section-3.3',
};
const SOURCES_NOTE = 'TLS mode / port mismatch';

const noCertificateBypass: DeadEnd = {
  text: 'Turning certificate checks off (rejectUnauthorized: false)',
  why: 'no certificate was ever exchanged: the two ends do not even agree to speak TLS.',
};
const noPassword: DeadEnd = { text: 'Changing the password', why: 'the session never got as far as AUTH.' };

export const tlsMode: Rule = {
  id: 'tls-mode',
  description:
    'Implicit TLS spoken to a STARTTLS port, or plaintext to an implicit-TLS port; alternatives prove which mode works.',
  produces: ['tls-mode-mismatch'],
  run(context) {
    return [...fromSession(context), ...fromPasted(context)];
  },
};

function fromSession(context: DiagnoseContext): Candidate[] {
  const configured = context.configured;
  if (!configured) return [];
  const { port, security, host } = configured.record.target;
  const failure = configuredFailure(context);

  if (security === 'tls' && failure?.kind === 'tls-error' && failure.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    const proven = workingAlternative(context, { port, security: 'starttls' });
    const elsewhere = workingAlternative(context, { security: 'tls' });
    const quote = transcriptQuote(
      configured,
      (t) => t.includes('wrong version number') || t.includes('WRONG_VERSION'),
      `${failure.message} (${failure.code})`,
    );
    const evidence: EvidenceQuote[] = [quote];
    if (proven) evidence.push(provenQuote(proven.record.target.port, 'starttls', proven.index));
    const fixes: Fix[] = [
      {
        text: `Keep port ${port} and switch to STARTTLS (nodemailer: secure: false; Python: SMTP + starttls()).`,
        settings: { port, security: 'starttls' },
      },
    ];
    if (elsewhere) fixes.push(otherPortFix(context, elsewhere.record.target.port, 'tls'));
    return [
      candidate(
        {
          id: 'tls-mode-mismatch',
          detail: 'implicit-tls-on-starttls-port',
          title: `Port ${port} expects STARTTLS, not implicit TLS`,
          summary: `The client started TLS at once on ${host}:${port}, but the server there speaks plain SMTP first (it sent its "220" greeting, which the TLS library read as a broken TLS record: "wrong version number").${proven ? ` A STARTTLS session to the same port reached EHLO.` : ''}`,
          evidence,
          fixes,
          deadEnds: [noCertificateBypass, ...passwordDeadEnd(context, noPassword)],
          docs: [DOC],
          confidence: proven ? 'high' : STARTTLS_PORTS.has(port) ? 'high' : 'medium',
        },
        'tls',
      ),
    ];
  }

  const plain = plaintextOnImplicitTls(context);
  if (plain) {
    const quote = transcriptQuote(configured, (t) => t.includes('greeting'), `no greeting on ${host}:${port}`);
    const evidence: EvidenceQuote[] = [quote];
    if (plain.proven) evidence.push(provenQuote(port, 'tls', plain.proven.index));
    const starttls = workingAlternative(context, { security: 'starttls' });
    const fixes: Fix[] = [
      {
        text: `Keep port ${port} and use implicit TLS (nodemailer: secure: true; Python: SMTP_SSL).`,
        settings: { port, security: 'tls' },
      },
    ];
    if (starttls) fixes.push(otherPortFix(context, starttls.record.target.port, 'starttls'));
    return [
      candidate(
        {
          id: 'tls-mode-mismatch',
          detail: 'plaintext-on-implicit-tls-port',
          title: `Port ${port} expects implicit TLS from the first byte`,
          summary: `The client connected to ${host}:${port} in plaintext and waited for a "220" greeting, but the server there waits for a TLS handshake first, so nothing came.${plain.proven ? ' An implicit-TLS session to the same port worked.' : ''}`,
          evidence,
          fixes,
          deadEnds: [
            { text: 'Raising the timeouts', why: 'a server on an implicit-TLS port never speaks first.' },
            { text: 'Firewall changes', why: 'the TCP connection itself succeeded.' },
            ...passwordDeadEnd(context, noPassword),
          ],
          docs: [DOC],
          confidence: plain.proven ? 'high' : 'medium',
        },
        'tls',
      ),
    ];
  }
  return [];
}

/**
 * Another port where the mode works. "Where it works" only when nothing there says otherwise: a login smtp-doctor made
 * there and had refused proves the connection, not the credentials (the credentials finding says the rest).
 */
function otherPortFix(context: DiagnoseContext, port: number, security: 'tls' | 'starttls'): Fix {
  const refused = refusedLogin(context);
  const there = refused?.record.target.port === port && refused.record.target.security === security;
  const where = security === 'tls' ? `keep implicit TLS and use port ${port}` : `use STARTTLS on port ${port}`;
  return {
    text: there
      ? `Or ${where}: the connection works there and reaches AUTH, but the login there was refused (see the credentials finding).`
      : `Or ${where}, where it works.`,
    settings: { port, security },
  };
}

function provenQuote(port: number, security: 'tls' | 'starttls', session: number): EvidenceQuote {
  return {
    text: `port ${port} with ${security === 'tls' ? 'implicit TLS' : 'STARTTLS'}: reached EHLO`,
    source: 'transcript',
    session,
  };
}

function fromPasted(context: DiagnoseContext): Candidate[] {
  if (context.configured) return [];
  const out: Candidate[] = [];
  const port = context.port;
  const wrongVersion = errorCodes(context).find((o) => o.code === 'ERR_SSL_WRONG_VERSION_NUMBER');
  if (wrongVersion) {
    const known = port !== undefined;
    out.push(
      candidate(
        {
          id: 'tls-mode-mismatch',
          detail: 'implicit-tls-on-starttls-port',
          title: known ? `Port ${port} expects STARTTLS, not implicit TLS` : 'Implicit TLS was used on a STARTTLS port',
          summary: `"wrong version number" means the client started TLS at once but the server spoke plain SMTP (its "220" greeting was read as a TLS record). ${SOURCES_NOTE}: ports 587, 25 and 2525 start in plaintext and upgrade with STARTTLS; only 465 speaks TLS from the first byte.`,
          evidence: [pastedQuote(wrongVersion)],
          fixes:
            known && port !== 465
              ? [
                  {
                    text: `Keep port ${port} and switch to STARTTLS (nodemailer: secure: false; PHPMailer: SMTPSecure = 'tls'; Python: SMTP + starttls()).`,
                    settings: { port, security: 'starttls' },
                  },
                  {
                    text: 'Or keep implicit TLS and use port 465, where the provider offers it.',
                    settings: { port: 465, security: 'tls' },
                  },
                ]
              : [
                  {
                    text: "On port 587 (or 25, 2525) use STARTTLS: nodemailer secure: false, PHPMailer SMTPSecure = 'tls', Python SMTP + starttls().",
                    settings: { port: 587, security: 'starttls' },
                  },
                  { text: 'Or keep implicit TLS and switch to port 465.', settings: { port: 465, security: 'tls' } },
                ],
          deadEnds: [noCertificateBypass, noPassword],
          docs: [DOC],
          confidence: known && port !== 465 ? 'high' : 'medium',
        },
        'tls',
      ),
    );
  }
  // A client timeout that does not say whether it was connecting or waiting for the greeting (Python's "timed out"):
  // on an implicit-TLS port a plaintext client is wrong either way, and waiting for a greeting is the usual story.
  const timedOut = clientMessages(context, 'timed-out')[0];
  if (timedOut && port !== undefined && pastedPlaintextOnImplicitTlsPort(context)) {
    out.push(
      candidate(
        {
          id: 'tls-mode-mismatch',
          detail: 'plaintext-on-implicit-tls-port',
          title: `Port ${port} expects implicit TLS from the first byte`,
          summary: `The client connects to port ${port} in plaintext (Python: smtplib.SMTP rather than SMTP_SSL) and timed out. On ${port} the server waits for a TLS handshake and never sends the "220" greeting a plaintext client waits for. The message does not say whether the connection or the greeting timed out: if implicit TLS times out too, something drops port ${port}.`,
          evidence: [pastedQuote(timedOut)],
          fixes: [
            {
              text: `Keep port ${port} and use implicit TLS (Python: smtplib.SMTP_SSL; nodemailer: secure: true).`,
              settings: { port, security: 'tls' },
            },
            {
              text: 'Or use port 587 with STARTTLS (Python: smtplib.SMTP, then starttls(); nodemailer: secure: false).',
              settings: { port: 587, security: 'starttls' },
            },
          ],
          deadEnds: [
            { text: 'Raising the timeout', why: `a server on port ${port} never speaks first to a plaintext client.` },
            noPassword,
          ],
          docs: [DOC],
          confidence: 'medium',
        },
        'tls',
      ),
    );
  }
  const greeting = clientMessages(context, 'greeting-never-received')[0];
  if (greeting) {
    const on465 = port !== undefined && IMPLICIT_TLS_PORTS.has(port) && context.security !== 'tls';
    const otherPort = port !== undefined && !IMPLICIT_TLS_PORTS.has(port);
    if (!otherPort) {
      out.push(
        candidate(
          {
            id: 'tls-mode-mismatch',
            detail: 'plaintext-on-implicit-tls-port',
            title: on465
              ? `Port ${port} expects implicit TLS from the first byte`
              : 'Probably plaintext on an implicit-TLS port',
            summary: `The TCP connection opened but the server never sent its "220" greeting. The usual reason: the client connects in plaintext (nodemailer secure: false) to port 465, where the server waits for a TLS handshake first.${on465 ? '' : ' A firewall or proxy that accepts the connection but passes nothing through looks the same.'}`,
            evidence: [pastedQuote(greeting)],
            fixes: [
              {
                text: 'On port 465 use implicit TLS (nodemailer: secure: true; Python: SMTP_SSL).',
                settings: { port: 465, security: 'tls' },
              },
              {
                text: 'Or use port 587 with STARTTLS (nodemailer: secure: false).',
                settings: { port: 587, security: 'starttls' },
              },
            ],
            deadEnds: [
              { text: 'Raising greetingTimeout', why: 'a server on an implicit-TLS port never speaks first.' },
              { text: 'Firewall changes', why: 'the TCP connection itself succeeded.' },
              noPassword,
            ],
            docs: [DOC],
            confidence: on465 ? 'high' : 'medium',
          },
          'tls',
        ),
      );
    }
  }
  return out;
}
