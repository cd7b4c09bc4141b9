// tls-mode rule: implicit TLS on a STARTTLS port, plaintext on an implicit-TLS port — live and pasted, one reading.
import { tlsMode } from '../../../src/diagnose/rules/tls-mode.js';
import { failure, live, observe, pasted } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const wrongVersion = failure.tls('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number');
const greetingNever = observe.message('greeting-never-received', 'Greeting never received', 'greeting');
const noPassword = 'change-password';

export const cases: RuleCase[] = [
  [
    'pasted: OpenSSL 1.0’s "unknown protocol" is the same plaintext greeting read as TLS',
    pasted([observe.code('ERR_SSL_UNKNOWN_PROTOCOL', 'tls', 'SSL23_GET_SERVER_HELLO:unknown protocol')], {
      target: { port: 587 },
    }),
    [
      {
        id: 'tls-mode-mismatch',
        detail: 'implicit-tls-on-starttls-port',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
      },
    ],
  ],
  [
    'implicit TLS on 587, proven by STARTTLS on the same port: keep the port, switch the mode',
    live({ port: 587, security: 'tls', until: { failed: wrongVersion } }, [
      { port: 465, security: 'tls', until: { connected: true } },
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    [
      {
        id: 'tls-mode-mismatch',
        detail: 'implicit-tls-on-starttls-port',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['tls-mode.keep-port-starttls', 'tls-mode.other-port-implicit'],
        deadEnds: ['disable-certificate-checks', noPassword],
        says: /A STARTTLS session to the same port reached EHLO/,
      },
    ],
  ],
  [
    'implicit TLS on a custom port without alternatives: still the mode, said without proof',
    live({ port: 2526, security: 'tls', until: { failed: wrongVersion } }),
    [
      {
        id: 'tls-mode-mismatch',
        confidence: 'high',
        fixes: ['tls-mode.keep-port-starttls'],
        neverSays: /reached EHLO/,
      },
    ],
  ],
  [
    'a wrong-version failure in STARTTLS mode is not a mode mismatch (the handshake rule reads it)',
    live({ port: 587, security: 'starttls', until: { failed: wrongVersion } }),
    [],
  ],
  [
    'STARTTLS on 465 without a greeting, implicit TLS proven there',
    live({ port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
    ]),
    [
      {
        id: 'tls-mode-mismatch',
        detail: 'plaintext-on-implicit-tls-port',
        confidence: 'high',
        settings: { port: 465, security: 'tls' },
        fixes: ['tls-mode.keep-port-implicit'],
        says: /An implicit-TLS session to the same port worked/,
      },
    ],
  ],
  [
    'plaintext on 465 with STARTTLS proven on 587: both ways out',
    live({ port: 465, security: 'none', until: { failed: failure.timeout('greeting') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    [{ id: 'tls-mode-mismatch', fixes: ['tls-mode.keep-port-implicit', 'tls-mode.other-port-starttls'] }],
  ],
  [
    'plaintext on 465 without alternatives: a guess from the port',
    live({ port: 465, security: 'none', until: { failed: failure.timeout('greeting') } }),
    [{ id: 'tls-mode-mismatch', confidence: 'medium', settings: { port: 465, security: 'tls' } }],
  ],
  [
    'plaintext on 2465 (an implicit-TLS port by convention) is the same guess',
    live({ port: 2465, security: 'starttls', until: { failed: failure.timeout('greeting') } }),
    [{ id: 'tls-mode-mismatch', confidence: 'medium', settings: { port: 2465, security: 'tls' } }],
  ],
  [
    'implicit TLS silent on the same port too: not the mode',
    live({ port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } }, [
      { port: 465, security: 'tls', until: { failed: failure.timeout('greeting') } },
    ]),
    [],
  ],
  [
    'a silent server on 587 is not the mode (the greeting rule reads it)',
    live({ port: 587, security: 'starttls', until: { failed: failure.timeout('greeting') } }),
    [],
  ],
  [
    'a refused login elsewhere drops "changing the password" and says the login there was refused',
    live({ port: 587, security: 'tls', until: { failed: wrongVersion } }, [
      { port: 465, security: 'tls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
    ]),
    [
      {
        id: 'tls-mode-mismatch',
        fixes: ['tls-mode.keep-port-starttls', 'tls-mode.other-port-implicit'],
        deadEnds: ['disable-certificate-checks'],
      },
    ],
  ],
  [
    'pasted: wrong version number on 587',
    pasted([observe.code('ERR_SSL_WRONG_VERSION_NUMBER', 'tls')], { target: { port: 587 } }),
    [
      {
        id: 'tls-mode-mismatch',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['tls-mode.keep-port-starttls', 'tls-mode.other-port-implicit'],
        deadEnds: ['disable-certificate-checks', noPassword],
      },
    ],
  ],
  [
    'pasted: wrong version number on an unknown port names the convention',
    pasted([observe.code('ERR_SSL_WRONG_VERSION_NUMBER', 'tls')]),
    [
      {
        id: 'tls-mode-mismatch',
        confidence: 'medium',
        fixes: ['tls-mode.starttls-on-587', 'tls-mode.implicit-on-465'],
        says: /only 465 speaks TLS from the first byte/,
      },
    ],
  ],
  [
    'pasted: a nodemailer paste gets nodemailer’s setting only',
    pasted([observe.code('ERR_SSL_WRONG_VERSION_NUMBER', 'tls')], {
      target: { port: 587 },
      client: { client: 'nodemailer', quote: 'nodemailer' },
    }),
    [{ id: 'tls-mode-mismatch', fixes: ['tls-mode.keep-port-starttls', 'tls-mode.other-port-implicit'] }],
  ],
  [
    'pasted: no greeting on 465',
    pasted([greetingNever], { target: { port: 465 } }),
    [
      {
        id: 'tls-mode-mismatch',
        detail: 'plaintext-on-implicit-tls-port',
        confidence: 'high',
        settings: { port: 465, security: 'tls' },
        deadEnds: ['raise-timeout', 'firewall-changes', noPassword],
      },
    ],
  ],
  ['pasted: no greeting on 587 is the greeting rule’s', pasted([greetingNever], { target: { port: 587 } }), []],
  [
    'pasted: no greeting on an unknown port is the mode only as a second reading (low, after the silent greeting)',
    pasted([greetingNever]),
    [
      {
        id: 'tls-mode-mismatch',
        confidence: 'low',
        fixes: ['tls-mode.implicit-on-465-first', 'tls-mode.starttls-on-587'],
        says: /^Probably plaintext/,
      },
    ],
  ],
  [
    'pasted: Python timed out on 465 without saying at which step',
    pasted([observe.message('timed-out', 'TimeoutError: timed out')], { target: { port: 465 } }),
    [
      {
        id: 'tls-mode-mismatch',
        confidence: 'medium',
        deadEnds: ['raise-timeout', noPassword],
        says: /does not say whether the connection or the greeting timed out/,
      },
    ],
  ],
  [
    'pasted: implicit TLS named for 465 and a timeout: the mode is right, not this rule’s',
    pasted([observe.message('timed-out', 'TimeoutError: timed out')], { target: { port: 465, security: 'tls' } }),
    [],
  ],
  [
    'pasted: a closed connection on 465 in plaintext',
    pasted([observe.message('connection-closed', 'Connection closed unexpectedly')], { target: { port: 465 } }),
    [{ id: 'tls-mode-mismatch', confidence: 'medium', says: /closed the connection without a usable greeting/ }],
  ],
  [
    'pasted: a PHP mailer’s read timed out on 465 before any reply (plain tcp://)',
    pasted([observe.message('read-timed-out', 'Connection to tcp://smtp.example.org:465 Timed Out')], {
      target: { port: 465 },
    }),
    [{ id: 'tls-mode-mismatch', confidence: 'medium', says: /nothing came/ }],
  ],
  [
    'pasted: a read timed out on 465 after the greeting: the session was talking, not the mode',
    pasted(
      [
        observe.reply('220 smtp.example.org ESMTP', 'greeting'),
        observe.message('read-timed-out', 'SocketTimeoutException: Read timed out'),
      ],
      { target: { port: 465 } },
    ),
    [],
  ],
];

testRule(tlsMode, cases);
