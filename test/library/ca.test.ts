// The CA loader shared by the library's `ca` option and the CLI's --ca: every form accepted, every bad one refused.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadCa, readCaFiles } from '../../src/library/ca.js';
import { UsageError } from '../../src/model/errors.js';
import { runCli } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';

/** A certificate block whose header is right and whose body is not a certificate. */
const GARBAGE = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGUgYXQgYWxs\n-----END CERTIFICATE-----\n';

describe('ca loader', () => {
  let ca: string;
  let other: string;
  let dir: string;
  const file = (name: string): string => join(dir, name);
  before(async () => {
    const certs = await labCertificates();
    ca = certs.ca.cert;
    other = certs.selfSigned.cert;
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-ca-'));
    await writeFile(file('ca.pem'), ca);
    await writeFile(file('bundle.pem'), `# two CAs\n${ca}\n${other}`);
    await writeFile(file('empty.pem'), '');
    await writeFile(file('garbage.pem'), GARBAGE);
    await writeFile(file('second-garbage.pem'), ca + GARBAGE);
    await writeFile(file('truncated.pem'), ca.slice(0, ca.indexOf('-----END')));
    await writeFile(file('key.pem'), certs.ca.key);
    await writeFile(file('ca.der'), new X509Certificate(ca).raw);
    await writeFile(file('words.txt'), 'not a certificate at all\n');
  });

  const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

  test('ca loader: PEM text, a PEM Buffer, a DER Buffer, a path and a list all give the same certificates', async () => {
    const want = fingerprint(ca);
    const der = new X509Certificate(ca).raw;
    for (const [name, input] of [
      ['PEM text', ca],
      ['PEM Buffer', Buffer.from(ca)],
      ['PEM Uint8Array', new Uint8Array(Buffer.from(ca))],
      ['DER Buffer', der],
      ['path', file('ca.pem')],
      ['path of a DER file', file('ca.der')],
      ['list', [file('ca.pem')]],
    ] as const) {
      const loaded = await loadCa(input);
      assert.deepEqual(loaded.map(fingerprint), [want], name);
    }
  });

  test('ca loader: a bundle gives each of its certificates, and a list joins its items', async () => {
    assert.equal((await loadCa(file('bundle.pem'))).length, 2);
    assert.equal((await loadCa(`${ca}\n${other}`)).length, 2);
    assert.equal((await loadCa([ca, Buffer.from(other), file('bundle.pem')])).length, 4);
  });

  test('ca loader: what cannot be a CA is a UsageError naming the option, the item and the reason', async () => {
    const cases: [string, unknown, RegExp][] = [
      [
        'a number',
        42,
        /^ca must be PEM text, a Buffer, the path of a PEM file, or an array of these, not the number 42$/,
      ],
      ['an object', { pem: ca }, /^ca must be .* not an object$/],
      ['null', null, /^ca must be .* not null$/],
      ['an item of a list', [ca, 7], /^ca\[1\] must be PEM text, a Buffer or a file path, not the number 7$/],
      ['an empty list', [], /^ca is an empty list/],
      ['an empty string', '', /^ca is an empty string/],
      [
        'a word that is no file',
        'string',
        /^ca: cannot read string \(ENOENT\): a string is PEM text \(with its -----BEGIN line\) or the path of a PEM file$/,
      ],
      ['a missing file', file('missing.pem'), /^ca: cannot read .*missing\.pem \(ENOENT\)/],
      ['an empty file', file('empty.pem'), /^ca: .*empty\.pem is empty$/],
      ['a garbage body', file('garbage.pem'), /^ca: .*garbage\.pem: certificate 1 does not parse \(.+\)$/],
      ['a garbage second body', file('second-garbage.pem'), /certificate 2 does not parse/],
      ['no END line', file('truncated.pem'), /certificate 1 has no "-----END CERTIFICATE-----" line/],
      ['a key, no certificate', file('key.pem'), /key\.pem holds no PEM certificate/],
      ['garbage PEM text', GARBAGE, /^ca \(PEM text\): certificate 1 does not parse/],
      [
        'a Buffer of garbage',
        Buffer.from('not a certificate'),
        /^ca \(Buffer\) holds no PEM certificate \(no "-----BEGIN CERTIFICATE-----" line\) and is no DER certificate either \(.+\)$/,
      ],
      ['an empty Buffer', Buffer.alloc(0), /^ca is an empty Buffer/],
      ['a file of words', file('words.txt'), /words\.txt holds no PEM certificate .* and is no DER certificate either/],
      ['a directory', dir, /^ca: cannot read .* \(EISDIR\)/],
    ];
    for (const [name, input, message] of cases) {
      await assert.rejects(
        loadCa(input),
        (err) => err instanceof UsageError && message.test(err.message),
        `${name}: expected ${String(message)}`,
      );
    }
  });

  test('ca loader: a file past 1 MiB is refused without reading it whole', async () => {
    await writeFile(file('big.pem'), 'x'.repeat(1024 * 1024 + 1));
    await assert.rejects(loadCa(file('big.pem')), /holds more than 1 MiB/);
    await assert.rejects(loadCa('-----BEGIN' + 'x'.repeat(1024 * 1024)), /holds more than 1 MiB/);
  });

  test('ca loader: --ca reads every argument as a path and names it in its errors', async () => {
    assert.equal((await readCaFiles([file('ca.pem'), file('bundle.pem')])).length, 3);
    await assert.rejects(
      readCaFiles([file('garbage.pem')]),
      /^UsageError: --ca: .*garbage\.pem: certificate 1 does not parse/,
    );
  });

  test('cli: a --ca file with a valid header and a garbage body exits 2 with the file name and the reason', async () => {
    for (const command of ['check', 'session']) {
      const r = await runCli([command, '127.0.0.1', '--port', '1', '--ca', file('garbage.pem')]);
      assert.equal(r.code, 2, `${command}: ${r.stderr}`);
      assert.match(r.stderr, /--ca: .*garbage\.pem: certificate 1 does not parse \(.+\)/, command);
      assert.equal(r.stdout, '', command);
    }
    const empty = await runCli(['check', '127.0.0.1', '--ca', file('empty.pem')]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--ca: .*empty\.pem is empty/);
  });
});
