// reply-signatures rule: each reply read through the knowledge base, live and pasted; unknown refusals; where a reply came from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { replySignatures } from '../../../src/diagnose/rules/reply-signatures.js';
import type { Evidence, SessionPurpose } from '../../../src/model/evidence.js';
import { live, observe, pasted, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const REFUSED = '535 5.7.8 Authentication credentials invalid';
const RFC_535_FIXES = [
  'rfc.credentials-invalid#check-the-exact-user-name-form',
  'rfc.credentials-invalid#use-the-kind-of-secret-the',
  'rfc.credentials-invalid#enter-the-secret-again-without-spaces',
];
const XOAUTH2_ERROR =
  '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==';
const GMAIL_535 =
  '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp';
const starttls = { port: 587, security: 'starttls' as const };
const retry = (reply: string, mechanism = 'LOGIN'): SessionSpec => ({ ...starttls, until: { auth: reply, mechanism } });

export const cases: RuleCase[] = [
  [
    'live: a refusal of the configured login, named by the RFC signature',
    live({ ...starttls, until: { auth: REFUSED } }),
    [{ id: 'credentials-rejected', confidence: 'medium', origin: 'configured', fixes: RFC_535_FIXES }],
  ],
  [
    'pasted: the same refusal reads the same',
    pasted([observe.reply(REFUSED, 'auth')]),
    [{ id: 'credentials-rejected', confidence: 'medium', origin: 'configured', fixes: RFC_535_FIXES }],
  ],
  [
    'live: a transient refusal in wording nobody knows, named from its code',
    live({ ...starttls, until: { auth: '452 4.3.1 The frobnicator is sad' } }),
    [
      {
        id: 'auth-temporary-failure',
        detail: 'unknown-wording',
        confidence: 'low',
        fixes: ['reply-signatures.wait-then-once', 'reply-signatures.search-reply-text'],
        deadEnds: ['change-password'],
        says: /^The server refused the login for now \(452, wording unknown to smtp-doctor\)/,
      },
    ],
  ],
  [
    'pasted: a permanent refusal in wording nobody knows',
    pasted([observe.reply('553 5.7.99 The frobnicator says no', 'auth')]),
    [
      {
        id: 'credentials-rejected',
        detail: 'unknown-wording',
        confidence: 'low',
        fixes: ['reply-signatures.check-user-and-secret', 'reply-signatures.search-reply-text'],
        deadEnds: ['retry-same-credentials'],
        says: /^The server refused the login \(553, wording unknown to smtp-doctor\)/,
      },
    ],
  ],
  [
    'an unknown transient refusal after a judged login: changing the password may help after all',
    pasted([observe.reply('553 5.7.99 The frobnicator says no', 'auth'), observe.reply('452 4.3.1 Still sad', 'auth')]),
    [
      { id: 'credentials-rejected', detail: 'unknown-wording' },
      { id: 'auth-temporary-failure', detail: 'unknown-wording', deadEnds: [] },
    ],
  ],
  ['a pasted reply of unknown phase and unknown meaning says nothing', pasted([observe.reply('599 what')]), []],
  ['an undefined code of unknown phase, no enhanced code: maybe no reply', pasted([observe.reply('430 items')]), []],
  [
    'an undefined code with an enhanced code of its class is a reply: its class’s generic reading',
    pasted([observe.reply('430 4.2.0 Server busy, try again later')]),
    [{ id: 'auth-temporary-failure', confidence: 'low' }],
  ],
  [
    'an undefined code whose enhanced code has another class stays unread',
    pasted([observe.reply('430 5.2.0 odd')]),
    [],
  ],
  [
    'pasted: a 235 is all the text may say, so it is read (live, auth-ok reads it)',
    pasted([observe.reply('235 2.7.0 Authentication successful', 'auth')]),
    [{ id: 'auth-ok', severity: 'ok' }],
  ],
  [
    'live: a success is another rule’s',
    live({ ...starttls, until: { auth: '235 2.7.0 Authentication successful' } }),
    [],
  ],
  [
    'live: Gmail’s XOAUTH2 error challenge is read before the final 535',
    live({
      host: 'smtp.gmail.com',
      ...starttls,
      until: { auth: GMAIL_535, mechanism: 'XOAUTH2', errorChallenge: XOAUTH2_ERROR },
    }),
    [{ id: 'oauth-token-rejected' }, { id: 'oauth-token-rejected' }],
  ],
  [
    'live: a refused STARTTLS gets the detail the starttls rule gives it, so the two merge',
    live({ ...starttls, until: { starttls: '454 4.7.0 TLS not available due to local problem' } }),
    [{ id: 'starttls-unavailable', detail: 'refused' }],
  ],
  [
    'live: a login refused on another session is part of the diagnosis, as an alternative',
    live({ ...starttls, until: { auth: REFUSED } }, [retry('535 5.7.8 Bad password')]),
    [
      { id: 'credentials-rejected', origin: 'configured' },
      { id: 'credentials-rejected', origin: 'alternative' },
    ],
  ],
  [
    'live: another session’s greeting refusal does not concern the user’s settings',
    live({ ...starttls, until: { auth: '235 2.7.0 Accepted' } }, [
      { port: 465, security: 'tls', until: { greeting: '554 5.7.1 go away' } },
    ]),
    [],
  ],
  [
    'live: a login accepted anywhere proves the credentials: a refusal elsewhere is no verdict on them',
    live({ ...starttls, until: { auth: REFUSED, mechanism: 'PLAIN' } }, [retry('235 2.7.0 Accepted')]),
    [],
  ],
  [
    'pasted: a 235 beside a 535 may be another run: the refusal stays',
    pasted([observe.reply(REFUSED, 'auth'), observe.reply('235 2.7.0 Authentication successful', 'auth')]),
    [{ id: 'credentials-rejected' }, { id: 'auth-ok' }],
  ],
  [
    'pasted: after a 235, a refusal of a command the text does not name (VRFY) is no verdict on the login',
    pasted([
      observe.reply('235 2.7.0 Authentication successful', 'auth'),
      observe.reply('502 5.5.1 VRFY command is disabled'),
    ]),
    [{ id: 'auth-ok' }],
  ],
  [
    'pasted: without the 235 the same code alone is still read as a refused AUTH',
    pasted([observe.reply('502 5.5.1 Command not implemented')]),
    [{ id: 'auth-requires-tls' }, { id: 'auth-not-offered' }],
  ],
  [
    'live: the unnamed 454 after a refused login is the lockout rule’s throttle, not read here',
    live({ ...starttls, until: { auth: REFUSED } }, [retry('454 4.7.0 Temporary authentication failure')]),
    [{ id: 'credentials-rejected', origin: 'configured' }],
  ],
  [
    'pasted: the same throttle is left to the lockout rule too',
    pasted([observe.reply(REFUSED, 'auth'), observe.reply('454 4.7.0 Temporary authentication failure', 'auth')]),
    [{ id: 'credentials-rejected' }],
  ],
  [
    'a 454 without an earlier failure is the server’s temporary failure',
    pasted([observe.reply('454 4.7.0 Temporary authentication failure', 'auth')]),
    [{ id: 'auth-temporary-failure' }],
  ],
];

testRule(replySignatures, cases);

/** The note that says where the alternative session's refusal came from. */
function whereNote(evidence: Evidence): string | undefined {
  const found = replySignatures.run(buildContext(evidence)).find((c) => c.origin === 'alternative');
  return found?.finding.evidence.find((q) => q.source === 'transcript')?.text;
}

function withPurpose(alternative: SessionSpec, purpose?: SessionPurpose): Evidence {
  const evidence = live({ ...starttls, until: { auth: REFUSED, mechanism: 'PLAIN' } }, [alternative]);
  const session = evidence.sessions[1];
  assert.ok(session);
  if (purpose !== undefined) session.purpose = purpose;
  return evidence;
}

const whereCases: [string, SessionSpec, SessionPurpose | undefined, string][] = [
  [
    'a retry with another mechanism, as the probe recorded it',
    retry('535 5.7.8 Bad password'),
    'mechanism-retry',
    'a second login smtp-doctor made on mail.example.org:587 (STARTTLS) with LOGIN (another mechanism)',
  ],
  [
    'a login elsewhere, as the probe recorded it (even on the same endpoint)',
    retry('535 5.7.8 Bad password'),
    'login-elsewhere',
    'a login smtp-doctor made on mail.example.org:587 (STARTTLS) with LOGIN, besides your settings',
  ],
  [
    'a report saved without purposes: the same endpoint was a retry with another mechanism',
    retry('535 5.7.8 Bad password'),
    undefined,
    'a second login smtp-doctor made on mail.example.org:587 (STARTTLS) with LOGIN (another mechanism)',
  ],
  [
    'a report saved without purposes: another endpoint was a login elsewhere',
    { port: 465, security: 'tls', until: { auth: '535 5.7.8 Bad password', mechanism: 'PLAIN' } },
    undefined,
    'a login smtp-doctor made on mail.example.org:465 (implicit TLS) with PLAIN, besides your settings',
  ],
];

for (const [what, alternative, purpose, note] of whereCases)
  test(`reply-signatures: where another session’s refusal came from — ${what}`, () => {
    assert.equal(whereNote(withPurpose(alternative, purpose)), note);
  });
