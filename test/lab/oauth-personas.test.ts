// check() against the Gmail and Microsoft 365 personas with tokens from the lab's token endpoint: good ones log in, bad ones get the provider's real refusal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import { startLab, type Lab, type LabLogEvent } from '../../src/lab/index.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { labCertificates } from '../helpers/certs.js';
import { RawClient, withLab } from '../helpers/lab.js';

const GMAIL_CHALLENGE =
  '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

async function mint(lab: Lab, form: Record<string, string>): Promise<string> {
  assert.ok(lab.tokenEndpoint);
  const res = await fetch(lab.tokenEndpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await res.json()) as { access_token?: string };
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.ok(body.access_token);
  return body.access_token;
}

const refresh = (token: string, scope?: string): Record<string, string> => ({
  grant_type: 'refresh_token',
  refresh_token: token,
  client_id: 'lab-client',
  client_secret: 'lab-secret',
  ...(scope !== undefined ? { scope } : {}),
});

function login(lab: Lab, user: string, token: string, mechanism: 'XOAUTH2' | 'OAUTHBEARER'): Promise<Report> {
  return check({
    host: '127.0.0.1',
    port: lab.ports.starttls,
    security: 'starttls',
    ca: [lab.ca],
    timeoutMs: 3_000,
    alternatives: [],
    credentials: { username: user, secret: new Secret(token, 'token') },
    mechanism,
  });
}

function server(report: Report): string[] {
  return report.transcript.filter((e) => e.dir === 'server').map((e) => e.text);
}

/** Nothing the run printed or logged holds the token. */
function assertNoToken(report: Report, log: readonly LabLogEvent[], token: string): void {
  assert.ok(!JSON.stringify(report).includes(token), 'the report holds the token');
  assert.ok(!log.some((e) => e.text.includes(token)), 'the lab log holds the token');
}

interface Case {
  title: string;
  user: string;
  /** Mints the token the client sends. */
  token: (lab: Lab) => Promise<string>;
  mechanism: 'XOAUTH2' | 'OAUTHBEARER';
  /** Absent: the login works. */
  why?: RegExp;
}

function suite(
  persona: 'gmail' | 'microsoft365',
  accounts: string[],
  cases: Case[],
  refused: (r: Report, c: Case) => void,
) {
  describe(`lab: the ${persona} persona judges tokens from the lab token endpoint`, () => {
    let lab: Lab;
    const log: LabLogEvent[] = [];
    before(async () => {
      lab = await startLab({ persona, accounts, certificates: await labCertificates(), log: (e) => log.push(e) });
    });
    after(() => lab.close());

    for (const c of cases) {
      test(`lab: ${persona}: ${c.title}`, async () => {
        const token = await c.token(lab);
        const failedBefore = lab.failedLogins;
        const report = await login(lab, c.user, token, c.mechanism);
        const ids = report.findings.map((f) => f.id);
        if (!c.why) {
          assert.equal(ids[0], 'auth-ok', ids.join(', '));
          assert.equal(lab.failedLogins, failedBefore);
        } else {
          assert.equal(ids[0], 'oauth-token-rejected', ids.join(', '));
          refused(report, c);
          assert.equal(lab.failedLogins, failedBefore + 1, 'one failed login, no retry');
          const verdicts = log.filter((e) => e.kind === 'info' && /login as .*: refused, /.test(e.text));
          assert.match(verdicts.at(-1)?.text ?? '', c.why);
        }
        const authLines = report.transcript.filter((e) => e.dir === 'client' && /^AUTH /.test(e.text));
        assert.equal(authLines.length, 1, 'one AUTH');
        assertNoToken(report, log, token);
      });
    }
  });
}

