import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIENT_MESSAGES } from '../../src/knowledge/client-messages.js';
import { describeEnhancedCode, describeReplyCode, typicalReplyCode } from '../../src/knowledge/codes.js';

describe('code meanings', () => {
  test('codes: every AUTH-related reply code has a meaning and an action', () => {
    for (const code of [235, 334, 421, 432, 454, 500, 501, 503, 504, 523, 525, 530, 534, 535, 538]) {
      const info = describeReplyCode(code);
      assert.ok(info, String(code));
      assert.ok(info.meaning.length > 10 && info.action.length > 3, String(code));
    }
  });

  test('codes: RFC 4954 says not to ask for a new password on 454 and to ask on 535', () => {
    assert.match(describeReplyCode(454)?.action ?? '', /not ask for another password/);
    assert.match(describeReplyCode(535)?.action ?? '', /new credentials/);
  });

  test('codes: an unknown code is described by its class', () => {
    assert.match(describeReplyCode(599)?.meaning ?? '', /Permanent negative/);
    assert.equal(describeReplyCode(199), null);
  });

  const enhanced: [string, RegExp][] = [
    ['5.7.8', /credentials invalid\. \(permanent failure\)/],
    ['4.7.0', /temporary failure/],
    ['5.7.139', /Microsoft 365/],
    ['5.7.30', /REQUIRETLS.*Microsoft/],
  ];
  for (const [code, meaning] of enhanced) {
    test(`codes: explains the enhanced code ${code}`, () =>
      assert.match(describeEnhancedCode(code)?.meaning ?? '', meaning));
  }

  test('codes: a bare enhanced code is read with its usual reply code', () => {
    assert.equal(typicalReplyCode('5.7.8'), 535);
    assert.equal(typicalReplyCode('5.7.9'), 534);
    assert.equal(typicalReplyCode('5.7.0'), null);
  });
});

describe('client messages', () => {
  test('client messages: every pattern compiles and has a source', () => {
    for (const m of CLIENT_MESSAGES) {
      assert.doesNotThrow(() => new RegExp(m.pattern, 'iu'), m.id);
      assert.ok(m.sources.length > 0, m.id);
    }
  });

  const texts: [string, string][] = [
    [
      'Error: 4425106880:error:1408F10B:SSL routines:ssl3_get_record:wrong version number',
      'ERR_SSL_WRONG_VERSION_NUMBER',
    ],
    ['javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?', 'ERR_SSL_WRONG_VERSION_NUMBER'],
    ['tls: first record does not look like a TLS handshake', 'ERR_SSL_WRONG_VERSION_NUMBER'],
    ['Error: self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'],
    ['Error: self signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    [
      'x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z is before 2027-01-01T00:00:00Z',
      'CERT_NOT_YET_VALID',
    ],
    [
      "Hostname/IP does not match certificate's altnames: Host: smtp.example.com. is not in the cert's altnames: DNS:other.example",
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ],
    ['Error: connect ECONNREFUSED 127.0.0.1:587', 'ECONNREFUSED'],
    ['socket.gaierror: [Errno -2] Name or service not known', 'ENOTFOUND'],
  ];
  for (const [text, code] of texts) {
    test(`client messages: "${text.slice(0, 50)}" stands for ${code}`, () => {
      const first = CLIENT_MESSAGES.find((m) => new RegExp(m.pattern, 'iu').test(text));
      assert.deepEqual(first?.yields, { errorCode: code });
    });
  }
});
