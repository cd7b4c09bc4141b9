// Benchmark: the same question (can this account log in over STARTTLS?) asked by swaks, curl, smtplib, nodemailer
// and `smtp-doctor check`, side by side in one run, through a latency proxy, against the lab and real Postfix/Exim.
// Each client is a whole process as users run it: wall time, CPU (user+sys), peak RSS, round trips.
// Usage: tsx bench/compare-clients.ts [--quick] [--md] [--runs N] [--rtt 0,20,50,100] [--servers lab,postfix,exim]
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg, release, tmpdir, type } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLabCertificates } from '../src/lab/certificates.js';
import { startLab } from '../src/lab/index.js';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.js';
import { startPostfixDovecot } from '../test/interop/servers/postfix-dovecot.js';
import { startExim } from '../test/interop/servers/exim.js';
import { ACCOUNTS, eximAvailable, postfixAvailable } from '../test/interop/servers/common.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/smtp-doctor');
const TIME = '/usr/bin/time';
/** The interpreter itself, not a version manager's shim (pyenv's is a shell script that would be timed too). */
const PYTHON =
  spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    md: { type: 'boolean', default: false },
    runs: { type: 'string' },
    rtt: { type: 'string' },
    servers: { type: 'string' },
    json: { type: 'string', default: join(ROOT, 'bench/results/compare-clients.json') },
  },
});
const quick = values.quick;
const RTTS = (values.rtt ?? (quick ? '50' : '0,20,50,100')).split(',').map(Number);
const SERVERS = (values.servers ?? (quick ? 'lab' : 'lab,postfix,exim')).split(',');
/** Runs per cell: the 50 ms column (the target's) gets the most; the others fewer, to keep the run short. */
const RUNS_AT_TARGET = Number(values.runs ?? process.env.BENCH_RUNS ?? (quick ? 3 : 5));
const RUNS_ELSEWHERE = Math.max(1, Math.min(RUNS_AT_TARGET, 3));
const TARGET_RTT = 50;

/** One server as the clients see it: proxied ports for the question, and the alternatives smtp-doctor probes. */
interface ServerUnderTest {
  name: string;
  description: string;
  starttls: number;
  tls?: number;
  /** A 25-style port: STARTTLS, no AUTH (Postfix has one). */
  noAuth?: number;
  user: string;
  password: string;
  ca: string;
  stop(): Promise<void>;
}

interface Measure {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  ok: boolean;
  /** The most round trips one connection of the run made (the critical path's, for a single-connection client). */
  roundTrips: number;
  /** How long the longest connection was held open, in RTTs (with 0 ms RTT: not measured). */
  spanRtt: number | null;
  connections: number;
}

interface Row {
  server: string;
  rttMs: number;
  client: string;
  mode: 'starttls' | 'tls';
  runs: number;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  roundTrips: number;
  spanRtt: number | null;
  connections: number;
  failures: number;
  error?: string;
}

interface Client {
  name: string;
  mode: 'starttls' | 'tls';
  /** The command line, with the proxied ports of this RTT. */
  argv(s: ProxiedServer): string[] | null;
}

interface ProxiedServer extends ServerUnderTest {
  caFile: string;
  proxies: LatencyProxy[];
}

