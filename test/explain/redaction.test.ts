import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { authPlainLines, distinctSecrets, passwordLines } from '../../bench/explain-inputs.js';
import { explainText, redactSecrets } from '../../src/explain/index.js';
import { runCli } from '../helpers/cli.js';
import { loadCorpus } from './corpus.js';

/** Every way a secret can show up: as is, base64 at each byte alignment (as inside a PLAIN blob), URL, hex. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = new Set([secret, encodeURIComponent(secret), bytes.toString('hex')]);
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    if (to - from >= 6) out.add(b64.slice(from, to));
  }
  return [...out].filter((f) => f.length >= 4);
}

function assertNoLeak(output: string, secret: string, where: string): void {
  for (const form of forms(secret))
    assert.ok(!output.includes(form), `${where}: the secret leaks as ${JSON.stringify(form)}`);
}

async function outputs(text: string): Promise<string[]> {
  const plain = await runCli(['explain', '--no-color', '-'], { stdin: text });
  const json = await runCli(['explain', '--json', '-'], { stdin: text });
  return [plain.stdout + plain.stderr, json.stdout + json.stderr];
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('explain never echoes a secret', () => {
  for (const sample of loadCorpus().filter((s) => s.secrets.length > 0)) {
    test(`explain: ${sample.name} shows no password in any output`, async () => {
      for (const out of await outputs(sample.text))
        for (const secret of sample.secrets) assertNoLeak(out, secret, sample.name);
    });
  }

  const password = 'hunter2 Zürich!';
  const transcripts: [string, string, string][] = [
    [
      'AUTH PLAIN with an initial response',
      `C: AUTH PLAIN ${b64(`\0alice@example.org\0${password}`)}\nS: 535 5.7.8 Authentication credentials invalid`,
      'alice@example.org',
    ],
    [
      'AUTH PLAIN answered after a 334',
      ` -> AUTH PLAIN\n<-  334 \n -> ${b64(`\0alice@example.org\0${password}`)}\n<-  535 5.7.8 Authentication credentials invalid`,
      'alice@example.org',
    ],
    [
      'AUTH LOGIN in two steps',
      `> AUTH LOGIN\n< 334 VXNlcm5hbWU6\n> ${b64('alice@example.org')}\n< 334 UGFzc3dvcmQ6\n> ${b64(password)}\n< 535 5.7.8 Authentication credentials invalid`,
      'alice@example.org',
    ],
    [
      'AUTH LOGIN with the user in the initial response',
      `--> AUTH LOGIN ${b64('alice@example.org')}\n<-- 334 UGFzc3dvcmQ6\n--> ${b64(password)}\n<-- 535 5.7.8 Authentication credentials invalid`,
      'alice@example.org',
    ],
    [
      'AUTH XOAUTH2',
      `C: AUTH XOAUTH2 ${b64(`user=alice@example.org\x01auth=Bearer ${password}\x01\x01`)}\nS: 535 5.7.8 Authentication credentials invalid`,
      'alice@example.org',
    ],
    [
      'a password setting in a config dump',
      `auth: { user: 'alice@example.org', pass: '${password}' }\nError: Invalid login: 535 5.7.8 Authentication credentials invalid`,
      'alice@example.org',
    ],
    [
      'a password in an SMTP URL',
      `SMTP_URL=smtps://alice:${encodeURIComponent(password)}@smtp.example.org:465\n535 5.7.8 Authentication credentials invalid`,
      'alice',
    ],
  ];
  for (const [what, text, user] of transcripts) {
    test(`explain: redacts ${what} but keeps the user name and the password's shape`, async () => {
      for (const out of await outputs(text)) assertNoLeak(out, password, what);
      const credentials = explainText(text).evidence.credentials;
      assert.ok(credentials?.secret);
      assert.equal(credentials.username, user);
      assert.equal(credentials.secret.length, Array.from(password).length);
      assert.ok(credentials.secret.classes.includes('non-ascii'));
    });
  }

  // [carrier, pasted text, the secret in it, the user name it names (if any)]
  const secret = 'Xk9#mQ2vL7pw';
  const plainBlob = b64(`\0me@gmail.com\0${secret}`);
  const carriers: [string, string, string, string | undefined][] = [
    ['a Ruby hash', `{:user_name=>"me@gmail.com", :password=>"${secret}"}\n535 5.7.8 nope`, secret, undefined],
    ['a "Password:" line', `Password: ${secret}\n535 5.7.8 nope`, secret, undefined],
    ['a "Password:" line with a space in the password', `Password: ${password}\n535 5.7.8 nope`, password, undefined],
    [
      'Go %+v of a settings struct',
      `{Host:smtp.x.io Port:587 User:me Pass:${secret}}\n535 5.7.8 nope`,
      secret,
      undefined,
    ],
    ['a YAML setting', `SMTP_HOST: smtp.x.io\nSMTP_PASSWORD: ${secret}\nSMTP_PORT: 587`, secret, undefined],
    ['a YAML flow mapping', `smtp: {user: me, password: ${secret}}`, secret, undefined],
    ['"passwd <secret>" as typed', `passwd ${secret}`, secret, undefined],
    ['an msmtprc "password" line', `account default\nhost smtp.x.io\npassword ${secret}`, secret, undefined],
    ['a netrc line', `machine smtp.x.io login me@x.io password ${secret}`, secret, 'me@x.io'],
    ['an smtp+ssl:// URL', `EMAIL_URL=smtp+ssl://me:${secret}@smtp.x.io:465`, secret, 'me'],
    ['a submission:// URL', `url submission://me:${encodeURIComponent(secret)}@smtp.x.io`, secret, 'me'],
    ['an smtps+starttls:// URL', `smtps+starttls://me:${encodeURIComponent(secret)}@smtp.x.io:587`, secret, 'me'],
    ['a URL whose password holds an unencoded @', `smtp://me:ab@${secret}@smtp.x.io:587`, `ab@${secret}`, 'me'],
    ['curl -u', `curl -v --url smtps://smtp.x.io -u me@x.io:${secret} --mail-from me@x.io`, secret, 'me@x.io'],
    ['curl --user, quoted', `curl --user 'me@x.io:${password}' smtp://smtp.x.io`, password, 'me@x.io'],
    ['swaks --auth-password', `swaks --server smtp.x.io --auth-user me --auth-password '${secret}'`, secret, undefined],
    [
      'a reply echoing a PLAIN blob',
      `535 5.7.8 Error: authentication failed: PLAIN ${plainBlob}`,
      secret,
      'me@gmail.com',
    ],
    ['a bare PLAIN blob', plainBlob, secret, 'me@gmail.com'],
    [
      'an AUTH LOGIN exchange typed by hand (no markers)',
      `220 mx ESMTP\nAUTH LOGIN\n334 VXNlcm5hbWU6\n${b64('me@x.io')}\n334 UGFzc3dvcmQ6\n${b64(secret)}\n535 5.7.8 Error: authentication failed`,
      secret,
      'me@x.io',
    ],
    ['an HTTP Basic header', `Authorization: Basic ${b64(`me@x.io:${secret}`)}`, secret, undefined],
  ];
  for (const [carrier, text, hidden, user] of carriers) {
    test(`explain: redacts ${carrier}, keeping its shape`, async () => {
      for (const out of await outputs(text)) assertNoLeak(out, hidden, carrier);
      const result = explainText(text);
      assertNoLeak(result.text, hidden, carrier);
      assert.match(result.text, new RegExp(`${Array.from(hidden).length} characters`), result.text);
      if (user !== undefined) assert.equal(result.evidence.credentials?.username, user);
    });
  }

  test('explain: a password echoed back elsewhere in the text is scrubbed too', () => {
    const text = `C: AUTH PLAIN ${b64(`\0bob@example.org\0${password}`)}\nS: 535 5.7.8 Error: authentication failed: ${b64(password)}\nlog: retry with ${password}`;
    assertNoLeak(explainText(text).text, password, 'echo');
  });

  test('explain: keeps whitespace around a password as evidence without showing it', () => {
    const result = explainText(
      `C: AUTH PLAIN ${b64('\0bob@example.org\0s3cret-pass\n')}\nS: 535 5.7.8 Authentication credentials invalid`,
    );
    assert.equal(result.evidence.credentials?.secret?.trailingWhitespace, true);
    assert.match(result.text, /TRAILING WHITESPACE/);
  });

  test('explain: prose that mentions AUTH PLAIN is not mistaken for credentials', () => {
    const result = redactSecrets('The client sends AUTH PLAIN first, then AUTH LOGIN PLAIN as fallback.');
    assert.equal(result.count, 0);
    assert.equal(result.secret, undefined);
  });

  test('explain: random passwords never leak from AUTH PLAIN, AUTH LOGIN or XOAUTH2 lines', () => {
    // A digit and a capital keep the generator from producing words the report itself contains ("length").
    const secret = fc
      .stringMatching(/^[A-Za-z0-9!#%&*+=?@^_~ éü-]{8,24}$/)
      .filter((s) => /\d/.test(s) && /[A-Z]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(secret, fc.constantFrom('plain', 'login', 'xoauth2'), (pw, mech) => {
        const text =
          mech === 'plain'
            ? `C: AUTH PLAIN ${b64(`\0u@example.org\0${pw}`)}\nS: 535 5.7.8 nope`
            : mech === 'login'
              ? `C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: ${b64('u@example.org')}\nS: 334 UGFzc3dvcmQ6\nC: ${b64(pw)}\nS: 535 5.7.8 nope`
              : `C: AUTH XOAUTH2 ${b64(`user=u@example.org\x01auth=Bearer ${pw}\x01\x01`)}\nS: 535 5.7.8 nope`;
        const result = explainText(text);
        const out = result.text + JSON.stringify(result.evidence);
        for (const form of forms(pw))
          if (form.length >= 6) assert.ok(!out.includes(form), `leak of ${JSON.stringify(pw)} as ${form}`);
      }),
      { numRuns: 200 },
    );
  });
});

test('explain: a secret longer than the patterns look ahead is hidden to its end, in every carrier', () => {
  const secret = `${'Q'.repeat(300)}TAILSECRET`;
  const carriers = [
    `curl -u bob:${secret} smtp://smtp.example.com:587`,
    `curl --user 'bob:${secret}' smtp://smtp.example.com:587`,
    `smtp://bob:${secret}@smtp.example.com:587`,
    `swaks --auth-password ${secret} --server smtp.example.com`,
    `swaks --auth-password '${secret}' --server smtp.example.com`,
    `Password: ${secret}`,
    `{Host:smtp.example.com Pass:${secret}}`,
    `SMTP_PASSWORD: ${secret} # production`,
  ];
  for (const text of carriers) {
    const out = explainText(text).text;
    assert.ok(!out.includes('TAILSECRET') && !out.includes('QQQQQQQQ'), `${text.slice(0, 30)}… → ${out.slice(0, 120)}`);
    assert.match(out, /\[redacted password: 310 characters, uppercase\]/, text.slice(0, 30));
  }
});

// Many different secrets in one paste (bench/explain-size.ts measures the time): each one is gone, wherever it is.
test('explain: 50,000 different password= lines are each hidden', () => {
  const secrets = distinctSecrets(50_000, 11, 1);
  const text = passwordLines(secrets);
  assert.ok(text.length >= 1_000_000, 'a 1 MB paste');
  const out = explainText(text).text;
  assert.deepEqual(
    secrets.filter((s) => out.includes(s)),
    [],
  );
  const whole = redactSecrets(text);
  assert.equal(whole.count, secrets.length);
  assert.deepEqual(
    secrets.filter((s) => whole.text.includes(s)),
    [],
  );
});

test('explain: 10,900 AUTH PLAIN lines with different users and passwords hide each password and its echo', () => {
  const secrets = distinctSecrets(10_900, 16, 2);
  // Every password also echoed in a reply, and in base64 on its own: each form is gone.
  const text = `${authPlainLines(secrets)}${secrets
    .slice(0, 200)
    .map((s) => `535 5.7.8 bad password ${s}\n${Buffer.from(s).toString('base64')}\n`)
    .join('')}`;
  const result = redactSecrets(text);
  assert.equal(result.count, secrets.length);
  const leaked = secrets.filter(
    (s) => result.text.includes(s) || result.text.includes(Buffer.from(s).toString('base64').slice(0, 12)),
  );
  assert.deepEqual(leaked, []);
  assert.match(result.text, /\[base64 of user "user10899@example\.org" and password: 16 characters/);
});
