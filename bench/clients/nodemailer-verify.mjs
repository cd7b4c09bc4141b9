// Bench client: nodemailer's verify() (connect, TLS, EHLO, AUTH, QUIT) as an application would call it.
// argv: host port tls|starttls ca-file; user and password in BENCH_USER / BENCH_PASS.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import nodemailer from 'nodemailer';

const [host, port, mode, caFile] = process.argv.slice(2);
const transport = nodemailer.createTransport({
  host,
  port: Number(port),
  secure: mode === 'tls',
  requireTLS: mode !== 'tls',
  auth: { user: process.env.BENCH_USER, pass: process.env.BENCH_PASS },
  tls: { ca: [readFileSync(caFile, 'utf8')] },
});
try {
  await transport.verify();
} catch (err) {
  process.stderr.write(`nodemailer: ${err.message}\n`);
  process.exitCode = 1;
}
