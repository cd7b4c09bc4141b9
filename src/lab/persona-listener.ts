// Persona listener: a TCP server on loopback that plays one persona on each connection and survives any client.
import net from 'node:net';
import { InputError } from '../model/errors.js';
import { runPersonaSession, type SessionContext } from './persona-session.js';
import type { LabLogEvent } from './session-log.js';
import { LabConnection } from './wire.js';

export interface ListenerSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls';
  /** Everything a session needs except its logger. */
  context: Omit<SessionContext, 'log' | 'listener'>;
  idleMs: number;
  maxLineBytes: number;
  bytesPerSecond?: number;
  nextSession: () => number;
  log?: (event: LabLogEvent) => void;
}

export interface RunningListener {
  security: 'starttls' | 'tls';
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startPersonaListener(settings: ListenerSettings): Promise<RunningListener> {
  const sockets = new Set<net.Socket>();
  const sessions = new Set<Promise<void>>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    const number = settings.nextSession();
    const port = actualPort;
    const log = (kind: LabLogEvent['kind'], text: string): void =>
      settings.log?.({ session: number, listener: settings.security, port, kind, text });
    log('info', `connection from ${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`);
    const conn = new LabConnection(socket, {
      maxLineBytes: settings.maxLineBytes,
      idleMs: settings.idleMs,
      ...(settings.bytesPerSecond !== undefined ? { bytesPerSecond: settings.bytesPerSecond } : {}),
    });
    const session = runPersonaSession(conn, { ...settings.context, listener: settings.security, log }).finally(() => {
      sessions.delete(session);
      if (!socket.destroyed) socket.end();
    });
    sessions.add(session);
  });
  // One bad client must never stop the listener: errors after listen() are per-connection and already handled.
  server.on('error', () => undefined);
  let actualPort = settings.port;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        new InputError(
          err.code === 'EADDRINUSE'
            ? `port ${settings.port} on ${settings.host} is already in use`
            : `cannot listen on ${settings.host}:${settings.port} (${err.code ?? err.message})`,
          { cause: err },
        ),
      );
    };
    server.once('error', onError);
    server.listen({ host: settings.host, port: settings.port, exclusive: true }, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
  actualPort = (server.address() as net.AddressInfo).port;
  return {
    security: settings.security,
    host: settings.host,
    port: actualPort,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await Promise.allSettled([...sessions]);
      await closed;
    },
  };
}
