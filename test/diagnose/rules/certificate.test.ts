// certificate rule: a certificate that does not verify, by its Node/OpenSSL code — live, with --insecure, and pasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { certificate } from '../../../src/diagnose/rules/certificate.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { failure, live, observe, pasted, tls } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const implicit = { port: 465, security: 'tls' as const };
const checksOff = ['disable-certificate-checks'];
const trust = ['certificate.trust-explicitly', 'certificate.full-chain', 'certificate.check-interception'];

export const cases: RuleCase[] = [
  [
    'a self-signed certificate: trust it explicitly, or a public CA',
    live({ ...implicit, until: { failed: failure.cert('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate') } }),
    [
      {
        id: 'certificate-invalid',
        detail: 'self-signed',
        confidence: 'high',
        severity: 'error',
        fixes: ['certificate.trust-explicitly', 'certificate.public-ca'],
        deadEnds: checksOff,
        says: /^mail\.example\.org presents a certificate signed by itself \(DEPTH_ZERO_SELF_SIGNED_CERT\)/m,
        neverSays: /checks were switched off/,
      },
    ],
  ],
  [
    'an expired certificate: renew it, or check the clock',
    live({ ...implicit, until: { failed: failure.cert('CERT_HAS_EXPIRED', 'certificate has expired') } }),
    [
      {
        id: 'certificate-invalid',
        detail: 'expired',
        fixes: ['certificate.renew', 'certificate.check-clock-if-many'],
        says: /The certificate mail\.example\.org presents is past its end date \(CERT_HAS_EXPIRED\)/,
      },
    ],
  ],
  [
    'a certificate not valid yet points at the clock first',
    live({ ...implicit, until: { failed: failure.cert('CERT_NOT_YET_VALID') } }),
    [
      {
        id: 'certificate-invalid',
        detail: 'not-yet-valid',
        fixes: ['certificate.check-clock', 'certificate.check-validity-dates'],
      },
    ],
  ],
  [
    'a chain to an untrusted root',
    live({ ...implicit, until: { failed: failure.cert('SELF_SIGNED_CERT_IN_CHAIN') } }),
    [{ id: 'certificate-invalid', detail: 'untrusted-issuer', fixes: trust, says: /a CA this system does not trust/ }],
  ],
  [
    'an unknown local issuer',
    live({ ...implicit, until: { failed: failure.cert('UNABLE_TO_GET_ISSUER_CERT_LOCALLY') } }),
    [{ id: 'certificate-invalid', detail: 'untrusted-issuer', fixes: trust }],
  ],
  [
    'a missing intermediate says so, under the untrusted-issuer detail',
    live({ ...implicit, until: { failed: failure.cert('UNABLE_TO_VERIFY_LEAF_SIGNATURE') } }),
    [
      {
        id: 'certificate-invalid',
        detail: 'untrusted-issuer',
        fixes: trust,
        says: /does not send its intermediate certificate/,
      },
    ],
  ],
  [
    'a revoked certificate',
    live({ ...implicit, until: { failed: failure.cert('CERT_REVOKED') } }),
    [{ id: 'certificate-invalid', detail: 'revoked', fixes: ['certificate.replace'] }],
  ],
  [
    'another Node code (INVALID_PURPOSE): the certificate does not verify, and the code says why',
    live({ ...implicit, until: { failed: failure.cert('INVALID_PURPOSE') } }),
    [
      {
        id: 'certificate-invalid',
        detail: 'untrusted-issuer',
        fixes: ['certificate.public-ca', 'certificate.full-chain', 'certificate.check-interception'],
        says: /does not verify[\s\S]*\(INVALID_PURPOSE/,
        neverSays: /does not trust/,
      },
    ],
  ],
  [
    'a certificate for another name: a name it lists first',
    live({
      host: 'mail.alias.example',
      ...implicit,
      tls: tls('implicit', { ok: false }, ['DNS:*.provider.example', 'DNS:smtp.provider.example']),
      until: { failed: failure.cert('ERR_TLS_CERT_ALTNAME_INVALID') },
    }),
    [
      {
        id: 'certificate-invalid',
        detail: 'hostname-mismatch',
        settings: { host: 'smtp.provider.example' },
        fixes: ['certificate.use-listed-name', 'certificate.use-documented-name'],
        says: /does not list "mail\.alias\.example" among its names/,
      },
    ],
  ],
  [
    'a Gmail certificate for another name also offers Gmail’s own host',
    live(
      {
        host: 'smtp.googlemail.example',
        ...implicit,
        tls: tls('implicit', { ok: false }, ['DNS:mx.example.net']),
        until: { failed: failure.cert('ERR_TLS_CERT_ALTNAME_INVALID') },
      },
      [],
      { providerHints: [{ provider: 'google', by: 'text', quote: 'gsmtp' }] },
    ),
    [
      {
        id: 'certificate-invalid',
        detail: 'hostname-mismatch',
        fixes: ['certificate.use-listed-name', 'certificate.use-provider-host', 'certificate.use-documented-name'],
      },
    ],
  ],
  [
    'a TLS error that carries a certificate code is read the same',
    live({ ...implicit, until: { failed: failure.tls('CERT_HAS_EXPIRED') } }),
    [{ id: 'certificate-invalid', detail: 'expired' }],
  ],
  [
    'a login that worked only with --insecure: a warning that says checks were off',
    live({
      ...implicit,
      tls: tls('implicit', {
        ok: false,
        acceptedInsecurely: true,
        chainError: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
      }),
      until: { auth: '235 2.7.0 OK' },
    }),
    [
      {
        id: 'certificate-invalid',
        detail: 'self-signed',
        severity: 'warning',
        says: /The session went on only because certificate checks were switched off\./,
      },
    ],
  ],
  [
    'a host-name failure accepted with --insecure names the host-name code first',
    live({
      ...implicit,
      tls: tls('implicit', {
        ok: false,
        acceptedInsecurely: true,
        chainError: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
        hostnameError: { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'altnames' },
      }),
      until: { connected: true },
    }),
    [{ id: 'certificate-invalid', detail: 'hostname-mismatch', severity: 'warning' }],
  ],
  ['a verified certificate says nothing', live({ ...implicit, until: { auth: '235 2.7.0 OK' } }), []],
  [
    'a wrong-version TLS error is the TLS mode, not the certificate',
    live({ port: 587, security: 'tls', until: { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER') } }),
    [],
  ],
  [
    'a TLS version error is the handshake rule’s',
    live({ ...implicit, until: { failed: failure.tls('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION') } }),
    [],
  ],
  [
    'pasted: an expired certificate',
    pasted([observe.code('CERT_HAS_EXPIRED', 'tls')]),
    [
      {
        id: 'certificate-invalid',
        detail: 'expired',
        says: /The certificate the server presents is past its end date/,
        fixes: ['certificate.renew', 'certificate.check-clock-if-many'],
        deadEnds: checksOff,
      },
    ],
  ],
  [
    'pasted: two codes of one kind are one finding, another kind is another',
    pasted([
      observe.code('SELF_SIGNED_CERT_IN_CHAIN', 'tls'),
      observe.code('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'),
      observe.code('ERR_TLS_CERT_ALTNAME_INVALID', 'tls'),
    ]),
    [
      { id: 'certificate-invalid', detail: 'untrusted-issuer', says: /a CA this system does not trust/ },
      { id: 'certificate-invalid', detail: 'hostname-mismatch', fixes: ['certificate.use-documented-name'] },
    ],
  ],
  ['pasted: a network code is not a certificate', pasted([observe.code('ECONNREFUSED', 'connect')]), []],
];

testRule(certificate, cases);

function selfSignedRefusal(withLine: boolean): Evidence {
  const evidence = live({
    port: 587,
    security: 'starttls',
    tls: tls('starttls', { ok: false, chainError: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed' } }),
    until: { failed: failure.cert('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate') },
  });
  const record = evidence.sessions[0]?.record;
  if (withLine && record)
    record.transcript.splice(1, 0, {
      t: 1,
      dir: 'info',
      phase: 'tls',
      tls: false,
      text: 'Certificate: CN=localhost; issuer CN=localhost; names DNS:localhost; valid 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z; NOT verified (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
  return evidence;
}

for (const [from, withLine] of [
  ['the transcript’s certificate line, after the refusal itself', true],
  ['the TLS facts, when the transcript has no certificate line', false],
] as const) {
  test(`certificate: quotes the refusal, then the certificate once, from ${from}`, () => {
    const [found] = certificate.run(buildContext(selfSignedRefusal(withLine)));
    const evidence = found?.finding.evidence ?? [];
    assert.equal(evidence.length, 2, JSON.stringify(evidence));
    assert.match(evidence[0]?.text ?? '', /DEPTH_ZERO_SELF_SIGNED_CERT/);
    assert.equal(evidence[0]?.event, withLine ? 2 : 1, 'the refusal links to its transcript event');
    assert.match(evidence[1]?.text ?? '', /^certificate[: ]/i);
    if (withLine) assert.deepEqual([evidence[1]?.source, evidence[1]?.event], ['transcript', 1]);
    else assert.equal(evidence[1]?.source, 'tls');
  });
}

test('certificate: with --insecure and no certificate line, the code is quoted in our own words', () => {
  const evidence = live({
    ...implicit,
    tls: { ...tls('implicit', { ok: false, acceptedInsecurely: true }), certificate: null },
    until: { connected: true },
  });
  const [found] = certificate.run(buildContext(evidence));
  assert.deepEqual(
    found?.finding.evidence.map((q) => q.text),
    ['certificate not verified (CERT_UNTRUSTED)'],
  );
});
