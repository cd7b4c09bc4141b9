// The library's entry points, called as a JavaScript caller might: wrong types are UsageErrors that reject the promise
// (explain: throw, it is synchronous), naming the option; nothing escapes as an uncaught exception or a crash.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  check,
  exitCodeOf,
  explain,
  generateLabCertificates,
  renderReportJson,
  renderReportText,
  renderTranscript,
  runSession,
  Secret,
  startLab,
  summarizeSession,
  UsageError,
  type Lab,
} from '../../src/index.js';
import { describeValue } from '../../src/library/validate.js';
import { labCertificates } from '../helpers/certs.js';

const USER = 'alice@lab.test';
const PASSWORD = 'correct horse';
const GARBAGE = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGUgYXQgYWxs\n-----END CERTIFICATE-----\n';

/** Calls with the types erased, as plain JavaScript would make them. */
type Loose = (...args: unknown[]) => Promise<unknown>;
const looseCheck = check as unknown as Loose;
const looseSession = runSession as unknown as Loose;
const looseLab = startLab as unknown as Loose;
const looseExplain = explain as unknown as (...args: unknown[]) => unknown;

describe('library options', () => {
  const escaped: unknown[] = [];
  const onEscape = (err: unknown): void => {
    escaped.push(err);
  };
  let lab: Lab;
  let caFile: string;
  let garbageFile: string;
  before(async () => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
    lab = await startLab({
      persona: 'plain',
      accounts: [`${USER}:"${PASSWORD}"`],
      certificates: await labCertificates(),
    });
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-library-'));
    caFile = join(dir, 'ca.pem');
    garbageFile = join(dir, 'garbage.pem');
    await writeFile(caFile, lab.ca);
    await writeFile(garbageFile, GARBAGE);
  });
  after(async () => {
    await lab.close();
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  });

  /** Settings that would reach the lab: so a wrong option is the only reason a call can fail. */
  const reach = (): Record<string, unknown> => ({
    host: '127.0.0.1',
    port: lab.ports.starttls,
    security: 'starttls',
    alternatives: [],
    timeoutMs: 2000,
  });

  const cases: [string, () => unknown, RegExp][] = [
    ['check: ca a word', () => looseCheck({ ...reach(), ca: 'string' }), /^check: ca: cannot read string \(ENOENT\)/],
    [
      'check: ca a number',
      () => looseCheck({ ...reach(), ca: 42 }),
      /^check: ca must be PEM text, .* not the number 42$/,
    ],
    [
      'check: ca a garbage file',
      () => looseCheck({ ...reach(), ca: garbageFile }),
      /garbage\.pem: certificate 1 does not parse/,
    ],
    [
      'check: ca garbage PEM',
      () => looseCheck({ ...reach(), ca: [GARBAGE] }),
      /^check: ca\[0\] \(PEM text\): certificate 1 does not parse/,
    ],
    [
      'check: port text',
      () => looseCheck({ ...reach(), port: '587x' }),
      /^check: port must be a whole number from 1 to 65535, not the string "587x"$/,
    ],
    ['check: port 0', () => looseCheck({ ...reach(), port: 0 }), /^check: port must be .* not the number 0$/],
    [
      'check: timeout typo',
      () => looseCheck({ ...reach(), timeout: -1 }),
      /^check: unknown option timeout \(did you mean timeoutMs\?\)/,
    ],
    [
      'check: timeoutMs -1',
      () => looseCheck({ ...reach(), timeoutMs: -1 }),
      /^check: timeoutMs must be a whole number of milliseconds from 1 to 2147483647, not the number -1$/,
    ],
    ['check: timeoutMs past a timer', () => looseCheck({ ...reach(), timeoutMs: 2 ** 31 }), /timeoutMs must be/],
    [
      'check: security bogus',
      () => looseCheck({ ...reach(), security: 'bogus' }),
      /^check: security must be one of "tls", "starttls", "none", "auto", not the string "bogus"$/,
    ],
    [
      'check: insecure text',
      () => looseCheck({ ...reach(), insecure: 'yes' }),
      /^check: insecure must be true or false, not the string "yes"$/,
    ],
    [
      'check: maxAttempts 11',
      () => looseCheck({ ...reach(), maxAttempts: 11 }),
      /^check: maxAttempts must be a whole number from 0 to 10/,
    ],
    [
      'check: alternatives text',
      () => looseCheck({ ...reach(), alternatives: '465/tls' }),
      /^check: alternatives must be an array/,
    ],
    [
      'check: alternative security',
      () => looseCheck({ ...reach(), alternatives: [{ port: 465, security: 'ssl' }] }),
      /^check: alternatives\[0\]\.security must be one of/,
    ],
    [
      'check: send.to text',
      () => looseCheck({ ...reach(), send: { from: 'a@b.c', to: 'd@e.f' } }),
      /^check: send\.to must be a non-empty array/,
    ],
    [
      'check: onProgress text',
      () => looseCheck({ ...reach(), onProgress: 'log' }),
      /^check: onProgress must be a function/,
    ],
    [
      'check: credentials text',
      () => looseCheck({ ...reach(), credentials: `${USER}:${PASSWORD}` }),
      /^check: credentials must be an object/,
    ],
    ['check: no host', () => looseCheck({ port: 587 }), /^check: give options\.host/],
    [
      'check: a number first',
      () => looseCheck(42),
      /^check: the first argument must be a target .* not the number 42$/,
    ],
    ['check: null first', () => looseCheck(null), /not null$/],
    ['check: empty target', () => looseCheck('  '), /^check: the target is empty/],
    [
      'check: options not an object',
      () => looseCheck('127.0.0.1', 'starttls'),
      /^check: options must be an object, not the string "starttls"$/,
    ],
    ['check: host in the target form', () => looseCheck('127.0.0.1', { host: 'x' }), /^check: unknown option host/],
    ['check: two arguments with options first', () => looseCheck(reach(), {}), /give no second argument/],
    [
      'runSession: no port',
      () => looseSession({ host: '127.0.0.1', security: 'starttls' }),
      /^runSession: options\.port is required/,
    ],
    [
      'runSession: port text',
      () => looseSession({ ...reach(), alternatives: undefined, port: '587x' }),
      /^runSession: port must be a whole number/,
    ],
    [
      'runSession: security auto',
      () => looseSession({ host: '127.0.0.1', port: 1, security: 'auto' }),
      /^runSession: security must be one of "tls", "starttls", "none"/,
    ],
    [
      'runSession: ca a number',
      () => looseSession({ host: '127.0.0.1', port: 1, security: 'tls', ca: 42 }),
      /^runSession: ca must be PEM text/,
    ],
    [
      'runSession: ca a word',
      () => looseSession({ host: '127.0.0.1', port: 1, security: 'tls', ca: 'string' }),
      /^runSession: ca: cannot read string/,
    ],
    [
      'runSession: signal',
      () => looseSession({ host: '127.0.0.1', port: 1, security: 'tls', signal: 5 }),
      /^runSession: signal must be an AbortSignal/,
    ],
    [
      'runSession: timeoutMs -1',
      () => looseSession({ host: '127.0.0.1', port: 1, security: 'tls', timeoutMs: -1 }),
      /^runSession: timeoutMs must be/,
    ],
    ['runSession: not an object', () => looseSession('127.0.0.1'), /^runSession: options must be an object/],
    ['startLab: accounts text', () => looseLab({ accounts: 'a:b' }), /^startLab: accounts must be an array/],
    ['startLab: port text', () => looseLab({ port: '2525' }), /^startLab: port must be a whole number/],
    ['startLab: host', () => looseLab({ host: '0.0.0.0' }), /^startLab: host must be one of "127\.0\.0\.1", "::1"/],
    ['startLab: persona number', () => looseLab({ persona: 7 }), /^startLab: persona must be a persona id/],
    [
      'startLab: an account object without flags',
      () => looseLab({ accounts: [{ username: 'a@lab.test', password: 'pw' }] }),
      /^startLab: accounts\[0\]\.flags must be an array of flag names/,
    ],
    [
      'startLab: an account password that is no string',
      () => looseLab({ accounts: [{ username: 'a@lab.test', password: 42, flags: [] }] }),
      /^startLab: accounts\[0\]\.password must be a string, not a number$/,
    ],
    [
      'startLab: certificates not made by generateLabCertificates',
      () => looseLab({ certificates: { ca: { cert: 'x', key: 'y' } } }),
      /^startLab: certificates\.valid must be \{ cert, key \}/,
    ],
    [
      'startLab: a persona object without listeners',
      () => looseLab({ persona: { id: 'mine' } }),
      /^startLab: persona\.imitates must be an object with a listeners array, not undefined$/,
    ],
    ['startLab: log text', () => looseLab({ log: 'yes' }), /^startLab: log must be a function/],
    ['startLab: override', () => looseLab({ override: { phase: 'auth' } }), /^startLab: override\.reply must be/],
    [
      'startLab: unknown option',
      () => looseLab({ personna: 'gmail' }),
      /^startLab: unknown option personna \(did you mean persona\?\)/,
    ],
  ];

  for (const [name, call, message] of cases) {
    test(`library options: ${name} rejects with a UsageError naming it`, async () => {
      let result: unknown;
      // A synchronous throw would escape the caller's `.catch()`: it must be a rejected promise.
      assert.doesNotThrow(() => {
        result = call();
      });
      assert.ok(result instanceof Promise, 'the entry returns a promise');
      await assert.rejects(result, (err) => {
        assert.ok(err instanceof UsageError, `a UsageError, not ${String(err)}`);
        assert.match(err.message, message);
        return true;
      });
    });
  }

  /** The options an entry knows, read from its own message for an unknown one: a new option is covered here at once. */
  async function knownOptions(call: (o: Record<string, unknown>) => unknown): Promise<string[]> {
    const err = await Promise.resolve()
      .then(() => call({ notAnOption: 1 }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const known = err instanceof UsageError ? /; known: (.+)$/.exec(err.message)?.[1] : undefined;
    assert.ok(known !== undefined, `an unknown option is refused with the list of known ones: ${String(err)}`);
    return known.split(', ');
  }

  test('library options: every option of every entry refuses a value of the wrong type, naming the option', async () => {
    const entries: [string, (o: Record<string, unknown>) => unknown][] = [
      ['check', (o) => looseCheck({ host: '127.0.0.1', ...o })],
      ['check', (o) => looseCheck('127.0.0.1', o)],
      ['runSession', (o) => looseSession({ host: '127.0.0.1', port: 1, security: 'tls', ...o })],
      ['startLab', (o) => looseLab(o)],
      ['explain', (o) => looseExplain('535 5.7.8', o)],
    ];
    let checked = 0;
    for (const [entry, call] of entries) {
      for (const key of await knownOptions(call)) {
        for (const wrong of [Symbol('wrong'), Number.NaN, { wrong: true }, [42]]) {
          // Some options take objects or arrays: for them, those two are wrong in their content, named all the same.
          const settle = Promise.resolve().then(() => call({ [key]: wrong }));
          await assert.rejects(
            settle,
            (err) => {
              assert.ok(err instanceof UsageError, String(err));
              assert.match(err.message, new RegExp(`^${entry}: (unknown option )?${key}\\b`));
              return true;
            },
            `${entry}: ${key} = ${describeValue(wrong)}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked > 150, `every option was tried (${checked} calls)`);
  });

  test('library options: a secret given as a plain string is refused without quoting it', async () => {
    await assert.rejects(
      looseCheck({ ...reach(), credentials: { username: USER, secret: PASSWORD } }),
      (err) =>
        err instanceof UsageError &&
        /^check: credentials\.secret must be a Secret .* not a string$/.test(err.message) &&
        !err.message.includes(PASSWORD),
    );
  });

  test('library options: a Secret of undefined (an unset variable) is refused before anything is sent', async () => {
    const unset = new Secret(process.env.SMTP_DOCTOR_TEST_UNSET_VARIABLE as string);
    await assert.rejects(
      check('127.0.0.1', { credentials: { username: USER, secret: unset } }),
      /^UsageError: check: credentials\.secret must be a Secret of a string \(is the variable it was read from unset\?\), not undefined$/,
    );
  });

  test('library options: explain throws a UsageError synchronously for a text that is no string or a wrong option', () => {
    const cases: [unknown[], RegExp][] = [
      [[42], /^explain: the text must be a string .* not the number 42$/],
      [[undefined], /not undefined$/],
      [
        ['535 5.7.8', { client: 'nodemaile' }],
        /^explain: client must be a known client id \(nodemailer, .*\), not the string "nodemaile"$/,
      ],
      [['535 5.7.8', { clients: 'nodemailer' }], /^explain: unknown option clients \(did you mean client\?\)/],
      [['535 5.7.8', 'nodemailer'], /^explain: options must be an object/],
    ];
    for (const [args, message] of cases)
      assert.throws(
        () => looseExplain(...args),
        (err) => err instanceof UsageError && message.test(err.message),
      );
    assert.equal(explain('535 5.7.8', { client: 'nodemailer' }).command, 'explain');
  });

  test('library options: the printers take what the entry points return, and refuse anything else with a UsageError', async () => {
    const report = explain('535 5.7.8 Username and Password not accepted');
    const printed = renderReportText(report);
    assert.ok(printed.length > 0 && !printed.includes('\x1b['), 'plain text unless color: true');
    assert.ok(renderReportText(report, { color: true }).includes('\x1b['));
    assert.equal((JSON.parse(renderReportJson(report)) as { verdict: string }).verdict, report.verdict);
    assert.equal(exitCodeOf(report), 1);
    const record = await runSession({
      host: '127.0.0.1',
      port: lab.ports.starttls ?? 0,
      security: 'starttls',
      ca: lab.ca,
    });
    assert.match(summarizeSession(record), /^Connected over STARTTLS/);
    assert.match(renderTranscript(record.transcript), /EHLO/);
    const loose = (f: unknown): ((...args: unknown[]) => unknown) => f as (...args: unknown[]) => unknown;
    const cases: [string, () => unknown, RegExp][] = [
      [
        'renderReportText',
        () => loose(renderReportText)(undefined),
        /^renderReportText: report must be a Report .* not undefined$/,
      ],
      [
        'renderReportText',
        () => loose(renderReportText)(report, { colour: true }),
        /^renderReportText: unknown option colour \(did you mean color\?\)/,
      ],
      [
        'renderReportText',
        () => loose(renderReportText)(report, { width: '80' }),
        /^renderReportText: width must be a whole number/,
      ],
      ['renderReportJson', () => loose(renderReportJson)('{}'), /^renderReportJson: report must be a Report/],
      [
        'exitCodeOf',
        () => loose(exitCodeOf)({ verdict: 'maybe' }),
        /^exitCodeOf: report must be a Report with a verdict/,
      ],
      [
        'renderTranscript',
        () => loose(renderTranscript)(record),
        /^renderTranscript: events must be an array of transcript events/,
      ],
      [
        'summarizeSession',
        () => loose(summarizeSession)(report),
        /^summarizeSession: record must be what runSession\(\) resolved to/,
      ],
    ];
    for (const [name, call, message] of cases)
      assert.throws(call, (err) => err instanceof UsageError && message.test(err.message), name);
    await assert.rejects(
      loose(generateLabCertificates)(['']) as Promise<unknown>,
      /^UsageError: generateLabCertificates: names must be a non-empty array/,
    );
    await assert.rejects(loose(generateLabCertificates)('localhost') as Promise<unknown>, /names must be/);
  });

  test('library options: ca works as a path, PEM text, a Buffer or a list — the lab certificate verifies', async () => {
    for (const ca of [caFile, lab.ca, Buffer.from(lab.ca), [caFile, lab.ca]]) {
      const report = await check({
        ...reach(),
        security: 'starttls',
        ca,
        credentials: { username: USER, secret: new Secret(PASSWORD) },
      } as Parameters<typeof check>[0] & object);
      assert.equal(report.verdict, 'ok', `${typeof ca}: ${report.findings.map((f) => f.id).join(', ')}`);
      assert.ok(!report.findings.some((f) => f.id === 'certificate-invalid'));
    }
    const record = await runSession({
      host: '127.0.0.1',
      port: lab.ports.starttls ?? 0,
      security: 'starttls',
      ca: caFile,
    });
    assert.equal(record.outcome, 'connected');
  });

  test('library options: a progress listener or a lab logger that throws neither ends the run nor the process', async () => {
    const noisy = await startLab({
      persona: 'plain',
      accounts: [`${USER}:"${PASSWORD}"`],
      certificates: await labCertificates(),
      log: () => {
        throw new Error('logger bug');
      },
    });
    try {
      const report = await check('127.0.0.1', {
        port: noisy.ports.starttls ?? 0,
        security: 'starttls',
        alternatives: [],
        ca: noisy.ca,
        credentials: { username: USER, secret: new Secret(PASSWORD) },
        onProgress: () => {
          throw new Error('listener bug');
        },
      });
      assert.equal(report.verdict, 'ok');
    } finally {
      await noisy.close();
    }
  });

  test('library options: nothing escaped as an uncaught exception or unhandled rejection', async () => {
    // Let any stray timer or socket callback of the runs above fire first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(escaped, []);
  });
});