const CLIENTS: Client[] = [
  {
    name: 'swaks',
    mode: 'starttls',
    argv: (s) => swaks(s, s.starttls, ['--tls']),
  },
  {
    name: 'swaks',
    mode: 'tls',
    argv: (s) => (s.tls === undefined ? null : swaks(s, s.tls, ['--tls-on-connect'])),
  },
  {
    name: 'curl',
    mode: 'starttls',
    argv: (s) => curl(s, `smtp://127.0.0.1:${s.starttls}`, ['--ssl-reqd']),
  },
  {
    name: 'curl',
    mode: 'tls',
    argv: (s) => (s.tls === undefined ? null : curl(s, `smtps://127.0.0.1:${s.tls}`, [])),
  },
  {
    name: 'python smtplib',
    mode: 'starttls',
    argv: (s) => [
      PYTHON,
      join(ROOT, 'bench/clients/python-smtplib.py'),
      '127.0.0.1',
      `${s.starttls}`,
      'starttls',
      s.caFile,
    ],
  },
  {
    name: 'python smtplib',
    mode: 'tls',
    argv: (s) =>
      s.tls === undefined
        ? null
        : [PYTHON, join(ROOT, 'bench/clients/python-smtplib.py'), '127.0.0.1', `${s.tls}`, 'tls', s.caFile],
  },
  {
    name: 'nodemailer verify()',
    mode: 'starttls',
    argv: (s) => [
      process.execPath,
      join(ROOT, 'bench/clients/nodemailer-verify.mjs'),
      '127.0.0.1',
      `${s.starttls}`,
      'starttls',
      s.caFile,
    ],
  },
  {
    name: 'nodemailer verify()',
    mode: 'tls',
    argv: (s) =>
      s.tls === undefined
        ? null
        : [
            process.execPath,
            join(ROOT, 'bench/clients/nodemailer-verify.mjs'),
            '127.0.0.1',
            `${s.tls}`,
            'tls',
            s.caFile,
          ],
  },
  {
    name: 'smtp-doctor check --alternatives none',
    mode: 'starttls',
    argv: (s) => doctor(s, 'none'),
  },
  {
    name: 'smtp-doctor check',
    mode: 'starttls',
    argv: (s) =>
      doctor(
        s,
        [s.tls !== undefined ? `${s.tls}/tls` : '', s.noAuth !== undefined ? `${s.noAuth}/starttls` : '']
          .filter(Boolean)
          .join(','),
      ),
  },
];

function swaks(s: ProxiedServer, port: number, mode: string[]): string[] {
  return [
    'swaks',
    '--server',
    '127.0.0.1',
    '--port',
    `${port}`,
    ...mode,
    '--tls-verify',
    '--tls-ca-path',
    s.caFile,
    '--auth',
    'PLAIN',
    '--auth-user',
    s.user,
    '--auth-password',
    s.password,
    '--quit-after',
    'AUTH',
    '--silent',
    '2',
  ];
}

function curl(s: ProxiedServer, url: string, mode: string[]): string[] {
  // Without a message to send, curl logs in, runs one command (NOOP here) and quits: a login check.
  return ['curl', '-sS', ...mode, '--cacert', s.caFile, '-u', `${s.user}:${s.password}`, '-X', 'NOOP', url];
}

function doctor(s: ProxiedServer, alternatives: string): string[] {
  return [
    process.execPath,
    CLI,
    'check',
    '127.0.0.1',
    '--port',
    `${s.starttls}`,
    '--security',
    'starttls',
    '--user',
    s.user,
    '--password-env',
    'BENCH_PASS',
    '--ca',
    s.caFile,
    '--alternatives',
    alternatives === '' ? 'none' : alternatives,
  ];
}

/** Runs one client process under /usr/bin/time (CPU and peak RSS of the child), timing it from spawn to exit. */
function runOnce(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<Omit<Measure, 'roundTrips' | 'spanRtt' | 'connections'> & { stderr: string }> {
  return new Promise((resolve) => {
    const useTime = existsSync(TIME);
    const [command, ...args] = useTime ? [TIME, '-f', '@@time %e %U %S %M', ...argv] : argv;
    const started = performance.now();
    const child = spawn(command ?? '', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => resolve({ wallMs: NaN, cpuMs: NaN, rssMb: NaN, ok: false, stderr: err.message }));
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      const cpuMs = m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN;
      const rssMb = m ? Number(m[4]) / 1024 : NaN;
      resolve({ wallMs, cpuMs, rssMb, ok: code === 0, stderr: stderr.replace(/@@time.*\n?/, '') });
    });
  });
}

function median(values: number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] ?? NaN) : ((v[mid - 1] ?? NaN) + (v[mid] ?? NaN)) / 2;
}