suite(
  'gmail',
  [
    'carol@lab.test refresh-token=1//lab-carol',
    'alice@lab.test:abcdefghijklmnop',
    'eve@lab.test refresh-token=1//lab-eve expired-tokens',
    `gina@lab.test refresh-token=1//lab-gina grant-scope=${GMAIL_SEND}`,
  ],
  [
    {
      title: 'a fresh token logs in with XOAUTH2 → auth-ok',
      user: 'carol@lab.test',
      token: (lab) => mint(lab, refresh('1//lab-carol')),
      mechanism: 'XOAUTH2',
    },
    {
      title: 'the same token logs in with OAUTHBEARER (RFC 7628 GS2 form) → auth-ok',
      user: 'carol@lab.test',
      token: (lab) => mint(lab, refresh('1//lab-carol')),
      mechanism: 'OAUTHBEARER',
    },
    {
      title: 'an unknown token gets the 334 JSON challenge, then 535-5.7.8 after the empty line',
      user: 'carol@lab.test',
      token: () => Promise.resolve('ya29.not-a-lab-token'),
      mechanism: 'XOAUTH2',
      why: /the token is not one this lab issued/,
    },
    {
      title: 'an expired token is refused the same way',
      user: 'eve@lab.test',
      token: (lab) => mint(lab, refresh('1//lab-eve')),
      mechanism: 'XOAUTH2',
      why: /the token expired at /,
    },
    {
      title: 'a gmail.send token is refused the same way (SMTP needs https://mail.google.com/)',
      user: 'gina@lab.test',
      token: (lab) => mint(lab, refresh('1//lab-gina')),
      mechanism: 'XOAUTH2',
      why: /scope \(https:\/\/www\.googleapis\.com\/auth\/gmail\.send\) does not give SMTP/,
    },
    {
      title: "another user's token is refused the same way",
      user: 'alice@lab.test',
      token: (lab) => mint(lab, refresh('1//lab-carol')),
      mechanism: 'XOAUTH2',
      why: /the token belongs to "carol@lab\.test", not to "alice@lab\.test"/,
    },
    {
      title: 'the refresh token sent as the access token is refused the same way',
      user: 'carol@lab.test',
      token: () => Promise.resolve('1//lab-carol'),
      mechanism: 'XOAUTH2',
      why: /a refresh token was sent instead of an access token/,
    },
    {
      title: 'a bad token with OAUTHBEARER gets the challenge, the client answers ^A, then 535-5.7.8',
      user: 'carol@lab.test',
      token: () => Promise.resolve('ya29.not-a-lab-token'),
      mechanism: 'OAUTHBEARER',
      why: /the token is not one this lab issued/,
    },
  ],
  (report, c) => {
    const replies = server(report);
    const at = replies.indexOf(GMAIL_CHALLENGE);
    assert.ok(at !== -1, replies.join(' | '));
    assert.match(
      replies[at + 1] ?? '',
      /^535-5\.7\.8 Username and Password not accepted\. For more information, go to\n535 5\.7\.8 {2}https:\/\/support\.google\.com\/mail\/\?p=BadCredentials \S+ - gsmtp$/,
    );
    // XOAUTH2 answers the challenge with an empty line, OAUTHBEARER with %x01 (RFC 7628 §3.2.3).
    const answer = report.transcript.filter((e) => e.dir === 'client').at(-2)?.text;
    assert.equal(answer, c.mechanism === 'OAUTHBEARER' ? 'AQ==' : '');
  },
);

