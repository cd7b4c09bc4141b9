// Rule: the configured login worked — and whether anything else the run saw stands between it and safe use.
import { replyQuote } from '../quotes.js';
import { cause, fix, note, type FixRef } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { historicMechanism, suggestMechanism } from '../../knowledge/mechanisms.js';
import { retirementParams } from '../../knowledge/oauth-errors.js';
import type { EvidenceQuote } from '../../model/finding.js';
import { escapeControl } from '../../protocol/escape.js';
import { successSignature } from '../reading/matching.js';
import { sessionsLeakingSecret } from '../secret-exposure.js';
import type { Rule } from '../types.js';

export const authOk: Rule = {
  id: 'auth-ok',
  description: 'The configured session authenticated.',
  produces: ['auth-ok'],
  run(context) {
    const configured = context.configured;
    const auth = configured?.record.auth;
    if (!configured || configured.record.outcome !== 'authenticated' || !auth?.reply) return [];
    const { host, port, security } = configured.record.target;
    const signature = successSignature(context, auth.reply, 'auth', 'auth-ok');
    const problems = otherProblems(context);
    const settings = { host, port, security, mechanism: auth.mechanism };
    const notes = warningNotes(context, auth.mechanism, configured.index);
    return [
      cause(
        context,
        'auth-ok.login-works',
        {
          params: {
            host,
            port,
            security,
            user: escapeControl(configured.record.username ?? ''),
            mechanism: auth.mechanism,
          },
          evidence: [replyQuote(auth.reply, configured), ...notes.evidence],
          fixes: [
            Object.values(problems).some(Boolean)
              ? fix('auth-ok.fix-problems-first', problems, settings)
              : fix('auth-ok.use-settings', {}, settings),
            ...notes.fixes,
          ],
          confidence: 'high',
          ...(signature !== undefined ? { signature } : {}),
        },
        'outcome',
      ),
    ];
  },
};

/** What else the run saw that the other rules report as an error or a warning: each is a sentence of the fix. */
function otherProblems(context: DiagnoseContext): Record<string, boolean> {
  const record = context.configured?.record;
  const verification = record?.tls?.verification;
  const unverified = verification !== undefined && !verification.ok;
  const send = record?.send?.result;
  return {
    certificateUnverified: unverified,
    checksOff: unverified && verification.acceptedInsecurely,
    inClear: sessionsLeakingSecret(context).length > 0,
    senderRefused: send === 'sender-rejected',
    recipientRefused: send === 'recipient-rejected',
    messageRefused: send === 'data-rejected',
    sendFailed: send === 'failed',
  };
}

/**
 * What works today but is on its way out, each with the source it relies on: a password login to Microsoft 365 (its
 * dated Basic-auth retirement statement), a historic mechanism (DIGEST-MD5, RFC 6331).
 */
function warningNotes(
  context: DiagnoseContext,
  mechanism: string,
  session: number,
): { evidence: EvidenceQuote[]; fixes: FixRef[] } {
  const evidence: EvidenceQuote[] = [];
  const fixes: FixRef[] = [];
  if (context.credential === 'password' && context.providerIds.includes('microsoft365')) {
    evidence.push(note('oauth.retirement-statement', retirementParams(), session));
    fixes.push(fix('auth-ok.plan-oauth-microsoft365', retirementParams()));
  }
  const historic = historicMechanism(mechanism);
  if (historic !== undefined) {
    const offered = context.configured
      ? ((context.configured.record.capabilities.afterTls ?? context.configured.record.capabilities.beforeTls)?.auth ??
        [])
      : [];
    const suggested = suggestMechanism(offered, mechanism.toUpperCase(), 'password');
    evidence.push(note('auth-ok.historic-mechanism', { mechanism, historic }, session));
    fixes.push(fix('auth-ok.prefer-current-mechanism', { mechanism, historic, suggested }));
  }
  return { evidence, fixes };
}
