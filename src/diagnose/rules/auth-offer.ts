// Rule: the server offers no AUTH here, or only after TLS — credentials are then never tested, whatever the client says.
import { refusesAuthCommand } from '../../knowledge/codes.js';
import type { Observation } from '../../model/evidence.js';
import type { Confidence, EvidenceQuote } from '../../model/finding.js';
import type { Capabilities } from '../../model/session.js';
import { pastedQuote, stepQuote } from '../quotes.js';
import { cause, deadEnd, fix, note, type DeadEndRef, type FixRef } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { effectiveCapabilities } from '../reading/sessions.js';
import { clientMessages } from '../reading/pasted.js';
import { provenFixes } from '../proven.js';
import type { Candidate, Rule } from '../types.js';

export const authOffer: Rule = {
  id: 'auth-offer',
  description:
    'AUTH missing from the EHLO reply: not offered at all, or only after STARTTLS; the credentials were then never tested.',
  produces: ['auth-not-offered', 'auth-requires-tls'],
  run(context) {
    const facts = context.configured ? fromSession(context, context.configured) : fromPasted(context);
    return facts.map((f) => cite(context, f));
  },
};

/** What the evidence says about the AUTH offer, live or pasted, as the same facts (in the order they are reported). */
type OfferFact =
  /** The user's settings use no TLS, so smtp-doctor withheld the credentials. */
  | {
      kind: 'plaintext-settings';
      quote: EvidenceQuote;
      offersStarttls: boolean;
      authOnlyAfterTls: boolean;
    }
  /** The client itself refused to send the password over the unencrypted connection. */
  | { kind: 'client-refuses-plaintext'; quote: EvidenceQuote }
  /** The EHLO reply lists no AUTH (`unsure`: or TLS was not on yet — the other reading of the same text). */
  | {
      kind: 'not-offered';
      evidence: EvidenceQuote[];
      afterTls: boolean;
      unsure: boolean;
      /** A session of the run on another port that offers AUTH. */
      offeredElsewhere: IndexedSession | undefined;
      /** The client never sent AUTH (smtp-doctor withheld it). */
      neverSent: boolean;
      confidence: Confidence;
    }
  /** The client looked for AUTH before running STARTTLS. */
  | { kind: 'only-after-starttls'; evidence: EvidenceQuote[]; listsStarttls: boolean | null }
  /** The transcript shows AUTH sent on the unencrypted connection and refused as a command. */
  | { kind: 'auth-before-starttls'; evidence: EvidenceQuote[]; offered: readonly string[]; unlisted: boolean };

function fromSession(context: DiagnoseContext, configured: IndexedSession): OfferFact[] {
  const record = configured.record;
  const authStep = record.steps.find((s) => s.step === 'auth');
  if (authStep?.result !== 'skipped') return [];
  const before = record.capabilities.beforeTls;
  const caps = effectiveCapabilities(record);
  const plaintext = !record.tls && record.target.security === 'none';
  const quote = stepQuote(configured, 'auth', note('auth-offer.auth-skipped', { plaintext }));
  // In the clear with no AUTH listed, and the same port over STARTTLS lists none either: TLS is no cure, the server
  // has no login here at all (a port for server-to-server mail), whatever the user's settings.
  const overTls = plaintext && before?.auth.length === 0 ? noAuthAfterStarttls(context, configured) : undefined;
  if (overTls) {
    const after = overTls.record.capabilities.afterTls;
    return [notOfferedHere(context, [quote, ...(after ? [capabilitiesNote(after, overTls.index)] : [])], true)];
  }
  if (plaintext)
    return [
      {
        kind: 'plaintext-settings',
        quote,
        offersStarttls: before?.starttls ?? false,
        authOnlyAfterTls: before !== undefined && before.auth.length === 0,
      },
    ];
  if (!caps || caps.auth.length > 0) return [];
  return [notOfferedHere(context, [quote, capabilitiesNote(caps, configured.index)], record.tls !== undefined)];
}

/** No AUTH on the configured endpoint, told by the sessions: a port of the run that offers it is the way out. */
function notOfferedHere(context: DiagnoseContext, evidence: EvidenceQuote[], afterTls: boolean): OfferFact {
  const offeredElsewhere = context.alternatives.find((s) => (effectiveCapabilities(s.record)?.auth.length ?? 0) > 0);
  return {
    kind: 'not-offered',
    evidence,
    afterTls,
    unsure: false,
    offeredElsewhere,
    neverSent: true,
    confidence: offeredElsewhere ? 'high' : 'medium',
  };
}

/** A session of the run on the configured host and port that ran STARTTLS and got an EHLO reply with no AUTH. */
function noAuthAfterStarttls(context: DiagnoseContext, configured: IndexedSession): IndexedSession | undefined {
  const { host, port } = configured.record.target;
  return context.alternatives.find(
    (s) =>
      s.record.target.host === host &&
      s.record.target.port === port &&
      s.record.target.security === 'starttls' &&
      s.record.capabilities.afterTls?.auth.length === 0,
  );
}

