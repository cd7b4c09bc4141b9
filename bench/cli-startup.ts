// Benchmark: what a CLI run costs from the first millisecond (issue 15): wall time, CPU and peak memory of the whole
// process for each command, next to `node -e 0` measured in the same rounds, so the ratios hold on a busy machine.
//
// Each command runs as users run it (`node bin/smtp-doctor …`, the built CLI) under /usr/bin/time, which reports the
// child's user + system CPU and its peak RSS. The commands run interleaved, one round after another (BENCH_RUNS
// rounds, default 15), and each figure is the median of its rounds: when other work shares the cores, every command is
// slowed alike and the ratio to `node -e 0` stays meaningful (the CPU columns are the steadier ones then).
//
// Targets: `explain 535` and `check --help` ≤ 1.5× `node -e 0` (wall); a `check` against a lab persona on loopback
// costs ≤ 200 ms CPU beyond `node -e 0` and peaks at ≤ 60 MB.
//
// Figures (2 cores shared with other helpers' work, load average 15-16, Node 20.20, BENCH_RUNS=9; [base] is main at
// e36f141 measured in the same rounds; wall ratio to `node -e 0`, CPU beyond it, peak RSS; final build, 13:35 UTC run,
// node -e 0 = 590 ms wall / 120 ms cpu / 39.4 MB):
//   command                      before                         after
//   --version                    1.09×,  +30 ms, 42.5 MB        1.07×,  +30 ms, 42.5 MB
//   check --help                 2.89×, +420 ms, 67.5 MB        1.25×,  +70 ms, 46.0 MB
//   explain 535                  3.76×, +560 ms, 74.1 MB        1.89×, +180 ms, 53.5 MB
//   explain --file (5 KB log)    3.91×, +570 ms, 72.5 MB        1.99×, +200 ms, 56.8 MB
//   check (lab, login refused)   4.82×, +730 ms, 80.5 MB        3.14×, +350 ms, 66.6 MB
//   check (lab, login works)     4.79×, +730 ms, 80.6 MB        3.02×, +370 ms, 66.7 MB
// (an earlier run of the bundle before the knowledge file and lazy patterns, node -e 0 = 883 ms / 180 ms: explain 535
// 1.51×, +120 ms; check --help 0.96×: at this load a ratio moves by ±0.4 between runs — rerun on an idle machine.)
// What is left in a check is mostly not start-up: TLS contexts and handshakes, the report's deep scrub, regex first
// runs and the garbage they make (see the cpu profile: node --cpu-prof bin/smtp-doctor check …).
//
// Usage: npm run build && node --import tsx bench/cli-startup.ts [--jsonl]
//   BENCH_RUNS=N rounds; BENCH_BIN / BENCH_BASE_BIN: the launcher to measure / a second one to compare it with
//   --jsonl   one JSON object per command on stdout (for the BENCHMARKS.md driver), nothing else
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../src/lab/index.js';
import { ERROR_BLOCKS, logWithErrorAt } from './explain-inputs.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const JSONL = process.argv.includes('--jsonl');
// BENCH_BIN: another build's launcher (e.g. main's, for a before/after comparison in one run)
const BIN = process.env.BENCH_BIN ?? new URL('../bin/smtp-doctor', import.meta.url).pathname;
// BENCH_BASE_BIN: a second launcher measured in the same rounds, each command twice ("… [base]"): before/after in one run
const BASE_BIN = process.env.BENCH_BASE_BIN;
const TIME = '/usr/bin/time';
const USER = 'alice@lab.test';
const PASSWORD = 'lab password 1';

interface Target {
  /** Wall time at most this many times `node -e 0`'s. */
  ratio?: number;
  /** CPU (user + system) at most this many ms beyond `node -e 0`'s. */
  cpuBeyondMs?: number;
  /** Peak RSS at most this many MB. */
  rssMb?: number;
}

interface Command {
  name: string;
  argv: string[];
  env?: Record<string, string>;
  target?: Target;
}

interface Sample {
  wallMs: number;
  cpuMs: number | null;
  rssMb: number | null;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

const hasTime = existsSync(TIME);

/** One run of `node <argv>`: wall time measured here, CPU and peak RSS from /usr/bin/time when it is installed. */
async function measure(argv: string[], env: Record<string, string> | undefined, dir: string): Promise<Sample> {
  const out = join(dir, 'time.txt');
  const [file, args] = hasTime
    ? [TIME, ['-o', out, '-f', '%e %U %S %M', process.execPath, ...argv]]
    : [process.execPath, argv];
  const start = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'ignore', env: { ...process.env, ...env, NO_COLOR: '1' } });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - start;
  // exit 1 (a problem diagnosed) is the expected answer of explain and of the failing check; 2 or 3 is a broken bench
  if (code !== 0 && code !== 1) throw new Error(`node ${argv.join(' ')} exited ${String(code)}`);
  if (!hasTime) return { wallMs, cpuMs: null, rssMb: null };
  const fields = (await readFile(out, 'utf8')).trim().split('\n').pop()?.split(' ').map(Number) ?? [];
  const [, user = NaN, sys = NaN, rssKb = NaN] = fields;
  return { wallMs, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024 };
}