const SMTP = 'https://outlook.office.com/SMTP.Send offline_access';
suite(
  'microsoft365',
  [
    'bob@lab.test refresh-token=lab-bob',
    'alice@lab.test:lab-password-1',
    'ivy@lab.test refresh-token=lab-ivy expired-tokens',
    'dora@lab.test client=mailer:mailer-secret app-role',
    'nora@lab.test client=norole:norole-secret refresh-token=lab-nora',
  ],
  [
    {
      title: 'a delegated SMTP.Send token logs in → auth-ok',
      user: 'bob@lab.test',
      token: (lab) => mint(lab, refresh('lab-bob', SMTP)),
      mechanism: 'XOAUTH2',
    },
    {
      title: 'an app-only token with SMTP.SendAsApp logs in as the mailbox it was granted → auth-ok',
      user: 'dora@lab.test',
      token: (lab) => mint(lab, appOnly('mailer', 'mailer-secret')),
      mechanism: 'XOAUTH2',
    },
    {
      title: 'an unknown token gets 535 5.7.3 Authentication unsuccessful',
      user: 'bob@lab.test',
      token: () => Promise.resolve('eyJ0eXAiOiJKV1QifQ.e30.not-a-lab-token'),
      mechanism: 'XOAUTH2',
      why: /the token is not one this lab issued/,
    },
    {
      title: 'an expired token gets 535 5.7.3',
      user: 'ivy@lab.test',
      token: (lab) => mint(lab, refresh('lab-ivy', SMTP)),
      mechanism: 'XOAUTH2',
      why: /the token expired at /,
    },
    {
      title: 'a Graph token (Mail.Send, wrong audience) gets 535 5.7.3',
      user: 'bob@lab.test',
      token: (lab) => mint(lab, refresh('lab-bob', 'https://graph.microsoft.com/Mail.Send')),
      mechanism: 'XOAUTH2',
      why: /the token is for https:\/\/graph\.microsoft\.com, not Outlook/,
    },
    {
      title: 'an Outlook token without SMTP.Send gets 535 5.7.3',
      user: 'bob@lab.test',
      token: (lab) => mint(lab, refresh('lab-bob', 'https://outlook.office.com/IMAP.AccessAsUser.All')),
      mechanism: 'XOAUTH2',
      why: /scope \(IMAP\.AccessAsUser\.All\) does not give SMTP/,
    },
    {
      title: "another user's token gets 535 5.7.3",
      user: 'alice@lab.test',
      token: (lab) => mint(lab, refresh('lab-bob', SMTP)),
      mechanism: 'XOAUTH2',
      why: /the token belongs to "bob@lab\.test", not to "alice@lab\.test"/,
    },
    {
      title: 'the refresh token sent as the access token gets 535 5.7.3',
      user: 'bob@lab.test',
      token: () => Promise.resolve('lab-bob'),
      mechanism: 'XOAUTH2',
      why: /a refresh token was sent instead of an access token/,
    },
    {
      title: 'an app-only token for a mailbox the app was not granted gets 535 5.7.3',
      user: 'bob@lab.test',
      token: (lab) => mint(lab, appOnly('mailer', 'mailer-secret')),
      mechanism: 'XOAUTH2',
      why: /the app may not send as "bob@lab\.test"/,
    },
    {
      title: 'an app-only token without the SMTP.SendAsApp role gets 535 5.7.3',
      user: 'nora@lab.test',
      token: (lab) => mint(lab, appOnly('norole', 'norole-secret')),
      mechanism: 'XOAUTH2',
      why: /the app-only token has no SMTP\.SendAsApp role/,
    },
  ],
  (report) => {
    const replies = server(report);
    assert.ok(!replies.some((r) => r.startsWith('334 ey')), 'Microsoft sends no error challenge');
    const final = replies.find((r) => r.startsWith('535'));
    assert.match(final ?? replies.join(' | '), /^535 5\.7\.3 Authentication unsuccessful \[\S+ \S+ \S+\]$/);
  },
);

function appOnly(id: string, secret: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_id: id,
    client_secret: secret,
    scope: 'https://outlook.office365.com/.default',
  };
}

describe('lab: OAUTHBEARER on the wire', () => {
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

  async function open(lab: Lab): Promise<RawClient> {
    const client = await RawClient.connect(lab.ports.starttls ?? 0);
    await client.reply();
    await client.send('EHLO raw.test');
    assert.match(await client.send('STARTTLS'), /^220 /);
    await client.startTls(lab.ca);
    await client.send('EHLO raw.test');
    return client;
  }

  test('lab: gmail takes an OAUTHBEARER message without a= (the token names the user), host and port included', async () => {
    await withLab({ persona: 'gmail', accounts: ['carol@lab.test refresh-token=1//lab-carol'] }, async (lab) => {
      const token = await mint(lab, refresh('1//lab-carol'));
      const client = await open(lab);
      const message = b64(`n,,\x01host=smtp.gmail.com\x01port=587\x01auth=Bearer ${token}\x01\x01`);
      assert.equal(await client.send(`AUTH OAUTHBEARER ${message}`), '235 2.7.0 Accepted\r\n');
      client.destroy();
    });
  });

  test('lab: gmail asks for the OAUTHBEARER message with an empty 334 when AUTH carries none, and a malformed one gets 501', async () => {
    await withLab({ persona: 'gmail', accounts: ['carol@lab.test refresh-token=1//lab-carol'] }, async (lab) => {
      const client = await open(lab);
      assert.equal(await client.send('AUTH OAUTHBEARER'), '334 \r\n');
      assert.match(
        await client.send(b64('user=carol@lab.test\x01auth=Bearer x\x01\x01')),
        /^501 5\.5\.2 Cannot Decode response/,
      );
      client.destroy();
    });
  });
});
