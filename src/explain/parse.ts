// Pasted text → Evidence: secrets redacted first, then replies, error codes, client messages and clues extracted.
import type { Evidence, EvidenceTarget, Mentions, Observation } from '../model/evidence.js';
import { describeEnhancedCode, describeReplyCode, typicalReplyCode, type CodeMeaning } from '../knowledge/codes.js';
import { emailDomainOf } from '../knowledge/identify.js';
import { oauthLoginSign } from '../knowledge/oauth-logins.js';
import { parseReplyText } from '../protocol/reply-parser.js';
import { clientHint, mechanismClue, mentionedHosts, targetClues, usernameClue } from './clues.js';
import { clientObservations } from './client-observations.js';
import { codeShapes } from './code-shapes.js';
import { knownTexts } from './known-texts.js';
import { normalizeInput } from './literals.js';
import { oauthChallenges } from './oauth-challenges.js';
import { redactSecrets } from './redact.js';
import { collapseRepeats } from './repeats.js';
import { replies } from './replies.js';
import { readPaste, type Paste } from './stream.js';
import { vagueObservations } from './vague-words.js';

export interface ExplainResult {
  evidence: Evidence;
  /** Meanings of the bare reply or enhanced codes the user asked about (empty for other text). */
  codes: CodeMeaning[];
  /** The text that was analysed, secrets already replaced. */
  text: string;
}

/**
 * Pasted text can be a whole log: a string beyond stream.ts's WHOLE_CHARS, or a paste read from a stream, is explained
 * from the lines that can matter, and the evidence says how much was kept.
 */
export function explainText(input: string | Paste): ExplainResult {
  const paste = typeof input === 'string' ? readPaste(input) : input;
  const normalized = normalizeInput(paste.text);
  const bare = bareCodes(normalized);
  if (bare) return bare;

  const redaction = redactSecrets(normalized, paste.secrets);
  const text = redaction.text;
  const read = collapseRepeats(replies(text));
  const messages = clientObservations(text);
  // No refusal in any shape the finder reads and no client message that says what failed: a code in a shape the
  // finder skips ("code":535, status 550) is still a reply.
  const shapes = read.some((r) => r.reply.code >= 400) || messages.length > 0 ? [] : codeShapes(text);
  const found = [...read, ...shapes, ...oauthChallenges(text, read)];
  const observations: Observation[] = [...found, ...knownTexts(text, found), ...messages];
  // The last resort: a text nothing else was read from (at most successes) still has its broad words ("timed out",
  // "x509", a code); the vague-words rule reads them only when no other rule found anything.
  if (observations.every((o) => o.kind === 'reply' && o.reply.code < 400))
    observations.push(...vagueObservations(text));

  const target: EvidenceTarget = targetClues(text);
  const username = redaction.username ?? usernameClue(text);
  if (username !== undefined) target.username = username;
  // No AUTH command quoted: the client's OAuth settings or token plug-in still say the login sent a token.
  const mechanism = redaction.mechanism ?? mechanismClue(text) ?? oauthLoginSign(text)?.mechanism;
  if (mechanism !== undefined) target.mechanism = mechanism.toUpperCase();

  // The provider is recognised from all of this by the door (check/explain.ts), not here.
  const evidence: Evidence = { origin: 'explain', sessions: [], observations, providerHints: [] };
  if (Object.keys(target).length > 0) evidence.target = target;
  const mentions = mentionsIn(text, username);
  if (mentions.hosts.length > 0 || mentions.emailDomains.length > 0) evidence.mentions = mentions;
  if (username !== undefined || redaction.secret) {
    evidence.credentials = {
      ...(username !== undefined ? { username } : {}),
      ...(redaction.secret ? { secret: redaction.secret } : {}),
    };
  }
  const client = clientHint(text);
  if (client) evidence.client = client;
  if (paste.input) evidence.input = paste.input;
  return { evidence, codes: [], text };
}

/** "535", "5.7.8", "235 535", "535 5.7.8": codes to look up rather than text to parse. */
function bareCodes(text: string): ExplainResult | null {
  // More than 12 tokens is text, however long: counted without splitting a whole log.
  const words = /[^\s,;]+/g;
  for (let n = 0; words.exec(text); n++) if (n >= 12) return null;
  const tokens = text
    .trim()
    .split(/[\s,;]+/)
    .filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 12) return null;
  if (!tokens.every((t) => /^[2-5]\d\d$/.test(t) || /^[245]\.\d{1,3}\.\d{1,3}$/.test(t))) return null;
  const codes: CodeMeaning[] = [];
  const observations: Observation[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (/^\d{3}$/.test(token)) {
      const meaning = describeReplyCode(Number(token));
      if (meaning) codes.push(meaning);
      // "535 5.7.8": a reply code with its enhanced code is one reply.
      if (next !== undefined && /^[245]\./.test(next) && next.charAt(0) === token.charAt(0)) {
        const enhanced = describeEnhancedCode(next);
        if (enhanced) codes.push(enhanced);
        pushReply(observations, `${token} ${next}`);
        i += 1;
      } else {
        pushReply(observations, token);
      }
    } else {
      const enhanced = describeEnhancedCode(token);
      if (enhanced) codes.push(enhanced);
      const code = typicalReplyCode(token);
      if (code !== null) pushReply(observations, `${code} ${token}`, token);
    }
  }
  return {
    evidence: { origin: 'explain', sessions: [], observations, providerHints: [] },
    codes,
    text: tokens.join(' '),
  };
}

function pushReply(observations: Observation[], wire: string, quote = wire): void {
  const reply = parseReplyText(wire);
  if (reply) observations.push({ kind: 'reply', reply, phase: null, quote });
}

/** The hosts and e-mail domains the text names; the user's own domain first when the user name is an address. */
function mentionsIn(text: string, username: string | undefined): Mentions {
  const mentioned = mentionedHosts(text);
  const own = emailDomainOf(username?.includes('@') ? username : undefined);
  const emailDomains =
    own === undefined ? mentioned.emailDomains : [own, ...mentioned.emailDomains.filter((d) => d !== own)];
  return { hosts: mentioned.hosts, emailDomains };
}
