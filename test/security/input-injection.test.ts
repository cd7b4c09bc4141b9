// Security suite, user input: line breaks and NUL in anything that reaches the wire are refused before a connection opens.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import { InputError } from '../../src/model/errors.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { labCertificates } from '../helpers/certs.js';
import { checkAgainst, cliAgainst, hostile, login, PASSWORD, sessionAgainst, USER } from './support.js';

let certs: LabCertificates;
before(async () => {
  certs = await labCertificates();
});

/** Each way a value can smuggle a second command into a line-based protocol. */
const BREAKS: [name: string, text: string][] = [
  ['CR LF', '\r\n'],
  ['a bare LF', '\n'],
  ['a bare CR', '\r'],
  ['NUL', '\0'],
];

const INJECTED = 'RCPT TO:<victim@elsewhere.test>';

/** Library inputs: the session option that carries the value, and the CLI flags that carry it. */
const INPUTS: {
  name: string;
  options: (bad: string) => Parameters<typeof sessionAgainst>[1];
  argv: (port: number, bad: string) => string[];
  message: RegExp;
}[] = [
  {
    name: 'the EHLO name',
    options: (bad) => ({ ehloName: `client.test${bad}${INJECTED}` }),
    argv: (port, bad) => ['check', ...login(port, '--ehlo', `client.test${bad}${INJECTED}`)],
    message: /EHLO name contains a line break or NUL/,
  },
  {
    name: 'the user name',
    options: (bad) => ({ user: `${USER}${bad}${INJECTED}` }),
    argv: (port, bad) => [
      'check',
      '127.0.0.1',
      '--port',
      String(port),
      '--user',
      `${USER}${bad}${INJECTED}`,
      '--password-env',
      'PW',
    ],
    message: /user name contains a line break, NUL or \^A/,
  },
  {
    name: 'the --send-to address',
    options: (bad) => ({ send: { from: USER, to: [`bob@hostile.test${bad}${INJECTED}`] } }),
    argv: (port, bad) => ['check', ...login(port, '--send-to', `bob@hostile.test${bad}${INJECTED}`)],
    message: /recipient address contains a line break or NUL/,
  },
  {
    name: 'the --from address',
    options: (bad) => ({ send: { from: `${USER}${bad}${INJECTED}`, to: ['bob@hostile.test'] } }),
    argv: (port, bad) => [
      'check',
      ...login(port, '--send-to', 'bob@hostile.test', '--from', `${USER}${bad}${INJECTED}`),
    ],
    message: /sender address contains a line break or NUL/,
  },
  {
    name: 'the mechanism',
    options: (bad) => ({ mechanism: `PLAIN${bad}${INJECTED}` }),
    argv: (port, bad) => ['check', ...login(port, '--mechanism', `PLAIN${bad}${INJECTED}`)],
    message: /mechanism/,
  },
];

