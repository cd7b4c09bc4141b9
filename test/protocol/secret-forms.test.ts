import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStandardWording } from '../../src/knowledge/standard-wording.js';
import { FormScrubber, MIN_FRAGMENT_LENGTH, secretForms } from '../../src/protocol/secret-forms.js';

const password = 'Pa55 w:rd€ "q"';

test('secret forms: plain, JSON-escaped, URL-encoded, hex and base64 at every alignment', () => {
  const forms = secretForms(password);
  const bytes = Buffer.from(password, 'utf8');
  for (const expected of [
    password,
    JSON.stringify(password).slice(1, -1),
    encodeURIComponent(password),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
  ])
    assert.ok(forms.includes(expected), expected);
  for (const prefix of ['\0', '\0\0', '\0u\0', 'user=u\u0001auth=Bearer ']) {
    const blob = Buffer.concat([Buffer.from(prefix), bytes]).toString('base64');
    assert.ok(
      forms.some((f) => f.length >= 8 && blob.includes(f)),
      `no form inside the base64 of ${JSON.stringify(prefix)} + secret`,
    );
  }
});

test('secret forms: strings shorter than the minimum are not forms (they would scrub ordinary words)', () => {
  const forms = secretForms('ab');
  assert.ok(!forms.includes('ab'));
  assert.ok(forms.every((f) => f.length >= 4));
});

function scrubberFor(secret: string): FormScrubber {
  const scrubber = new FormScrubber('[x]');
  scrubber.addSecret(secret);
  return scrubber;
}

test('secret forms: the scrubber takes out whole forms, longest first', () => {
  const b64 = Buffer.from(password).toString('base64');
  assert.equal(scrubberFor(password).scrub(`a ${password} b ${b64} c`), 'a [x] b [x] c');
});

test('secret forms: the scrubber takes out any piece of a form at least MIN_FRAGMENT_LENGTH long, and nothing shorter', () => {
  const secret = 'abc4efgh1jklm7op';
  const scrubber = scrubberFor(secret);
  assert.equal(scrubber.scrub(`1 ${secret.slice(3, 3 + MIN_FRAGMENT_LENGTH)} 2`), '1 [x] 2');
  assert.equal(scrubber.scrub(`1 ${secret.slice(2, 13)} 2`), '1 [x] 2');
  assert.equal(scrubber.scrub(`1 ${secret.slice(0, MIN_FRAGMENT_LENGTH - 1)} 2`), `1 ${secret.slice(0, 7)} 2`);
  // Two separate pieces are two redactions; the text between them stays.
  assert.equal(scrubber.scrub(`${secret.slice(0, 9)} and ${secret.slice(7)}`), '[x] and [x]');
  // Pieces of the base64 and hex forms too (a base64 echo split over two reply lines leaves pieces of 8 to 11).
  assert.equal(scrubber.scrub(`535 ${Buffer.from(secret).toString('base64').slice(2, 14)}`), '535 [x]');
  assert.equal(scrubber.scrub(`535 ${Buffer.from(secret).toString('base64').slice(0, 10)}`), '535 [x]');
  assert.equal(scrubber.scrub(`535 ${Buffer.from(secret).toString('hex').slice(5, 17)}`), '535 [x]');
});

test('secret forms: a word-like piece of the secret stays in the reply, because the reply names the cause', () => {
  const scrubber = scrubberFor('mypassword1');
  const gmail = '534-5.7.9 Application-specific password required.';
  assert.equal(scrubber.scrub(gmail), gmail);
  // The same word, base64-encoded in LOGIN's prompt: a shared run of 11 characters is no echo.
  assert.equal(scrubber.scrub('334 UGFzc3dvcmQ6'), '334 UGFzc3dvcmQ6');
  assert.equal(scrubber.scrub('535 mypassword1 rejected'), '535 [x] rejected');
  // A long run of letters is no longer a likely word of the reply.
  assert.equal(scrubberFor('correcthorsebatterystaple').scrub('535 horsebatterystap'), '535 [x]');
});

test('secret forms: case-folded copies, every-byte percent-encoding and separated hex dumps are scrubbed', () => {
  const secret = 'Zq7!vR2#pLm9';
  const scrubber = scrubberFor(secret);
  const hex = [...Buffer.from(secret)].map((b) => b.toString(16).padStart(2, '0'));
  for (const echo of [
    secret.toUpperCase(),
    secret.toLowerCase(),
    hex.map((h) => `%${h.toUpperCase()}`).join(''),
    hex.join(':'),
    hex.join(' '),
    hex.map((h) => `\\x${h}`).join(''),
  ])
    assert.equal(scrubber.scrub(`535 ${echo} rejected`), '535 [x] rejected', echo);
});

