// Rule: the server offers no AUTH here, or only after TLS — credentials are then never tested, whatever the client says.
import { refusesAuthCommand } from '../../knowledge/codes.js';
import type { Observation } from '../../model/evidence.js';
import type { Fix } from '../../model/finding.js';
import type { Capabilities } from '../../model/session.js';
import { candidate, pastedQuote, transcriptQuote } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import { effectiveCapabilities } from '../reading/sessions.js';
import { clientMessages } from '../reading/pasted.js';
import { provenFixes } from '../proven.js';
import { renderFix } from '../cite.js';
import type { Candidate, Rule } from '../types.js';

const untested =
  'Some clients report success without ever testing the password when AUTH is not offered (nodemailer’s verify() logs in only when AUTH is advertised), and the failure shows up later as "530 Authentication required" or "Relay access denied".';

export const authOffer: Rule = {
  id: 'auth-offer',
  description:
    'AUTH missing from the EHLO reply: not offered at all, or only after STARTTLS; the credentials were then never tested.',
  produces: ['auth-not-offered', 'auth-requires-tls'],
  run(context) {
    return context.configured ? fromSession(context) : fromPasted(context);
  },
};

function fromSession(context: DiagnoseContext): Candidate[] {
  const configured = context.configured;
  if (!configured) return [];
  const record = configured.record;
  const authStep = record.steps.find((s) => s.step === 'auth');
  if (!authStep || authStep.result !== 'skipped') return [];
  const before = record.capabilities.beforeTls;
  const caps = effectiveCapabilities(record);
  const quote = transcriptQuote(
    configured,
    (t) => t.includes('AUTH') || t.includes('credentials withheld'),
    authStep.note ?? 'AUTH skipped',
  );

  if (!record.tls && record.target.security === 'none') {
    const offersStarttls = before?.starttls ?? false;
    return [
      candidate(
        {
          id: 'auth-requires-tls',
          detail: 'client-side',
          title: offersStarttls
            ? 'Log in over STARTTLS, not in the clear'
            : 'This connection cannot protect the password',
          summary: offersStarttls
            ? `The session ran without TLS, so the password was not sent; the server offers STARTTLS${before && before.auth.length === 0 ? ' and lists AUTH only after it' : ''}.`
            : 'The session ran without TLS and the server offers no STARTTLS here; sending the password would expose it.',
          evidence: [quote],
          fixes: tlsFixes(context, offersStarttls),
          deadEnds: [{ text: 'Sending the password without TLS', why: 'anyone on the path can read it.' }],
          confidence: 'high',
        },
        'auth',
      ),
    ];
  }
  if (caps && caps.auth.length === 0) {
    const alt = context.alternatives.find((s) => (effectiveCapabilities(s.record)?.auth.length ?? 0) > 0);
    const fixes: Fix[] = alt
      ? [
          {
            text: `Port ${alt.record.target.port} (${alt.record.target.security}) on this host offers AUTH ${effectiveCapabilities(alt.record)?.auth.join(' ') ?? ''}: use it.`,
            settings: { port: alt.record.target.port, security: alt.record.target.security },
          },
        ]
      : [
          { text: 'Use the submission port (587 with STARTTLS, or 465 with implicit TLS) rather than port 25.' },
          { text: 'Server admin: enable SASL authentication on the service your clients use.' },
        ];
    return [
      candidate(
        {
          id: 'auth-not-offered',
          title: 'The server offers no login on this connection',
          summary: `The EHLO reply${record.tls ? ' after TLS' : ''} lists no AUTH, so no credentials can be tested here. ${untested}`,
          evidence: [quote, capsQuote(caps, configured.index)],
          fixes,
          deadEnds: [{ text: 'Changing the password', why: 'it was never sent.' }],
          confidence: alt ? 'high' : 'medium',
        },
        'auth',
      ),
    ];
  }
  return [];
}

/**
 * What the probe proved first (a login over TLS, else TLS that reached AUTH), then, when the server lists STARTTLS
 * here and the probe did not try it, STARTTLS on this port as the server's own offer; generic advice only when neither.
 */
