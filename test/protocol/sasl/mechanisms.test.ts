import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Secret } from '../../../src/model/secret.js';
import { encodeBase64 } from '../../../src/protocol/base64.js';
import {
  chooseMechanism,
  findMechanism,
  SASL_MECHANISMS,
  saslMechanismName,
} from '../../../src/protocol/sasl/registry.js';
import type { OutgoingLine } from '../../../src/protocol/commands.js';
import { scramKeys, scramProofs } from '../../../src/protocol/sasl/scram.js';
import type { SaslExchange, SaslStep } from '../../../src/protocol/sasl/types.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
const sent = (step: SaslStep): string => {
  assert.equal(step.kind, 'send');
  return step.line.wire;
};

describe('SASL conformance (every mechanism)', () => {
  /**
   * A plausible server for each mechanism: the challenge to send after the client's last line (undefined: the
   * exchange is over). SCRAM's server extends the client's nonce and signs with the password, as a real one does.
   */
  const oauthError = b64('{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}');
  const fixed = (list: string[]) => (_line: string, i: number) => list[i];
  const scramServer =
    (hash: 'sha1' | 'sha256', password: string) =>
    (line: string, i: number, initialResponse: boolean): string | undefined => {
      const step = initialResponse ? i + 1 : i;
      if (step === 0) return '';
      const blob = unb64(line.replace(/^AUTH \S+ ?/, ''));
      if (step === 1) {
        state.clientFirstBare = blob.slice(3);
        state.serverFirst = `r=${blob.split('r=')[1] ?? ''}srv,s=${b64('salt')},i=4096`;
        return b64(state.serverFirst);
      }
      if (step === 2) {
        const withoutProof = blob.slice(0, blob.lastIndexOf(',p='));
        const keys = scramKeys(hash, password, Buffer.from('salt'), 4096);
        const { serverSignature } = scramProofs(
          hash,
          keys,
          `${state.clientFirstBare},${state.serverFirst},${withoutProof}`,
        );
        return b64(`v=${serverSignature.toString('base64')}`);
      }
      return undefined;
    };
  const state = { clientFirstBare: '', serverFirst: '' };
  const servers: Record<
    string,
    (password: string) => (line: string, i: number, initialResponse: boolean) => string | undefined
  > = {
    PLAIN: () => fixed(['']),
    LOGIN: () => fixed([b64('Username:'), b64('Password:')]),
    'CRAM-MD5': () => fixed([b64('<1896.697170952@postoffice.reston.mci.net>')]),
    'SCRAM-SHA-256': (password) => scramServer('sha256', password),
    'SCRAM-SHA-1': (password) => scramServer('sha1', password),
    'DIGEST-MD5': () =>
      fixed([b64('realm="lab.test",nonce="OA6MG9tEQGm2hh",qop="auth",algorithm=md5-sess,charset=utf-8')]),
    XOAUTH2: () => fixed([oauthError]),
    OAUTHBEARER: () => fixed([oauthError]),
  };
  /** Every line the client sends, and complete() after each. */
  const converse = (
    exchange: SaslExchange,
    name: string,
    password: string,
    initialResponse: boolean,
  ): { lines: OutgoingLine[]; completes: boolean[] } => {
    const server = (servers[name] ?? (() => fixed([])))(password);
    const lines = [exchange.start()];
    const completes = [exchange.complete()];
    for (let i = 0; i < 5; i++) {
      const challenge = server(lines[lines.length - 1]?.wire ?? '', i, initialResponse);
      if (challenge === undefined) break;
      lines.push(exchange.respond(challenge).line);
      completes.push(exchange.complete());
    }
    return { lines, completes };
  };

  for (const mechanism of SASL_MECHANISMS) {
    test(`SASL ${mechanism.name}: no redacted twin ever holds the secret or its base64 (property)`, () => {
      const text = fc.string({
        unit: fc.constantFrom('a', 'B', '7', ' ', ':', '=', '+', '/', 'é', '€', '\\', '"', '%'),
        minLength: 6,
        maxLength: 40,
      });
      fc.assert(
        fc.property(text, text, fc.boolean(), (username, password, initialResponse) => {
          const exchange = mechanism.create(
            { username, secret: new Secret(password, mechanism.credential) },
            { initialResponse },
          );
          const { lines } = converse(exchange, mechanism.name, password, initialResponse);
          for (const line of lines) {
            for (const form of [password, b64(password), encodeURIComponent(password)]) {
              assert.ok(
                !line.redacted.includes(form),
                `${mechanism.name} redacted line shows the secret: ${line.redacted}`,
              );
            }
            if (line.wire !== line.redacted) assert.ok(!line.redacted.includes(line.wire));
          }
        }),
        { numRuns: 150 },
      );
    });

    for (const initialResponse of [true, false])
      test(`SASL ${mechanism.name}: exactly the line that carries the secret is flagged (initial response ${initialResponse ? 'on' : 'off'})`, () => {
        const password = 'S3cret-Pass';
        const exchange = mechanism.create(
          { username: 'bob', secret: new Secret(password, mechanism.credential) },
          { initialResponse },
        );
        const { lines } = converse(exchange, mechanism.name, password, initialResponse);
        const carries = lines.map((l) => {
          const blob = l.wire.replace(/^AUTH [A-Z0-9-]+ ?/, '');
          return Buffer.from(blob, 'base64').toString('utf8').includes(password);
        });
        assert.deepEqual(
          lines.map((l) => l.secret === true),
          carries,
        );
        assert.equal(
          carries.filter(Boolean).length,
          mechanism.revealsSecret ? 1 : 0,
          'the mechanism says whether its lines reveal the secret',
        );
      });

    for (const initialResponse of [true, false])
      test(`SASL ${mechanism.name}: complete() only once every response was sent, so that an earlier 235 is no login (initial response ${initialResponse ? 'on' : 'off'})`, () => {
        const exchange = mechanism.create(
          { username: 'bob', secret: new Secret('S3cret-Pass', mechanism.credential) },
          { initialResponse },
        );
        // complete() after each line, against "this line or an earlier one carried the last response" (the secret,
        // or a digest or proof computed from it).
        const { lines: progress, completes: seen } = converse(exchange, mechanism.name, 'S3cret-Pass', initialResponse);
        const last = progress.findIndex(
          (l) => l.secret === true || /HMAC-MD5|redacted proof|redacted digest response/.test(l.redacted),
        );
        assert.deepEqual(
          seen,
          progress.map((_, i) => i >= last),
        );
      });

    test(`SASL ${mechanism.name}: the redacted twin keeps the secret's shape`, () => {
      const exchange = mechanism.create(
        { username: 'bob', secret: new Secret('hunter2 ', mechanism.credential) },
        { initialResponse: false },
      );
      const texts = converse(exchange, mechanism.name, 'hunter2 ', false)
        .lines.map((l) => l.redacted)
        .join('\n');
      if (mechanism.revealsSecret) assert.match(texts, /8 characters.*TRAILING WHITESPACE/);
    });
  }
});

