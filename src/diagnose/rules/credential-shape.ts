// Rule: what the user name and the secret's shape reveal — stray whitespace, non-ASCII, the wrong user-name form, keys of the wrong kind.
import { definesNoCharset, UTF8_MECHANISM } from '../../knowledge/mechanisms.js';
import type { CredentialShapeData, ProviderData } from '../../knowledge/schema.js';
import type { Confidence, EvidenceQuote, Severity } from '../../model/finding.js';
import { describeShape, type SecretShape } from '../../model/secret.js';
import { quotedName } from '../../protocol/escape.js';
import type { CauseKey } from '../../knowledge/causes/index.js';
import { cause, fix, note, type FixRef } from '../cite.js';
import { providerCause } from '../cite-provider.js';
import type { DiagnoseContext } from '../context.js';
import { loginVerdict } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const credentialShape: Rule = {
  id: 'credential-shape',
  description:
    'User name and secret shape: stray whitespace, non-ASCII with a mechanism that defines no character set, the user-name form the provider wants, keys of the wrong kind (the provider’s credential shapes).',
  produces: ['credentials-rejected', 'credentials-missing', 'username-format'],
  run(context) {
    // Over the whole run: a login refused on another port or with another mechanism judged the same credentials.
    const verdict = loginVerdict(context);
    if (verdict === 'accepted') return [];
    const shape = context.secret;
    const user = context.username;
    // What the user gave us is quoted as input, not as a line of the transcript.
    const quotes: Record<'user' | 'shape', EvidenceQuote[]> = {
      user:
        user !== undefined
          ? [{ ...note('credential-shape.user-name', { user: quotedName(user) }), source: 'input' }]
          : [],
      shape: shape ? [{ text: describeShape(shape), source: 'input' }] : [],
    };
    if (shape?.length === 0)
      return [
        cause(
          context,
          'credential-shape.empty-secret',
          {
            evidence: quotes.shape,
            fixes: [fix('credential-shape.check-secret-source')],
            confidence: 'high',
            severity: 'error',
          },
          'credentials',
        ),
      ];
    // A rejected login makes a suspicious shape the likely cause; otherwise it is a warning about what will fail.
    const severity: Severity = verdict === 'rejected' ? 'error' : 'warning';
    const out: Candidate[] = [];
    if (shape && (shape.leadingWhitespace || shape.trailingWhitespace))
      out.push(
        cause(
          context,
          'credential-shape.secret-whitespace',
          {
            params: { leading: shape.leadingWhitespace, trailing: shape.trailingWhitespace },
            evidence: quotes.shape,
            fixes: [fix('credential-shape.strip-whitespace')],
            confidence: severity === 'error' ? 'high' : 'medium',
            severity,
          },
          'credentials',
        ),
      );
    if (user !== undefined && user !== user.trim())
      out.push(
        cause(
          context,
          'credential-shape.user-name-whitespace',
          {
            params: { user: quotedName(user) },
            evidence: quotes.user,
            fixes: [fix('credential-shape.trim-user-name', {}, { username: user.trim() })],
            confidence: 'high',
            severity,
          },
          'credentials',
        ),
      );
    if (shape?.classes.includes('non-ascii') && definesNoCharset(context.mechanism))
      out.push(
        cause(
          context,
          'credential-shape.non-ascii-without-charset',
          {
            params: { mechanism: context.mechanism },
            evidence: quotes.shape,
            fixes: [
              fix('credential-shape.use-plain', {}, { mechanism: UTF8_MECHANISM }),
              fix('credential-shape.ascii-password'),
            ],
            confidence: 'medium',
            severity,
          },
          'credentials',
        ),
      );
    const trimmed = user?.trim();
    const provider = context.provider;
    if (provider && trimmed !== undefined && trimmed !== '') {
      const form = userNameForm(context, provider, trimmed, quotes.user, severity);
      if (form) out.push(form);
      for (const known of provider.submission?.credentialShapes ?? [])
        if (fits(known, trimmed, shape))
          out.push(
            providerCause(
              known.cause,
              {
                provider,
                params: { user: quotedName(trimmed) },
                evidence: known.secretLength !== undefined ? [...quotes.user, ...quotes.shape] : quotes.user,
                severity,
              },
              'credentials',
              'configured',
            ),
          );
    }
    return out;
  },
};

/** The user name against the form the provider's submission settings ask for: a fixed word, or an e-mail address. */
function userNameForm(
  context: DiagnoseContext,
  provider: ProviderData,
  user: string,
  evidence: EvidenceQuote[],
  severity: Severity,
): Candidate | undefined {
  const form = provider.submission?.username;
  if (!form) return undefined;
  // A pasted user name with a space inside ("email address", "your email") is a placeholder the poster typed over the
  // real one: it says nothing about the form of the name the client sent. (A live run's user name is the real one.)
  if (context.configured === null && /\s/.test(user)) return undefined;
  const params = { provider: provider.name, form: form.text, user: quotedName(user), literal: form.literal };
  const cite = (key: CauseKey, confidence: Confidence, fixes: FixRef[]): Candidate =>
    cause(context, key, { params, evidence, fixes, confidence, severity, provider: provider.id }, 'credentials');
  if (form.form === 'literal' && form.literal !== undefined && user !== form.literal)
    return cite('credential-shape.user-name-literal', 'high', [
      fix('credential-shape.set-literal-user-name', {}, { username: form.literal }),
    ]);
  if (form.form === 'address' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(user))
    return cite('credential-shape.user-name-not-an-address', 'medium', [fix('credential-shape.use-address')]);
  return undefined;
}

/** A provider's credential shape holds for this user name and secret (every condition it gives). */
function fits(known: CredentialShapeData, user: string, secret: SecretShape | undefined): boolean {
  // Case-sensitive on purpose (see the schema): an access key id is upper case.
  const { matches, notMatches } = known.username ?? {};
  if (matches !== undefined && !new RegExp(matches, 'u').test(user)) return false;
  if (notMatches !== undefined && new RegExp(notMatches, 'u').test(user)) return false;
  return known.secretLength === undefined || secret?.length === known.secretLength;
}
