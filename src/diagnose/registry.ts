// Rule registry: the table of contents of the diagnosis. Order matters only to break ties between equal findings.
import { authOffer } from './rules/auth-offer.js';
import { authOk } from './rules/auth-ok.js';
import { certificate } from './rules/certificate.js';
import { clientSide } from './rules/client-side.js';
import { connectionLost } from './rules/connection-lost.js';
import { credentialShape } from './rules/credential-shape.js';
import { deadline } from './rules/deadline.js';
import { greeting } from './rules/greeting.js';
import { lockout } from './rules/lockout.js';
import { mechanism } from './rules/mechanism.js';
import { mechanismRetry } from './rules/mechanism-retry.js';
import { network } from './rules/network.js';
import { oauth } from './rules/oauth.js';
import { plaintextLogin } from './rules/plaintext-login.js';
import { replySignatures } from './rules/reply-signatures.js';
import { starttls } from './rules/starttls.js';
import { tlsHandshake } from './rules/tls-handshake.js';
import { testSend } from './rules/test-send.js';
import { tlsMode } from './rules/tls-mode.js';
import { securityWord } from './rules/security-word.js';
import { serverProof } from './rules/server-proof.js';
import { lastResort, vagueWords } from './rules/vague-words.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  network,
  tlsMode,
  securityWord,
  greeting,
  connectionLost,
  certificate,
  tlsHandshake,
  starttls,
  authOffer,
  serverProof,
  mechanism,
  mechanismRetry,
  credentialShape,
  clientSide,
  replySignatures,
  oauth,
  lockout,
  authOk,
  plaintextLogin,
  testSend,
  deadline,
  // Last: it speaks only when every rule above found nothing.
  lastResort(vagueWords, () => RULES),
];
