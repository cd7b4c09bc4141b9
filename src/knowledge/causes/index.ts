// The cause catalogue: every rule's causes, fixes, dead ends and evidence notes, merged under namespaced keys.
import { authOffer } from './auth-offer.js';
import { authOk } from './auth-ok.js';
import { certificate } from './certificate.js';
import { clientSide } from './client-side.js';
import { connectionLost } from './connection-lost.js';
import { credentialShape } from './credential-shape.js';
import { deadline } from './deadline.js';
import { securityWord } from './security-word.js';
import { serverProof } from './server-proof.js';
import { greeting } from './greeting.js';
import { lockout } from './lockout.js';
import { mechanism } from './mechanism.js';
import { mechanismRetry } from './mechanism-retry.js';
import { network } from './network.js';
import { oauth } from './oauth.js';
import { plaintextLogin } from './plaintext-login.js';
import { replySignatures } from './reply-signatures.js';
import { shared } from './shared.js';
import { starttls } from './starttls.js';
import { testSend } from './test-send.js';
import { tlsHandshake } from './tls-handshake.js';
import { tlsMode } from './tls-mode.js';
import { vagueWords } from './vague-words.js';
import type { CauseArea, CauseEntry, DeadEndEntry, FixEntry, NoteEntry } from './types.js';

export type { CauseArea, CauseEntry, DeadEndEntry, FixEntry, NoteEntry } from './types.js';

/** Every area by name (the tests check that no key is defined twice: the merge below would hide it). */
export const CAUSE_AREAS: Readonly<Record<string, CauseArea>> = {
  shared,
  network,
  'tls-mode': tlsMode,
  greeting,
  'connection-lost': connectionLost,
  certificate,
  'tls-handshake': tlsHandshake,
  starttls,
  'auth-offer': authOffer,
  mechanism,
  'mechanism-retry': mechanismRetry,
  'credential-shape': credentialShape,
  'client-side': clientSide,
  'reply-signatures': replySignatures,
  lockout,
  'auth-ok': authOk,
  'plaintext-login': plaintextLogin,
  'test-send': testSend,
  deadline,
  'security-word': securityWord,
  'server-proof': serverProof,
  'vague-words': vagueWords,
  oauth,
};

export const CAUSES = {
  ...shared.causes,
  ...network.causes,
  ...tlsMode.causes,
  ...greeting.causes,
  ...connectionLost.causes,
  ...certificate.causes,
  ...tlsHandshake.causes,
  ...starttls.causes,
  ...authOffer.causes,
  ...mechanism.causes,
  ...mechanismRetry.causes,
  ...credentialShape.causes,
  ...clientSide.causes,
  ...replySignatures.causes,
  ...lockout.causes,
  ...authOk.causes,
  ...plaintextLogin.causes,
  ...testSend.causes,
  ...deadline.causes,
  ...securityWord.causes,
  ...serverProof.causes,
  ...vagueWords.causes,
  ...oauth.causes,
} satisfies Record<string, CauseEntry>;

export const FIXES = {
  ...shared.fixes,
  ...network.fixes,
  ...tlsMode.fixes,
  ...greeting.fixes,
  ...connectionLost.fixes,
  ...certificate.fixes,
  ...tlsHandshake.fixes,
  ...starttls.fixes,
  ...authOffer.fixes,
  ...mechanism.fixes,
  ...mechanismRetry.fixes,
  ...credentialShape.fixes,
  ...clientSide.fixes,
  ...replySignatures.fixes,
  ...lockout.fixes,
  ...authOk.fixes,
  ...plaintextLogin.fixes,
  ...testSend.fixes,
  ...deadline.fixes,
  ...securityWord.fixes,
  ...serverProof.fixes,
  ...oauth.fixes,
} satisfies Record<string, FixEntry>;

export const DEAD_ENDS = {
  ...shared.deadEnds,
  ...network.deadEnds,
  ...tlsMode.deadEnds,
  ...greeting.deadEnds,
  ...connectionLost.deadEnds,
  ...certificate.deadEnds,
  ...tlsHandshake.deadEnds,
  ...starttls.deadEnds,
  ...authOffer.deadEnds,
  ...mechanism.deadEnds,
  ...mechanismRetry.deadEnds,
  ...credentialShape.deadEnds,
  ...clientSide.deadEnds,
  ...replySignatures.deadEnds,
  ...lockout.deadEnds,
  ...authOk.deadEnds,
  ...plaintextLogin.deadEnds,
  ...testSend.deadEnds,
  ...deadline.deadEnds,
  ...serverProof.deadEnds,
  ...oauth.deadEnds,
} satisfies Record<string, DeadEndEntry>;

export const NOTES = {
  ...shared.notes,
  ...network.notes,
  ...tlsMode.notes,
  ...greeting.notes,
  ...connectionLost.notes,
  ...certificate.notes,
  ...tlsHandshake.notes,
  ...starttls.notes,
  ...authOffer.notes,
  ...mechanism.notes,
  ...mechanismRetry.notes,
  ...credentialShape.notes,
  ...clientSide.notes,
  ...replySignatures.notes,
  ...lockout.notes,
  ...authOk.notes,
  ...plaintextLogin.notes,
  ...testSend.notes,
  ...deadline.notes,
  ...securityWord.notes,
  ...serverProof.notes,
  ...oauth.notes,
} satisfies Record<string, NoteEntry>;

export type CauseKey = keyof typeof CAUSES;
export type FixKey = keyof typeof FIXES;
export type DeadEndKey = keyof typeof DEAD_ENDS;
export type NoteKey = keyof typeof NOTES;
