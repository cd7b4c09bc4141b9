// Fuzzing the session: random server scripts (honest phases mixed with garbage, partial lines, resets, injections,
// delays, echoes of our secrets, TLS or not) must never throw, hang past the deadline, leak a secret or send one unsafely.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { check } from '../../src/check/check.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startScriptedServer, type ScriptContext, type ScriptedServer } from '../helpers/scripted-server.js';
import type { Evidence } from '../../src/model/evidence.js';
import { Secret } from '../../src/model/secret.js';
import type { SessionRecord } from '../../src/model/session.js';
import { reportOf } from '../helpers/report.js';
import { renderReportJson } from '../../src/report/json.js';
import { summarizeSession } from '../../src/report/session-summary.js';
import { renderReportText } from '../../src/report/text.js';
import { renderTranscript } from '../../src/report/transcript-text.js';
import { runSession, type SessionOptions } from '../../src/transport/session.js';
import { labCertificates } from '../helpers/certs.js';
import { fuzzParameters } from './fuzz.js';
import { forbiddenForms, leaks, PASSWORD, TOKEN, USER } from './support.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

type Action =
  | { kind: 'reply'; lines: [code: string, text: string][]; ending: '\r\n' | '\n' }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'partial'; text: string }
  | { kind: 'sleep'; ms: number }
  /** Echo the client's last line (as sent, or base64-decoded) inside a reply. */
  | { kind: 'echo'; code: string; decoded: boolean }
  /** Say the secret in one of its encodings (a server that knows it, or echoes it back). */
  | { kind: 'secret'; code: string; form: number }
  | { kind: 'tls' }
  | { kind: 'close' }
  | { kind: 'reset' };

interface Plan {
  implicitTls: boolean;
  certificate: 'valid' | 'selfSigned' | 'expired';
  greeting: Action[];
  ehlo: Action[];
  ehloAfterTls: Action[];
  starttls: Action[];
  /** Answers to the AUTH line and to each line after it, in order. */
  auth: Action[][];
  other: Action[];
  quit: Action[];
}

const UNITS = [...'abcXYZ019 .-:=+/<>@'.split(''), '\0', '\x1b', '\x07', '\x9b', 'é', '\u202e', '\r', '\n', '\t'];
const text = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 30 });
const code = fc.oneof(
  {
    arbitrary: fc.constantFrom('220', '235', '250', '334', '354', '421', '454', '501', '502', '530', '535', '554'),
    weight: 4,
  },
  { arbitrary: fc.constantFrom('199', '600', '099', '2x0', '', '22'), weight: 1 },
);
const reply = (codes: fc.Arbitrary<string>, body: fc.Arbitrary<string>): fc.Arbitrary<Action> =>
  fc.record({
    kind: fc.constant('reply' as const),
    lines: fc.array(fc.tuple(codes, body), { minLength: 1, maxLength: 4 }),
    ending: fc.constantFrom('\r\n' as const, '\n' as const),
  });
const simple = (c: string, t: string): Action => ({ kind: 'reply', lines: [[c, t]], ending: '\r\n' });

const chaosAction: fc.Arbitrary<Action> = fc.oneof(
  reply(code, text),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('partial' as const), text }),
  fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('echo' as const), code, decoded: fc.boolean() }),
  fc.record({
    kind: fc.constant('secret' as const),
    code,
    form: fc.nat({ max: forbiddenForms(PASSWORD).length - 1 }),
  }),
  fc.constant({ kind: 'tls' } as const),
  fc.constant({ kind: 'close' } as const),
  fc.constant({ kind: 'reset' } as const),
);
const chaos = fc.array(chaosAction, { minLength: 1, maxLength: 5 });
/** Mostly honest, sometimes hostile: the conversation gets far enough to reach AUTH and the test send. */
const phase = (honest: fc.Arbitrary<Action[]>): fc.Arbitrary<Action[]> =>
  fc.oneof({ arbitrary: honest, weight: 4 }, { arbitrary: chaos, weight: 1 });

const CAPABILITIES = [
  'STARTTLS',
  'AUTH PLAIN LOGIN',
  'AUTH XOAUTH2',
  'AUTH CRAM-MD5',
  'AUTH=LOGIN',
  'PIPELINING',
  'SIZE 1000',
];
const ehloReply = fc
  .subarray(CAPABILITIES)
  .map((caps): Action[] => [
    { kind: 'reply', lines: [['250', 'fuzz.test'], ...caps.map((c): [string, string] => ['250', c])], ending: '\r\n' },
  ]);
