// The real-server matrix's servers: each family's endpoints (what they offer, before and after TLS) and how to run it.
import type { LabCertificates } from '../../../src/lab/certificates.js';
import { generateLabCertificates } from '../../../src/lab/certificates.js';
import type { Security } from '../../../src/model/session.js';
import {
  cyrusAvailable,
  dovecotSubmissionAvailable,
  eximAvailable,
  opensmtpdAvailable,
  postfixAvailable,
  type LogTally,
} from '../servers/common.js';
import { DOVECOT_SUBMISSION_HOST, startDovecotSubmission } from '../servers/dovecot-submission.js';
import { startExim } from '../servers/exim.js';
import { startOpenSmtpd } from '../servers/opensmtpd.js';
import { startPostfixCyrus } from '../servers/postfix-cyrus.js';
import { startPostfixDovecot } from '../servers/postfix-dovecot.js';
import { tallyDovecotSubmissionLog } from '../servers/dovecot-submission.js';
import { tallyEximLog } from '../servers/exim.js';
import { tallyOpenSmtpdLog } from '../servers/opensmtpd.js';
import { tallyPostfixLog } from '../servers/postfix.js';
import { loginsDovecotSubmission, loginsExim, loginsOpenSmtpd, loginsPostfix, type Logins } from './server-logs.js';

export type FamilyId = 'postfix-dovecot' | 'postfix-cyrus' | 'exim' | 'dovecot-submission' | 'opensmtpd';

/** One listening port and what it offers: the facts every expectation of the matrix is derived from. */
export interface MatrixEndpoint {
  key: string;
  /** Its real mode: implicit TLS, or plaintext with STARTTLS. */
  mode: Extract<Security, 'tls' | 'starttls'>;
  /**
   * AUTH before STARTTLS (STARTTLS ports only): null = no AUTH keyword at all; [] = the AUTH keyword with no
   * mechanism (Dovecot with ssl = yes); otherwise the mechanisms listed.
   */
  before: readonly string[] | null;
  /** The mechanisms listed over TLS ([] = no AUTH at all). */
  after: readonly string[];
  /** The password backend is down: every login gets a temporary failure (454). */
  backendDown?: true;
  /** The certificate names only the IP address 127.0.0.1. */
  ipOnlyCertificate?: true;
  /** Probed as an alternative in every scenario (the family's ordinary ports); special ports are only configured. */
  alternative: boolean;
}

export interface RunningFamily {
  port(key: string): number;
  /** The text of the server's own log, and its readings. */
  log(): string;
  sessions(text: string): LogTally;
  logins(text: string): Logins;
  /** The CA file(s) that make the family's certificates verify. */
  ca: string[];
  stop(): Promise<void>;
}

export interface Family {
  id: FamilyId;
  title: string;
  host: string;
  endpoints: readonly MatrixEndpoint[];
  available(): boolean;
  missing: string;
  start(certs: LabCertificates): Promise<RunningFamily>;
}

const PLAIN_LOGIN = ['PLAIN', 'LOGIN'] as const;
/** Dovecot with auth_mechanisms = plain login scram-sha-1 scram-sha-256 (servers/postfix-dovecot.ts). */
const DOVECOT_SCRAM = ['PLAIN', 'LOGIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'] as const;

function running(
  ports: Record<string, number>,
  instance: { log(): string; stop(): Promise<void> },
  ca: string[],
  sessions: (text: string) => LogTally,
  logins: (text: string) => Logins,
): RunningFamily {
  return {
    port(key) {
      const port = ports[key];
      if (port === undefined) throw new Error(`no endpoint ${key}`);
      return port;
    },
    log: () => instance.log(),
    sessions,
    logins,
    ca,
    stop: () => instance.stop(),
  };
}

