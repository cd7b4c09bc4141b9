// Inputs for the explain size benchmark (and the long-paste tests): deterministic, so every run measures the same text.

/** A small deterministic generator (mulberry32): the same seed gives the same text on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function word(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET.charAt(Math.floor(next() * ALPHABET.length));
  return out;
}

/** `count` distinct passwords of `length` characters (letters and digits, each one different). */
export function distinctSecrets(count: number, length = 11, seed = 1): string[] {
  const next = random(seed);
  const seen = new Set<string>();
  while (seen.size < count) seen.add(word(next, length));
  return [...seen];
}

/** A paste of `count` lines "password=<a different secret>" (50,000 lines ≈ 1 MB). */
export function passwordLines(secrets: readonly string[]): string {
  return secrets.map((s) => `password=${s}\n`).join('');
}

/** A transcript of `count` AUTH PLAIN lines, each with a different user and password, each refused (10,900 ≈ 1 MB). */
export function authPlainLines(secrets: readonly string[]): string {
  return secrets
    .map((s, i) => `C: AUTH PLAIN ${Buffer.from(`\0user${i}@example.org\0${s}`, 'utf8').toString('base64')}\n`)
    .join('');
}

/** What a web application logs all day: requests, queries, jobs, some warnings and errors that are not about mail. */
export function fillerLines(next: () => number): () => string {
  let ms = Date.UTC(2026, 2, 14, 8, 0, 0);
  const paths = ['/api/orders', '/api/users', '/static/app.js', '/health', '/api/cart', '/login', '/api/search'];
  const statuses = [200, 200, 200, 200, 304, 201, 404, 500, 302];
  return () => {
    ms += Math.floor(next() * 40);
    const at = new Date(ms).toISOString();
    const id = Math.floor(next() * 1e6);
    const pick = next();
    if (pick < 0.55) {
      const path = paths[Math.floor(next() * paths.length)] ?? '/';
      const status = statuses[Math.floor(next() * statuses.length)] ?? 200;
      return `${at} INFO  [http] 10.0.${id % 256}.${id % 97} "GET ${path}/${id} HTTP/1.1" ${status} ${id % 9000} ${Math.floor(next() * 300)}ms`;
    }
    if (pick < 0.8)
      return `${at} DEBUG [db] SELECT id, name, total FROM orders WHERE customer_id = ${id} AND status = 'open' (${Math.floor(next() * 50)} rows, ${Math.floor(next() * 20)}ms)`;
    if (pick < 0.93)
      return `${at} INFO  [jobs] job ${word(next, 12)} finished: resized ${id % 40} images in ${Math.floor(next() * 900)}ms`;
    if (pick < 0.98)
      return `${at} WARN  [cache] redis latency ${Math.floor(next() * 900)}ms above threshold for key session:${id}`;
    return `${at} ERROR [payments] upstream returned 502 Bad Gateway for charge ch_${word(next, 16)}; retrying in 5s`;
  };
}

/**
 * About `bytes` of application log with `block` (an SMTP error as a client printed it) inserted at `at` (0..1 of the
 * way through). Built in pieces so that generating 50 MB does not itself need gigabytes.
 */
export function logWithErrorAt(bytes: number, block: string, at: number, seed = 7): string {
  const line = fillerLines(random(seed));
  const pieces: string[] = [];
  let size = 0;
  let inserted = false;
  while (size < bytes) {
    if (!inserted && size >= bytes * at) {
      pieces.push(block.endsWith('\n') ? block : `${block}\n`);
      size += block.length + 1;
      inserted = true;
      continue;
    }
    const l = `${line()}\n`;
    pieces.push(l);
    size += l.length;
  }
  if (!inserted) pieces.push(block);
  return pieces.join('');
}

/** Errors as clients print them, each of which a log may hold once. */
export const ERROR_BLOCKS: Record<string, string> = {
  nodemailer: `2026-03-14T12:00:01.000Z ERROR [mailer] could not send the receipt
Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to
535 5.7.8  https://support.google.com/mail/?p=BadCredentials a640c23a62f3a-ab67626ed70sm1234567.12 - gsmtp
    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:809:19)
    at SMTPConnection._actionAUTHComplete (/app/node_modules/nodemailer/lib/smtp-connection/index.js:1588:34)
    at SMTPConnection.<anonymous> (/app/node_modules/nodemailer/lib/smtp-connection/index.js:556:26)
    at SMTPConnection._processResponse (/app/node_modules/nodemailer/lib/smtp-connection/index.js:993:20)
    at SMTPConnection._onData (/app/node_modules/nodemailer/lib/smtp-connection/index.js:774:14)
    at TLSSocket.SMTPConnection._onSocketData (/app/node_modules/nodemailer/lib/smtp-connection/index.js:195:44)
    at TLSSocket.emit (node:events:519:28)
    at addChunk (node:internal/streams/readable:559:12) {
  code: 'EAUTH',
  response: '535-5.7.8 Username and Password not accepted. For more information, go to\\n' +
    '535 5.7.8  https://support.google.com/mail/?p=BadCredentials a640c23a62f3a-ab67626ed70sm1234567.12 - gsmtp',
  responseCode: 535,
  command: 'AUTH PLAIN'
}`,
  smtplib: `2026-03-14 12:00:01,000 ERROR mail.send: sending failed
Traceback (most recent call last):
  File "/srv/app/notify.py", line 41, in send
    server.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
  File "/usr/lib/python3.12/smtplib.py", line 750, in login
    raise last_exception
  File "/usr/lib/python3.12/smtplib.py", line 739, in login
    (code, resp) = self.auth(
                   ^^^^^^^^^^
  File "/usr/lib/python3.12/smtplib.py", line 662, in auth
    raise SMTPAuthenticationError(code, resp)
smtplib.SMTPAuthenticationError: (535, b'5.7.139 Authentication unsuccessful, the user credentials were incorrect. [AM0PR10CA0001.EURPRD10.PROD.OUTLOOK.COM 2026-03-14T12:00:01.000Z 08DC1234ABCD5678]')`,
  dotnet: `2026-03-14 12:00:01.000 +00:00 [ERR] Failed to send mail
System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.0 Authentication Required. Learn more at
   at System.Net.Mail.MailCommand.CheckResponse(SmtpStatusCode statusCode, String response)
   at System.Net.Mail.MailCommand.Send(SmtpConnection conn, Byte[] command, MailAddress from, Boolean allowUnicode)
   at System.Net.Mail.SmtpTransport.SendMail(MailAddress sender, MailAddressCollection recipients, String deliveryNotify, Boolean allowUnicode, SmtpFailedRecipientException& exception)
   at System.Net.Mail.SmtpClient.Send(MailMessage message)
   at App.Mailer.Send() in /src/App/Mailer.cs:line 27`,
};
