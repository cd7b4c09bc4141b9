// network rule: the connection never reached SMTP — no such name, a refused port, no answer, no route; live and pasted.
import { network } from '../../../src/diagnose/rules/network.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { failure, live, observe, pasted, secret, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const gmail = 'smtp.gmail.com';
const m365 = 'smtp.office365.com';
const neverOpened = ['change-password'];

const refused = (port: number, security: 'tls' | 'starttls', host?: string): SessionSpec => ({
  ...(host !== undefined ? { host } : {}),
  port,
  security,
  until: { failed: failure.network('ECONNREFUSED') },
});

function withUser(evidence: Evidence, username: string): Evidence {
  return { ...evidence, credentials: { username, secret: secret('x') } };
}

/** `check alice@example.net`: smtp-doctor guessed smtp.example.net, whose name does not resolve. */
const guessed = (code: string, mx?: string): Evidence =>
  live({ host: 'smtp.example.net', port: 587, security: 'starttls', until: { failed: failure.network(code) } }, [], {
    target: { address: 'alice@example.net', hostFrom: 'guess' },
    ...(mx ? { dns: { host: 'smtp.example.net', addresses: [], mx: [{ exchange: mx, priority: 10 }] } } : {}),
  });

export const cases: RuleCase[] = [
  [
    'a name that does not resolve: check the spelling, then DNS here',
    live({ host: 'smtp.gmial.com', port: 587, security: 'starttls', until: { failed: failure.network('ENOTFOUND') } }),
    [
      {
        id: 'dns-not-found',
        confidence: 'high',
        fixes: ['network.check-spelling', 'network.check-resolver'],
        deadEnds: ['change-password-or-tls-settings'],
        says: /^The host name does not exist$[\s\S]*^"smtp\.gmial\.com" does not resolve to any address \(ENOTFOUND\): a typo/m,
      },
    ],
  ],
  [
    'a guessed host that does not resolve: no spelling to check, ask for the documented host',
    guessed('ENOTFOUND', 'mx.example.net'),
    [
      {
        id: 'dns-not-found',
        fixes: ['network.give-documented-host', 'network.check-resolver'],
        says: /^The guessed host name does not exist$[\s\S]*smtp-doctor guessed this host from the address: example\.net is not served by a provider it knows, and its mail is received by mx\.example\.net, so it tried smtp\.example\.net\./m,
        neverSays: /a typo/,
      },
    ],
  ],
  [
    'the DNS lookup failing for now: the name may be fine',
    live({ port: 587, security: 'starttls', until: { failed: failure.network('EAI_AGAIN') } }),
    [{ id: 'dns-not-found', detail: 'temporary', confidence: 'medium', says: /right now \(EAI_AGAIN\)/ }],
  ],
  [
    'the probe’s own DNS lookup failing is quoted from the DNS evidence',
    live({ port: 587, security: 'starttls', until: { connected: true } }, [], {
      dns: { host: 'mail.example.org', addresses: [], error: { code: 'ENOTFOUND', message: 'queryA ENOTFOUND' } },
    }),
    [{ id: 'dns-not-found', says: /"mail\.example\.org" does not resolve/ }],
  ],
  [
    'a refused port on a custom port: check the host and port',
    live({ port: 2526, security: 'starttls', until: { failed: failure.network('ECONNREFUSED') } }),
    [
      {
        id: 'connection-refused',
        confidence: 'high',
        fixes: ['network.check-host-port'],
        deadEnds: neverOpened,
        says: /refused the TCP connection on port 2526/,
      },
    ],
  ],
  [
    'a refused conventional port suggests the conventional others, 587 first',
    live(refused(25, 'starttls')),
    [
      {
        id: 'connection-refused',
        fixes: ['network.other-port', 'network.other-port', 'network.check-host-port'],
        settings: { port: 587, security: 'starttls' },
      },
    ],
  ],
  [
    'a refused port on smtp.office365.com: the port the probe proved first, no other host',
    withUser(
      live(refused(2525, 'tls', m365), [{ host: m365, port: 587, security: 'starttls', until: { connected: true } }]),
      'alice@contoso.com',
    ),
    [
      {
        id: 'connection-refused',
        fixes: ['network.use-answering-port', 'network.check-host-port'],
        settings: { port: 587, security: 'starttls' },
      },
    ],
  ],
  [
    'a refused Microsoft MX host for a work address: the submission host for that address',
    withUser(live(refused(587, 'starttls', 'contoso-com.mail.protection.outlook.com')), 'alice@contoso.com'),
    [
      {
        id: 'connection-refused',
        fixes: ['network.provider-host', 'network.check-host-port'],
        settings: { host: m365, port: 587, security: 'starttls' },
      },
    ],
  ],
  [
    'a refused Microsoft MX host for an Outlook.com address: the consumer submission host',
    withUser(live(refused(587, 'starttls', 'contoso-com.mail.protection.outlook.com')), 'bob@outlook.com'),
    [{ id: 'connection-refused', settings: { host: 'smtp-mail.outlook.com', port: 587, security: 'starttls' } }],
  ],
  [
    'a refused documented Gmail port: the other port Gmail documents',
    live(refused(587, 'starttls', gmail)),
    [
      {
        id: 'connection-refused',
        fixes: ['network.other-port', 'network.check-host-port'],
        settings: { port: 465, security: 'tls' },
      },
    ],
  ],
  [
    'every port refused: no single setting, the network here or the host',
    live(refused(465, 'tls', gmail), [
      refused(587, 'starttls', gmail),
      refused(2525, 'starttls', gmail),
      refused(25, 'starttls', gmail),
    ]),
    [
      {
        id: 'connection-refused',
        detail: 'every-port',
        confidence: 'medium',
        fixes: ['network.check-outbound-block', 'network.documented-host-blocked-here'],
        deadEnds: neverOpened,
        says: /^smtp\.gmail\.com refused the TCP connection on every submission port tried \(465, 587, 2525 and 25\)/m,
      },
    ],
  ],
  [
    'every port of an unknown host refused: is it the submission server at all?',
    live(refused(465, 'tls'), [refused(587, 'starttls')]),
    [
      {
        id: 'connection-refused',
        detail: 'every-port',
        fixes: ['network.check-outbound-block', 'network.check-submission-host'],
      },
    ],
  ],
  [
    'not every port when another port answered',
    live(refused(465, 'tls', gmail), [{ host: gmail, port: 587, security: 'starttls', until: { connected: true } }]),
    [{ id: 'connection-refused', fixes: ['network.use-answering-port', 'network.check-host-port'] }],
  ],
  [
    'not every port when only one port was tried',
    live(refused(587, 'starttls', gmail), [refused(587, 'tls', gmail)]),
    [{ id: 'connection-refused', neverSays: /every submission port/ }],
  ],
  [
    'not every port when another port timed out (dropped, not refused)',
    live(refused(465, 'tls', gmail), [
      { host: gmail, port: 587, security: 'starttls', until: { failed: failure.network('ETIMEDOUT') } },
    ]),
    [{ id: 'connection-refused', neverSays: /every submission port/ }],
  ],
  [
    'a guessed host that refuses says it was a guess',
    guessed('ECONNREFUSED'),
    [
      {
        id: 'connection-refused',
        says: /smtp-doctor guessed this host from the address: example\.net is not served by a provider it knows, so it tried smtp\.example\.net\./,
      },
    ],
  ],
  [
    'a blocked port 25 points to the port that works',
    live({ port: 25, security: 'starttls', until: { failed: failure.timeout('connect') } }, [
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    [
      {
        id: 'connection-timeout',
        detail: 'port-25',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['network.use-answering-port', 'network.check-outbound-allowed'],
        deadEnds: ['raise-timeout', 'change-password'],
        says: /block outgoing port 25 \(AWS EC2 does by default\)/,
      },
    ],
  ],
  [
    'no answer on 587: packets dropped or the host down',
    live({ port: 587, security: 'starttls', until: { failed: failure.network('ETIMEDOUT') } }),
    [
      {
        id: 'connection-timeout',
        confidence: 'medium',
        fixes: ['network.other-port', 'network.check-outbound-allowed'],
        settings: { port: 465, security: 'tls' },
        neverSays: /port 25|timed out without saying/,
      },
    ],
  ],
  [
    'no route to the host',
    live({ port: 587, security: 'starttls', until: { failed: failure.network('EHOSTUNREACH') } }),
    [{ id: 'connection-timeout', detail: 'unreachable', says: /no network route to the host \(EHOSTUNREACH\)/ }],
  ],
  [
    'a login refused elsewhere drops "changing the password"',
    live({ port: 587, security: 'starttls', until: { failed: failure.network('ECONNREFUSED') } }, [
      { port: 465, security: 'tls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
    ]),
    [{ id: 'connection-refused', deadEnds: [] }],
  ],
  [
    'a connection that opened is not the network’s',
    live({ port: 587, security: 'starttls', until: { failed: failure.timeout('greeting') } }),
    [],
  ],
  [
    'pasted: a refused connection',
    pasted([observe.code('ECONNREFUSED', 'connect', 'connect ECONNREFUSED 127.0.0.1:587')], { target: { port: 587 } }),
    [{ id: 'connection-refused', fixes: ['network.other-port', 'network.check-host-port'], deadEnds: neverOpened }],
  ],
  [
    'pasted: nodemailer’s EDNS is a name that does not resolve',
    pasted([observe.code('EDNS', 'connect')]),
    [{ id: 'dns-not-found', says: /^The host name does not resolve to any address \(EDNS\)/m }],
  ],
  [
    'pasted: EAI_AGAIN is temporary',
    pasted([observe.code('EAI_AGAIN', 'connect')]),
    [{ id: 'dns-not-found', detail: 'temporary' }],
  ],
  [
    'pasted: ETIMEDOUT',
    pasted([observe.code('ETIMEDOUT', 'connect')]),
    [{ id: 'connection-timeout', confidence: 'medium' }],
  ],
  [
    'pasted: ENETUNREACH',
    pasted([observe.code('ENETUNREACH', 'connect')]),
    [{ id: 'connection-timeout', detail: 'unreachable' }],
  ],
  [
    'pasted: ENETUNREACH, then the server answered MAIL FROM: another address was reached (IPv6, then IPv4)',
    pasted([
      observe.code('ENETUNREACH', 'connect', 'H=smtp.example.org [2001:db8::1] Network is unreachable'),
      observe.reply('530 5.5.1 Authentication Required.', 'mail'),
    ]),
    [],
  ],
  [
    'pasted: a refused connection stays the network’s even where a reply follows',
    pasted([observe.code('ECONNREFUSED', 'connect'), observe.reply('530 5.5.1 Authentication Required.', 'mail')]),
    [{ id: 'connection-refused' }],
  ],
  [
    'pasted: a bare "timed out" on a known port says it cannot tell the connection from the greeting',
    pasted([observe.message('timed-out', 'socket.timeout: timed out')], { target: { port: 587 } }),
    [
      {
        id: 'connection-timeout',
        confidence: 'medium',
        says: /^The client timed out without saying whether it was connecting or waiting for the server's greeting\. Nothing answered the connection attempt to port 587/m,
      },
    ],
  ],
  [
    'pasted: a bare "timed out" without a port is a low-confidence guess',
    pasted([observe.message('timed-out', 'timed out')]),
    [{ id: 'connection-timeout', confidence: 'low' }],
  ],
  [
    'pasted: a bare "timed out" on 465 is the tls-mode rule’s',
    pasted([observe.message('timed-out', 'timed out')], { target: { port: 465 } }),
    [],
  ],
  ['pasted: a certificate code is not the network’s', pasted([observe.code('CERT_HAS_EXPIRED', 'tls')]), []],
];

testRule(network, cases);