export const FAMILIES: readonly Family[] = [
  {
    id: 'postfix-dovecot',
    title: 'Postfix 3.7 + Dovecot 2.3 SASL',
    host: '127.0.0.1',
    endpoints: [
      { key: 'submission', mode: 'starttls', before: null, after: DOVECOT_SCRAM, alternative: true },
      { key: 'submissions', mode: 'tls', before: null, after: DOVECOT_SCRAM, alternative: true },
      { key: 'mta', mode: 'starttls', before: null, after: [], alternative: true },
    ],
    available: postfixAvailable,
    missing: 'postfix/dovecot not installed',
    async start(certs) {
      const pf = await startPostfixDovecot(certs.valid);
      const ports = { submission: pf.submission, submissions: pf.submissions, mta: pf.noAuth };
      return running(ports, pf, [certs.ca.cert], tallyPostfixLog, loginsPostfix);
    },
  },
  {
    id: 'postfix-cyrus',
    title: 'Postfix 3.7 + Cyrus SASL 2.1 (sasldb)',
    host: '127.0.0.1',
    endpoints: [
      {
        key: 'submission',
        mode: 'starttls',
        before: null,
        after: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'DIGEST-MD5'],
        alternative: true,
      },
      { key: 'submissions', mode: 'tls', before: null, after: PLAIN_LOGIN, alternative: true },
      { key: 'mta', mode: 'starttls', before: null, after: [], alternative: true },
      {
        key: 'backend-down',
        mode: 'starttls',
        before: null,
        after: PLAIN_LOGIN,
        backendDown: true,
        alternative: false,
      },
      {
        key: 'auth-in-clear',
        mode: 'starttls',
        before: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'DIGEST-MD5'],
        after: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'DIGEST-MD5'],
        alternative: false,
      },
      {
        key: 'ip-certificate',
        mode: 'tls',
        before: null,
        after: PLAIN_LOGIN,
        ipOnlyCertificate: true,
        alternative: false,
      },
    ],
    available: cyrusAvailable,
    missing: 'postfix/cyrus sasl (sasl2-bin, libsasl2-modules-db) not installed',
    async start(certs) {
      const ipOnly = await generateLabCertificates(['127.0.0.1']);
      const pf = await startPostfixCyrus(certs.valid, ipOnly.valid);
      const ports = {
        submission: pf.submission,
        submissions: pf.submissions,
        mta: pf.noAuth,
        'backend-down': pf.backendDown,
        'auth-in-clear': pf.plainAuth,
        'ip-certificate': pf.ipOnly,
      };
      return running(ports, pf, [certs.ca.cert, ipOnly.ca.cert], tallyPostfixLog, loginsPostfix);
    },
  },
  {
    id: 'exim',
    title: 'Exim 4.96',
    host: '127.0.0.1',
    endpoints: [
      { key: 'submission', mode: 'starttls', before: null, after: ['PLAIN', 'LOGIN', 'CRAM-MD5'], alternative: true },
      { key: 'submissions', mode: 'tls', before: null, after: ['PLAIN', 'LOGIN', 'CRAM-MD5'], alternative: true },
    ],
    available: eximAvailable,
    missing: 'exim not installed',
    async start(certs) {
      const exim = await startExim(certs.valid);
      const ports = { submission: exim.starttls, submissions: exim.implicit };
      return running(
        ports,
        { log: () => exim.mainlog(), stop: () => exim.stop() },
        [certs.ca.cert],
        tallyEximLog,
        loginsExim,
      );
    },
  },
  {
    id: 'dovecot-submission',
    title: 'Dovecot 2.3 submission',
    host: DOVECOT_SUBMISSION_HOST,
    endpoints: [
      { key: 'submission', mode: 'starttls', before: null, after: PLAIN_LOGIN, alternative: true },
      { key: 'submissions', mode: 'tls', before: null, after: PLAIN_LOGIN, alternative: true },
      { key: 'submission-ssl-yes', mode: 'starttls', before: [], after: PLAIN_LOGIN, alternative: true },
    ],
    available: dovecotSubmissionAvailable,
    missing: 'dovecot-submissiond not installed',
    async start(certs) {
      const dc = await startDovecotSubmission(certs.valid);
      const ports = { submission: dc.required, submissions: dc.implicit, 'submission-ssl-yes': dc.optional };
      return running(ports, dc, [certs.ca.cert], tallyDovecotSubmissionLog, loginsDovecotSubmission);
    },
  },
  {
    id: 'opensmtpd',
    title: 'OpenSMTPD 7.4',
    host: '127.0.0.1',
    endpoints: [
      { key: 'submission', mode: 'starttls', before: null, after: PLAIN_LOGIN, alternative: true },
      { key: 'submissions', mode: 'tls', before: null, after: PLAIN_LOGIN, alternative: true },
      { key: 'mta', mode: 'starttls', before: null, after: [], alternative: true },
    ],
    available: opensmtpdAvailable,
    missing: 'opensmtpd 7.4 not unpacked',
    async start(certs) {
      const os = await startOpenSmtpd(certs.valid);
      const ports = { submission: os.starttls, submissions: os.implicit, mta: os.noAuth };
      return running(ports, os, [certs.ca.cert], tallyOpenSmtpdLog, loginsOpenSmtpd);
    },
  },
];
