// Haraka persona (Haraka 3.x with the tls plugin and an auth_base plugin): AUTH only after TLS, 500 Unrecognized command before.
import { haraka as harakaKnowledge } from '../../knowledge/providers/haraka.js';
import { knownReplies } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(harakaKnowledge);

const CONNECTION = 'haraka/Haraka@v3.1.6:connection.js';
const AUTH_BASE = 'haraka/Haraka@v3.1.6:plugins/auth/auth_base.js';
const TLS_PLUGIN = 'haraka/Haraka@v3.1.6:plugins/tls.js';
const CONNECTION_INI = 'haraka/Haraka@v3.1.6:config/connection.ini';
/** A real Haraka run here, talked to with a raw client: what the source says, seen on the wire. */
const OBSERVED =
  'observed: Haraka 3.1.6 from the npm registry run locally on 127.0.0.1:587 and :465 (plugins: tls, a plugin inheriting auth/auth_base, rcpt_to.in_host_list; default config/connection.ini), raw client transcript of 2026-11-24';
/** The source wording is unchanged in the newest release checked. */
const LATEST =
  'npm package Haraka 3.3.4 (connection.js, plugins/auth/auth_base.js, plugins/tls.js: same reply wording)';
const NO_RDNS =
  'Haraka names the client by reverse DNS: "Hello <rdns> [<ip>]" (the run here said "Hello runsc [127.0.0.1]"); without a PTR record (NXDOMAIN) it is "Hello [<ip>]", the form the lab sends. The EHLO name is not echoed.';

