// Amazon SES persona (email-smtp.<region>.amazonaws.com): AUTH advertised before TLS but refused there, no enhanced codes.
import { ses as sesKnowledge } from '../../knowledge/providers/ses.js';
import { knownReplies, submissionListeners } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(sesKnowledge);

const OPENSSL_465 =
  'observed:public transcript, search index id 13980529651 (openssl s_client to email-smtp.eu-central-1.amazonaws.com:465: banner, EHLO, AUTH LOGIN, 235, MAIL, RCPT, DATA, 250 Ok <id>)';
const AWS_DOC_BANNER =
  'awsdocs/amazon-ses-developer-guide (openssl example, search index id 7285476440: 220 email-smtp.amazonaws.com ESMTP SimpleEmailService-d-VCSHDP1YZ A1b2C3d4E5f6G7h8I9j0)';

export const ses: Persona = {
  id: 'ses',
  name: 'Amazon SES',
  summary:
    'email-smtp.<region>.amazonaws.com: STARTTLS on 587 (also 25, 2587), implicit TLS on 465 (also 2465); AUTH PLAIN LOGIN is listed before TLS but refused there; replies carry no enhanced codes.',
  providers: ['ses'],
  imitates: submissionListeners(sesKnowledge, { region: 'us-east-1' }),
  hostname: 'email-smtp.amazonaws.com',
  vars: { 'ses-instance': 'LAB0SES01' },
  usernames: {
    kind: 'pattern',
    pattern: /^AKIA[0-9A-Z]{16}$/,
    example: 'AKIALABEXAMPLE000001',
    note: 'the SMTP user name is the 20-character access key ID of the IAM user the SMTP credentials belong to',
  },
  sampleAccounts: [
    'AKIALABEXAMPLE000001:BLabSmtpPasswordDerivedForUsEast1xxxxxxxxxxx',
    'AKIALABEXAMPLE000002:BLabSmtpPassword2xxxxxxxxxxxxxxxxxxxxxxxxxxxx not-subscribed',
  ],
  authBeforeTls: 'refused',
  tlsRequired: true,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 email-smtp.amazonaws.com ESMTP SimpleEmailService-d-<ses-instance> <session-id>',
      sources: [AWS_DOC_BANNER, OPENSSL_465],
      verified: true,
      note: 'instance and session ids are lab values of the observed shape',
    },
    ehlo: {
      reply: [
        '250-email-smtp.amazonaws.com',
        '250-8BITMIME',
        '250-SIZE 10485760',
        '250-STARTTLS',
        '250-AUTH PLAIN LOGIN',
        '250 Ok',
      ].join('\r\n'),
      sources: [
        OPENSSL_465,
        'observed:https://github.com/mautic/mautic/issues/3704 (pre-TLS EHLO shows 250-AUTH PLAIN LOGIN)',
      ],
      verified: false,
      note: 'AUTH before TLS is documented; where STARTTLS sits in the list was not seen in a transcript',
    },
    ehloAfterTls: {
      reply: [
        '250-email-smtp.amazonaws.com',
        '250-8BITMIME',
        '250-SIZE 10485760',
        '250-AUTH PLAIN LOGIN',
        '250 Ok',
      ].join('\r\n'),
      sources: [OPENSSL_465, 'observed:public transcript, search index id 49475067418 (same EHLO reply on SES)'],
      verified: true,
    },
    tlsRequired: known('ses.must-issue-starttls'),
    authBeforeTls: known('ses.must-issue-starttls'),
    authChallengeUsername: { reply: '334 VXNlcm5hbWU6', sources: [OPENSSL_465], verified: true },
    authChallengePassword: { reply: '334 UGFzc3dvcmQ6', sources: [OPENSSL_465], verified: true },
    authSuccess: { reply: '235 Authentication successful.', sources: [OPENSSL_465], verified: true },
    authRejected: known('ses.credentials-invalid'),
    notSubscribed: known('ses.account-not-subscribed'),
    authTemporaryFailure: known('ses.temporary-authentication-failure'),
    authRequired: known('ses.authentication-required'),
    mailOk: { reply: '250 Ok', sources: [OPENSSL_465], verified: true },
    rcptOk: { reply: '250 Ok', sources: [OPENSSL_465], verified: true },
    dataGo: { reply: '354 End data with <CR><LF>.<CR><LF>', sources: [OPENSSL_465], verified: true },
    dataOk: {
      reply: '250 Ok <queue-id>',
      sources: [OPENSSL_465],
      verified: true,
      note: 'the message id is a lab value',
    },
  },
  states: {
    'not-subscribed': { reply: 'notSubscribed', when: 'right-secret', mechanisms: 'password' },
    'temp-failure': { reply: 'authTemporaryFailure', when: 'always', mechanisms: 'all' },
  },
  notes: [
    'SMTP credentials are per region: the lab has one region, so a wrong-region credential is simply a wrong password.',
  ],
};
