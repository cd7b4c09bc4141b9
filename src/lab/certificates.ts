// Lab certificates: a private CA and leaf certificates (valid, expired, wrong host, self-signed), generated at start.
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface KeyPair {
  cert: string;
  key: string;
}

export interface LabCertificates {
  /** The lab's own CA: trust it with --ca to make `valid` verify. */
  ca: KeyPair;
  /** Signed by the CA for the lab's names (localhost, 127.0.0.1, ::1). */
  valid: KeyPair;
  /** Signed by the CA, expired yesterday. */
  expired: KeyPair;
  /** Signed by the CA for another name. */
  wrongHost: KeyPair;
  /** Signed by itself. */
  selfSigned: KeyPair;
}

export const LAB_NAMES = ['localhost', '127.0.0.1', '::1'] as const;
const DAY = 86_400_000;

function altNames(names: readonly string[]): { type: 2 | 7; value?: string; ip?: string }[] {
  return names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
}

function leafExtensions(names: readonly string[]) {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    { name: 'subjectAltName' as const, altNames: altNames(names) },
  ];
}

async function leaf(cn: string, names: readonly string[], ca: KeyPair | null, from: Date, to: Date): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: from,
    notAfterDate: to,
    extensions: leafExtensions(names),
    ...(ca ? { ca } : {}),
  });
  return { cert: pems.cert, key: pems.private };
}

export async function generateLabCertificates(names: readonly string[] = LAB_NAMES): Promise<LabCertificates> {
  const now = Date.now();
  const from = new Date(now - DAY);
  const to = new Date(now + 30 * DAY);
  const caPems = await generate([{ name: 'commonName', value: 'smtp-doctor lab CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: from,
    notAfterDate: to,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const ca = { cert: caPems.cert, key: caPems.private };
  const [valid, expired, wrongHost, selfSigned] = await Promise.all([
    leaf(names[0] ?? 'localhost', names, ca, from, to),
    leaf(names[0] ?? 'localhost', names, ca, new Date(now - 30 * DAY), new Date(now - DAY)),
    leaf('wrong.example', ['wrong.example'], ca, from, to),
    leaf(names[0] ?? 'localhost', names, null, from, to),
  ]);
  return { ca, valid, expired, wrongHost, selfSigned };
}
