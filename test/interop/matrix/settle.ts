// Waiting until a server has finished with every connection of a scenario and logged it, before its log is read.
import { readFileSync } from 'node:fs';
import type { RunningFamily } from './families.js';

/** TCP states in /proc/net/tcp that mean "this server socket is done with its client": LISTEN, TIME_WAIT, CLOSE. */
const DONE_STATES = new Set(['0A', '06', '07']);

/** Server-side sockets on these ports that still serve a client (the server has not closed them yet). */
export function openServerSockets(ports: ReadonlySet<number>): number {
  let open = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const state = fields[3];
      if (local === undefined || state === undefined) continue;
      const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      if (ports.has(port) && !DONE_STATES.has(state)) open += 1;
    }
  }
  return open;
}

/**
 * Waits (8 s at most) until the server holds no connection on its ports, has logged the end of every session it
 * logged the start of, and its log has stopped growing for a moment; returns the log written since `mark`.
 */
export async function settleServer(server: RunningFamily, ports: ReadonlySet<number>, mark: number): Promise<string> {
  const until = Date.now() + 8_000;
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const text = server.log().slice(mark);
    const sessions = server.sessions(text);
    if (text.length !== last) {
      last = text.length;
      quietSince = Date.now();
    }
    const done = openServerSockets(ports) === 0 && sessions.sessions >= sessions.started;
    if ((done && Date.now() - quietSince >= 150) || Date.now() > until) return text;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