describe('SASL mechanism names (RFC 4422 §3.1): any valid name is accepted, whether smtp-doctor speaks it or not', () => {
  const cases: [string, string | undefined][] = [
    ['PLAIN', 'PLAIN'],
    ['digest-md5', 'DIGEST-MD5'],
    ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256-PLUS'],
    ['GSSAPI', 'GSSAPI'],
    ['X_OAUTH_2', 'X_OAUTH_2'],
    ['A2345678901234567890', 'A2345678901234567890'],
    ['A23456789012345678901', undefined],
    ['', undefined],
    ['PLAIN LOGIN', undefined],
    ['PLAIN\r\nQUIT', undefined],
    ['PLAİN', undefined],
    ['CRAM.MD5', undefined],
  ];
  for (const [text, expected] of cases)
    test(`SASL name ${JSON.stringify(text)} → ${expected ?? 'not a mechanism name'}`, () => {
      assert.equal(saslMechanismName(text), expected);
    });
});

test('SASL PLAIN: RFC 4954 example with an authorization identity', () => {
  const ex = findMechanism('PLAIN')?.create(
    { username: 'test', secret: new Secret('1234'), authzid: 'test' },
    { initialResponse: true },
  );
  assert.equal(ex?.start().wire, 'AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=');
});

test('SASL PLAIN: without initial response the blob answers the empty 334', () => {
  const ex = findMechanism('PLAIN')?.create(
    { username: 'u', secret: new Secret('p') },
    { initialResponse: false },
  ) as SaslExchange;
  assert.equal(ex.start().wire, 'AUTH PLAIN');
  assert.equal(sent(ex.respond('')), b64('\0u\0p'));
  assert.equal(ex.respond('').kind, 'cancel');
});