function tlsFixes(context: DiagnoseContext, offersStarttls: boolean): Fix[] {
  const port = context.configured?.record.target.port;
  const fixes = provenFixes(context).map((f) => renderFix(context, f));
  const starttlsProvenHere = fixes.some((f) => f.settings?.port === port && f.settings?.security === 'starttls');
  // Tried there and not proven (refused, or a certificate that does not verify): not a fix to offer blindly.
  const triedHere = context.alternatives.some(
    (s) => s.record.target.port === port && s.record.target.security === 'starttls',
  );
  if (offersStarttls && port !== undefined && !starttlsProvenHere && !triedHere)
    fixes.push({
      text: `${fixes.length === 0 ? 'Use' : 'Or use'} STARTTLS on port ${port}: the server offers it there (smtp-doctor did not test it).`,
      settings: { port, security: 'starttls' },
    });
  if (fixes.length === 0)
    fixes.push({
      text: 'Use the provider’s submission port: 465 with implicit TLS or 587 with STARTTLS.',
      settings: { port: 465, security: 'tls' },
    });
  return fixes;
}

function capsQuote(caps: Capabilities, session?: number) {
  const line = `EHLO capabilities: ${Object.keys(caps.extensions).join(' ') || '(none)'}`;
  return session === undefined
    ? { text: line, source: 'pasted' as const }
    : { text: line, source: 'transcript' as const, session };
}

function fromPasted(context: DiagnoseContext): Candidate[] {
  const out: Candidate[] = [];
  const { beforeTls, afterTls } = context.pastedCapabilities;
  const message = clientMessages(context, 'auth-not-advertised')[0];
  const refused = clientMessages(context, 'client-refuses-plaintext-auth')[0];
  if (refused) {
    out.push(
      candidate(
        {
          id: 'auth-requires-tls',
          detail: 'client-side',
          title: 'The client refuses to send the password without TLS',
          summary:
            'Go’s net/smtp PlainAuth will not send credentials over an unencrypted connection (except to localhost): the connection was not encrypted when AUTH came.',
          evidence: [pastedQuote(refused)],
          fixes: [
            {
              text: 'Use port 587 with STARTTLS (smtp.SendMail upgrades when the server offers STARTTLS).',
              settings: { port: 587, security: 'starttls' },
            },
            { text: 'Or dial implicit TLS (tls.Dial) on port 465.', settings: { port: 465, security: 'tls' } },
          ],
          confidence: 'high',
        },
        'auth',
      ),
    );
  }
  const plaintextAuth = authSentBeforeStarttls(context);
  if (plaintextAuth) {
    out.push(plaintextAuth);
    return out;
  }
  // AUTH sent after an EHLO over TLS that lists none, and refused as a command: the server has no login here.
  const refusedAfterTls = afterTls && afterTls.auth.length === 0 ? commandRefusal(context) : undefined;
  const unsent = beforeTls && beforeTls.auth.length === 0 && !afterTls && context.auth === 'unknown';
  if (!message && !unsent && !refusedAfterTls) return out;
  const evidence = message ? [pastedQuote(message)] : refusedAfterTls ? [pastedQuote(refusedAfterTls)] : [];
  if (beforeTls) evidence.push(capsQuote(beforeTls));
  if (afterTls && afterTls.auth.length === 0) {
    out.push(
      candidate(
        {
          id: 'auth-not-offered',
          title: 'The server offers no login, even after TLS',
          summary: `The EHLO reply after STARTTLS lists no AUTH. ${untested}`,
          evidence: [...evidence, capsQuote(afterTls)],
          fixes: [
            { text: 'Use the provider’s submission port (587 or 465) rather than port 25 or an MX host.' },
            { text: 'Server admin: enable SASL authentication on this service.' },
          ],
          confidence: 'high',
        },
        'auth',
      ),
    );
    return out;
  }
  const tlsFirst = beforeTls?.starttls ?? null;
  if (tlsFirst !== false && !afterTls) {
    out.push(
      candidate(
        {
          id: 'auth-requires-tls',
          title: 'AUTH is offered only after STARTTLS',
          summary: `The client looked for AUTH before encrypting the connection. Most servers (Gmail, Postfix with smtpd_tls_auth_only, Exim on Debian and cPanel) list AUTH only in the EHLO reply after STARTTLS.${tlsFirst ? ' This server lists STARTTLS.' : ''}`,
          evidence,
          fixes: [
            {
              text: 'Call starttls() (then ehlo()) before login(), or let the client run STARTTLS (nodemailer: do not set ignoreTLS).',
              settings: { security: 'starttls' },
            },
            { text: 'Or use implicit TLS on port 465 (Python: SMTP_SSL).', settings: { port: 465, security: 'tls' } },
          ],
          deadEnds: [{ text: 'Changing the credentials', why: 'they were never sent.' }],
          confidence: tlsFirst ? 'high' : 'medium',
        },
        'auth',
      ),
    );
  }
  if (tlsFirst !== true) {
    out.push(
      candidate(
        {
          id: 'auth-not-offered',
          title: 'Or the server offers no login on this port',
          summary: `If TLS was already on, the server offers no AUTH here at all (e.g. port 25, meant for server-to-server mail). ${untested}`,
          evidence,
          fixes: [{ text: 'Use the provider’s submission port: 587 with STARTTLS or 465 with implicit TLS.' }],
          confidence: 'low',
        },
        'auth',
      ),
    );
  }
  return out;
}

