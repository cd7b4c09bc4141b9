// Explain corpus: client outputs as users paste them, each holding a known secret where that client prints one.
import { PASSWORD, TOKEN, USER } from './support.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const PLAIN_BLOB = b64(`\0${USER}\0${PASSWORD}`);
const XOAUTH2_BLOB = b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`);
/** Client outputs as users paste them, each with a secret where that client prints one. */
export const PASTES: [name: string, text: string][] = [
  [
    'swaks AUTH PLAIN',
    `=== Trying smtp.gmail.com:587...\n<~  250 AUTH LOGIN PLAIN XOAUTH2\n ~> AUTH PLAIN ${PLAIN_BLOB}\n<~* 535-5.7.8 Username and Password not accepted.\n<~* 535 5.7.8 https://support.google.com/mail/?p=BadCredentials`,
  ],
  [
    'swaks AUTH LOGIN',
    ` ~> AUTH LOGIN\n<~  334 VXNlcm5hbWU6\n ~> ${b64(USER)}\n<~  334 UGFzc3dvcmQ6\n ~> ${b64(PASSWORD)}\n<~* 535 5.7.8 Authentication credentials invalid`,
  ],
  [
    'swaks AUTH XOAUTH2',
    ` ~> AUTH XOAUTH2 ${XOAUTH2_BLOB}\n<~  334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\n ~> \n<~* 535-5.7.8 Username and Password not accepted.`,
  ],
  [
    'Python smtplib debug',
    `send: 'ehlo [127.0.0.1]\\r\\n'\nreply: b'250-smtp.gmail.com at your service\\r\\n'\nsend: 'AUTH PLAIN ${PLAIN_BLOB}\\r\\n'\nreply: b'535-5.7.8 Username and Password not accepted.\\r\\n'\nreply: retcode (535); Msg: b'5.7.8 Username and Password not accepted.'\nsmtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.')`,
  ],
  [
    'PHPMailer debug',
    `2026-11-24 10:00:00 CLIENT -> SERVER: AUTH LOGIN\n2026-11-24 10:00:00 SERVER -> CLIENT: 334 VXNlcm5hbWU6\n2026-11-24 10:00:00 CLIENT -> SERVER: ${b64(USER)}\n2026-11-24 10:00:00 SERVER -> CLIENT: 334 UGFzc3dvcmQ6\n2026-11-24 10:00:00 CLIENT -> SERVER: ${b64(PASSWORD)}\n2026-11-24 10:00:00 SERVER -> CLIENT: 535 5.7.3 Authentication unsuccessful\nSMTP Error: Could not authenticate.`,
  ],
  [
    'nodemailer logger',
    `[2026-11-24 10:00:00] DEBUG [abc] C: AUTH PLAIN ${PLAIN_BLOB}\n[2026-11-24 10:00:00] DEBUG [abc] S: 535 5.7.8 Error: authentication failed\nError: Invalid login: 535 5.7.8 Error: authentication failed\n  code: 'EAUTH',\n  command: 'AUTH PLAIN'`,
  ],
  [
    'curl -v XOAUTH2',
    `* Connected to smtp.office365.com port 587\n> AUTH XOAUTH2 ${XOAUTH2_BLOB}\n< 535 5.7.3 Authentication unsuccessful\ncurl: (67) Login denied`,
  ],
  [
    'a nodemailer config with the password (JS object)',
    `const transporter = nodemailer.createTransport({ host: 'smtp.gmail.com', port: 465, secure: true, auth: { user: '${USER}', pass: '${PASSWORD}' } });\nError: Invalid login: 535-5.7.8 Username and Password not accepted.`,
  ],
  [
    'a JSON config with the password JSON-escaped',
    `{"host": "smtp.gmail.com", "port": 587, "user": "${USER}", "password": ${JSON.stringify(PASSWORD)}}\n535-5.7.8 Username and Password not accepted.`,
  ],
  [
    'a JSON log line holding both the error and the JSON-escaped password',
    `{"level":"error","msg":"Invalid login: 535-5.7.8 Username and Password not accepted.","smtp":{"host":"smtp.gmail.com","user":"${USER}","pass":${JSON.stringify(PASSWORD)}}}`,
  ],
  [
    'a JS config line holding the error and a single-quoted password with escapes',
    `Error: Invalid login: 535 5.7.8 bad auth: { user: '${USER}', pass: '${PASSWORD.replace(/\\/g, '\\\\')}' }`,
  ],
  [
    'an error followed by a JSON object with the escaped password',
    `Error: Invalid login: 535 5.7.8 Error: authentication failed {"pass":${JSON.stringify(PASSWORD)}}`,
  ],
  [
    'a reply and a password= setting with an escaped quote on one line',
    `535 5.7.8 Error: authentication failed password=${JSON.stringify(PASSWORD)}`,
  ],
  [
    'an .env file',
    `SMTP_HOST=smtp.gmail.com\nSMTP_USER=${USER}\nSMTP_PASS=${PASSWORD}\n535 5.7.8 Username and Password not accepted.`,
  ],
  [
    'an smtp:// URL with the password',
    `connecting to smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@smtp.gmail.com:587\n535 5.7.8 Username and Password not accepted.`,
  ],
  ['an OAuth bearer token in a header dump', `Authorization: Bearer ${TOKEN}\n535 5.7.3 Authentication unsuccessful`],
];
