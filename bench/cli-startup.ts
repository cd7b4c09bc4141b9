// Benchmark: how long the CLI takes to answer simple commands (startup cost: module loading, knowledge validation).
import { execFileSync } from 'node:child_process';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BIN = new URL('../bin/smtp-doctor', import.meta.url).pathname;
const COMMANDS: string[][] = [['--version'], ['session', '--help'], ['check', '--help'], ['explain', '535']];

for (const argv of COMMANDS) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    try {
      execFileSync(process.execPath, [BIN, ...argv], { stdio: 'ignore' });
    } catch {
      // explain exits 1 (a problem diagnosed): the time is what counts here
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `smtp-doctor ${argv.join(' ').padEnd(16)} median ${(times[Math.floor(times.length / 2)] ?? NaN).toFixed(0)} ms`,
  );
}
