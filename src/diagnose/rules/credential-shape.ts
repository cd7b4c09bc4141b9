// Rule: what the user name and the secret's shape reveal — stray whitespace, non-ASCII, the wrong user-name form, AWS keys.
import type { EvidenceQuote, Severity } from '../../model/finding.js';
import { describeShape } from '../../model/secret.js';
import { quotedName } from '../../protocol/escape.js';
import { candidate } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import { loginVerdict } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

/** LOGIN defines no character set and CRAM-MD5 hashes raw bytes: the two ends may encode a non-ASCII secret differently. */
const NO_CHARSET = new Set(['LOGIN', 'CRAM-MD5']);
const AWS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SES_DOC = {
  title: 'Amazon SES: obtaining SMTP credentials',
  url: 'https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html',
};

export const credentialShape: Rule = {
  id: 'credential-shape',
  description:
    'User name and secret shape: stray whitespace, non-ASCII with LOGIN/CRAM-MD5, user-name form the provider wants, AWS keys used with SES.',
  produces: ['credentials-rejected', 'credentials-missing', 'username-format'],
  run(context) {
    // Over the whole run: a login refused on another port or with another mechanism judged the same credentials.
    const verdict = loginVerdict(context);
    if (verdict === 'accepted') return [];
    const out: Candidate[] = [];
    // A rejected login makes a suspicious shape the likely cause; otherwise it is a warning about what will fail.
    const severity: Severity = verdict === 'rejected' ? 'error' : 'warning';
    const user = context.username;
    const shape = context.secret;
    const userQuote: EvidenceQuote[] =
      user !== undefined ? [{ text: `user name ${quotedName(user)}`, source: 'input' }] : [];
    const shapeQuote: EvidenceQuote[] = shape ? [{ text: describeShape(shape), source: 'input' }] : [];
    const provider = context.provider;

    if (shape && shape.length === 0) {
      out.push(
        candidate(
          {
            id: 'credentials-missing',
            detail: 'empty-secret',
            title: 'The password is empty',
            summary: 'The secret has no characters: the variable or file it comes from is probably empty or unset.',
            evidence: shapeQuote,
            fixes: [
              {
                text: 'Check that the environment variable or secret store really holds the password where the client reads it.',
              },
            ],
            confidence: 'high',
            severity: 'error',
          },
          'credentials',
        ),
      );
      return out;
    }

    if (shape && (shape.leadingWhitespace || shape.trailingWhitespace)) {
      const where =
        shape.leadingWhitespace && shape.trailingWhitespace
          ? 'at both ends'
          : shape.leadingWhitespace
            ? 'at the start'
            : 'at the end';
      out.push(
        candidate(
          {
            id: 'credentials-rejected',
            detail: 'secret-whitespace',
            title: `The password has whitespace ${where}`,
            summary: `The secret sent to the server has whitespace ${where}; servers compare it byte for byte. Usually a trailing newline from a file or \`echo\`, or a space picked up when copying.`,
            evidence: shapeQuote,
            fixes: [
              {
                text: 'Remove the whitespace; when the secret comes from a file, strip the trailing newline (printf %s, or trim() in code).',
              },
            ],
            confidence: severity === 'error' ? 'high' : 'medium',
            severity,
          },
          'credentials',
        ),
      );
    }

    if (user !== undefined && user !== user.trim()) {
      out.push(
        candidate(
          {
            id: 'username-format',
            detail: 'whitespace',
            title: 'The user name has whitespace around it',
            summary: `The user name ${quotedName(user)} starts or ends with whitespace, which servers treat as part of the name.`,
            evidence: userQuote,
            fixes: [{ text: 'Remove the whitespace around the user name.', settings: { username: user.trim() } }],
            confidence: 'high',
            severity,
          },
          'credentials',
        ),
      );
    }

    if (shape?.classes.includes('non-ascii') && context.mechanism !== undefined && NO_CHARSET.has(context.mechanism)) {
      out.push(
        candidate(
          {
            id: 'credentials-rejected',
            detail: 'non-ascii',
            title: `A non-ASCII password with ${context.mechanism}`,
            summary: `The password contains non-ASCII characters and was sent with ${context.mechanism}, which defines no character set: the server may decode the bytes differently from how the client encoded them.`,
            evidence: shapeQuote,
            fixes: [
              { text: 'Use PLAIN, which carries UTF-8 by definition (RFC 4616).', settings: { mechanism: 'PLAIN' } },
              { text: 'Or change the password to ASCII characters only.' },
            ],
            confidence: 'medium',
            severity,
          },
          'credentials',
        ),
      );
    }

    const form = provider?.submission?.username;
    const trimmed = user?.trim();
    if (provider && form && trimmed !== undefined && trimmed !== '') {
      if (form.form === 'literal' && form.literal !== undefined && trimmed !== form.literal) {
        out.push(
          candidate(
            {
              id: 'username-format',
              detail: 'literal',
              title: `${provider.name} wants the user name "${form.literal}"`,
              summary: `${provider.name} expects ${form.text} as the SMTP user name, not ${quotedName(trimmed)}; the secret goes in the password field.`,
              evidence: userQuote,
              fixes: [{ text: `Set the user name to exactly ${form.literal}.`, settings: { username: form.literal } }],
              confidence: 'high',
              severity,
              provider: provider.id,
            },
            'credentials',
          ),
        );
      } else if (form.form === 'address' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(trimmed)) {
        out.push(
          candidate(
            {
              id: 'username-format',
              detail: 'not-an-address',
              title: `${provider.name} wants the full e-mail address as user name`,
              summary: `${provider.name} expects ${form.text}; ${quotedName(trimmed)} is not an e-mail address.`,
              evidence: userQuote,
              fixes: [{ text: 'Use the full e-mail address of the account as the user name.' }],
              confidence: 'medium',
              severity,
              provider: provider.id,
            },
            'credentials',
          ),
        );
      }
    }

    if (provider?.id === 'ses' && trimmed !== undefined)
      out.push(...sesChecks(context, trimmed, userQuote, shapeQuote, severity));
    return out;
  },
};

