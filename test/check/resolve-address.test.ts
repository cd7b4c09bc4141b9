import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveAddress } from '../../src/check/resolve-address.js';
import type { Resolver } from '../../src/probe/dns.js';

/** A resolver that knows only the MX records it is given, and fails the test on any other lookup. */
function fakeResolver(mx: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: (host) => Promise.reject(new Error(`unexpected address lookup for ${host}`)),
    resolveMx: (domain) => {
      asked.push(domain);
      const hosts = mx[domain];
      return hosts
        ? Promise.resolve(hosts.map((exchange, i) => ({ exchange, priority: (i + 1) * 10 })))
        : Promise.reject(Object.assign(new Error('ENODATA'), { code: 'ENODATA' }));
    },
  };
}

test('resolve address: a known mailbox domain gives the provider host without any DNS lookup', async () => {
  const resolver = fakeResolver({});
  const found = await resolveAddress('alice@gmail.com', resolver);
  assert.equal(found.host, 'smtp.gmail.com');
  assert.equal(found.hostFrom, 'provider');
  assert.equal(found.provider?.provider, 'google');
  assert.deepEqual(resolver.asked, []);
});

test('resolve address: a custom domain is recognised from its MX records', async () => {
  const found = await resolveAddress(
    'ceo@example-startup.test',
    fakeResolver({ 'example-startup.test': ['aspmx.l.google.com', 'alt1.aspmx.l.google.com'] }),
  );
  assert.equal(found.host, 'smtp.gmail.com');
  assert.equal(found.provider?.by, 'mx');
  assert.equal(found.mx[0]?.exchange, 'aspmx.l.google.com');
});

test('resolve address: Microsoft 365 custom domains (mail.protection.outlook.com MX) go to smtp.office365.com', async () => {
  const found = await resolveAddress(
    'it@contoso.test',
    fakeResolver({ 'contoso.test': ['contoso-test.mail.protection.outlook.com'] }),
  );
  assert.equal(found.host, 'smtp.office365.com');
  assert.equal(found.security, 'starttls');
});

test('resolve address: an unknown domain falls back to smtp.<domain>, marked as a guess', async () => {
  const found = await resolveAddress('me@small-isp.test', fakeResolver({ 'small-isp.test': ['mx1.small-isp.test'] }));
  assert.equal(found.host, 'smtp.small-isp.test');
  assert.equal(found.hostFrom, 'guess');
});

test('check an address: a guessed host that does not resolve is named a guess, with the MX host and no spelling advice', async () => {
  const { check } = await import('../../src/check/check.js');
  const { Secret } = await import('../../src/model/secret.js');
  const resolver: Resolver = {
    lookup: (host) => Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })),
    resolveMx: () => Promise.resolve([{ exchange: 'mx1.small-isp.test', priority: 10 }]),
  };
  const report = await check({
    address: 'me@small-isp.test',
    credentials: { username: 'me@small-isp.test', secret: new Secret('pw') },
    resolver,
  });
  const first = report.findings[0];
  assert.ok(first);
  assert.equal(first.id, 'dns-not-found');
  assert.equal(first.title, 'The guessed host name does not exist');
  assert.match(first.summary, /guessed this host from the address: small-isp\.test is not served by a provider/);
  assert.match(first.summary, /received by mx1\.small-isp\.test/);
  assert.match(first.fixes[0]?.text ?? '', /^Give the submission host your mail provider documents/);
  assert.ok(!first.fixes.some((f) => /spelling/.test(f.text)));
  assert.equal(report.target?.hostFrom, 'guess');
  assert.equal(report.evidence.attempts?.failed, 0);
});