/** The pasted reply to the first AUTH, when it refused the command rather than the credentials. */
function commandRefusal(context: DiagnoseContext): Extract<Observation, { kind: 'reply' }> | undefined {
  const first = context.evidence.observations.find((o) => o.kind === 'reply' && o.phase === 'auth');
  return first?.kind === 'reply' && refusesAuthCommand(first.reply.code) ? first : undefined;
}

/**
 * The transcript shows the whole story: the EHLO answered in the clear lists STARTTLS but no AUTH (or not the
 * mechanism the client used: Exchange lists only NTLM there), the client sent AUTH anyway without STARTTLS, and the
 * server refused the command. Whatever the reply's wording suggests (it is the same when SASL is off altogether, or
 * the mechanism unknown), the first thing to change is to run STARTTLS before AUTH.
 */
function authSentBeforeStarttls(context: DiagnoseContext): Candidate | null {
  const { beforeTls, afterTls } = context.pastedCapabilities;
  if (context.tlsAtAuth !== false || afterTls || !beforeTls?.starttls) return null;
  const used = context.mechanism;
  const unlisted = beforeTls.auth.length > 0 && used !== undefined && !beforeTls.auth.includes(used);
  if (beforeTls.auth.length > 0 && !unlisted) return null;
  const refusal = commandRefusal(context);
  if (!refusal) return null;
  return candidate(
    {
      id: 'auth-requires-tls',
      title: 'AUTH was sent before STARTTLS',
      summary: unlisted
        ? `The EHLO reply on the unencrypted connection lists STARTTLS and only AUTH ${beforeTls.auth.join(' ')}, and the client sent AUTH ${used} without running STARTTLS first, so the server refused it. Servers that protect passwords (Exchange's "offer basic authentication only after starting TLS", Postfix with smtpd_tls_auth_only) list password mechanisms only in the EHLO reply after STARTTLS.`
        : 'The EHLO reply on the unencrypted connection lists STARTTLS but no AUTH, and the client sent AUTH without running STARTTLS first, so the server refused the command. Servers that protect passwords (Postfix with smtpd_tls_auth_only, Exim on Debian and cPanel, Gmail) offer AUTH only in the EHLO reply after STARTTLS.',
      evidence: [pastedQuote(refusal), capsQuote(beforeTls)],
      fixes: [
        {
          text: "Turn on STARTTLS in the client (PHPMailer: SMTPSecure = 'tls', i.e. PHPMailer::ENCRYPTION_STARTTLS; nodemailer: secure false and no ignoreTLS; smtplib: starttls() then ehlo() before login()), so it sends EHLO again and then AUTH.",
          settings: { security: 'starttls' },
        },
        { text: 'Or use implicit TLS on port 465.', settings: { port: 465, security: 'tls' } },
      ],
      deadEnds: [
        { text: 'Changing the password', why: 'the server never checked it.' },
        unlisted
          ? {
              text: `Switching to ${beforeTls.auth.join(' or ')}`,
              why: 'the password mechanisms are offered after STARTTLS; what the server lists in the clear is for other logins (NTLM: Windows integrated sign-in).',
            }
          : { text: 'Forcing another mechanism', why: 'no mechanism is available before TLS.' },
      ],
      confidence: 'high',
    },
    'auth',
  );
}