/** Steps a session takes once its login is settled: a reply placed at one shows the client went past the EHLO. */
const AFTER_EHLO: ReadonlySet<string> = new Set(['auth', 'mail', 'rcpt', 'data']);

function fromPasted(context: DiagnoseContext): OfferFact[] {
  const out: OfferFact[] = [];
  const { beforeTls, afterTls } = context.pastedCapabilities;
  const message = clientMessages(context, 'auth-not-advertised')[0];
  // A client that runs STARTTLS itself whenever it is listed: the EHLO reply it found without AUTH is the last one.
  const withTls = clientMessages(context, 'auth-not-advertised-with-tls')[0];
  const refused = clientMessages(context, 'client-refuses-plaintext-auth')[0];
  if (refused) out.push({ kind: 'client-refuses-plaintext', quote: pastedQuote(refused) });
  const beforeStarttls = authSentBeforeStarttls(context);
  if (beforeStarttls) return [...out, beforeStarttls];
  // AUTH sent after an EHLO over TLS that lists none, and refused as a command: the server has no login here.
  const refusedAfterTls = afterTls && afterTls.auth.length === 0 ? commandRefusal(context) : undefined;
  // The server's go-ahead to STARTTLS shows the client did start TLS: a session that ends there failed in TLS.
  const wentAhead = context.evidence.observations.some(
    (o) => o.kind === 'reply' && o.phase === 'starttls' && o.reply.code === 220,
  );
  const unsent = beforeTls && beforeTls.auth.length === 0 && !afterTls && !wentAhead && context.auth === 'unknown';
  if (withTls && !message && !refusedAfterTls) {
    const evidence = [
      pastedQuote(withTls),
      ...[afterTls ?? beforeTls].flatMap((c) => (c ? [capabilitiesNote(c)] : [])),
    ];
    const started = afterTls !== undefined || beforeTls?.starttls === true;
    return [
      ...out,
      {
        kind: 'not-offered',
        offeredElsewhere: undefined,
        neverSent: false,
        evidence,
        afterTls: started,
        unsure: false,
        confidence: 'medium',
      },
    ];
  }
  // A transcript that stops at an EHLO over TLS listing no AUTH, with no login, envelope or refusal after it: the
  // client had nothing to log in with there and gave up (RFC 4954 §3: no AUTH keyword, no AUTH command).
  const endedAtTlsEhlo =
    afterTls !== undefined &&
    afterTls.auth.length === 0 &&
    context.auth === 'unknown' &&
    !context.evidence.observations.some(
      (o) => o.kind === 'reply' && (o.reply.code >= 400 || (o.phase !== null && AFTER_EHLO.has(o.phase))),
    );
  if (!message && !unsent && !refusedAfterTls && !endedAtTlsEhlo) return out;
  const evidence = message ? [pastedQuote(message)] : refusedAfterTls ? [pastedQuote(refusedAfterTls)] : [];
  if (beforeTls) evidence.push(capabilitiesNote(beforeTls));
  const notOffered = { kind: 'not-offered', offeredElsewhere: undefined, neverSent: false } as const;
  if (afterTls && afterTls.auth.length === 0)
    return [
      ...out,
      {
        ...notOffered,
        evidence: [...evidence, capabilitiesNote(afterTls)],
        afterTls: true,
        unsure: false,
        // Read from the transcript's end alone, without the client's or the server's word on it.
        confidence: message || refusedAfterTls ? 'high' : 'medium',
      },
    ];
  const listsStarttls = beforeTls?.starttls ?? null;
  if (listsStarttls !== false && !afterTls) out.push({ kind: 'only-after-starttls', evidence, listsStarttls });
  // An EHLO reply shown without STARTTLS: TLS cannot bring AUTH here, so no login is offered on this port. Without
  // the reply, the same text also reads as a server that offers no login at all.
  if (listsStarttls === false)
    out.push({ ...notOffered, evidence, afterTls: false, unsure: false, confidence: 'medium' });
  else if (listsStarttls === null)
    out.push({ ...notOffered, evidence, afterTls: false, unsure: true, confidence: 'low' });
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
function authSentBeforeStarttls(context: DiagnoseContext): OfferFact | undefined {
  const { beforeTls, afterTls } = context.pastedCapabilities;
  if (context.tlsAtAuth !== false || afterTls || !beforeTls?.starttls) return undefined;
  const used = context.mechanism;
  const unlisted = beforeTls.auth.length > 0 && used !== undefined && !beforeTls.auth.includes(used);
  if (beforeTls.auth.length > 0 && !unlisted) return undefined;
  const refusal = commandRefusal(context);
  if (!refusal) return undefined;
  return {
    kind: 'auth-before-starttls',
    evidence: [pastedQuote(refusal), capabilitiesNote(beforeTls)],
    offered: beforeTls.auth,
    unlisted,
  };
}

function cite(context: DiagnoseContext, fact: OfferFact): Candidate {
  switch (fact.kind) {
    case 'plaintext-settings':
      return cause(
        context,
        'auth-offer.plaintext-settings',
        {
          params: { offersStarttls: fact.offersStarttls, authOnlyAfterTls: fact.authOnlyAfterTls },
          evidence: [fact.quote],
          fixes: tlsFixes(context, fact.offersStarttls),
          deadEnds: [deadEnd('auth-offer.send-in-clear')],
          confidence: 'high',
        },
        'auth',
      );
    case 'client-refuses-plaintext':
      return cause(
        context,
        'auth-offer.client-refuses-plaintext',
        {
          evidence: [fact.quote],
          fixes: [
            fix('auth-offer.go-starttls-on-587', {}, { port: 587, security: 'starttls' }),
            fix('auth-offer.go-implicit-on-465', {}, { port: 465, security: 'tls' }),
          ],
          confidence: 'high',
        },
        'auth',
      );
    case 'not-offered': {
      const elsewhere = fact.offeredElsewhere?.record;
      const fixes: FixRef[] = elsewhere
        ? [
            fix(
              'auth-offer.port-offering-auth',
              {
                port: elsewhere.target.port,
                security: elsewhere.target.security,
                mechanisms: effectiveCapabilities(elsewhere)?.auth ?? [],
              },
              { port: elsewhere.target.port, security: elsewhere.target.security },
            ),
          ]
        : [fix('auth-offer.submission-port'), ...(fact.unsure ? [] : [fix('auth-offer.enable-sasl')])];
      return cause(
        context,
        'auth-offer.not-offered',
        {
          params: { afterTls: fact.afterTls, unsure: fact.unsure },
          evidence: fact.evidence,
          fixes,
          deadEnds: fact.neverSent ? [deadEnd('change-password.never-sent')] : [],
          confidence: fact.confidence,
        },
        'auth',
      );
    }
    case 'only-after-starttls':
      return cause(
        context,
        'auth-offer.only-after-starttls',
        {
          params: { listsStarttls: fact.listsStarttls === true },
          evidence: fact.evidence,
          fixes: starttlsFirst(),
          deadEnds: [deadEnd('change-password.never-sent')],
          confidence: fact.listsStarttls === true ? 'high' : 'medium',
        },
        'auth',
      );
    case 'auth-before-starttls': {
      const mechanismDeadEnd: DeadEndRef = fact.unlisted
        ? deadEnd('auth-offer.switch-to-listed')
        : deadEnd('auth-offer.force-mechanism');
      return cause(
        context,
        'auth-offer.auth-before-starttls',
        {
          params: { unlisted: fact.unlisted, offered: fact.offered, mechanism: context.mechanism },
          evidence: fact.evidence,
          fixes: starttlsFirst(),
          deadEnds: [deadEnd('change-password.never-checked'), mechanismDeadEnd],
          confidence: 'high',
        },
        'auth',
      );
    }
  }
}

function starttlsFirst(): FixRef[] {
  return [
    fix('auth-offer.starttls-before-auth', {}, { security: 'starttls' }),
    fix('auth-offer.implicit-on-465', {}, { port: 465, security: 'tls' }),
  ];
}

/**
 * What the probe proved first (a login over TLS, else TLS that reached AUTH), then, when the server lists STARTTLS
 * here and the probe did not try it, STARTTLS on this port as the server's own offer; generic advice only when neither.
 */
function tlsFixes(context: DiagnoseContext, offersStarttls: boolean): FixRef[] {
  const port = context.configured?.record.target.port;
  const fixes = provenFixes(context);
  const starttlsProvenHere = fixes.some((f) => f.settings?.port === port && f.settings?.security === 'starttls');
  // Tried there and not proven (refused, or a certificate that does not verify): not a fix to offer blindly.
  const triedHere = context.alternatives.some(
    (s) => s.record.target.port === port && s.record.target.security === 'starttls',
  );
  if (offersStarttls && port !== undefined && !starttlsProvenHere && !triedHere)
    fixes.push(
      fix('auth-offer.starttls-here-untested', { port, or: fixes.length > 0 }, { port, security: 'starttls' }),
    );
  if (fixes.length === 0) fixes.push(fix('auth-offer.submission-port-tls', {}, { port: 465, security: 'tls' }));
  return fixes;
}

/** The EHLO extensions a session (or the pasted text) showed, as smtp-doctor states them. */
function capabilitiesNote(caps: Capabilities, session?: number): EvidenceQuote {
  const quote = note('ehlo.capabilities', { extensions: Object.keys(caps.extensions) }, session);
  return session === undefined ? { ...quote, source: 'pasted' } : quote;
}