async function startServer(
  name: string,
  pair: Awaited<ReturnType<typeof generateLabCertificates>>,
): Promise<ServerUnderTest | string> {
  const account = ACCOUNTS[0];
  if (name === 'lab') {
    const lab = await startLab({
      persona: 'postfix-dovecot',
      accounts: [{ username: account.username, password: account.password, flags: [] }],
      certificates: pair,
    });
    return {
      name: 'lab',
      description: 'smtp-doctor lab, postfix-dovecot persona (in this process)',
      starttls: lab.ports.starttls ?? 0,
      ...(lab.ports.tls !== undefined ? { tls: lab.ports.tls } : {}),
      user: account.username,
      password: account.password,
      ca: pair.ca.cert,
      stop: () => lab.close(),
    };
  }
  if (name === 'postfix') {
    if (!postfixAvailable())
      return 'postfix: skipped (postfix or dovecot not installed: test/interop/servers/install.sh)';
    const pf = await startPostfixDovecot(pair.valid);
    return {
      name: 'postfix',
      description: 'Postfix + Dovecot SASL (the interop suite private instance)',
      starttls: pf.submission,
      tls: pf.submissions,
      noAuth: pf.noAuth,
      user: account.username,
      password: account.password,
      ca: pair.ca.cert,
      stop: () => pf.stop(),
    };
  }
  if (name === 'exim') {
    if (!eximAvailable()) return 'exim: skipped (not unpacked: test/interop/servers/install.sh)';
    const ex = await startExim(pair.valid);
    return {
      name: 'exim',
      description: 'Exim 4.96 (the interop suite private instance)',
      starttls: ex.starttls,
      tls: ex.implicit,
      user: account.username,
      password: account.password,
      ca: pair.ca.cert,
      stop: () => ex.stop(),
    };
  }
  return `${name}: unknown server (lab, postfix, exim)`;
}

async function proxied(server: ServerUnderTest, rttMs: number, caFile: string): Promise<ProxiedServer> {
  const proxies: LatencyProxy[] = [];
  const through = async (port: number): Promise<number> => {
    const proxy = await startLatencyProxy({ port }, rttMs);
    proxies.push(proxy);
    return proxy.port;
  };
  const out: ProxiedServer = { ...server, starttls: await through(server.starttls), caFile, proxies };
  if (server.tls !== undefined) out.tls = await through(server.tls);
  if (server.noAuth !== undefined) out.noAuth = await through(server.noAuth);
  return out;
}

/** Another bench script's output, as text lines (it prints a line per figure). */
function runScript(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', () => resolve(out.trim()));
  });
}

