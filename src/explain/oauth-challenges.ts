// OAuth error challenges anywhere in a paste: the base64 JSON a server sends instead of accepting a token, printed by
// clients in their own shapes ("Authentication Failed (code: 334), response: < eyJ…") where the reply finder sees none.
import { isOAuthErrorChallenge } from '../knowledge/oauth-errors.js';
import type { Observation } from '../model/evidence.js';
import { decodeBase64Strict } from '../protocol/base64.js';
import { parseReplyText } from '../protocol/reply-parser.js';
import { lineAt } from './lines.js';

type ReplyObservation = Extract<Observation, { kind: 'reply' }>;

/** Base64 of a JSON object starts with "eyJ" ('{"'); a challenge is short (Gmail's is under 200 characters). */
const RUN = /(?<![A-Za-z0-9+/])eyJ[A-Za-z0-9+/]{8,1000}={0,2}(?![A-Za-z0-9+/=.])/g;
/** How many candidate runs are decoded at most: a paste full of JWT-like runs costs no more than this. */
const MAX_TRIES = 20;

function decodesToChallenge(run: string): boolean {
  const bytes = decodeBase64Strict(run);
  if (!bytes) return false;
  try {
    return isOAuthErrorChallenge(JSON.parse(bytes.toString('utf8')));
  } catch {
    return false;
  }
}

/**
 * The error challenge a text shows outside any reply the finder read, as the 334 reply it came in, placed at AUTH.
 * None when a 334 reply the finder read already carries one.
 */
export function oauthChallenges(text: string, found: readonly ReplyObservation[]): ReplyObservation[] {
  if (found.some((o) => o.reply.code === 334 && decodesToChallenge(o.reply.text.trim()))) return [];
  let tries = 0;
  for (const m of text.matchAll(RUN)) {
    if (++tries > MAX_TRIES) break;
    // A dot after the run makes it a JWT's first segment (a token, not a server's answer).
    if (text[m.index - 1] === '.' || !decodesToChallenge(m[0])) continue;
    const reply = parseReplyText(`334 ${m[0]}\r\n`);
    if (!reply) continue;
    return [{ kind: 'reply', reply, phase: 'auth', quote: lineAt(text, m.index), certainty: 'inferred' }];
  }
  return [];
}
