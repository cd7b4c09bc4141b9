// Causes of the security-word rule: the user wrote "tls", which is implicit TLS here but STARTTLS in PHP mailers.
import type { CauseArea } from './types.js';

const SOURCES = [
  'PHPMailer/PHPMailer@v6.9.1:src/PHPMailer.php (ENCRYPTION_STARTTLS = "tls", ENCRYPTION_SMTPS = "ssl")',
  'laravel/framework:src/Illuminate/Mail/MailManager.php (createSmtpTransport: encryption "tls" → smtp:// with STARTTLS, smtps:// only on port 465)',
  'swiftmailer/swiftmailer@v6.3.0:lib/classes/Swift/Transport/EsmtpTransport.php (setEncryption "tls" = STARTTLS, "ssl" = implicit TLS)',
  'nodemailer: secure: true = implicit TLS; Python: SMTP_SSL = implicit TLS (the reading of "tls" smtp-doctor keeps, as in design.md’s CLI contract)',
];

export const securityWord = {
  causes: {
    'security-word.php-tls-means-starttls': {
      finding: 'tls-mode-mismatch',
      title:
        '{{#samePort}}Port {{port}} expects STARTTLS, not implicit TLS{{/samePort}}{{^samePort}}You wrote "tls": STARTTLS is what works, on port {{port}}{{/samePort}}',
      summary:
        'You wrote "{{word}}", which smtp-doctor reads as implicit TLS (TLS from the first byte, like nodemailer’s secure: true or Python’s SMTP_SSL), and that did not work{{#configuredPort}} on port {{configuredPort}}{{/configuredPort}}. In PHPMailer (SMTPSecure), Laravel (MAIL_ENCRYPTION) and SwiftMailer, "tls" means STARTTLS — which is what works here: port {{port}} with STARTTLS reached EHLO.',
      fixes: ['security-word.php-tls-is-starttls'],
      sources: SOURCES,
    },
  },
  fixes: {
    'security-word.php-tls-is-starttls': {
      text: 'If your application is PHP (PHPMailer, Laravel, SwiftMailer), its "tls" already means STARTTLS: keep it, with port {{port}}. To check that setting with smtp-doctor, write --security starttls{{^samePort}} --port {{port}}{{/samePort}}.',
      sources: SOURCES,
    },
  },
  notes: {
    'security-word.php-tls': {
      text: 'you wrote "{{word}}": here that is implicit TLS; in PHPMailer, Laravel and SwiftMailer "tls" means STARTTLS — which is what works here (port {{port}} with STARTTLS reached EHLO)',
    },
  },
} as const satisfies CauseArea;
