// server-proof rule: a SCRAM or DIGEST-MD5 server whose proof of the password does not verify.
import { serverProof } from '../../../src/diagnose/rules/server-proof.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { live } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const ABORTED = '501 5.7.0 Authentication aborted';

/** A configured session whose AUTH ended with this signature state (the exchange cancels on a mismatch). */
function withSignature(mechanism: string, serverSignature: string | undefined, final = ABORTED): Evidence {
  const evidence = live({ port: 587, security: 'starttls', until: { auth: final, mechanism } });
  const auth = evidence.sessions[0]?.record.auth;
  if (auth && serverSignature !== undefined) {
    auth.serverDetails = { iterations: '4096', serverSignature };
    if (serverSignature === 'mismatch') auth.result = 'cancelled';
  }
  return evidence;
}

export const cases: RuleCase[] = [
  [
    'a SCRAM-SHA-256 server signature that does not verify: the server could not prove the password',
    withSignature('SCRAM-SHA-256', 'mismatch'),
    [
      {
        id: 'protocol-violation',
        detail: 'scram-server-signature',
        confidence: 'high',
        fixes: ['server-proof.check-path', 'server-proof.reset-verifier', 'server-proof.other-mechanism'],
        says: /^The server could not prove it knows the password \(SCRAM-SHA-256\)[^]*man in the middle/,
      },
    ],
  ],
  [
    'a DIGEST-MD5 rspauth that does not verify, and the note that DIGEST-MD5 is historic',
    withSignature('DIGEST-MD5', 'mismatch'),
    [{ id: 'protocol-violation', detail: 'digest-md5-rspauth', says: /rspauth[^]*historic \(RFC 6331\)/ }],
  ],
  [
    'a verified signature is no finding',
    withSignature('SCRAM-SHA-1', 'verified', '235 2.7.0 Authentication successful'),
    [],
  ],
  [
    'a refusal before any signature is no finding',
    withSignature('SCRAM-SHA-256', undefined, '535 5.7.8 Authentication failed'),
    [],
  ],
];

testRule(serverProof, cases);
