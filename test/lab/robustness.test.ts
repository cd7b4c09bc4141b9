import assert from 'node:assert/strict';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import tls from 'node:tls';
import { describe, test } from 'node:test';
import type { Lab } from '../../src/lab/index.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { RawClient, b64, nothing, withLab } from '../helpers/lab.js';

/** After whatever a client did, the lab still greets and logs in the next one. */
async function stillServes(lab: Lab): Promise<void> {
  const r = await runSession({
    host: '127.0.0.1',
    port: lab.ports.starttls ?? 0,
    security: 'starttls',
    ca: [lab.ca],
    credentials: { username: 'alice@lab.test', secret: new Secret('lab-password-1') },
    timeoutMs: 3000,
  });
  assert.equal(r.outcome, 'authenticated', r.stopReason);
}

function rawSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => resolve(s));
    s.on('error', () => undefined);
    s.once('error', reject);
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Misbehaviour {
  title: string;
  act: (lab: Lab) => Promise<void>;
}

const MISBEHAVIOURS: Misbehaviour[] = [
  {
    title: 'a plaintext client that talks to the implicit-TLS port',
    act: async (lab) => {
      const s = await rawSocket(lab.ports.tls ?? 0);
      s.write('EHLO plaintext.test\r\n');
      await wait(50);
      s.destroy();
    },
  },
  {
    title: 'a TLS client on the STARTTLS port (ClientHello where a command belongs)',
    act: async (lab) => {
      await new Promise<void>((resolve) => {
        const s = tls.connect({ port: lab.ports.starttls ?? 0, host: '127.0.0.1', rejectUnauthorized: false });
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 300);
      });
    },
  },
  {
    title: 'a client that answers the STARTTLS 220 with garbage instead of a handshake',
    act: async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      await c.send('EHLO raw.test');
      await c.send('STARTTLS');
      c.write(Buffer.from('this is not a TLS ClientHello\r\n\x00\x01\x02'));
      await c.closedByServer();
      c.destroy();
    },
  },
  {
    title: 'a client that vanishes in the middle of AUTH LOGIN',
    act: async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      await c.send('EHLO raw.test');
      await c.send('AUTH LOGIN');
      c.write(`${b64('alice@lab.test')}\r\n`);
      c.destroy();
    },
  },
  {
    title: 'a client that resets the connection at once',
    act: async (lab) => {
      const s = await rawSocket(lab.ports.starttls ?? 0);
      s.resetAndDestroy();
    },
  },
  {
    title: 'garbage bytes, NULs and invalid UTF-8',
    act: async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      const garbage = Buffer.alloc(64 * 1024);
      for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
      c.write(garbage);
      c.write('\r\nQUIT\r\n');
      await c.closedByServer();
      c.destroy();
    },
  },
  {
    title: 'a 1 MB line',
    act: async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      c.write(`EHLO ${'a'.repeat(1024 * 1024)}\r\n`);
      assert.equal(await c.reply(), '500 Line too long\r\n');
      assert.equal(await c.send('NOOP'), '250 OK\r\n');
      c.destroy();
    },
  },
  {
    title: 'commands sent before the greeting',
    act: async (lab) => {
      const s = await rawSocket(lab.ports.starttls ?? 0);
      let text = '';
      s.on('data', (d: Buffer) => (text += d.toString('latin1')));
      s.write('EHLO early.test\r\nNOOP\r\nQUIT\r\n');
      await new Promise((resolve) => s.once('close', resolve));
      assert.match(text, /^220 lab\.test ESMTP\r\n250-lab\.test Nice to meet you/);
      assert.match(text, /250 OK\r\n221 Bye\r\n$/);
    },
  },
  {
    title: 'a flood of 5000 pipelined commands in one write',
    act: async (lab) => {
      const s = await rawSocket(lab.ports.starttls ?? 0);
      let replies = 0;
      let partial = '';
      s.on('data', (d: Buffer) => {
        partial += d.toString('latin1');
        const lines = partial.split('\r\n');
        partial = lines.pop() ?? '';
        replies += lines.filter((l) => l === '250 OK').length;
      });
      s.write('NOOP\r\n'.repeat(5000) + 'QUIT\r\n');
      await new Promise((resolve) => s.once('close', resolve));
      assert.equal(replies, 5000);
    },
  },
];

