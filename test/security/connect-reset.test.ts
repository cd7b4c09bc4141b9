// Security suite: a server that resets the connection right at accept gets the same finding whatever the timing.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, mock, test } from 'node:test';
import { check } from '../../src/check/check.js';
import { Secret } from '../../src/model/secret.js';
import { exitCodeOf } from '../../src/report/create.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import { ids, PASSWORD, USER } from './support.js';

/** Whether Node reports the reset as a failed connect or as a reset after it depends on timing: both are played. */
const TIMINGS: { name: string; run: (run: (port: number) => Promise<unknown>) => Promise<void> }[] = [
  {
    name: 'reported after the connection opened',
    run: async (run) => {
      const server = await startScriptedServer((ctx) => {
        ctx.destroy();
        return Promise.resolve();
      });
      try {
        await run(server.port);
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'reported as the outcome of connect()',
    run: async (run) => {
      const connect = mock.method(net, 'connect', () => {
        const socket = new net.Socket();
        const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104 });
        process.nextTick(() => socket.destroy(reset));
        return socket;
      });
      try {
        await run(2525);
      } finally {
        connect.mock.restore();
      }
    },
  },
];

describe('security: a reset right at connect', () => {
  for (const security of ['starttls', 'tls'] as const) {
    const found: string[] = [];
    for (const timing of TIMINGS)
      test(`security: a reset right at connect (${security}, ${timing.name}) is a finding with exit 1, the same for either timing`, async () => {
        await timing.run(async (port) => {
          const report = await check({
            host: '127.0.0.1',
            port,
            security,
            alternatives: [],
            timeoutMs: 2_000,
            deadlineMs: 8_000,
            credentials: { username: USER, secret: new Secret(PASSWORD) },
          });
          assert.ok(report.findings.length > 0, 'a finding');
          assert.equal(exitCodeOf(report), 1, ids(report).join());
          const connect = report.evidence.sessions[0]?.record.steps.find((s) => s.step === 'connect');
          assert.equal(connect?.result, 'ok', 'a reset is no refusal: the connection was made');
          found.push(`${ids(report)[0] ?? ''}/${report.findings[0]?.detail ?? ''}`);
          assert.equal(new Set(found).size, 1, found.join(' vs '));
        });
      });
  }
});