const challenge = fc.oneof(
  fc.constantFrom(b64('Username:'), b64('Password:'), b64('<1.2@fuzz.test>'), b64('{"status":"401"}'), ''),
  fc.base64String({ maxLength: 24 }),
  text,
);
const authAnswer = fc.oneof(
  fc.tuple(challenge).map(([t]): Action[] => [simple('334', t)]),
  fc
    .constantFrom('235 2.7.0 ok', '535 5.7.8 bad credentials', '454 4.7.0 try later', '501 5.7.0 aborted')
    .map((l): Action[] => [simple(l.slice(0, 3), l.slice(4))]),
);

const plan: fc.Arbitrary<Plan> = fc.record({
  implicitTls: fc.boolean(),
  certificate: fc.constantFrom('valid' as const, 'valid' as const, 'selfSigned' as const, 'expired' as const),
  greeting: phase(fc.constant([simple('220', 'fuzz.test ESMTP')])),
  ehlo: phase(ehloReply),
  ehloAfterTls: phase(ehloReply),
  starttls: phase(fc.constant<Action[]>([simple('220', 'Ready'), { kind: 'tls' }])),
  auth: fc.array(phase(authAnswer), { minLength: 1, maxLength: 7 }),
  other: phase(fc.constant([simple('250', 'OK')])),
  quit: phase(fc.constant<Action[]>([simple('221', 'Bye'), { kind: 'close' }])),
});

interface ClientChoice {
  entry: 'session' | 'check';
  security: SessionOptions['security'];
  secret: 'password' | 'token' | 'none';
  mechanism: string | undefined;
  initialResponse: boolean | undefined;
  allowPlaintext: boolean;
  insecure: boolean;
  send: boolean;
}

const client: fc.Arbitrary<ClientChoice> = fc.record({
  entry: fc.constantFrom('session' as const, 'session' as const, 'check' as const),
  security: fc.constantFrom('starttls' as const, 'tls' as const, 'none' as const),
  secret: fc.constantFrom('password' as const, 'password' as const, 'token' as const, 'none' as const),
  mechanism: fc.constantFrom(undefined, 'PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'),
  initialResponse: fc.constantFrom(undefined, true, false),
  allowPlaintext: fc.boolean(),
  insecure: fc.boolean(),
  send: fc.boolean(),
});

/** What the server received, and whether the line came over TLS with a certificate the client should trust. */
interface Heard {
  line: string;
  tls: boolean;
  trusted: boolean;
}

let certs: LabCertificates;
let server: ScriptedServer;
let current: { plan: Plan; heard: Heard[] } | undefined;

async function perform(ctx: ScriptContext, actions: readonly Action[], last: string, state: { tls: boolean }) {
  const secret = forbiddenForms(PASSWORD);
  const token = forbiddenForms(TOKEN);
  for (const a of actions) {
    if (ctx.closed) return false;
    switch (a.kind) {
      case 'reply':
        ctx.write(a.lines.map(([c, t], i) => `${c}${i < a.lines.length - 1 ? '-' : ' '}${t}${a.ending}`).join(''));
        break;
      case 'bytes':
        ctx.write(a.bytes);
        break;
      case 'partial':
        ctx.write(a.text);
        break;
      case 'sleep':
        await ctx.sleep(a.ms);
        break;
      case 'echo':
        ctx.line(
          `${a.code} you said ${a.decoded ? Buffer.from(last.split(' ').pop() ?? '', 'base64').toString('utf8') : last}`,
        );
        break;
      case 'secret':
        ctx.line(`${a.code} ${secret[a.form]?.form ?? ''} ${token[a.form]?.form ?? ''}`);
        break;
      case 'tls':
        if (state.tls || !(await ctx.startTls(certs[current?.plan.certificate ?? 'valid']))) return false;
        state.tls = true;
        break;
      case 'close':
        ctx.end();
        return false;
      case 'reset':
        ctx.destroy();
        return false;
    }
  }
  return true;
}