/**
 * SES SMTP user names ARE access key ids (AKIA…) — of the IAM user the SMTP credentials belong to. What fails: a
 * temporary ASIA… key, and the IAM secret access key (40 characters) used where the derived SMTP password (44) goes.
 */
function sesChecks(
  context: DiagnoseContext,
  user: string,
  userQuote: EvidenceQuote[],
  shapeQuote: EvidenceQuote[],
  severity: Severity,
): Candidate[] {
  const out: Candidate[] = [];
  const shape = context.secret;
  if (user.startsWith('ASIA') && AWS_KEY_ID.test(user)) {
    out.push(
      candidate(
        {
          id: 'credentials-rejected',
          detail: 'temporary-key',
          title: 'A temporary AWS key cannot log in to SES SMTP',
          summary:
            'The user name is a temporary (STS) access key id (ASIA…). SES SMTP credentials must come from a long-lived IAM user key, or from the SES console.',
          evidence: userQuote,
          fixes: [
            {
              text: 'Create SMTP credentials in the SES console (SMTP settings → Create SMTP credentials) for the region of your endpoint.',
            },
          ],
          confidence: 'high',
          severity,
          provider: 'ses',
          docs: [SES_DOC],
        },
        'credentials',
      ),
    );
  } else if (!AWS_KEY_ID.test(user)) {
    out.push(
      candidate(
        {
          id: 'username-format',
          detail: 'not-an-access-key',
          title: 'SES wants the SMTP user name (an access key id)',
          summary: `The SES SMTP user name is the 20-character access key id (AKIA…) shown with the SMTP credentials, not ${quotedName(user)}.`,
          evidence: userQuote,
          fixes: [{ text: 'Use the SMTP user name the SES console showed when the SMTP credentials were created.' }],
          confidence: 'high',
          severity,
          provider: 'ses',
          docs: [SES_DOC],
        },
        'credentials',
      ),
    );
  }
  if (shape && shape.length === 40 && AWS_KEY_ID.test(user)) {
    out.push(
      candidate(
        {
          id: 'credentials-rejected',
          detail: 'iam-secret-key',
          title: 'This looks like the IAM secret access key, not the SES SMTP password',
          summary:
            'The password is 40 characters long, like an AWS secret access key. The SES SMTP password is derived from that key for one region (44 characters, base64) — the secret key itself is refused.',
          evidence: [...userQuote, ...shapeQuote],
          fixes: [
            {
              text: 'Create SMTP credentials in the SES console for the region of your endpoint, and use the SMTP password it shows.',
            },
            {
              text: 'Or derive the SMTP password from the secret key with the SigV4 algorithm AWS documents, for the exact region.',
            },
          ],
          deadEnds: [
            {
              text: 'Adding IAM permissions',
              why: 'permissions are checked only after a successful login (554 Access denied).',
            },
          ],
          confidence: 'high',
          severity,
          provider: 'ses',
          docs: [SES_DOC],
        },
        'credentials',
      ),
    );
  }
  return out;
}