describe('lab robustness', () => {
  for (const m of MISBEHAVIOURS) {
    test(`lab: survives ${m.title} and serves the next client`, async () => {
      await withLab({}, async (lab) => {
        await m.act(lab);
        await stillServes(lab);
      });
    });
  }

  test('lab: forty clients at once are all served', async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const records = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          runSession({
            host: '127.0.0.1',
            port: (i % 2 === 0 ? lab.ports.starttls : lab.ports.tls) ?? 0,
            security: i % 2 === 0 ? 'starttls' : 'tls',
            ca: [lab.ca],
            credentials: { username: 'alice@lab.test', secret: new Secret('abcdefghijklmnop') },
            timeoutMs: 5000,
          }),
        ),
      );
      assert.deepEqual(new Set(records.map((r) => r.outcome)), new Set(['authenticated']));
    });
  });

  test('lab: a silent client is dropped after the idle limit', async () => {
    await withLab({ idleTimeoutMs: 150 }, async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      assert.ok(await c.closedByServer(3000));
    });
  });

  test('lab: close() ends connected clients, frees the ports, and can be called twice', async () => {
    let port = 0;
    await withLab({}, async (lab) => {
      port = lab.ports.starttls ?? 0;
      const c = await RawClient.connect(port);
      await c.reply();
      await lab.close();
      await lab.close();
      assert.ok(await c.closedByServer());
    });
    await assert.rejects(rawSocket(port), /ECONNREFUSED/);
  });
});

describe('lab binds loopback only', () => {
  test('lab: every listener is on 127.0.0.1', async () => {
    await withLab({ persona: 'gmail' }, (lab) => {
      assert.ok(lab.listeners.length === 2);
      for (const l of lab.listeners) assert.equal(l.host, '127.0.0.1');
      return Promise.resolve();
    });
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  test(
    "lab: the lab cannot be reached on this machine's other addresses",
    { skip: external ? false : 'no non-loopback IPv4 address on this machine' },
    async () => {
      await withLab({}, async (lab) => {
        await assert.rejects(
          new Promise((resolve, reject) => {
            const s = net.connect({ port: lab.ports.starttls ?? 0, host: external ?? '' }, () => resolve(s));
            s.once('error', reject);
          }),
          /ECONNREFUSED/,
        );
      });
    },
  );

  test('lab: ::1 is accepted as a loopback host', async () => {
    await withLab({ host: '::1' }, async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0, '::1');
      assert.equal(await c.reply(), '220 lab.test ESMTP\r\n');
      c.destroy();
    });
  });

  for (const host of ['0.0.0.0', '::', '192.0.2.1']) {
    test(`lab: host ${host} is refused before anything listens`, async () => {
      await assert.rejects(
        withLab({ host: host as '127.0.0.1' }, nothing),
        /the lab listens on loopback only \(127\.0\.0\.1 or ::1\)/,
      );
    });
  }

  test('lab: --port N puts STARTTLS on N and implicit TLS on N+1', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await withLab({ port: free }, (lab) => {
      assert.deepEqual(lab.ports, { starttls: free, tls: free + 1 });
      assert.deepEqual(
        lab.listeners.map((l) => [l.security, l.imitates]),
        [
          ['starttls', 587],
          ['tls', 465],
        ],
      );
      return Promise.resolve();
    });
  });

  test('lab: a port in use is a clear error', async () => {
    await withLab({}, async (lab) => {
      await assert.rejects(
        withLab({ port: lab.ports.starttls ?? 0 }, nothing),
        /port \d+ on 127\.0\.0\.1 is already in use/,
      );
    });
  });
});