export const haraka: Persona = {
  id: 'haraka',
  name: 'Haraka',
  summary:
    'Haraka 3.x with the tls plugin and an auth plugin built on auth/auth_base: STARTTLS on 587, implicit TLS on 465; AUTH PLAIN LOGIN CRAM-MD5 only after TLS, so AUTH before TLS is "500 Unrecognized command"; a wrong password gets 535 5.7.8 Authentication failed.',
  providers: ['haraka'],
  imitates: {
    host: 'mail.lab.test',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'mail.lab.test',
  // Haraka puts the first uuid.banner_chars (6) characters of the connection's upper-case UUID in the banner.
  vars: { 'banner-uuid': '1D610B' },
  usernames: { kind: 'any' },
  sampleAccounts: ['alice@lab.test:lab-password-1', 'bob:lab-password-2'],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 <hostname> ESMTP Haraka/3.1.6 ready (<banner-uuid>)',
      sources: [CONNECTION, CONNECTION_INI, OBSERVED],
      verified: true,
      note: 'the version follows the installed Haraka (headers.show_version=true by default); the six characters in brackets (uuid.banner_chars=6) differ per connection and are a fixed lab value here',
    },
    ehlo: {
      reply: [
        '250-<hostname> Hello [<client-address>], Haraka is at your service.',
        '250-PIPELINING',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-SIZE 26214400',
        '250 STARTTLS',
      ].join('\r\n'),
      sources: [CONNECTION, CONNECTION_INI, TLS_PLUGIN, OBSERVED],
      verified: true,
      note: NO_RDNS,
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname> Hello [<client-address>], Haraka is at your service.',
        '250-PIPELINING',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-SIZE 26214400',
        '250 AUTH PLAIN LOGIN CRAM-MD5',
      ].join('\r\n'),
      sources: [CONNECTION, AUTH_BASE, OBSERVED],
      verified: true,
      note: `auth_base's hook_capabilities lists AUTH PLAIN LOGIN CRAM-MD5 only when connection.tls.enabled (auth/flat_file lists its configured methods, and also to private addresses without TLS). ${NO_RDNS}`,
    },
    helo: {
      reply: '250 <hostname> Hello [<client-address>], Haraka is at your service.',
      sources: [CONNECTION, OBSERVED],
      verified: true,
      note: NO_RDNS,
    },
    starttlsReady: { reply: '220 Go ahead.', sources: [TLS_PLUGIN, OBSERVED, LATEST], verified: true },
    starttlsUnavailable: known('haraka.unrecognized-command', {
      note: 'seen on implicit TLS (465), where STARTTLS was never advertised; after a STARTTLS upgrade Haraka 3.1.6 answers a second STARTTLS with "220 Go ahead." again and the connection breaks',
    }),
    authBeforeTls: known('haraka.unrecognized-command'),
    authUnrecognized: known('haraka.unrecognized-command', {
      note: 'a mechanism not in allowed_auth_methods falls through to the unrecognized-command default, as before TLS',
    }),
    authChallengePlain: {
      reply: '334  ',
      sources: [AUTH_BASE, CONNECTION, OBSERVED],
      verified: true,
      note: "two spaces: auth_plain responds (334, ' '), respond() drops the blank text and puts ' ' back for a 334",
    },
    authChallengeUsername: { reply: '334 VXNlcm5hbWU6', sources: [AUTH_BASE, OBSERVED], verified: true },
    authChallengePassword: { reply: '334 UGFzc3dvcmQ6', sources: [AUTH_BASE, OBSERVED], verified: true },
    authSuccess: {
      reply: '235 2.7.0 Authentication successful',
      sources: [AUTH_BASE, OBSERVED, LATEST],
      verified: true,
    },
    authRejected: known('haraka.authentication-failed', {
      note: 'the real server waits 2^(failures-1) s on the connection before this reply; the lab answers at once',
    }),
    authCancelled: known('haraka.invalid-auth-string', {
      note: 'Haraka has no cancel: "*" after AUTH PLAIN decodes to no credentials (504); after the AUTH LOGIN user-name prompt it is taken as an empty user name and answered with the password prompt 334 UGFzc3dvcmQ6',
    }),
    authBadBase64: known('haraka.invalid-auth-string', {
      note: 'seen for AUTH PLAIN (Node decodes base64 leniently, so the data yields no NUL-separated credentials); a LOGIN user name that is not base64 is decoded leniently and prompted for a password',
    }),
    authRequired: known('haraka.authentication-required', {
      note: 'connection.js refuses MAIL from a client that is not relaying when the local port is 587 or 465',
    }),
    needHelo: {
      reply: '503 Use EHLO/HELO before MAIL',
      sources: [CONNECTION, OBSERVED],
      verified: true,
      note: 'the MAIL wording; AUTH before EHLO gets 500 Unrecognized command (no auth methods are set yet)',
    },
    mailOk: { reply: '250 sender <<sender>> OK', sources: [CONNECTION, OBSERVED], verified: true },
    rcptOk: { reply: '250 recipient <<recipient>> OK', sources: [CONNECTION, OBSERVED], verified: true },
    rcptNeedMail: { reply: '503 Use MAIL before RCPT', sources: [CONNECTION, OBSERVED], verified: true },
    dataNeedRcpt: {
      reply: '503 RCPT required first',
      sources: [CONNECTION],
      verified: true,
      note: 'after MAIL without RCPT; DATA without MAIL is 503 MAIL required first, and a pipelining client gets 554 No valid recipients',
    },
    dataGo: { reply: '354 go ahead, make my day', sources: [CONNECTION, OBSERVED], verified: true },
    dataOk: {
      reply: '250 Message Queued (<queue-id>)',
      sources: [CONNECTION, 'haraka/Haraka@v3.1.6:outbound/index.js', OBSERVED],
      verified: true,
      note: 'the id is a lab value; Haraka prints the transaction uuid (e.g. 02564AB5-B63E-42D9-9872-D835C8CA76C4.2)',
    },
    rset: { reply: '250 OK', sources: [CONNECTION, OBSERVED], verified: true },
    noop: { reply: '250 OK', sources: [CONNECTION, OBSERVED], verified: true },
    unknownCommand: known('haraka.unrecognized-command'),
    quit: {
      reply: '221 <hostname> closing connection. Have a jolly good day.',
      sources: [CONNECTION, CONNECTION_INI, OBSERVED],
      verified: true,
    },
  },
  states: {},
  notes: [
    'Each failed login on a connection makes Haraka wait longer before its 535 (1 s, 2 s, 4 s …); the lab answers at once.',
    'An empty user name or password is "504 Invalid AUTH string" on the real server; the lab checks it like any wrong password.',
    'Haraka accepts a second AUTH after a successful one, and a second MAIL FROM (it starts a new transaction); the lab refuses both with RFC wording.',
  ],
};
