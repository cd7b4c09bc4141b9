// GMX and WEB.DE (United Internet): external mail-program access is off by default, so correct passwords fail.
import type { ProviderInput } from '../schema.js';

const toggleDoc = { title: 'GMX: turn POP3/IMAP access on', url: 'https://support.gmx.com/pop-imap/toggle.html' };

export const gmx: ProviderInput = {
  id: 'gmx',
  name: 'GMX / WEB.DE',
  kind: 'mailbox',
  recognise: {
    hosts: ['mail.gmx.net', 'mail.gmx.com', 'smtp.gmx.net', 'smtp.gmx.com', 'smtp.web.de'],
    mxHosts: ['mx*.gmx.net', 'mx*.gmx.com', 'mx*.web.de'],
    emailDomains: ['gmx.net', 'gmx.de', 'gmx.com', 'gmx.at', 'gmx.ch', 'web.de'],
  },
  submission: {
    endpoints: [
      { host: 'smtp.web.de', port: 587, security: 'starttls', domains: ['web.de'] },
      { host: 'mail.gmx.com', port: 587, security: 'starttls', domains: ['gmx.com'] },
      { host: 'mail.gmx.net', port: 587, security: 'starttls' },
      { host: 'mail.gmx.net', port: 465, security: 'tls' },
    ],
    username: { form: 'address', text: 'your full e-mail address (WEB.DE: the address or the account name)' },
    secret: 'the account password (an app-specific password when two-factor authentication is on)',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: [
      'POP3/IMAP/SMTP access must be switched on in the webmail settings first; it is off by default and switched off again after long non-use.',
    ],
    sources: [
      "deltachat/provider-db@5c14381:_providers/gmx.net.md (mail.gmx.net 465 SSL / 587 STARTTLS; 'You must allow IMAP access ... before you can login'; https://support.gmx.com/pop-imap/toggle.html)",
      'deltachat/provider-db@5c14381:_providers/web.de.md (smtp.web.de 587 STARTTLS; enable IMAP at https://hilfe.web.de/pop-imap/einschalten.html)',
      'observed:https://github.com/thunderbird/autoconfig/issues/135 (mail.gmx.com / mail.gmx.net 465 SSL and 587 STARTTLS reachable)',
    ],
    verified: '2026-11-24',
  },
  docs: [toggleDoc],
  signatures: [
    {
      id: 'gmx.service-not-available',
      phases: ['greeting'],
      match: { codes: [554], text: 'Nemesis ESMTP Service not available' },
      // The greeting refusal of United Internet's mail servers ("Nemesis"): first line of a multi-line 554 whose later
      // lines give the reason (e.g. "No SMTP service", "IP address is block listed"). Read from the words alone too, as
      // clients that keep only the first line print it without its code.
      standalone: 'Nemesis ESMTP Service not available',
      causes: [
        {
          finding: 'service-unavailable',
          detail: 'client-refused',
          title: 'GMX / WEB.DE refuses service to this client',
          summary:
            'The server refused the session at its greeting, before any login: GMX and WEB.DE do this for addresses on their block lists (dynamic or residential ranges, addresses with a poor reputation) and for clients without proper reverse DNS. The lines after the first one name the reason.',
          confidence: 'medium',
          fixes: [
            { text: 'Read the whole reply (all its lines): it names the reason, often a block-listed IP address.' },
            {
              text: 'Send through your own provider’s submission server (587 or 465, with a login) instead of connecting to GMX’s receiving servers from this address.',
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'no login was attempted.' }],
        },
      ],
      samples: [
        '554-gmx.net (mxgmx117) Nemesis ESMTP Service not available\n554-No SMTP service\n554 IP address is block listed.',
      ],
      sources: [
        'observed:https://github.com/OpenSMTPD/OpenSMTPD/issues/446 (GMX: 554-… Service not available / 554-No SMTP service)',
        'observed:https://github.com/chatmail/async-smtp/pull/53 (GMX: "gmx.net (mxgmx117) Nemesis ESMTP Service not available", the full reply adding "No SMTP service; IP address is block listed.")',
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
    {
      id: 'gmx.smtp-access-disabled',
      phases: ['auth'],
      match: { codes: [535], text: 'Authentication credentials invalid' },
      scope: 'provider',
      causes: [
        {
          finding: 'smtp-auth-disabled',
          detail: 'protocol-access',
          title: 'External mail-program access is switched off',
          summary:
            'GMX and WEB.DE refuse even the correct password until "POP3/IMAP access" (which covers SMTP) is switched on in the webmail settings. It is off by default and switched off again after long non-use.',
          confidence: 'medium',
          fixes: [
            { text: 'In the GMX / WEB.DE webmail settings, switch on POP3/IMAP access, then try once more.' },
            {
              text: 'Then log in with the full address and the account password (an app-specific password with two-factor authentication).',
            },
          ],
          deadEnds: [
            {
              text: 'Resetting the password first',
              why: 'the account refuses every mail-program login until access is switched on.',
            },
          ],
          docs: [toggleDoc],
        },
        {
          finding: 'credentials-rejected',
          title: 'Or the password is wrong',
          summary: 'If access is already on, the user name or password is wrong.',
          confidence: 'low',
          fixes: [{ text: 'Check the password by logging in to the webmail.' }],
        },
      ],
      samples: ['535 Authentication credentials invalid'],
      sources: [
        'observed:https://github.com/jens-maus/yam/issues/638 (GMX notice: POP3/IMAP/SMTP disabled by default and re-disabled after long non-use)',
        "observed:https://pastebin.com/1j77m44f (same United Internet 'Nemesis' platform - IONOS/1&1 - answering '535 Authentication credentials invalid')",
        'deltachat/provider-db@5c14381:_providers/gmx.net.md',
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes:
        'Text inferred from the shared United Internet platform; no GMX/WEB.DE transcript with this exact line was found.',
    },
  ],
};
