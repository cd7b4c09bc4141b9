import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';

/** The message System.Net.Mail builds for a 530 (SmtpStatusCode.MustIssueStartTlsFirst) before the server's text. */
const WRAP_530 =
  'System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: ';
/** Its message for 500 and for every code the enum does not list (535 among them). */
const WRAP_DEFAULT = 'System.Net.Mail.SmtpException: Syntax error, command unrecognized. The server response was: ';
const BRACKET = '[SN4PR0501CA0123.namprd05.prod.outlook.com]';

describe('explain: .NET SmtpException', () => {
  // [what, server text after "The server response was:", first finding "id signature", the reply code read]
  const cases: [string, string, string, string, number][] = [
    [
      'Exchange Online refusing the login (5.7.3)',
      `${WRAP_530}5.7.3 Authentication unsuccessful ${BRACKET}`,
      'credentials-rejected',
      'microsoft365.authentication-unsuccessful',
      535,
    ],
    [
      'a wrong password at Microsoft 365 (5.7.139)',
      `${WRAP_530}5.7.139 Authentication unsuccessful, the user credentials were incorrect. ${BRACKET}`,
      'credentials-rejected',
      'microsoft365.credentials-incorrect',
      535,
    ],
    [
      'SMTP AUTH disabled for the tenant (5.7.139)',
      `${WRAP_530}5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. ${BRACKET}`,
      'smtp-auth-disabled',
      'microsoft365.smtp-auth-disabled-tenant',
      535,
    ],
    [
      'basic authentication disabled (5.7.139)',
      `${WRAP_530}5.7.139 Authentication unsuccessful, basic authentication is disabled. ${BRACKET}`,
      'basic-auth-disabled',
      'microsoft365.basic-auth-disabled',
      535,
    ],
    [
      'a Conditional Access policy (5.7.139)',
      `${WRAP_530}5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. ${BRACKET}`,
      'basic-auth-disabled',
      'microsoft365.conditional-access',
      535,
    ],
    [
      'the same refusal under the status text of unlisted codes',
      `${WRAP_DEFAULT}5.7.3 Authentication unsuccessful ${BRACKET}`,
      'credentials-rejected',
      'microsoft365.authentication-unsuccessful',
      535,
    ],
    [
      'a real 530: STARTTLS first',
      `${WRAP_530}5.7.0 Must issue a STARTTLS command first`,
      'auth-requires-tls',
      'rfc.must-issue-starttls',
      530,
    ],
    [
      'a real 530: Exchange Online without a login (.NET hid the refusal of its login)',
      `${WRAP_530}5.7.57 Client not authenticated to send mail ${BRACKET}`,
      'credentials-rejected',
      'microsoft365.client-not-authenticated',
      530,
    ],
    [
      'a status text an error page wrapped over lines, its message closed by a bracket',
      '[SmtpException: The SMTP server requires a secure connection or the client was\nnot authenticated. The server response was: 5.7.0 Authentication required]',
      'credentials-rejected',
      'rfc.authentication-required',
      530,
    ],
    [
      'a real 530: Gmail without a login (.NET hid the refusal of its login)',
      `${WRAP_530}5.7.0 Authentication Required. Learn more at`,
      'credentials-rejected',
      'google.authentication-required',
      530,
    ],
  ];
  for (const [what, text, id, signature, code] of cases) {
    test(`explain: reads ${what}`, () => {
      const { evidence, findings } = explain(text);
      const [first] = findings;
      assert.ok(first, 'no finding');
      assert.equal(`${first.id} ${first.signature ?? ''}`, `${id} ${signature}`);
      const codes = evidence.observations.flatMap((o) => (o.kind === 'reply' ? [o.reply.code] : []));
      assert.deepEqual(codes, [code]);
    });
  }

  test('explain: a refused login quoted by .NET is not "no password was sent"', () => {
    const { findings } = explain(`${WRAP_530}5.7.3 Authentication unsuccessful ${BRACKET}`);
    assert.ok(!findings.some((f) => f.id === 'credentials-missing'));
    assert.ok(!findings.some((f) => f.deadEnds.some((d) => /no password was sent/.test(d.why))));
  });

  test('explain: the evidence quotes what .NET printed, not the 535 it stands for', () => {
    const [first] = explain(`${WRAP_530}5.7.3 Authentication unsuccessful ${BRACKET}`).findings;
    assert.deepEqual(
      first?.evidence.map((e) => e.text),
      [`The server response was: 5.7.3 Authentication unsuccessful ${BRACKET}`],
    );
  });
});