test('SASL LOGIN: follows the standard prompts and tolerates odd ones', () => {
  const run = (prompts: string[], initialResponse = false): string[] => {
    const ex = findMechanism('LOGIN')?.create(
      { username: 'user', secret: new Secret('pass') },
      { initialResponse },
    ) as SaslExchange;
    return [ex.start().wire, ...prompts.map((p) => ex.respond(p)).map((s) => (s.kind === 'send' ? s.line.wire : '*'))];
  };
  assert.deepEqual(run([b64('Username:'), b64('Password:')]), ['AUTH LOGIN', b64('user'), b64('pass')]);
  assert.deepEqual(run([b64('User Name'), b64('Password')]), ['AUTH LOGIN', b64('user'), b64('pass')]);
  assert.deepEqual(
    run([b64('Please enter something'), b64('more')]),
    ['AUTH LOGIN', b64('user'), b64('pass')],
    'unknown prompts: order decides',
  );
  assert.deepEqual(run([b64('Password:')], true), [`AUTH LOGIN ${b64('user')}`, b64('pass')]);
  assert.deepEqual(run([b64('Password:')]), ['AUTH LOGIN', '*'], 'password asked before user name');
  assert.deepEqual(run([b64('Username:'), b64('Password:'), b64('Password:')]), [
    'AUTH LOGIN',
    b64('user'),
    b64('pass'),
    '*',
  ]);
});

test('SASL CRAM-MD5: RFC 2195 example', () => {
  const ex = findMechanism('CRAM-MD5')?.create(
    { username: 'tim', secret: new Secret('tanstaaftanstaaf') },
    { initialResponse: true },
  ) as SaslExchange;
  assert.equal(ex.start().wire, 'AUTH CRAM-MD5', 'never an initial response');
  const reply = sent(ex.respond(b64('<1896.697170952@postoffice.reston.mci.net>')));
  assert.equal(Buffer.from(reply, 'base64').toString(), 'tim b913a602c7eda7a495b4e6e7334d3890');
});

test('SASL CRAM-MD5: a challenge that is not base64 is cancelled', () => {
  const ex = findMechanism('CRAM-MD5')?.create(
    { username: 'tim', secret: new Secret('x') },
    { initialResponse: false },
  ) as SaslExchange;
  const step = ex.respond('this is not base64!');
  assert.equal(step.kind, 'cancel');
  assert.equal(step.line.wire, '*');
});

test('SASL XOAUTH2: initial response format and empty answer to the error challenge', () => {
  const ex = findMechanism('XOAUTH2')?.create(
    { username: 'someuser@example.com', secret: new Secret('ya29.token', 'token') },
    { initialResponse: true },
  ) as SaslExchange;
  assert.equal(ex.start().wire, `AUTH XOAUTH2 ${b64('user=someuser@example.com\x01auth=Bearer ya29.token\x01\x01')}`);
  const step = ex.respond(
    'eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K',
  );
  assert.equal(sent(step), '');
  assert.deepEqual(ex.details(), { status: '401', schemes: 'bearer mac', scope: 'https://mail.google.com/' });
});

test('SASL registry: prefers PLAIN, then LOGIN, and matches the credential kind', () => {
  assert.equal(chooseMechanism(['LOGIN', 'PLAIN', 'XOAUTH2'], 'password')?.name, 'PLAIN');
  assert.equal(chooseMechanism(['LOGIN', 'XOAUTH2'], 'password')?.name, 'LOGIN');
  assert.equal(chooseMechanism(['LOGIN', 'XOAUTH2'], 'token')?.name, 'XOAUTH2');
  assert.equal(chooseMechanism(['XOAUTH2', 'OAUTHBEARER'], 'password'), null);
  assert.equal(chooseMechanism([], 'password'), null);
  assert.equal(findMechanism('cram-md5')?.name, 'CRAM-MD5');
  assert.equal(encodeBase64('x'), 'eA==');
});