test('secret forms: a run of letters with a capital inside a word is no reply word, so it is scrubbed', () => {
  const scrubber = scrubberFor('BatteryStaplehorse42');
  assert.equal(scrubber.scrub('535 5.7.8 ryStaplehorse'), '535 5.7.8 [x]');
  assert.equal(scrubber.scrub('Bad BatteryStaple rejected'), 'Bad [x] rejected');
});

test('secret forms: a token of kilobytes is scrubbed whole and in pieces, and registering it twice adds nothing', () => {
  const token = Array.from({ length: 1200 }, (_, i) => `k${i.toString(36)}#`).join('');
  assert.ok(token.length > 4096);
  const scrubber = scrubberFor(token);
  scrubber.addSecret(token);
  assert.equal(scrubber.scrub(`535 ${token}`), '535 [x]');
  // Long forms keep every 8th window: any piece of 15 characters or more still holds one.
  const piece = token.slice(1001, 1001 + 15);
  assert.ok(!scrubber.scrub(`535 ${piece} rejected`).includes(piece));
});

test('secret forms: a secret escaped with any choice of escaped characters goes whole, leaving no tail (L5, L6)', () => {
  const secret = `my "pa ss" 'w' x`;
  const scrubber = scrubberFor(secret);
  const points = Array.from(secret);
  const rfc3986 = encodeURIComponent(secret).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  for (const echo of [
    rfc3986,
    `https://lab.test/help?u=x&p=${rfc3986}`,
    points.map((c) => `&#${String(c.codePointAt(0))};`).join(''),
    // Some characters escaped, some not (a log that decoded only the named entities).
    points.map((c) => (c === "'" ? c : `&#${String(c.codePointAt(0))};`)).join(''),
    points.map((c) => (/[a-z]/.test(c) ? c : `&#x${(c.codePointAt(0) ?? 0).toString(16)};`)).join(''),
    points.map((c) => (c === ' ' ? c : `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)).join(''),
    secret.replace(/ /g, '%20'),
  ]) {
    const out = scrubber.scrub(`535 5.7.8 Bad credentials ${echo} end`);
    assert.match(out, /^535 5\.7\.8 Bad credentials (?:https:\/\/lab\.test\/help\?u=x&p=)?\[x\] end$/, out);
  }
  // Non-ASCII, percent-encoded byte by byte with some bytes left as they are.
  const unicode = 'é漢字🔑pass';
  const encoded = encodeURIComponent(unicode).replace('pass', 'p%61ss');
  assert.equal(scrubberFor(unicode).scrub(`535 ${encoded} end`), '535 [x] end');
});

test('secret forms: a base64 run whose decoding holds the secret at any offset goes whole', () => {
  for (const secret of ['Xq7vR2mZt9LkW4bN', 'hunter2', 'é漢字🔑pass']) {
    const scrubber = scrubberFor(secret);
    for (const [prefix, suffix] of [
      ['', ''],
      ['x', 'y'],
      ['session=42;pw=', ';expires=never'],
      ['\0uu@lab.test\0', ''],
      ['\0u@lab.test\0', '\0trailer'],
    ]) {
      const bytes = Buffer.from(`${prefix}${secret}${suffix}`, 'utf8');
      for (const run of [
        bytes.toString('base64'),
        bytes.toString('base64url'),
        Buffer.from(bytes.toString('base64')).toString('base64'),
      ])
        assert.equal(scrubber.scrub(`535 5.7.8 Bad credentials ${run} end`), '535 5.7.8 Bad credentials [x] end', run);
    }
  }
  // A weak secret counts only as a field of its own: in a PLAIN blob, but not as a word of encoded JSON.
  const weak = scrubberFor('test');
  const blob = Buffer.from('\0uu@lab.test\0test').toString('base64');
  assert.equal(weak.scrub(`535 ${blob} end`), '535 [x] end');
  const json = Buffer.from('{"status":"400","test":"x","scope":"https://mail.google.com/"}').toString('base64');
  assert.equal(weak.scrub(`334 ${json}`), `334 ${json}`);
  // An ordinary base64 run without the secret stays.
  const other = Buffer.from('\0uu@lab.test\0another').toString('base64');
  assert.equal(scrubberFor('hunter2').scrub(`535 ${other}`), `535 ${other}`);
});

test('secret forms: a weak secret that is a whole URL path segment or query value is a token (L1)', () => {
  const gmailWording = (line: string): number => /^\d{3}[ -]\d\.\d\.\d+ /.exec(line)?.[0].length ?? 0;
  for (const secret of ['password', 'test', 'mail', 'gmail', 'smtp', 'Pa']) {
    const scrubber = new FormScrubber('[x]');
    scrubber.addSecret(secret);
    scrubber.keepStandardWording(isStandardWording);
    const lines = [
      `535-5.7.8 Username and Password not accepted. ${secret}`,
      `535 5.7.8 Learn more at https://lab.test/${secret}`,
    ];
    assert.deepEqual(scrubber.scrubLines(lines, gmailWording), [
      '535-5.7.8 Username and Password not accepted. [x]',
      '535 5.7.8 Learn more at https://lab.test/[x]',
    ]);
    for (const [echo, shown] of [
      [`https://lab.test/${secret}/help`, 'https://lab.test/[x]/help'],
      [`https://lab.test/help?p=${secret}&u=x`, 'https://lab.test/help?p=[x]&u=x'],
      [`https://lab.test/help#${secret}`, 'https://lab.test/help#[x]'],
    ])
      assert.equal(scrubber.scrub(`535 see ${echo ?? ''} now`), `535 see ${shown ?? ''} now`);
  }
  // Not a URL, or a segment that holds more than the secret: a joined token, left alone.
  const mail = new FormScrubber('[x]');
  mail.addSecret('mail');
  mail.keepStandardWording(isStandardWording);
  for (const text of ['text/mail and mail.lab.test', 'https://lab.test/mailbox/x', 'https://lab.test/x/mail.html']) {
    assert.equal(mail.scrub(`535 ${text}`), `535 ${text}`);
  }
  // Gmail's own link with the password "mail": the server's standard wording, kept.
  const gmail = [
    '535-5.7.8 Username and Password not accepted. Learn more at',
    '535 5.7.8  https://support.google.com/mail/?p=BadCredentials a6sm1234567pgt.55 - gsmtp',
  ];
  assert.deepEqual(mail.scrubLines(gmail, gmailWording), gmail);
});

test('secret forms: a two-character secret case-folded is its echo as a whole token, never inside a word (L4)', () => {
  const scrubber = scrubberFor('Pa');
  for (const echo of ['Pa', 'PA', 'pa', 'pA'])
    assert.equal(scrubber.scrub(`535 5.7.8 Bad credentials ${echo}`), '535 5.7.8 Bad credentials [x]', echo);
  for (const text of ['535 PASS SPA pass Spa PAM pA55 lab.pa pa-ss', 'AUTH PLAIN'])
    assert.equal(scrubber.scrub(text), text);
  // One character is taken only as typed: its upper-case copy is the mark of our client lines.
  const one = scrubberFor('c');
  assert.equal(one.scrub('C: EHLO c'), 'C: EHLO [x]');
});

test('secret forms: "failed for password password" with the password "password" loses both words (G2, pinned)', () => {
  // Which of two equal words is the server's and which the echo cannot be told without the server's template: no
  // known reply says "failed for password", so neither is standard wording, and both go. With another password only
  // the echo goes. Redacting the server's word hides nothing of the password; showing the echo would.
  const reply = '535 5.7.8 Authentication failed for password';
  const weak = new FormScrubber('[x]');
  weak.addSecret('password');
  weak.keepStandardWording(isStandardWording);
  assert.equal(weak.scrub(`${reply} password`), '535 5.7.8 Authentication failed for [x] [x]');
  assert.equal(scrubberFor('Xq7vR2mZt9LkW4bN').scrub(`${reply} Xq7vR2mZt9LkW4bN`), `${reply} [x]`);
  // Where a known reply says the word, it stays: Gmail's "Username and Password not accepted".
  const gmail = '535-5.7.8 Username and Password not accepted. password';
  assert.equal(weak.scrub(gmail), '535-5.7.8 Username and Password not accepted. [x]');
});

test('secret forms: an AUTH line we sent registers its blob, never the verb or the mechanism name', () => {
  const scrubber = new FormScrubber('[redacted]');
  const blob = Buffer.from('n,a=u@lab.test,\x01auth=Bearer ya29.a-token-of-some-length\x01\x01').toString('base64');
  scrubber.addSent(`AUTH OAUTHBEARER ${blob}`);
  assert.equal(scrubber.scrub('504 5.7.4 OAUTHBEARER not available'), '504 5.7.4 OAUTHBEARER not available');
  assert.equal(scrubber.scrub(`535 echo ${blob}`), '535 echo [redacted]');
});

test('secret forms: base64 or hex of a strong secret’s other forms (upper case, hex, reversed) is an echo too', () => {
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret('hunter2-Xq7v');
  const b64 = (t: string): string => Buffer.from(t).toString('base64');
  const hex = (t: string): string => Buffer.from(t).toString('hex');
  for (const echo of [
    b64('HUNTER2-XQ7V'),
    b64(hex('hunter2-Xq7v')),
    b64('v7qX-2retnuh'),
    hex('HUNTER2-XQ7V'),
    hex(b64('hunter2-Xq7v')),
    b64(`Authentication failed, received ${b64('login failed, pw=hunter2-Xq7v (rejected)')}`),
  ])
    assert.equal(scrubber.scrub(`535 5.7.8 invalid: ${echo}`), '535 5.7.8 invalid: [redacted]', echo);
  // A server's own base64 and hex stay.
  const challenge = b64('{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}');
  assert.equal(scrubber.scrub(`334 ${challenge}`), `334 ${challenge}`);
  assert.equal(scrubber.scrub('250 2.0.0 Ok: queued as 4F3A2B1C9D8E'), '250 2.0.0 Ok: queued as 4F3A2B1C9D8E');
});

test('secret forms: a weak secret inside nested base64 as a field, in any case, is an echo', () => {
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret('test');
  const b64 = (t: string): string => Buffer.from(t).toString('base64');
  const inner = b64('login failed for u@lab.test, pw=TEST (rejected)');
  assert.equal(scrubber.scrub(`334 ${b64(`received ${inner}`)}`), '334 [redacted]');
});

test('secret forms: a secret whole in one line of a reply leaves the next line’s words alone', () => {
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret('password');
  const blob = Buffer.from('login failed for u@lab.test, pw=password (rejected)').toString('base64');
  assert.deepEqual(scrubber.scrubLines([`X-LAST-LOGIN ${blob}`, 'STARTTLS', 'AUTH PLAIN LOGIN']), [
    'X-LAST-LOGIN [redacted]',
    'STARTTLS',
    'AUTH PLAIN LOGIN',
  ]);
  // A secret really split across the two lines still goes from both.
  assert.deepEqual(scrubber.scrubLines(['X-LAST pass', 'word and more']), ['X-LAST [redacted]', '[redacted] and more']);
});

test('secret forms: a secret split across two EHLO lines, the rest after the next keyword, goes from both', () => {
  for (const pw of ['hunter2', 'password', 'é漢字🔑pass']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const half = Math.floor(Array.from(pw).length / 2);
    const first = Array.from(pw).slice(0, half).join('');
    const rest = Array.from(pw).slice(half).join('');
    assert.deepEqual(
      scrubber.scrubLines([`X-LAST ${first}`, `X-LAST2 ${rest}`, 'STARTTLS', 'AUTH PLAIN LOGIN']),
      ['X-LAST [redacted]', 'X-LAST2 [redacted]', 'STARTTLS', 'AUTH PLAIN LOGIN'],
      pw,
    );
  }
});

test('secret forms: base64 of JSON that holds a strong secret as \\u escapes is an echo', () => {
  const scrubber = new FormScrubber('[redacted]');
  const token = 'ya29.a0AccessTok3nSecretPq8Zx';
  scrubber.addSecret(token);
  const escaped = Array.from(token, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const challenge = Buffer.from(`{"status":"401","schemes":"Bearer","scope":"${escaped}"}`).toString('base64');
  assert.equal(scrubber.scrub(`334 ${challenge}`), '334 [redacted]');
});

test('secret forms: base64 of text that holds a weak secret glued to other characters is an echo', () => {
  for (const pw of ['password', 'test', 'mail', 'gmail', 'smtp', 'Pa']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    for (const prefix of ['x', 'xy', '']) {
      const blob = Buffer.from(`${prefix}${pw} was refused`).toString('base64');
      assert.equal(
        scrubber.scrub(`535 5.7.8 Authentication failed: ${blob}`),
        '535 5.7.8 Authentication failed: [redacted]',
      );
    }
  }
});

test("secret forms: a weak secret's word inside a server's own base64 challenge stays evidence", () => {
  const challenges = [
    '{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}',
    'Password:',
    'Username:',
    '<1896.697170952@mail.lab.test>',
    'realm="mail.lab.test",nonce="OA6MG9tEQGm2hh",qop="auth",charset=utf-8,algorithm=md5-sess',
  ];
  for (const pw of ['mail', 'status', 'scope', 'Password', 'realm', 'test']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    for (const challenge of challenges) {
      const line = `334 ${Buffer.from(challenge).toString('base64')}`;
      assert.equal(scrubber.scrub(line), line, `${pw}: ${challenge}`);
    }
  }
});

test('secret forms: a secret written with a literal \\0 between its characters is an echo', () => {
  for (const pw of ['hunter2', 'password', 'Yh3nW8cQe5UjD6rF']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const nul = Array.from(pw).join('\\0');
    assert.equal(
      scrubber.scrub(`535 5.7.8 Authentication failed: ${nul}`),
      '535 5.7.8 Authentication failed: [redacted]',
    );
  }
});

test('secret forms: a secret spelled out or in spaced hex, split across two lines of a reply, goes from both', () => {
  const textStart = (line: string): number => /^\d{3}[ -](?:\d\.\d{1,3}\.\d{1,3} )?/.exec(line)?.[0].length ?? 0;
  for (const pw of ['password', 'mail', 'smtp', 'test', 'é漢字🔑pass', 'hunter2']) {
    const points = Array.from(pw);
    const half = Math.floor(points.length / 2);
    const hex = Array.from(Buffer.from(pw), (b) => b.toString(16).padStart(2, '0').toUpperCase());
    const hexHalf = Math.floor(hex.length / 2);
    for (const [first, rest] of [
      [points.slice(0, half).join(' '), points.slice(half).join(' ')],
      [hex.slice(0, hexHalf).join(' '), hex.slice(hexHalf).join(' ')],
    ] as const) {
      const scrubber = new FormScrubber('[redacted]');
      scrubber.addSecret(pw);
      const out = scrubber.scrubLines(
        [`535-5.7.8 Bad credentials ${first}`, `535 5.7.8 ${rest} not accepted`],
        textStart,
      );
      // A piece of a strong secret's spelled-out form may start with the space before it.
      assert.equal(out[0], '535-5.7.8 Bad credentials [redacted]', pw);
      assert.match(out[1] ?? '', /^535 5\.7\.8 ?\[redacted\] not accepted$/, pw);
    }
  }
});

test("secret forms: a weak secret as a URL path segment on a reply's next line, the URL's scheme above, is taken", () => {
  const textStart = (line: string): number => /^\d{3}[ -](?:\d\.\d{1,3}\.\d{1,3} )?/.exec(line)?.[0].length ?? 0;
  for (const pw of ['password', 'mail', 'Pa']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const out = scrubber.scrubLines(
      ['535-5.7.8 Bad credentials https://auth.example.net/res', `535 5.7.8 et/${pw}/x?pw=${pw}&u=1 not accepted`],
      textStart,
    );
    assert.deepEqual(
      out,
      [
        '535-5.7.8 Bad credentials https://auth.example.net/res',
        '535 5.7.8 et/[redacted]/x?pw=[redacted]&u=1 not accepted',
      ],
      pw,
    );
  }
});

test('secret forms: base64 of a strong secret split across two lines goes from both; a base64 echo whole on the next line leaves the server word before it', () => {
  const textStart = (line: string): number => /^\d{3}[ -](?:\d\.\d{1,3}\.\d{1,3} )?/.exec(line)?.[0].length ?? 0;
  for (const pw of ['Yh3nW8cQe5UjD6rF', 'hunter2', 'é漢字🔑pass']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const blob = Buffer.from(`x${pw} was refused`).toString('base64');
    for (let cut = 4; cut < blob.length - 4; cut += 3) {
      const out = scrubber.scrubLines(
        [`535-5.7.8 Bad credentials ${blob.slice(0, cut)}`, `535 5.7.8 ${blob.slice(cut)} not accepted`],
        textStart,
      );
      assert.match(out[1] ?? '', / not accepted$/, `${pw} cut at ${String(cut)}`);
      // A half left visible carries no bit of the secret: base64 characters 4k..4k+3 carry bytes 3k..3k+2, and the
      // blob is "x", the secret's bytes, then " was refused".
      const secretEnd = 1 + Buffer.byteLength(pw);
      if (!(out[0] ?? '').endsWith('[redacted]'))
        assert.ok(Math.ceil(cut / 4) * 3 <= 1, `${pw} cut ${String(cut)}: ${String(out[0])}`);
      if (!(out[1] ?? '').startsWith('535 5.7.8 [redacted]'))
        assert.ok(Math.floor(cut / 4) * 3 >= secretEnd, `${pw} cut ${String(cut)}: ${String(out[1])}`);
    }
    const echo = Buffer.from(pw).toString('base64');
    assert.deepEqual(
      scrubber.scrubLines(['250-mx.hostile.test hello', `250-X-LAST ${echo}`, '250 STARTTLS'], textStart),
      ['250-mx.hostile.test hello', '250-X-LAST [redacted]', '250 STARTTLS'],
      pw,
    );
  }
});

test('secret forms: in a paste, a secret spelled out and split across two lines of one reply goes from both', () => {
  for (const pw of ['password', 'mail', 'hunter2']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const points = Array.from(pw);
    const half = Math.floor(points.length / 2);
    const out = scrubber.scrubAcrossLines(
      `S: 535-5.7.8 Bad credentials ${points.slice(0, half).join(' ')}\nS: 535 5.7.8 ${points.slice(half).join(' ')} not accepted\n`,
    );
    assert.match(out, /^S: 535-5\.7\.8 Bad credentials \[redacted\]\nS: 535 5\.7\.8 ?\[redacted\] not accepted\n$/, pw);
  }
});

test('secret forms: a weak secret after a multi-line reply code ("220-password", "334-pass" / "334 word") is a whole token', () => {
  const textStart = (line: string): number => /^\d{3}[ -](?:\d\.\d{1,3}\.\d{1,3} )?/.exec(line)?.[0].length ?? 0;
  for (const pw of ['password', 'test', 'mail', 'smtp']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const hex = Buffer.from(pw).toString('hex');
    assert.deepEqual(scrubber.scrubLines([`220-${pw}`, `220-${hex}`, '220 ready'], textStart), [
      '220-[redacted]',
      '220-[redacted]',
      '220 ready',
    ]);
    assert.deepEqual(scrubber.scrubLines([`334-${pw.slice(0, 2)}`, `334 ${pw.slice(2)}`], textStart), [
      '334-[redacted]',
      '334 [redacted]',
    ]);
    assert.equal(scrubber.scrub(`S: 250-${pw}`), 'S: 250-[redacted]');
    // A word joined by "-" to something that is no reply code still joins.
    assert.equal(scrubber.scrub(`x-${pw}`), `x-${pw}`);
  }
});

test('secret forms: capitalised, "0x" hex, decimal bytes, C octal, quoted-printable and UTF-16 hex echoes are taken', () => {
  for (const pw of ['hunter2', 'password', 'Yh3nW8cQe5UjD6rF']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const bytes = Array.from(Buffer.from(pw));
    const echoes = [
      pw.charAt(0).toUpperCase() + pw.slice(1).toLowerCase(),
      bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', '),
      bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' '),
      bytes.map(String).join(' '),
      bytes.map((b) => `\\${b.toString(8).padStart(3, '0')}`).join(''),
      bytes.map((b) => `=${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''),
      Array.from(pw, (c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join(' '),
    ];
    for (const echo of echoes)
      assert.equal(
        scrubber.scrub(`535 5.7.8 ${echo} was refused`),
        '535 5.7.8 [redacted] was refused',
        `${pw}: ${echo}`,
      );
  }
});

test("secret forms: a weak token as a JSON value of its own field in a server's base64 challenge is an echo", () => {
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret('gmail');
  const echo = Buffer.from('{"status":"401","schemes":"Bearer","token":"gmail"}').toString('base64');
  assert.equal(scrubber.scrub(`334 ${echo}`), '334 [redacted]');
  const own = Buffer.from('{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}').toString('base64');
  assert.equal(scrubber.scrub(`334 ${own}`), `334 ${own}`);
});

test('secret forms: a strong secret in any mix of cases is an echo', () => {
  for (const pw of ['hunter2', 'Yh3nW8cQe5UjD6rF', 'correct-horse-battery']) {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret(pw);
    const alternating = Array.from(pw, (c, i) => (i % 2 === 0 ? c.toLowerCase() : c.toUpperCase())).join('');
    assert.equal(scrubber.scrub(`535 5.7.8 ${alternating} was refused`), '535 5.7.8 [redacted] was refused', pw);
  }
});
