// Microsoft Exchange Server on-premises (2016/2019): receive connectors, and the replies they send when a login fails.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';

const CONNECTORS =
  'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/connectors/receive-connectors.md (= https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors)';
const connectorsDoc = {
  title: 'Microsoft: receive connectors in Exchange Server',
  url: 'https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors',
};

export const exchange: ProviderInput = {
  id: 'exchange',
  name: 'Microsoft Exchange Server (on-premises)',
  kind: 'server',
  recognise: {
    banner: ['Microsoft ESMTP MAIL Service'],
  },
  docs: [connectorsDoc],
  signatures: [
    {
      id: 'exchange.unrecognized-auth-type',
      phases: ['auth'],
      match: { codes: [504], enhanced: '5.7.4', text: 'Unrecognized authentication type' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Exchange offers password logins only after STARTTLS',
          summary:
            'The receive connector offers Basic (LOGIN) authentication only once TLS is up ("Offer basic authentication only after starting TLS"), so AUTH before STARTTLS is refused.',
          confidence: 'medium',
          when: { tls: false },
          fixes: [
            {
              text: 'Connect to port 587, run STARTTLS, send EHLO again and use AUTH LOGIN.',
              settings: { port: 587, security: 'starttls', mechanism: 'LOGIN' },
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'the mechanism was refused before any password was checked.',
            },
          ],
          docs: [connectorsDoc],
        },
        {
          finding: 'mechanism-unsupported',
          title: 'This connector does not offer the mechanism',
          summary:
            'Exchange does not implement CRAM-MD5, and the connector on port 25 (Default Frontend) usually offers only NTLM/GSSAPI for anonymous server-to-server mail.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Use AUTH LOGIN (or NTLM) on the Client Frontend connector, port 587, after STARTTLS.',
              settings: { port: 587, mechanism: 'LOGIN' },
            },
            {
              text: 'Admin: enable Basic authentication (BasicAuth, BasicAuthRequireTLS) on the connector the client uses.',
            },
          ],
          docs: [connectorsDoc],
        },
      ],
      samples: ['504 5.7.4 Unrecognized authentication type'],
      sources: [
        CONNECTORS,
        "observed:https://github.com/cakephp/cakephp (SmtpTransport tests replay '504 5.7.4 Unrecognized authentication type' for AUTH LOGIN)",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes: 'Before STARTTLS → 504 5.7.4 follows from BasicAuthRequireTLS; not reproduced against a live Exchange.',
    },
    {
      id: 'exchange.client-not-authenticated',
      phases: ['mail', 'rcpt'],
      match: { codes: [530], enhanced: '5.7.1', text: 'Client was not authenticated' },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail without logging in',
          summary: 'The receive connector does not allow anonymous submission, and the session was not authenticated.',
          confidence: 'high',
          fixes: [
            {
              text: 'Log in (AUTH LOGIN after STARTTLS on 587) before MAIL FROM.',
              settings: { port: 587, security: 'starttls' },
            },
            {
              text: 'Admin: for devices that cannot log in, create a receive connector limited to their IP addresses with anonymous relay.',
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'none was sent.' }],
          docs: [connectorsDoc],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: ['530 5.7.1 Client was not authenticated'],
      sources: [
        DOTNET_SOURCE,
        'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/test-smtp-with-telnet.md (= https://learn.microsoft.com/en-us/exchange/mail-flow/test-smtp-with-telnet)',
        'observed:https://github.com/monitoring-plugins/monitoring-plugins/issues/602 (context: Exchange/Exim AUTH after TLS)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exchange.authentication-unsuccessful',
      phases: ['auth'],
      match: { codes: [535], enhanced: '5.7.3', text: 'Authentication unsuccessful' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Active Directory rejected the credentials',
          summary:
            'Wrong user name or password, a disabled or locked AD account, or a user-name form the server cannot resolve.',
          confidence: 'high',
          fixes: [
            { text: 'Try the user name as UPN (user@domain), as DOMAIN\\user and as the primary SMTP address.' },
            { text: 'Check that the account is enabled and not locked in Active Directory.' },
          ],
          deadEnds: [{ text: 'Repeated retries', why: 'they can lock the AD account (account lockout policy).' }],
        },
      ],
      samples: ['535 5.7.3 Authentication unsuccessful'],
      sources: [
        "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-smtpntlm/62888982-a911-40fa-b587-50b5c69f7334 (SMTP_AUTH_Fail_Response: '535 5.7.3 <human-readable-string>')",
        'observed:https://github.com/mamont77/skillspeople/issues/158',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exchange.must-issue-starttls',
      phases: ['mail', 'auth'],
      match: { codes: [451], text: 'Must issue a STARTTLS command first' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'The server requires STARTTLS first',
          summary: 'The connector requires TLS and the client sent commands in plaintext.',
          confidence: 'high',
          fixes: [{ text: 'Use STARTTLS on port 587.', settings: { port: 587, security: 'starttls' } }],
        },
      ],
      samples: ['451 5.7.3 Must issue a STARTTLS command first'],
      sources: [
        "observed: JavaMail 'SMTPSendFailedException: 451 5.7.3 Must issue a STARTTLS command first' against a corporate webmail host (public forum post in a repository; server software not confirmed)",
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'One observation; the server was not confirmed as Exchange. Read as "TLS required" whatever the server.',
    },
  ],
};