before(async () => {
  certs = await labCertificates();
  server = await startScriptedServer(async (ctx) => {
    const run = current;
    if (!run) return;
    const { plan: p, heard } = run;
    const state = { tls: false };
    if (p.implicitTls && !(await perform(ctx, [{ kind: 'tls' }], '', state))) return;
    if (!(await perform(ctx, p.greeting, '', state))) return;
    let authStep = -1;
    for (;;) {
      const line = await ctx.readLine(1_500);
      if (line === null) return;
      heard.push({ line, tls: state.tls, trusted: p.certificate === 'valid' });
      const verb = line.split(' ')[0]?.toUpperCase() ?? '';
      let actions: Action[];
      if (verb === 'AUTH') authStep = 0;
      else if (authStep >= 0 && !['MAIL', 'QUIT', 'EHLO'].includes(verb)) authStep += 1;
      else authStep = -1;
      if (authStep >= 0) actions = p.auth[Math.min(authStep, p.auth.length - 1)] ?? [];
      else if (verb === 'EHLO' || verb === 'HELO') actions = state.tls ? p.ehloAfterTls : p.ehlo;
      else if (verb === 'STARTTLS') actions = p.starttls;
      else if (verb === 'QUIT') actions = p.quit;
      else actions = p.other;
      if (!(await perform(ctx, actions, line, state))) return;
    }
  });
});
after(() => server.close());

// eslint-disable-next-line no-control-regex -- control characters are what we look for
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;
const DEADLINE_MS = 1_200;
/** Time allowed past the deadline for closing sockets and the QUIT courtesy: a hang is far longer. */
const GRACE_MS = 3_000;

function evidenceOf(record: SessionRecord, choice: ClientChoice): Evidence {
  return {
    origin: 'probe',
    target: { host: record.target.host, port: record.target.port, security: record.target.security },
    sessions: [{ role: 'configured', record }],
    observations: [],
    providerHints: [],
    ...(choice.secret === 'none'
      ? {}
      : { credentials: { username: USER, secret: new Secret(secretOf(choice)).shape } }),
  };
}

function secretOf(choice: ClientChoice): string {
  return choice.secret === 'token' ? TOKEN : PASSWORD;
}

test('fuzz: random server scripts never crash the session, hang past the deadline, leak a secret or send it unsafely', async () => {
  await fc.assert(
    fc.asyncProperty(plan, client, async (p, choice) => {
      const heard: Heard[] = [];
      current = { plan: p, heard };
      const options: SessionOptions = {
        host: '127.0.0.1',
        port: server.port,
        security: choice.security,
        ca: [certs.ca.cert],
        insecure: choice.insecure,
        allowPlaintext: choice.allowPlaintext,
        timeoutMs: 250,
        deadlineMs: DEADLINE_MS,
        ...(choice.mechanism !== undefined ? { mechanism: choice.mechanism } : {}),
        ...(choice.initialResponse !== undefined ? { initialResponse: choice.initialResponse } : {}),
      };
      if (choice.secret !== 'none') {
        options.credentials = { username: USER, secret: new Secret(secretOf(choice), choice.secret) };
        if (choice.send) options.send = { from: USER, to: ['bob@fuzz.test'] };
      }
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<'hang'>((resolve) => {
        timer = setTimeout(() => resolve('hang'), (DEADLINE_MS + GRACE_MS) * (choice.entry === 'check' ? 3 : 1));
      });
      const run =
        choice.entry === 'session'
          ? runSession(options).then((record) => reportOf('check', evidenceOf(record, choice)))
          : check({ ...options, alternatives: [], maxAttempts: 2 });
      const report = await Promise.race([run, hang]).finally(() => clearTimeout(timer));
      assert.notEqual(report, 'hang', 'the run ended');
      if (report === 'hang') return;

      const secret = choice.secret === 'none' ? '' : secretOf(choice);
      const text = renderReportText(report, { color: false, transcript: true });
      const outputs: [string, string][] = [
        ['report JSON', renderReportJson(report)],
        ['report text', text],
        ...report.evidence.sessions.flatMap(({ record }): [string, string][] => [
          ['transcript', renderTranscript(record.transcript, { timestamps: true })],
          ['summary', summarizeSession(record)],
        ]),
      ];
      for (const [where, out] of outputs) {
        if (secret) assert.deepEqual(leaks(out, secret), [], `${where} leaks the secret`);
        if (where !== 'report JSON')
          assert.equal(RAW_CONTROL.exec(out), null, `${where} holds a raw control character`);
      }

      // The secret crossed the wire only over verified TLS, or where the user explicitly allowed otherwise.
      for (const h of heard.filter((x) => secret && leaks(x.line, secret).length > 0)) {
        assert.ok(h.tls || choice.allowPlaintext, `sent without TLS: ${h.line}`);
        assert.ok(!h.tls || h.trusted || choice.insecure, `sent over an untrusted certificate: ${h.line}`);
        const injected = report.evidence.sessions.some((s) => s.record.injection);
        assert.ok(!injected, 'sent after a STARTTLS injection');
      }
    }),
    fuzzParameters('session', 25, 2_000),
  );
});
