// Client settings: a setting a client does not name apart is said in its more general setting's words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clientSetting } from '../../src/knowledge/clients.js';

describe('client settings: STARTTLS before the login', () => {
  test('clients: a client with its own words for it uses them', () => {
    assert.equal(clientSetting('starttls-before-login', 'nodemailer'), 'nodemailer: secure: false and no ignoreTLS');
    assert.equal(
      clientSetting('starttls-before-login', 'python-smtplib'),
      'Python: starttls() then ehlo() before login()',
    );
  });
  test('clients: a client whose STARTTLS setting already sends EHLO again is told that setting', () => {
    assert.equal(clientSetting('starttls-before-login', 'swaks'), 'swaks: --tls');
    assert.equal(clientSetting('starttls-before-login', 'go'), 'Go: smtp.SendMail (upgrades with STARTTLS)');
  });
  test('clients: an unknown client gets the common clients’ words', () => {
    assert.equal(
      clientSetting('starttls-before-login', undefined),
      "PHPMailer: SMTPSecure = 'tls', i.e. PHPMailer::ENCRYPTION_STARTTLS; nodemailer: secure: false and no ignoreTLS; Python: starttls() then ehlo() before login()",
    );
  });
  test('clients: the fallback to a general setting is only for settings that have one', () => {
    assert.equal(
      clientSetting('mechanism', 'django', { mechanism: 'LOGIN' }),
      clientSetting('mechanism', undefined, { mechanism: 'LOGIN' }),
    );
  });
});
