// Rule: what a client library says about itself — missing credentials, unencodable passwords, failed token refresh.
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import type { Observation } from '../../model/evidence.js';
import type { Phase } from '../../model/transcript.js';
import { candidate, pastedQuote } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import { clientMessages } from '../reading/pasted.js';
import { passwordDeadEnd } from '../build.js';
import type { Candidate, Rule } from '../types.js';

export const clientSide: Rule = {
  id: 'client-side',
  description:
    'Client-library messages without a server reply: missing credentials, non-ASCII passwords, OAuth refresh failures, bare "login failed" summaries, resets and closes the text does not explain.',
  produces: [
    'credentials-missing',
    'auth-malformed',
    'oauth-token-rejected',
    'credentials-rejected',
    'connection-lost',
  ],
  run(context) {
    if (context.configured) return [];
    const out: Candidate[] = [];
    const missing = clientMessages(context, 'credentials-missing')[0];
    if (missing) {
      out.push(
        candidate(
          {
            id: 'credentials-missing',
            title: 'The client had no user name or password to send',
            summary:
              'The client library stopped before AUTH because the user name or password in its configuration is empty: nothing reached the server.',
            evidence: [pastedQuote(missing)],
            fixes: [
              {
                text: 'Check that the variables holding the user name and password are set where the app runs (environment, secrets, .env loaded).',
              },
              { text: 'nodemailer: pass auth: { user, pass } to createTransport.' },
            ],
            deadEnds: [{ text: 'Changing the password at the provider', why: 'the client never sent one.' }],
            confidence: 'high',
          },
          'credentials',
        ),
      );
    }
    const ascii = clientMessages(context, 'non-ascii-credentials')[0];
    if (ascii) {
      out.push(
        candidate(
          {
            id: 'auth-malformed',
            detail: 'non-ascii',
            title: 'The client cannot send a non-ASCII password',
            summary:
              'Python’s smtplib encodes the credentials as ASCII, so a password with a non-ASCII character (é, ü, ß, an emoji) fails before anything is sent.',
            evidence: [pastedQuote(ascii)],
            fixes: [
              { text: 'Use a password with ASCII characters only (an app password is ASCII).' },
              {
                text: 'Or send with a client that encodes PLAIN credentials as UTF-8 (RFC 4616), such as nodemailer or swaks.',
              },
            ],
            confidence: 'high',
          },
          'credentials',
        ),
      );
    }
    const refresh = clientMessages(context, 'oauth-token-refresh-failed')[0];
    if (refresh) {
      out.push(
        candidate(
          {
            id: 'oauth-token-rejected',
            detail: 'refresh',
            title: 'The client could not get a new OAuth access token',
            summary:
              'nodemailer asked the OAuth provider for a fresh access token and was refused: the refresh token, client id or client secret is wrong, revoked or expired.',
            evidence: [pastedQuote(refresh)],
            fixes: [
              {
                text: 'Create a new refresh token with the right scope (Gmail: https://mail.google.com/; Microsoft: https://outlook.office.com/SMTP.Send offline_access).',
              },
              { text: 'Check clientId and clientSecret belong to the same OAuth app that issued the refresh token.' },
            ],
            confidence: 'medium',
          },
          'auth',
        ),
      );
    }
    const failed = clientMessages(context, 'auth-failed')[0];
    const hasAuthReply = context.evidence.observations.some(
      (o) => o.kind === 'reply' && (o.phase === 'auth' || o.reply.code === 535),
    );
    // nodemailer's EAUTH also comes with "Missing credentials" and a failed token refresh, which say more.
    if (failed && !hasAuthReply && !missing && !refresh) {
      out.push(
        candidate(
          {
            id: 'credentials-rejected',
            detail: 'no-reply-shown',
            title: 'The client says the login failed',
            summary:
              'The client reports a failed login but the text does not show the server’s reply, which is what tells the causes apart.',
            evidence: [pastedQuote(failed)],
            fixes: [
              {
                text: 'Re-run with the client’s debug output on (PHPMailer SMTPDebug = 2, msmtp --debug, curl -v) and explain that output, or run smtp-doctor check.',
              },
              { text: 'Meanwhile: check the user-name form and whether the provider needs an app password.' },
            ],
            confidence: 'low',
          },
          'auth',
        ),
      );
    }
    const closed = clientMessages(context, 'connection-closed')[0];
    const plaintextOn465 = context.port !== undefined && isImplicitTlsPort(context.port) && context.security !== 'tls';
    // On an implicit-TLS port a plaintext client's closed connection is the tls-mode rule's (a mode mismatch).
    if (!(closed && plaintextOn465)) out.push(...connectionLost(context));
    return out;
  },
};

/**
 * A reset or a close the client reports, and nothing else that explains it (no refusal, no TLS or network error):
 * the text does not say at which step, so the finding says what to collect to find out.
 */
function connectionLost(context: DiagnoseContext): Candidate[] {
  const lost = (o: Observation): boolean =>
    (o.kind === 'error-code' && o.code === 'ECONNRESET' && o.phase === null) ||
    (o.kind === 'client-message' && o.id === 'connection-closed');
  const observations = context.evidence.observations;
  const clue = observations.find(lost);
  if (!clue || observations.some((o) => !lost(o) && !(o.kind === 'reply' && o.reply.code < 400))) return [];
  const last = observations.filter((o) => o.kind === 'reply' && o.phase !== null).at(-1)?.phase ?? null;
  const reset = clue.kind === 'error-code';
  const after = last === null ? '' : ` after the ${last === 'ehlo' ? 'EHLO' : last === 'auth' ? 'AUTH' : last} step`;
  return [
    candidate(
      {
        id: 'connection-lost',
        detail: reset ? 'reset' : 'closed',
        title: `The connection was ${reset ? 'reset' : 'closed'}${after}`,
        summary: `The client says the connection was ${reset ? 'reset' : 'closed'}${where(last)}. Firewalls, antivirus or proxies that inspect SMTP, a TLS mode the port does not speak, connection limits and anti-abuse systems do this.`,
        evidence: [pastedQuote(clue)],
        fixes: [
          {
            text: 'Collect the step it happens at: run the client with its debug output on (nodemailer logger: true, debug: true; PHPMailer SMTPDebug = 2; Python server.set_debuglevel(1); swaks; curl -v) and explain that output.',
          },
          {
            text: 'Or let smtp-doctor talk to the server: smtp-doctor check <host> --user <name> shows which step fails and whether another port or TLS mode works.',
          },
          { text: 'Check that port and TLS mode match: 465 with implicit TLS, 587 with STARTTLS.' },
        ],
        deadEnds: passwordDeadEnd(context, {
          text: 'Changing the password',
          why: 'nothing in the text shows that the server judged it.',
        }),
        confidence: last === null ? 'low' : 'medium',
      },
      last === 'auth' ? 'auth' : last === null ? 'connect' : 'greeting',
    ),
  ];
}

function where(last: Phase | null): string {
  if (last === null)
    return ', but the text does not show at which step (connecting, TLS, the greeting, the login) or any reply from the server';
  if (last === 'auth') return ' in the middle of the login: the server neither accepted nor refused the credentials';
  return `; the last step the text shows is ${last === 'ehlo' ? 'EHLO' : last}, and no reply says why`;
}
