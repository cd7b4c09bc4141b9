// Lab certificates: a private CA and leaf certificates (valid, expired, wrong host, self-signed), generated at start.
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import type { Extension } from '@peculiar/x509';

/**
 * @peculiar/x509 (with reflect-metadata, which it loads) is read only when certificates are made: importing the
 * library must not change globals nor cost half a second for users who never start a lab.
 */
type X509 = typeof import('@peculiar/x509');
let loading: Promise<X509> | undefined;

function x509(): Promise<X509> {
  loading ??= import('@peculiar/x509').then((module) => {
    module.cryptoProvider.set(webcrypto);
    return module;
  });
  return loading;
}

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
const EC: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

interface Signer {
  /** The issuer's distinguished name. */
  name: string;
  keys: webcrypto.CryptoKeyPair;
}

/** A positive serial of 16 random bytes (RFC 5280 §4.1.2.2: positive, at most 20 octets). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
}

/**
 * Key identifiers (RFC 5280 §4.2.1.1-2): a client holding several lab CAs in one bundle finds each leaf's issuer by
 * them, and by the CA's unique name, instead of trying the first "smtp-doctor lab CA" it sees.
 */
async function keyIdentifiers(
  x: X509,
  subject: webcrypto.CryptoKey,
  issuer: webcrypto.CryptoKey,
): Promise<Extension[]> {
  return [
    await x.SubjectKeyIdentifierExtension.create(subject),
    await x.AuthorityKeyIdentifierExtension.create(issuer),
  ];
}

async function pem(keys: webcrypto.CryptoKeyPair, cert: { toString(format: 'pem'): string }): Promise<KeyPair> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const lines = pkcs8.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    // With a final newline, as PEM files have: a bundle of several lab CAs is plain concatenation.
    cert: `${cert.toString('pem').trimEnd()}\n`,
    key: `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`,
  };
}

async function leaf(
  x: X509,
  cn: string,
  names: readonly string[],
  ca: Signer | null,
  from: Date,
  to: Date,
): Promise<KeyPair> {
  const keys = await newKeys();
  const subject = `CN=${cn}`;
  const extensions = [
    new x.BasicConstraintsExtension(false, undefined, true),
    new x.KeyUsagesExtension(x.KeyUsageFlags.digitalSignature | x.KeyUsageFlags.keyEncipherment, true),
    new x.ExtendedKeyUsageExtension([x.ExtendedKeyUsage.serverAuth]),
    new x.SubjectAlternativeNameExtension(names.map((n) => ({ type: isIP(n) ? 'ip' : 'dns', value: n }))),
    ...(await keyIdentifiers(x, keys.publicKey, (ca ?? { keys }).keys.publicKey)),
  ];
  const common = { serialNumber: serial(), notBefore: from, notAfter: to, signingAlgorithm: SIGNING, extensions };
  const cert = ca
    ? await x.X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: ca.name,
        publicKey: keys.publicKey,
        signingKey: ca.keys.privateKey,
      })
    : await x.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys });
  return pem(keys, cert);
}

export async function generateLabCertificates(names: readonly string[] = LAB_NAMES): Promise<LabCertificates> {
  const x = await x509();
  const now = Date.now();
  const from = new Date(now - DAY);
  const to = new Date(now + 30 * DAY);
  // Every lab CA has a name of its own: one --ca file may hold the CAs of several labs.
  const ca: Signer = {
    name: `CN=smtp-doctor lab CA ${randomBytes(6).toString('hex')}, O=smtp-doctor lab`,
    keys: await newKeys(),
  };
  const caCert = await x.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: ca.name,
    notBefore: from,
    notAfter: to,
    signingAlgorithm: SIGNING,
    keys: ca.keys,
    extensions: [
      new x.BasicConstraintsExtension(true, undefined, true),
      new x.KeyUsagesExtension(
        x.KeyUsageFlags.keyCertSign | x.KeyUsageFlags.cRLSign | x.KeyUsageFlags.digitalSignature,
        true,
      ),
      ...(await keyIdentifiers(x, ca.keys.publicKey, ca.keys.publicKey)),
    ],
  });
  const cn = names[0] ?? 'localhost';
  const [caPair, valid, expired, wrongHost, selfSigned] = await Promise.all([
    pem(ca.keys, caCert),
    leaf(x, cn, names, ca, from, to),
    leaf(x, cn, names, ca, new Date(now - 30 * DAY), new Date(now - DAY)),
    leaf(x, 'wrong.example', ['wrong.example'], ca, from, to),
    leaf(x, cn, names, null, from, to),
  ]);
  return { ca: caPair, valid, expired, wrongHost, selfSigned };
}
