import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import type { Lab } from '../../../src/lab/index.js';
import { withLab } from '../../helpers/lab.js';

interface Transport {
  secure?: boolean;
  user: string;
  pass?: string;
  accessToken?: string;
  method?: string;
  ignoreTLS?: boolean;
}

function transport(lab: Lab, t: Transport) {
  const secure = t.secure ?? false;
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: (secure ? lab.ports.tls : lab.ports.starttls) ?? 0,
    secure,
    ...(t.ignoreTLS ? { ignoreTLS: true } : { requireTLS: !secure }),
    auth:
      t.accessToken !== undefined
        ? { type: 'OAuth2', user: t.user, accessToken: t.accessToken }
        : { user: t.user, pass: t.pass ?? '' },
    ...(t.method ? { authMethod: t.method } : {}),
    tls: { ca: [lab.ca] },
    connectionTimeout: 3000,
    greetingTimeout: 3000,
    socketTimeout: 3000,
  });
}

const MESSAGE = { from: 'me@lab.test', to: 'you@lab.test', subject: 'lab', text: 'Hello from the lab.' };

interface Failure {
  persona: string;
  accounts?: string[];
  transport: Transport;
  code: string;
  responseCode: number;
  message: RegExp;
}

const FAILURES: [string, Failure][] = [
  [
    "gmail: a 2SV account's own password gives nodemailer EAUTH with Google's two-line 534-5.7.9",
    {
      persona: 'gmail',
      transport: { user: 'bob@lab.test', pass: 'bobs-google-password' },
      code: 'EAUTH',
      responseCode: 534,
      message:
        /^Invalid login: 534-5\.7\.9 Application-specific password required\. For more information, go to\n534 5\.7\.9 {2}https:\/\/support\.google\.com\/mail\/\?p=InvalidSecondFactor \S+ - gsmtp$/,
    },
  ],
  [
    'gmail: a wrong password over implicit TLS gives EAUTH 535-5.7.8 BadCredentials',
    {
      persona: 'gmail',
      transport: { user: 'alice@lab.test', pass: 'wrong', secure: true },
      code: 'EAUTH',
      responseCode: 535,
      message:
        /^Invalid login: 535-5\.7\.8 Username and Password not accepted\. For more information, go to\n535 5\.7\.8 {2}https:\/\/support\.google\.com\/mail\/\?p=BadCredentials \S+ - gsmtp$/,
    },
  ],
  [
    'gmail: an expired OAuth token: nodemailer answers the 334 JSON challenge and reports the final 535',
    {
      persona: 'gmail',
      transport: { user: 'carol@lab.test', accessToken: 'ya29.expired' },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535-5\.7\.8 Username and Password not accepted\./,
    },
  ],
  [
    'gmail: with ignoreTLS nodemailer never sees AUTH, sends MAIL unauthenticated and gets 530-5.7.0 Must issue a STARTTLS command first',
    {
      persona: 'gmail',
      transport: { user: 'alice@lab.test', pass: 'abcdefghijklmnop', ignoreTLS: true },
      code: 'EENVELOPE',
      responseCode: 530,
      message: /530-5\.7\.0 Must issue a STARTTLS command first\. For more information, go to/,
    },
  ],
  [
    'microsoft365: basic auth disabled gives EAUTH 535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
    {
      persona: 'microsoft365',
      transport: { user: 'bob@lab.test', pass: 'lab-password-2' },
      code: 'EAUTH',
      responseCode: 535,
      message:
        /^Invalid login: 535 5\.7\.139 Authentication unsuccessful, basic authentication is disabled\. \[\S+ \S+ [0-9A-F]{16}\]$/,
    },
  ],
  [
    'microsoft365: SMTP AUTH disabled for the tenant gives EAUTH 535 5.7.139 …disabled for the Tenant',
    {
      persona: 'microsoft365',
      transport: { user: 'dora@lab.test', pass: 'lab-password-3' },
      code: 'EAUTH',
      responseCode: 535,
      message:
        /^Invalid login: 535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant\. Visit https:\/\/aka\.ms\/smtp_auth_disabled for more information\./,
    },
  ],
  [
    'ses: wrong SMTP credentials give EAUTH 535 Authentication Credentials Invalid',
    {
      persona: 'ses',
      transport: { user: 'AKIALABEXAMPLE000001', pass: 'the-iam-secret-key' },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 Authentication Credentials Invalid$/,
    },
  ],
  [
    'sendgrid: an address as user name gives EAUTH 535 Authentication failed: Bad username / password',
    {
      persona: 'sendgrid',
      transport: { user: 'me@lab.test', pass: 'SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789' },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 Authentication failed: Bad username \/ password$/,
    },
  ],
  [
    'yahoo: the account password gives EAUTH 535 5.7.0 (#AUTH005) Too many bad auth attempts.',
    {
      persona: 'yahoo',
      transport: { user: 'bob@lab.test', pass: 'bobs-yahoo-password', secure: true },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 5\.7\.0 \(#AUTH005\) Too many bad auth attempts\.$/,
    },
  ],
  [
    'postfix-dovecot: a wrong password gives EAUTH 535 5.7.8 Error: authentication failed: (reason unavailable)',
    {
      persona: 'postfix-dovecot',
      transport: { user: 'alice@lab.test', pass: 'wrong' },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 5\.7\.8 Error: authentication failed: \(reason unavailable\)$/,
    },
  ],
  [
    'exim: a wrong password gives EAUTH 535 Incorrect authentication data',
    {
      persona: 'exim',
      transport: { user: 'alice@lab.test', pass: 'wrong', secure: true },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 Incorrect authentication data$/,
    },
  ],
  [
    'exchange: a wrong password gives EAUTH 535 5.7.3 Authentication unsuccessful',
    {
      persona: 'exchange',
      transport: { user: 'alice@lab.test', pass: 'wrong' },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 5\.7\.3 Authentication unsuccessful$/,
    },
  ],
  [
    'haraka: a wrong password gives EAUTH 535 5.7.8 Authentication failed',
    {
      persona: 'haraka',
      transport: { user: 'alice@lab.test', pass: 'wrong' },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 5\.7\.8 Authentication failed$/,
    },
  ],
  [
    'opensmtpd: a wrong password over implicit TLS gives EAUTH 535 Authentication failed',
    {
      persona: 'opensmtpd',
      transport: { user: 'alice@lab.test', pass: 'wrong', secure: true },
      code: 'EAUTH',
      responseCode: 535,
      message: /^Invalid login: 535 Authentication failed$/,
    },
  ],
];

const SENDS: [string, string, Transport, RegExp][] = [
  [
    'gmail over STARTTLS',
    'gmail',
    { user: 'alice@lab.test', pass: 'abcdefghijklmnop' },
    /^250 2\.0\.0 OK {2}\S+ - gsmtp$/,
  ],
  [
    'gmail over implicit TLS with the app password',
    'gmail',
    { user: 'bob@lab.test', pass: 'qrstuvwxyzabcdef', secure: true },
    /^250 2\.0\.0 OK/,
  ],
  [
    'gmail with an XOAUTH2 token',
    'gmail',
    { user: 'carol@lab.test', accessToken: 'ya29.lab-carol-token' },
    /^250 2\.0\.0 OK/,
  ],
  [
    'microsoft365 with AUTH LOGIN',
    'microsoft365',
    { user: 'alice@lab.test', pass: 'lab-password-1' },
    /^250 2\.0\.0 OK <\S+> \[Hostname=\S+\]$/,
  ],
  [
    'ses',
    'ses',
    { user: 'AKIALABEXAMPLE000001', pass: 'BLabSmtpPasswordDerivedForUsEast1xxxxxxxxxxx' },
    /^250 Ok [0-9A-F]+$/,
  ],
  [
    'sendgrid with apikey',
    'sendgrid',
    { user: 'apikey', pass: 'SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789' },
    /^250 OK$/,
  ],
  [
    'postfix-dovecot',
    'postfix-dovecot',
    { user: 'alice@lab.test', pass: 'lab-password-1' },
    /^250 2\.0\.0 Ok: queued as [0-9A-F]+$/,
  ],
  ['exim', 'exim', { user: 'alice@lab.test', pass: 'lab-password-1' }, /^250 OK id=[0-9A-F]+$/],
  ['haraka', 'haraka', { user: 'alice@lab.test', pass: 'lab-password-1' }, /^250 Message Queued \(\S+\)$/],
  [
    'opensmtpd',
    'opensmtpd',
    { user: 'alice@lab.test', pass: 'lab-password-1' },
    /^250 2\.0\.0 \S+ Message accepted for delivery$/,
  ],
  ['mailgun', 'mailgun', { user: 'postmaster@mg.lab.test', pass: 'lab-smtp-credential-password' }, /^250 OK$/],
  [
    'plain with CRAM-MD5',
    'plain',
    { user: 'alice@lab.test', pass: 'lab-password-1', method: 'CRAM-MD5' },
    /^250 OK: message queued$/,
  ],
];

describe('nodemailer against the lab personas', () => {
  for (const [title, persona, t, response] of SENDS) {
    test(`lab: nodemailer sends a message through ${title}`, async () => {
      await withLab({ persona }, async (lab) => {
        const info = (await transport(lab, t).sendMail(MESSAGE)) as { response: string; accepted: string[] };
        assert.deepEqual(info.accepted, ['you@lab.test']);
        assert.match(info.response, response);
      });
    });
  }

  for (const [title, f] of FAILURES) {
    test(`lab: ${title}`, async () => {
      await withLab({ persona: f.persona, ...(f.accounts ? { accounts: f.accounts } : {}) }, async (lab) => {
        const error = await transport(lab, f.transport)
          .sendMail(MESSAGE)
          .then(
            () => null,
            (err: unknown) => err as { code?: string; responseCode?: number; message: string },
          );
        assert.ok(error, 'the send failed');
        assert.equal(error.code, f.code, error.message);
        assert.equal(error.responseCode, f.responseCode);
        assert.match(error.message, f.message);
      });
    });
  }

  test('lab: nodemailer verify() passes against the lab with the working account', async () => {
    await withLab({ persona: 'postfix-dovecot' }, async (lab) => {
      assert.equal(await transport(lab, { user: 'alice@lab.test', pass: 'lab-password-1' }).verify(), true);
    });
  });
});