const startedAt = performance.now();
const loadAtStart = loadavg()[0] ?? NaN;
const certificates = await generateLabCertificates();
const dir = mkdtempSync(join(tmpdir(), 'smtp-doctor-bench-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, certificates.ca.cert);
const rows: Row[] = [];
const skipped: string[] = [];
const servers: { name: string; description: string }[] = [];

for (const name of SERVERS) {
  const started = await startServer(name, certificates);
  if (typeof started === 'string') {
    console.log(started);
    skipped.push(started);
    continue;
  }
  servers.push({ name: started.name, description: started.description });
  try {
    for (const rttMs of RTTS) {
      const s = await proxied(started, rttMs, caFile);
      const env = { ...process.env, BENCH_USER: s.user, BENCH_PASS: s.password, NO_COLOR: '1' };
      const runs = rttMs === TARGET_RTT ? RUNS_AT_TARGET : RUNS_ELSEWHERE;
      const clients = CLIENTS.map((c) => ({ c, argv: c.argv(s) })).filter(
        (x): x is { c: Client; argv: string[] } => x.argv !== null,
      );
      const measured = new Map<Client, Measure[]>(clients.map(({ c }) => [c, []]));
      const errors = new Map<Client, string>();
      // Interleaved: each round runs every client once, so a noisy moment hurts all of them alike.
      for (let i = 0; i < runs; i++) {
        for (const { c, argv } of clients) {
          for (const p of s.proxies) p.reset();
          const m = await runOnce(argv, env);
          const conns = s.proxies.flatMap((p) => p.connections);
          const spans = conns.map((x) => x.spanMs ?? NaN).filter((x) => !Number.isNaN(x));
          if (!m.ok) errors.set(c, m.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200));
          measured.get(c)?.push({
            ...m,
            roundTrips: Math.max(0, ...conns.map((x) => x.roundTrips)),
            spanRtt: rttMs > 0 && spans.length > 0 ? Math.max(...spans) / rttMs : null,
            connections: conns.length,
          });
        }
      }
      for (const { c } of clients) {
        const list = measured.get(c) ?? [];
        const spans = list.map((x) => x.spanRtt).filter((x): x is number => x !== null);
        const row: Row = {
          server: s.name,
          rttMs,
          client: c.name,
          mode: c.mode,
          runs: list.length,
          wallMs: median(list.map((x) => x.wallMs)),
          cpuMs: median(list.map((x) => x.cpuMs)),
          rssMb: median(list.map((x) => x.rssMb)),
          roundTrips: median(list.map((x) => x.roundTrips)),
          spanRtt: spans.length > 0 ? median(spans) : null,
          connections: median(list.map((x) => x.connections)),
          failures: list.filter((x) => !x.ok).length,
        };
        const error = errors.get(c);
        if (error !== undefined) row.error = error;
        rows.push(row);
        console.log(formatRow(row));
      }
      await Promise.all(s.proxies.map((p) => p.close()));
    }
  } finally {
    await started.stop();
  }
}
rmSync(dir, { recursive: true, force: true });

const benchEnv = { ...process.env, BENCH_RUNS: quick ? '3' : '5' };
const startup = quick ? '' : await runScript('bench/cli-startup.ts', benchEnv);
const inProcess = quick ? '' : await runScript('bench/probe-critical-path.ts', { ...benchEnv, BENCH_SILENT_RUNS: '1' });

export interface BenchResults {
  date: string;
  /** load: the 1-minute load average at the start and the end of the run (a shared machine stretches every figure). */
  machine: { cpu: string; cores: number; node: string; os: string; load?: [number, number] };
  settings: { rttsMs: number[]; runsAtTarget: number; runsElsewhere: number; targetRttMs: number; quick: boolean };
  servers: { name: string; description: string }[];
  skipped: string[];
  rows: Row[];
  startup: string;
  inProcess: string;
  totalSeconds: number;
}

const results: BenchResults = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    os: `${type()} ${release()}`,
    load: [loadAtStart, loadavg()[0] ?? NaN],
  },
  settings: {
    rttsMs: RTTS,
    runsAtTarget: RUNS_AT_TARGET,
    runsElsewhere: RUNS_ELSEWHERE,
    targetRttMs: TARGET_RTT,
    quick,
  },
  servers,
  skipped,
  rows,
  startup,
  inProcess,
  totalSeconds: (performance.now() - startedAt) / 1000,
};
// bench/results/ is ignored by git: a fresh clone has no such folder.
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${values.json} (${results.totalSeconds.toFixed(0)} s)`);
if (startup) console.log(`\n${startup}`);
if (inProcess) console.log(`\n${inProcess}`);
if (values.md) {
  const { writeBenchmarksMd } = await import('./write-benchmarks-md.js');
  writeBenchmarksMd(results, join(ROOT, 'BENCHMARKS.md'));
  console.log('wrote BENCHMARKS.md');
}

function formatRow(r: Row): string {
  const f = (x: number, d = 0): string => (Number.isNaN(x) ? '-' : x.toFixed(d));
  return [
    r.server.padEnd(8),
    `${r.rttMs} ms`.padStart(7),
    `${r.client} ${r.mode}`.padEnd(48),
    `${f(r.wallMs)} ms`.padStart(8),
    `cpu ${f(r.cpuMs)} ms`.padStart(12),
    `${f(r.rssMb)} MB`.padStart(7),
    `rt ${f(r.roundTrips, 1)}`.padStart(7),
    r.spanRtt === null ? '' : `held ${r.spanRtt.toFixed(1)} RTT`,
    `conns ${f(r.connections)}`,
    r.failures > 0 ? `FAILED ${r.failures}/${r.runs}: ${r.error ?? ''}` : '',
  ].join('  ');
}
