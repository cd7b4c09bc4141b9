// Exchange Server on-premises persona (Client Frontend connector on 587): BasicAuthRequireTLS, 535 5.7.3, 530 5.7.1.
import { exchange as exchangeKnowledge } from '../../knowledge/providers/exchange.js';
import { knownReplies } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(exchangeKnowledge);

const TELNET_DOC =
  'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/test-smtp-with-telnet.md (= https://learn.microsoft.com/en-us/exchange/mail-flow/test-smtp-with-telnet: banner, EHLO, 250 2.1.0 Sender OK, 250 2.1.5 Recipient OK, 354 Start mail input…, 250 2.6.0 … Queued mail for delivery, 221 2.0.0 Service closing transmission channel)';
const CONNECTORS =
  'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/connectors/receive-connectors.md';
const COMPOSED =
  'the keyword list is the one the telnet example shows; the AUTH line for the 587 Client Frontend connector (GSSAPI NTLM, LOGIN only over TLS) follows the connector docs but was not seen in a transcript';

export const exchange: Persona = {
  id: 'exchange',
  name: 'Exchange Server (on-premises)',
  summary:
    'Exchange 2016/2019 Client Frontend connector on 587: STARTTLS, AUTH LOGIN only after TLS (BasicAuthRequireTLS), NTLM and GSSAPI offered; refusals are 535 5.7.3 Authentication unsuccessful.',
  providers: ['exchange'],
  imitates: { host: 'mail.lab.test', listeners: [{ security: 'starttls', port: 587 }] },
  hostname: 'mail.lab.test',
  usernames: { kind: 'any' },
  sampleAccounts: ['LAB\\alice:lab-password-1', 'alice@lab.test:lab-password-1'],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 <hostname> Microsoft ESMTP MAIL Service ready at <date-unpadded>',
      sources: [TELNET_DOC],
      verified: true,
    },
    ehlo: {
      reply: [
        '250-<hostname> Hello [<client-address>]',
        '250-SIZE 37748736',
        '250-PIPELINING',
        '250-DSN',
        '250-ENHANCEDSTATUSCODES',
        '250-STARTTLS',
        '250-AUTH GSSAPI NTLM',
        '250-8BITMIME',
        '250-BINARYMIME',
        '250 CHUNKING',
      ].join('\r\n'),
      sources: [TELNET_DOC, CONNECTORS],
      verified: false,
      note: COMPOSED,
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname> Hello [<client-address>]',
        '250-SIZE 37748736',
        '250-PIPELINING',
        '250-DSN',
        '250-ENHANCEDSTATUSCODES',
        '250-AUTH GSSAPI NTLM LOGIN',
        '250-8BITMIME',
        '250-BINARYMIME',
        '250 CHUNKING',
      ].join('\r\n'),
      sources: [TELNET_DOC, CONNECTORS],
      verified: false,
      note: COMPOSED,
    },
    starttlsReady: {
      reply: '220 2.0.0 SMTP server ready',
      sources: ['observed: the Exchange Online STARTTLS reply (search index id 60245553389)'],
      verified: false,
      note: 'Exchange Online wording, assumed the same for Exchange Server',
    },
    authBeforeTls: known('exchange.unrecognized-auth-type'),
    authUnrecognized: known('exchange.unrecognized-auth-type'),
    authSuccess: {
      reply: '235 2.7.0 Authentication successful',
      sources: ['observed: Exchange Online reply (search index id 43836070631)'],
      verified: false,
      note: 'Exchange Online wording, assumed the same for Exchange Server',
    },
    authRejected: known('exchange.authentication-unsuccessful'),
    authRequired: known('exchange.client-not-authenticated'),
    mailOk: { reply: '250 2.1.0 Sender OK', sources: [TELNET_DOC], verified: true },
    rcptOk: { reply: '250 2.1.5 Recipient OK', sources: [TELNET_DOC], verified: true },
    dataGo: { reply: '354 Start mail input; end with <CRLF>.<CRLF>', sources: [TELNET_DOC], verified: true },
    dataOk: {
      reply: '250 2.6.0 <message-id> Queued mail for delivery',
      sources: [TELNET_DOC],
      verified: true,
      note: 'the message id is a lab value',
    },
    quit: { reply: '221 2.0.0 Service closing transmission channel', sources: [TELNET_DOC], verified: true },
  },
  states: {},
  notes: [
    'NTLM and GSSAPI are advertised as Exchange does; the lab answers them with its own 504.',
    'User names may be DOMAIN\\user, the UPN or the primary address depending on the organization: the lab accepts whatever the accounts list.',
  ],
};