describe('security: line breaks in user input', () => {
  for (const input of INPUTS) {
    for (const [breakName, bad] of BREAKS) {
      test(`security input (session): ${breakName} in ${input.name} is an input error and nothing reaches the server`, async () => {
        const server = await startScriptedServer(hostile(certs));
        try {
          const { user = USER, ...options } = input.options(bad) ?? {};
          await assert.rejects(
            () =>
              runSession({
                host: '127.0.0.1',
                port: server.port,
                security: 'starttls',
                credentials: { username: user, secret: new Secret(PASSWORD) },
                ...options,
              }),
            InputError,
          );
          assert.equal(server.received.length, 0, 'no connection was opened');
        } finally {
          await server.close();
        }
      });

      test(`security input (check): ${breakName} in ${input.name} is an InputError, never a server outcome`, async () => {
        await assert.rejects(() => checkAgainst(hostile(certs), input.options(bad)), InputError);
      });

      test(`security input (cli): ${breakName} in ${input.name} exits 2 with a clear message and no connection`, async () => {
        const { result: run, connections } = await cliAgainst(hostile(certs), (port) => input.argv(port, bad));
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, input.message);
        assert.equal(run.stdout, '');
        assert.equal(connections, 0, 'no connection was opened');
        assert.ok(!run.stderr.includes(PASSWORD));
      });
    }
  }

  test('security input (cli): a user name with CR LF from an smtp:// URL or SMTP_USER is refused the same way', async () => {
    const fromUrl = await cliAgainst(hostile(certs), (port) => [
      'check',
      `smtp://alice%0D%0ARSET@127.0.0.1:${port}`,
      '--password-env',
      'PW',
    ]);
    assert.equal(fromUrl.result.code, 2, fromUrl.result.stderr);
    assert.equal(fromUrl.connections, 0);

    const fromEnv = await cliAgainst(hostile(certs), () => ['check'], {
      env: { PW: PASSWORD, SMTP_HOST: '127.0.0.1', SMTP_USER: `alice\r\n${INJECTED}`, SMTP_PASS: PASSWORD },
    });
    assert.equal(fromEnv.result.code, 2, fromEnv.result.stderr);
    assert.match(fromEnv.result.stderr, /user name contains a line break, NUL or \^A/);
  });

  test('security input (session): a ^A in the user name cannot forge XOAUTH2 fields and fails before connecting', async () => {
    const server = await startScriptedServer(hostile(certs));
    try {
      await assert.rejects(
        () =>
          runSession({
            host: '127.0.0.1',
            port: server.port,
            security: 'starttls',
            mechanism: 'XOAUTH2',
            credentials: { username: `${USER}\x01auth=Bearer forged`, secret: new Secret('ya29.token', 'token') },
          }),
        /\^A/,
      );
      assert.equal(server.received.length, 0, 'no connection was opened');
    } finally {
      await server.close();
    }
  });

  /** Values without a line break that still cannot go out as given: each is refused before a connection opens. */
  const REFUSED: {
    name: string;
    options: Partial<Parameters<typeof runSession>[0]>;
    flags: string[];
    secret?: string;
    message: RegExp;
  }[] = [
    {
      name: 'an EHLO name over 505 bytes',
      options: { ehloName: `${'a'.repeat(501)}.test` },
      flags: ['--ehlo', `${'a'.repeat(501)}.test`],
      message: /EHLO name is longer than 505 bytes/,
    },
    {
      name: 'an EHLO name with a space in it',
      options: { ehloName: 'client.test MAIL' },
      flags: ['--ehlo', 'client.test MAIL'],
      message: /EHLO name must be a domain name or an address literal/,
    },
    {
      name: 'an XOAUTH2 token with ^A (forged fields)',
      options: { mechanism: 'XOAUTH2' },
      flags: ['--mechanism', 'XOAUTH2'],
      secret: 'ya29.token\x01auth=Bearer evil',
      message: /OAuth token contains a control character/,
    },
    {
      name: 'an XOAUTH2 token with a line break',
      options: { mechanism: 'XOAUTH2' },
      flags: ['--mechanism', 'XOAUTH2'],
      secret: 'ya29.token\n',
      message: /OAuth token contains a control character/,
    },
    {
      name: 'a password with NUL (which PLAIN cannot carry)',
      options: {},
      flags: [],
      secret: 'pass\0word',
      message: /password contains a NUL character/,
    },
  ];
  for (const r of REFUSED) {
    const kind = r.options.mechanism === 'XOAUTH2' ? 'token' : 'password';
    const secret = r.secret ?? PASSWORD;
    test(`security input (session): ${r.name} is an input error and nothing reaches the server`, async () => {
      const server = await startScriptedServer(hostile(certs));
      try {
        await assert.rejects(
          () =>
            runSession({
              host: '127.0.0.1',
              port: server.port,
              security: 'starttls',
              credentials: { username: USER, secret: new Secret(secret, kind) },
              ...r.options,
            }),
          (err: unknown) => err instanceof InputError && r.message.test(err.message) && !err.message.includes(secret),
        );
        assert.equal(server.received.length, 0, 'no connection was opened');
      } finally {
        await server.close();
      }
    });

    for (const command of ['check', 'session']) {
      test(`security input (cli ${command}): ${r.name} exits 2 with a clear message and no connection`, async () => {
        const { result: run, connections } = await cliAgainst(
          hostile(certs),
          (port) => [command, ...login(port, ...r.flags)],
          {
            env: { PW: secret },
          },
        );
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, r.message);
        assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
        assert.equal(connections, 0, 'no connection was opened');
      });
    }
  }

  test('security input (session): a host name with CR LF is an input error', async () => {
    await assert.rejects(() => sessionAgainst(hostile(certs), { host: `127.0.0.1\r\n${INJECTED}` }), InputError);
  });
});