const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-bench-startup-'));
const lab = await startLab({ persona: 'plain', accounts: [`${USER}:"${PASSWORD}"`] });
try {
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, lab.ca);
  const logFile = join(dir, 'app.log');
  await writeFile(logFile, logWithErrorAt(5 * 1024, ERROR_BLOCKS.nodemailer ?? '', 0.5));
  const checkArgs = [
    'check',
    '127.0.0.1',
    '--port',
    String(lab.ports.starttls),
    '--user',
    USER,
    '--password-env',
    'BENCH_PW',
    '--ca',
    caFile,
    '--alternatives',
    lab.listeners.map((l) => `${l.port}/${l.security}`).join(','),
  ];
  const commands: Command[] = [
    { name: 'node -e 0', argv: ['-e', '0'] },
    { name: '--version', argv: [BIN, '--version'] },
    { name: 'check --help', argv: [BIN, 'check', '--help'], target: { ratio: 1.5 } },
    { name: 'explain 535', argv: [BIN, 'explain', '535'], target: { ratio: 1.5 } },
    { name: 'explain --file (5 KB log)', argv: [BIN, 'explain', '--file', logFile] },
    {
      name: 'check (lab, login refused)',
      argv: [BIN, ...checkArgs],
      env: { BENCH_PW: 'wrong password' },
      target: { cpuBeyondMs: 200, rssMb: 60 },
    },
    {
      name: 'check (lab, login works)',
      argv: [BIN, ...checkArgs],
      env: { BENCH_PW: PASSWORD },
      target: { cpuBeyondMs: 200, rssMb: 60 },
    },
  ];

  if (BASE_BIN !== undefined)
    for (const c of commands.slice()) {
      if (!c.argv.includes(BIN)) continue;
      const twin = { ...c, name: `${c.name} [base]`, argv: c.argv.map((a) => (a === BIN ? BASE_BIN : a)) };
      delete twin.target;
      commands.splice(commands.indexOf(c), 0, twin);
    }
  const samples = new Map<string, Sample[]>(commands.map((c) => [c.name, []]));
  // one warm-up round (file system cache), then the measured rounds, interleaved
  for (const c of commands) await measure(c.argv, c.env, dir);
  for (let round = 0; round < RUNS; round++)
    for (const c of commands) samples.get(c.name)?.push(await measure(c.argv, c.env, dir));

  const summary = (name: string) => {
    const s = samples.get(name) ?? [];
    const cpu = s.flatMap((x) => (x.cpuMs === null ? [] : [x.cpuMs]));
    const rss = s.flatMap((x) => (x.rssMb === null ? [] : [x.rssMb]));
    return {
      wallMs: median(s.map((x) => x.wallMs)),
      cpuMs: cpu.length > 0 ? median(cpu) : null,
      rssMb: rss.length > 0 ? median(rss) : null,
      rssMaxMb: rss.length > 0 ? Math.max(...rss) : null,
    };
  };
  const node = summary('node -e 0');
  const load = loadavg()[0] ?? NaN;
  if (!JSONL) {
    console.log(
      `smtp-doctor start-up (median of ${RUNS} interleaved rounds; load average ${load.toFixed(1)}; ${process.version})`,
    );
    if (!hasTime) console.log(`(${TIME} not found: wall time only)`);
    console.log(
      `${'command'.padEnd(35)} ${'wall ms'.padStart(8)} ${'× node'.padStart(7)} ${'cpu ms'.padStart(7)} ${'+cpu ms'.padStart(8)} ${'× cpu'.padStart(6)} ${'rss MB'.padStart(7)} ${'max MB'.padStart(7)}  target`,
    );
  }
  for (const c of commands) {
    const s = summary(c.name);
    const ratio = s.wallMs / node.wallMs;
    const cpuBeyondMs = s.cpuMs !== null && node.cpuMs !== null ? s.cpuMs - node.cpuMs : null;
    const cpuRatio = s.cpuMs !== null && node.cpuMs !== null ? s.cpuMs / node.cpuMs : null;
    const t = c.target;
    const met =
      t === undefined
        ? null
        : (t.ratio === undefined || ratio <= t.ratio) &&
          (t.cpuBeyondMs === undefined || (cpuBeyondMs !== null && cpuBeyondMs <= t.cpuBeyondMs)) &&
          (t.rssMb === undefined || (s.rssMaxMb !== null && s.rssMaxMb <= t.rssMb));
    if (JSONL) {
      const line = { bench: 'cli-startup', command: c.name, runs: RUNS, load, node: process.version, ...s };
      console.log(JSON.stringify({ ...line, ratio, cpuRatio, cpuBeyondMs, target: t ?? null, met }));
      continue;
    }
    const fmt = (v: number | null, digits = 0, width = 7) => (v === null ? '-' : v.toFixed(digits)).padStart(width);
    const goal = t
      ? [
          t.ratio === undefined ? '' : `≤ ${t.ratio}× wall`,
          t.cpuBeyondMs === undefined ? '' : `≤ +${t.cpuBeyondMs} ms cpu`,
          t.rssMb === undefined ? '' : `≤ ${t.rssMb} MB`,
        ]
          .filter((g) => g !== '')
          .join(', ') + (met ? '  met' : '  MISSED')
      : '';
    console.log(
      `${c.name.padEnd(35)} ${fmt(s.wallMs, 0, 8)} ${fmt(ratio, 2)} ${fmt(s.cpuMs)} ${fmt(cpuBeyondMs, 0, 8)} ${fmt(cpuRatio, 2, 6)} ${fmt(s.rssMb, 1)} ${fmt(s.rssMaxMb, 1)}  ${goal}`,
    );
  }
} finally {
  await lab.close();
  await rm(dir, { recursive: true, force: true });
}
