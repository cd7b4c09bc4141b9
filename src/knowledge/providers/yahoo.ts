// Yahoo Mail and AOL Mail (one platform): settings and the misleading "(#AUTH005) Too many bad auth attempts".
import type { ProviderInput } from '../schema.js';

const appPasswordDoc = {
  title: 'Yahoo: generate and manage third-party app passwords',
  url: 'https://help.yahoo.com/kb/SLN15241.html',
};

/**
 * Yahoo's page says what an app password is (a generated code, valid until deleted, unaffected by a change of the
 * account password) but not its form; users' notes show 16 lower-case letters, displayed in groups of four.
 */
const APP_PASSWORD_FORM = [
  'https://help.yahoo.com/kb/SLN15241.html (app passwords: a randomly generated code; they remain active when the account password changes, until deleted)',
  'observed:MyPetID-Home/Replit-Full@2641d55:YAHOO_SETUP_INSTRUCTIONS.md ("the 16-character password (looks like: abcd efgh ijkl mnop)")',
  'observed:umer9801/Solvix-Core@3bc9f41:YAHOO_SETUP_STEPS.md ("the 16-character password (format: abcd efgh ijkl mnop)")',
];

export const yahoo: ProviderInput = {
  id: 'yahoo',
  name: 'Yahoo Mail / AOL Mail',
  kind: 'mailbox',
  recognise: {
    hosts: ['smtp.mail.yahoo.com', 'smtp.aol.com', 'smtp.mail.yahoo.co.jp', '*.yahoodns.net'],
    mxHosts: ['*.yahoodns.net', '*.mx.aol.com'],
    emailDomains: [
      'yahoo.com',
      'ymail.com',
      'rocketmail.com',
      'yahoo.co.uk',
      'yahoo.fr',
      'yahoo.de',
      'aol.com',
      'aim.com',
    ],
    text: ['#AUTH0\\d\\d'],
    // smtp.aol.com answers with the same greeting: AOL runs on the Yahoo platform.
    banner: ['^smtp\\.mail\\.yahoo\\.com ESMTP ready\\b'],
    // The EHLO domain names the answering node (smtp.mail.yahoo.com, smtp429.mail.ir2.yahoo.com,
    // kubenode518.mail-prod1.omega.ir2.yahoo.com); some nodes answer with a bare pod name, which says nothing.
    ehlo: ['^(?:[a-z0-9-]+\\.)+yahoo\\.com\\b'],
    sources: [
      'observed:https://github.com/zetacomponents/Mail/pull/37 (smtp.mail.yahoo.com: "220 smtp.mail.yahoo.com ESMTP ready", "250-smtp.mail.yahoo.com")',
      'observed: openssl s_client -connect smtp.mail.yahoo.com:465 in a 2019 forum thread ("220 smtp.mail.yahoo.com ESMTP ready", "250-smtp429.mail.ir2.yahoo.com Hello 7 [188.254.110.183])")',
      'observed: telnet smtp.aol.com 587 in a public repository note ("Connected to smtp.aol.g03.yahoodns.net.", "220 smtp.mail.yahoo.com ESMTP ready")',
    ],
  },
  submission: {
    endpoints: [
      { host: 'smtp.aol.com', port: 465, security: 'tls', domains: ['aol.com', 'aim.com'] },
      { host: 'smtp.aol.com', port: 587, security: 'starttls', domains: ['aol.com', 'aim.com'] },
      { host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
      { host: 'smtp.mail.yahoo.com', port: 587, security: 'starttls' },
    ],
    username: { form: 'address', text: 'your full e-mail address' },
    secret: 'an app password generated under Account security — the normal account password is refused',
    mechanisms: ['PLAIN', 'LOGIN', 'XOAUTH2', 'OAUTHBEARER'],
    notes: [],
    sources: [
      'deltachat/provider-db@5c14381:_providers/yahoo.md (smtp.mail.yahoo.com 465 SSL; app password)',
      'deltachat/provider-db@5c14381:_providers/aol.md (smtp.aol.com 465 SSL; app password)',
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (Yahoo: smtp.mail.yahoo.com 465 secure; AOL: smtp.aol.com 587)',
      'https://help.yahoo.com/kb/SLN15241.html (Generate and manage third-party app passwords)',
    ],
    verified: '2026-11-24',
  },
  docs: [appPasswordDoc],
  signatures: [
    {
      id: 'yahoo.auth005',
      phases: ['auth'],
      match: { codes: [535], text: '#AUTH005' },
      standalone: '\\(#AUTH005\\)',
      causes: [
        {
          finding: 'app-password-required',
          title: 'Yahoo wants an app password',
          summary:
            'Despite the words "too many bad auth attempts", Yahoo and AOL send this on the very first attempt with anything but an app password (or a wrong one). It is a credential problem first.',
          confidence: 'high',
          // A secret shaped like an app password (16 letters) is one already: the next cause says what is wrong then.
          when: { credential: 'password', secret: 'other' },
          fixes: [
            {
              text: 'Generate an app password (Yahoo: login.yahoo.com/account/security, AOL: login.aol.com/account/security) and use it with your full address.',
            },
            { text: 'Stop retrying; after many attempts, wait a while before trying the app password.' },
          ],
          deadEnds: [
            {
              text: 'Waiting it out with the account password',
              why: 'it keeps failing: the password kind is the problem.',
            },
            {
              topic: 'switch-ports',
              text: 'Switching between ports 465 and 587',
              why: 'the verdict is on the credentials.',
            },
          ],
          docs: [appPasswordDoc],
        },
        {
          finding: 'credentials-rejected',
          detail: 'app-password',
          title: 'The app password is wrong or deleted, or belongs to another account',
          summary:
            'The secret has the form of a Yahoo app password (16 letters), so Yahoo refused that app password: it was mistyped, deleted under Account security (an app password stays valid until it is deleted), or created for another account than the user name, which must be that account’s full address.',
          confidence: 'medium',
          when: { credential: 'password', secret: 'app-password' },
          fixes: [
            {
              text: 'Generate a new app password (Yahoo: login.yahoo.com/account/security, AOL: login.aol.com/account/security) and paste all 16 letters, without the spaces shown between the groups.',
            },
            {
              id: 'app-password-owner-address',
              text: 'Use the full address of the account that owns the app password as the user name.',
            },
            { text: 'Stop retrying; after many attempts, wait a while before trying the new app password.' },
          ],
          deadEnds: [
            {
              text: 'Switching to the account password',
              why: 'Yahoo refuses it for mail programs with the same reply.',
            },
            {
              topic: 'switch-ports',
              text: 'Switching between ports 465 and 587',
              why: 'the verdict is on the credentials.',
            },
          ],
          docs: [appPasswordDoc],
        },
        {
          finding: 'rate-limited',
          title: 'Repeated failures are also throttled',
          summary: 'After many failed attempts Yahoo additionally throttles logins for a while.',
          confidence: 'low',
          fixes: [{ text: 'Wait before the next attempt, and make it one attempt with the app password.' }],
        },
      ],
      samples: ['535 5.7.0 (#AUTH005) Too many bad auth attempts.'],
      sources: [
        'observed:https://github.com/nodemailer/nodemailer/issues/1112 (maintainer: account probably does not allow password based authentication)',
        'observed:https://github.com/nedimf/maildroid/issues/17 (fixed with an app password; https://help.yahoo.com/kb/SLN15241.html)',
        'observed:https://github.com/GUI/lua-resty-mail/issues/4',
        ...APP_PASSWORD_FORM,
        'observed:public transcript, search index id 56758609192 (openssl s_client smtp.mail.yahoo.com:465: EHLO with AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER, auth plain → 334 UGxhaW46 → 535 5.7.0 (#AUTH005))',
      ],
      verified: '2026-12-02',
      certainty: 'confirmed',
    },
    {
      id: 'yahoo.request-failed-mailbox-unavailable',
      phases: ['mail', 'data'],
      // Yahoo's own wording (others say "Requested action not taken: mailbox unavailable"): read without the host.
      match: { codes: [550], text: 'Request failed; Mailbox unavailable' },
      causes: [
        {
          finding: 'sender-rejected',
          title: 'Yahoo refuses this sender for the logged-in account',
          summary:
            'Yahoo’s submission server accepted the login but refused the message: most often the From (or envelope sender) is not the address of the logged-in Yahoo account; Yahoo also gives this reply to content it takes for spam.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Send with the From and envelope sender set to the Yahoo address you log in with (in an app, check every setting that sets a From address).',
            },
            {
              text: 'If the sender is already the account address, send a plain test message: Yahoo may refuse the content.',
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'A new app password', why: 'the login already worked.' },
            {
              topic: 'switch-ports',
              text: 'Switching between ports 465 and 587',
              why: 'the refusal is about the message, not the connection.',
            },
          ],
        },
      ],
      samples: ['550 Request failed; Mailbox unavailable'],
      sources: [
        'observed:https://github.com/mattermost/mattermost/issues/13652 (smtp.mail.yahoo.com: 550 Request failed; Mailbox unavailable; fixed by making the configured From address the Yahoo account address)',
        'observed:https://github.com/PHPMailer/PHPMailer/issues/2685 (smtp.mail.yahoo.com: the same reply after DATA; maintainers: RCPT was accepted, the message refused)',
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
  ],
};
