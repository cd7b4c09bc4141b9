// Rule: the SASL mechanism the client used (or wanted) is not among those the server offers.
import { offersOnlyUncommonMechanisms, suggestMechanism } from '../../knowledge/mechanisms.js';
import type { Confidence, EvidenceQuote } from '../../model/finding.js';
import { pastedQuote, replyQuote, stepQuote } from '../quotes.js';
import { SASL_MECHANISMS } from '../../protocol/sasl/registry.js';
import { cause, deadEnd, fix, note, type FixRef } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { effectiveCapabilities } from '../reading/sessions.js';
import { clientMessages } from '../reading/pasted.js';
import type { Candidate, Rule } from '../types.js';

export const mechanism: Rule = {
  id: 'mechanism',
  description:
    'The SASL mechanism used is not offered by the server (or none of the offered ones suits the client), or is offered and smtp-doctor does not speak it.',
  produces: ['mechanism-unsupported'],
  run(context) {
    const unspoken = context.configured ? notImplemented(context, context.configured) : [];
    if (unspoken.length > 0) return unspoken;
    const found = context.configured ? fromSession(context, context.configured) : fromPasted(context);
    if (!found) return [];
    return [
      cause(
        context,
        'mechanism.not-offered',
        {
          params: {
            mechanism: found.used,
            offered: found.offered,
            listed: found.listed,
            secretMismatch: found.secretMismatch,
          },
          evidence: found.evidence,
          fixes: [suggestion(context, found)],
          confidence: found.confidence,
        },
        'auth',
      ),
    ];
  },
};

/** A mechanism the client and the server do not share, live or pasted, as the same facts. */
interface Mismatch {
  evidence: EvidenceQuote[];
  /** The mechanism the client used or asked for, when known. */
  used: string | undefined;
  offered: readonly string[];
  /** The evidence shows the server's list (otherwise only the client's word that nothing fits). */
  listed: boolean;
  /** Nothing was used because no offered mechanism carries this kind of secret (smtp-doctor's own choice). */
  secretMismatch: boolean;
  confidence: Confidence;
}

function fromSession(context: DiagnoseContext, configured: IndexedSession): Mismatch | undefined {
  const record = configured.record;
  const offered = effectiveCapabilities(record)?.auth ?? [];
  const auth = record.auth;
  const step = record.steps.find((s) => s.step === 'auth');
  const skippedNoMatch =
    step?.result === 'skipped' && offered.length > 0 && !record.injection && record.tls !== undefined;
  if (!((auth && !auth.offered && auth.result !== 'accepted') || skippedNoMatch)) return undefined;
  const token = context.credential === 'token';
  return {
    evidence: [
      auth?.reply
        ? replyQuote(auth.reply, configured)
        : stepQuote(configured, 'auth', note('mechanism.none-usable', { offered, token })),
      note('mechanism.offered', { offered }, configured.index),
    ],
    used: auth?.mechanism ?? (step?.reason === 'mechanism-not-offered' ? context.mechanism : undefined),
    offered,
    listed: true,
    secretMismatch: auth === undefined && step?.reason !== 'mechanism-not-offered',
    confidence: 'high',
  };
}

/**
 * The user forced a mechanism the server lists and smtp-doctor does not speak (NTLM, GSSAPI, SCRAM-SHA-256-PLUS…): the
 * session sent no AUTH. Not a mismatch with the server: the login is untested, and a spoken mechanism it offers would
 * test it.
 */
function notImplemented(context: DiagnoseContext, configured: IndexedSession): Candidate[] {
  const step = configured.record.steps.find((s) => s.step === 'auth');
  const used = context.mechanism;
  if (step?.result !== 'skipped' || step.reason !== 'mechanism-not-implemented' || used === undefined) return [];
  const offered = effectiveCapabilities(configured.record)?.auth ?? [];
  const credential = context.credential === 'token' ? 'token' : 'password';
  const spoken = SASL_MECHANISMS.filter((m) => m.credential === credential && offered.includes(m.name)).map(
    (m) => m.name,
  );
  const [suggested, ...others] = spoken;
  const fixes: FixRef[] = [];
  if (suggested !== undefined)
    fixes.push(fix('mechanism.check-with-spoken', { suggested, others }, { mechanism: suggested }));
  fixes.push(fix('mechanism.client-speaks-it', { mechanism: used }));
  return [
    cause(
      context,
      'mechanism.not-implemented',
      {
        params: { mechanism: used, offered, spoken },
        evidence: [
          stepQuote(configured, 'auth', note('mechanism.offered', { offered })),
          note('mechanism.offered', { offered }, configured.index),
        ],
        fixes,
        deadEnds: [deadEnd('change-password.never-sent')],
        confidence: 'high',
      },
      'auth',
    ),
  ];
}

function fromPasted(context: DiagnoseContext): Mismatch | undefined {
  const message = clientMessages(context, 'no-common-mechanism')[0];
  const { beforeTls, afterTls } = context.pastedCapabilities;
  const caps = afterTls ?? beforeTls;
  const used = context.mechanism;
  const unlisted = caps !== undefined && used !== undefined && caps.auth.length > 0 && !caps.auth.includes(used);
  // The list in the clear of a server that offers STARTTLS is not the last word: password mechanisms often appear
  // only after it (the auth-offer rule says so first).
  const beforeStarttls = !afterTls && caps?.starttls === true && context.tlsAtAuth === false;
  // Only mechanisms few clients implement (DIGEST-MD5 alone, GSSAPI, NTLM), no other list to come, and no AUTH the
  // server answered: the client most likely had none it could run (a likely reading, not a shown one).
  const uncommon =
    caps !== undefined &&
    !caps.starttls &&
    offersOnlyUncommonMechanisms(caps.auth) &&
    !context.evidence.observations.some((o) => o.kind === 'reply' && o.phase === 'auth');
  if (!message && !unlisted && !uncommon) return undefined;
  const offered = caps?.auth ?? [];
  return {
    evidence: message ? [pastedQuote(message)] : [{ ...note('mechanism.offered', { offered }), source: 'pasted' }],
    used,
    offered,
    listed: offered.length > 0,
    secretMismatch: false,
    confidence: message ? 'medium' : beforeStarttls || !unlisted ? 'low' : 'high',
  };
}

/** The best mechanism the server offers for this kind of secret (knowledge/mechanisms.ts), else its whole list. */
function suggestion(context: DiagnoseContext, found: Mismatch): FixRef {
  const suggested = suggestMechanism(found.offered, found.used, context.credential);
  return suggested
    ? fix('mechanism.use-offered', { suggested, offered: found.offered }, { mechanism: suggested })
    : fix('mechanism.choose-from-list', { offered: found.offered });
}
