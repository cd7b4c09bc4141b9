// Causes of the certificate rule: a server certificate that does not verify, one cause per kind of failure.
import { TLS_ERROR_SOURCES } from '../tls-errors.js';
import type { CauseArea } from './types.js';

const NODE_DOC = {
  title: 'Node.js: X509 certificate error codes',
  url: 'https://nodejs.org/api/tls.html#x509-certificate-error-codes',
};

/** The host at the start of a sentence (a name keeps its case), and inside one. */
const HOST_FIRST = '{{#host}}{{host}}{{/host}}{{^host}}The server{{/host}}';
const HOST = '{{#host}}{{host}}{{/host}}{{^host}}the server{{/host}}';
/** Said when the session went on past the failed check (the user passed --insecure). */
const INSECURE = '{{#insecure}} The session went on only because certificate checks were switched off.{{/insecure}}';
/** What every certificate cause shares: the finding, the one dead end, the Node docs. */
const COMMON = {
  finding: 'certificate-invalid',
  deadEnds: ['disable-certificate-checks.hides-problem'],
  docs: [NODE_DOC],
  sources: TLS_ERROR_SOURCES,
} as const;

export const certificate = {
  causes: {
    'certificate.expired': {
      ...COMMON,
      detail: 'expired',
      title: 'The server certificate has expired',
      summary: `The certificate ${HOST} presents is past its end date ({{code}}).${INSECURE}`,
      fixes: ['certificate.renew', 'certificate.check-clock-if-many'],
    },
    'certificate.not-yet-valid': {
      ...COMMON,
      detail: 'not-yet-valid',
      title: 'The server certificate is not valid yet',
      summary: `The certificate's start date lies in the future as this machine sees it ({{code}}); usually this machine's clock is wrong.${INSECURE}`,
      fixes: ['certificate.check-clock', 'certificate.check-validity-dates'],
    },
    'certificate.self-signed': {
      ...COMMON,
      detail: 'self-signed',
      title: 'The server presents a self-signed certificate',
      summary: `${HOST_FIRST} presents a certificate signed by itself ({{code}}): nobody your system trusts vouches for it. Normal for your own test server or Proton Bridge; on a public provider it can mean interception.${INSECURE}`,
      fixes: ['certificate.trust-explicitly', 'certificate.public-ca'],
    },
    'certificate.untrusted-issuer': {
      ...COMMON,
      detail: 'untrusted-issuer',
      title: 'The certificate’s issuer is not trusted here',
      summary: `The certificate chains to a CA this system does not trust ({{code}}): a private or company CA, or a TLS-intercepting proxy or antivirus.${INSECURE}`,
      fixes: ['certificate.trust-explicitly', 'certificate.full-chain', 'certificate.check-interception'],
    },
    'certificate.missing-intermediate': {
      ...COMMON,
      detail: 'untrusted-issuer',
      title: 'The certificate’s issuer is not trusted here',
      summary: `The certificate cannot be chained to a trusted root ({{code}}): usually the server does not send its intermediate certificate, or a private CA issued it.${INSECURE}`,
      fixes: ['certificate.trust-explicitly', 'certificate.full-chain', 'certificate.check-interception'],
    },
    'certificate.hostname-mismatch': {
      ...COMMON,
      detail: 'hostname-mismatch',
      title: 'The certificate is for another host name',
      summary: `The certificate does not list "${HOST}" among its names ({{code}}). Often the configured host is an alias (CNAME) of the real mail server, or an IP address.${INSECURE}`,
      fixes: ['certificate.use-listed-name', 'certificate.use-provider-host', 'certificate.use-documented-name'],
    },
    'certificate.revoked': {
      ...COMMON,
      detail: 'revoked',
      title: 'The server certificate was revoked',
      summary: `The certificate has been revoked by its issuer ({{code}}).${INSECURE}`,
      fixes: ['certificate.replace'],
    },
    'certificate.unverifiable': {
      ...COMMON,
      detail: 'untrusted-issuer',
      title: 'The server certificate does not verify',
      summary: `The certificate ${HOST} presents fails one of the checks of its chain ({{code}}: the Node.js list of certificate error codes names which).${INSECURE}`,
      fixes: ['certificate.public-ca', 'certificate.full-chain', 'certificate.check-interception'],
    },
  },
  fixes: {
    'certificate.renew': {
      text: 'Server admin: renew the certificate (and reload the mail service so it uses the new one).',
    },
    'certificate.check-clock-if-many': { text: 'If many sites look expired: check this machine’s clock.' },
    'certificate.check-clock': { text: 'Check the date and time of this machine (enable NTP).' },
    'certificate.check-validity-dates': { text: 'Server admin: check the certificate’s validity dates.' },
    'certificate.trust-explicitly': {
      text: 'If you trust this server (your own, a lab, Proton Bridge), trust its CA or certificate explicitly: --ca FILE, NODE_EXTRA_CA_CERTS, or the client’s ca option.',
    },
    'certificate.public-ca': {
      text: 'Server admin: install a certificate from a public CA (e.g. Let’s Encrypt).',
    },
    'certificate.full-chain': {
      text: 'Server admin: send the full chain (leaf plus intermediates), e.g. fullchain.pem.',
    },
    'certificate.check-interception': {
      text: 'Check for antivirus "mail scanning" or a corporate proxy that intercepts TLS.',
    },
    'certificate.use-listed-name': { text: 'Connect to a name the certificate lists: {{name}}.' },
    'certificate.use-provider-host': { text: 'Use the provider’s own host name {{providerHost}}.' },
    'certificate.use-documented-name': {
      text: 'Use the host name the provider documents, not an IP address or your own alias for it.',
    },
    'certificate.replace': { text: 'Server admin: replace the certificate.' },
  },
  deadEnds: {},
  notes: {
    'certificate.presented': {
      text: 'certificate {{subject}}; issuer {{issuer}}; names {{#names}}{{names|spaces}}{{/names}}{{^names}}(none){{/names}}; valid {{validFrom}} to {{validTo}}',
    },
    'certificate.not-verified': { text: 'certificate not verified ({{code}})' },
  },
} as const satisfies CauseArea;
