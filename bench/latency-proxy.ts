// Latency proxy: a loopback TCP relay that adds a round-trip time, and counts the round trips each connection made.
// It forwards bytes, so STARTTLS and implicit TLS pass through untouched. A TCP connect costs one RTT (the server
// sees the connection one RTT after the client dialled); then every chunk waits half the RTT in its direction, in
// order. A round trip is counted whenever the client speaks after the server has (plus one for the connect), which
// is what a client that waits for each reply pays: its critical path in round trips.
import net from 'node:net';

export interface ConnectionStats {
  /** Round trips: the connect, then each turn in which the client spoke after hearing from the server. */
  roundTrips: number;
  bytesUp: number;
  bytesDown: number;
  /** From the client's connect to the client's close (or end), as the proxy saw it: what the client held open. */
  spanMs?: number;
}

export interface LatencyProxy {
  port: number;
  rttMs: number;
  /** Every connection made through the proxy so far, in the order they were accepted. */
  connections: ConnectionStats[];
  /** Forgets the connections counted so far (between runs). */
  reset(): void;
  close(): Promise<void>;
}

/** A one-way delay line: chunks leave in the order they came, each `delayMs` after it arrived. */
class DelayLine {
  readonly #queue: { at: number; send: () => void }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly delayMs: number) {}

  push(send: () => void): void {
    if (this.delayMs <= 0) {
      // With no delay, a chunk still waits for any queued before it.
      if (this.#queue.length === 0) return send();
    }
    this.#queue.push({ at: performance.now() + this.delayMs, send });
    this.#arm();
  }

  #arm(): void {
    if (this.#timer || this.#queue.length === 0) return;
    const head = this.#queue[0];
    if (!head) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        const now = performance.now();
        while (this.#queue.length > 0 && (this.#queue[0]?.at ?? Infinity) <= now + 0.5) this.#queue.shift()?.send();
        this.#arm();
      },
      Math.max(0, head.at - performance.now()),
    );
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#queue.length = 0;
  }
}

export async function startLatencyProxy(target: { host?: string; port: number }, rttMs: number): Promise<LatencyProxy> {
  const half = rttMs / 2;
  let connections: ConnectionStats[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (client) => {
    const stats: ConnectionStats = { roundTrips: 1, bytesUp: 0, bytesDown: 0 };
    const opened = performance.now();
    const closed = (): void => {
      stats.spanMs ??= performance.now() - opened;
    };
    connections.push(stats);
    open.add(client);
    let lastDown = false; // the server spoke last
    const up = new DelayLine(half);
    const down = new DelayLine(half);
    let upstream: net.Socket | undefined;
    const pending: Buffer[] = [];
    let clientEnded = false;
    const finish = (): void => {
      up.clear();
      down.clear();
      client.destroy();
      upstream?.destroy();
      open.delete(client);
    };
    client.on('error', finish);
    client.on('close', () => {
      closed();
      open.delete(client);
      up.push(() => upstream?.destroy());
    });
    client.on('data', (chunk: Buffer) => {
      stats.bytesUp += chunk.length;
      if (lastDown) stats.roundTrips++;
      lastDown = false;
      up.push(() => {
        if (upstream) upstream.write(chunk);
        else pending.push(chunk);
      });
    });
    client.on('end', () => {
      closed();
      clientEnded = true;
      up.push(() => upstream?.end());
    });
    // The server sees the connection one RTT after the client dialled (SYN out, SYN-ACK back, ACK out).
    setTimeout(() => {
      if (client.destroyed) return;
      const socket = net.connect({ host: target.host ?? '127.0.0.1', port: target.port, noDelay: true });
      upstream = socket;
      socket.on('connect', () => {
        for (const chunk of pending.splice(0)) socket.write(chunk);
        if (clientEnded) socket.end();
      });
      socket.on('data', (chunk: Buffer) => {
        stats.bytesDown += chunk.length;
        down.push(() => {
          lastDown = true;
          client.write(chunk);
        });
      });
      socket.on('end', () => down.push(() => client.end()));
      socket.on('error', () => down.push(finish));
      socket.on('close', () => down.push(finish));
    }, rttMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    rttMs,
    get connections() {
      return connections;
    },
    reset() {
      connections = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
