// Rule: the user wrote "tls" (implicit TLS here, STARTTLS in PHP mailers), implicit TLS failed and STARTTLS works.
import { note, cause, fix } from '../cite.js';
import { configuredFailure, reachedEhlo, workingAlternative } from '../reading/sessions.js';
import type { Rule } from '../types.js';

export const securityWord: Rule = {
  id: 'security-word',
  description:
    'The user wrote "tls" (implicit TLS here, STARTTLS in PHPMailer, Laravel and SwiftMailer), implicit TLS failed and STARTTLS works: says so.',
  produces: ['tls-mode-mismatch'],
  run(context) {
    const word = context.evidence.target?.securityAsWritten;
    const configured = context.configured;
    // The word as the user wrote it, recorded on the evidence: never read back from our own text.
    if (word !== 'tls' || !configured || configured.record.target.security !== 'tls') return [];
    if (reachedEhlo(configured.record)) return [];
    // A refused certificate is the certificate rule's: the mode was right, whatever the word meant.
    if (configuredFailure(context)?.kind === 'certificate-rejected') return [];
    const configuredPort = configured.record.target.port;
    const same = workingAlternative(context, { port: configuredPort, security: 'starttls' });
    const works = same ?? workingAlternative(context, { security: 'starttls' });
    if (!works) return [];
    const port = works.record.target.port;
    const samePort = same !== undefined;
    const params = { word, port, configuredPort, samePort };
    // On the same port this is the tls-mode finding (same id and detail: diagnose merges the note and the fix into it);
    // on another port the user's own settings failed for another reason, and this is what else was learned.
    return [
      cause(
        context,
        'security-word.php-tls-means-starttls',
        {
          params,
          evidence: [note('security-word.php-tls', params, works.index)],
          fixes: [fix('security-word.php-tls-is-starttls', params)],
          confidence: 'high',
          ...(samePort ? { detail: 'implicit-tls-on-starttls-port' } : { severity: 'info' as const }),
        },
        'tls',
        samePort ? 'configured' : 'alternative',
      ),
    ];
  },
};
