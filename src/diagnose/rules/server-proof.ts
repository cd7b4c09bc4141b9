// Rule: a SCRAM or DIGEST-MD5 server whose proof of the password did not verify (a man in the middle or a stale verifier).
import { cause, fix, note } from '../cite.js';
import { replyQuote } from '../quotes.js';
import type { Rule } from '../types.js';

export const serverProof: Rule = {
  id: 'server-proof',
  description:
    'SCRAM’s server signature or DIGEST-MD5’s rspauth did not verify: the server could not prove it knows the password.',
  produces: ['protocol-violation'],
  run(context) {
    const at = context.configured;
    const auth = at?.record.auth;
    if (!at || !auth || auth.serverDetails?.serverSignature !== 'mismatch') return [];
    const mechanism = auth.mechanism.toUpperCase();
    const key = mechanism === 'DIGEST-MD5' ? 'server-proof.digest-rspauth' : 'server-proof.scram-signature';
    const evidence = [note('server-proof.mismatch', { mechanism }, at.index)];
    if (auth.reply) evidence.push(replyQuote(auth.reply, at));
    return [
      cause(
        context,
        key,
        {
          params: { mechanism, host: at.record.target.host },
          evidence,
          fixes: [
            fix('server-proof.check-path'),
            fix('server-proof.reset-verifier'),
            fix('server-proof.other-mechanism'),
          ],
          confidence: 'high',
        },
        'auth',
      ),
    ];
  },
};
