// The real-server matrix: every scenario of every family, and what a correct check says about it (the oracle).
import type { FindingId } from '../../../src/model/finding.js';
import type { Security, SecurityChoice } from '../../../src/model/session.js';
import { FAMILIES, type Family, type FamilyId, type MatrixEndpoint } from './families.js';

/** The credentials a scenario logs in with (the accounts of servers/common.ts: stored in NFC). */
export type CredentialCase = 'right' | 'wrong' | 'unknown-user' | 'bare-local-part' | 'non-ascii-nfc' | 'non-ascii-nfd';

export const SCENARIO_CLASSES = [
  'port × TLS mode',
  'AUTH before TLS',
  'mechanism forced',
  'mechanism forced, not offered',
  'mechanism offered, not spoken here',
  'credentials',
  'password backend down',
  'certificate naming the IP',
  'certificate not trusted',
  'attempt budget',
] as const;

export type ScenarioClass = (typeof SCENARIO_CLASSES)[number];

/** Mechanisms smtp-doctor speaks; others (NTLM, GSSAPI) it must name, never send. */
export const SPOKEN: ReadonlySet<string> = new Set([
  'PLAIN',
  'LOGIN',
  'CRAM-MD5',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'DIGEST-MD5',
  'XOAUTH2',
  'OAUTHBEARER',
]);
/** What a password user can log in with when no mechanism is forced. */
const CHOSEN_FOR_PASSWORD: ReadonlySet<string> = new Set([
  'PLAIN',
  'LOGIN',
  'CRAM-MD5',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'DIGEST-MD5',
]);
/** Forced in turn on every port that offers AUTH: offered or not, spoken here or not (any IANA name is accepted). */
export const FORCED = [
  'PLAIN',
  'LOGIN',
  'CRAM-MD5',
  'DIGEST-MD5',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'XOAUTH2',
  'NTLM',
  'GSSAPI',
] as const;
const CREDENTIAL_FAILURES: readonly CredentialCase[] = [
  'wrong',
  'unknown-user',
  'bare-local-part',
  'non-ascii-nfc',
  'non-ascii-nfd',
];

/** A place where settings can work: an endpoint and the mode used there. */
export interface Place {
  endpoint: string;
  security: Security;
}

export interface Range {
  min: number;
  max: number;
}

export interface Expectation {
  first: FindingId;
  /** The first finding's detail, where it tells causes of one id apart (a mechanism offered but not spoken here). */
  firstDetail?: string;
  /** Findings that must follow the first (e.g. the warning beside a working login in clear). */
  also?: FindingId[];
  exit: 0 | 1;
  /** The working settings: null, or one of these places with one of these proofs. */
  working: { proven: readonly ('login' | 'connection')[]; at: readonly Place[]; orNull?: true } | null;
  /** Logins the server's own log must show. */
  logins: { accepted: Range; refused: Range };
  /** The only endpoints where the server may have judged a login. */
  loginsAt: readonly string[];
  /** No session may wait out a timeout: the outcome is known at once (a timeout here is a wait that nothing needed). */
  noTimeout?: boolean;
}

export interface Scenario {
  id: string;
  family: FamilyId;
  endpoint: string;
  /** `auto`: the mode the user did not choose; the check finds the port's own. */
  security: SecurityChoice;
  allowPlaintext: boolean;
  /** The user passes no CA: the lab's certificates are not trusted. */
  untrusted?: true;
  mechanism?: string;
  credentials: CredentialCase;
  maxAttempts?: number;
  class: ScenarioClass;
  expect: Expectation;
}

const exactly = (n: number): Range => ({ min: n, max: n });

/** SCRAM prepares the password with SASLprep (NFKC, RFC 5802 §5.1): an NFD password arrives as the stored NFC one. */
function accepts(credentials: CredentialCase, mechanism: string | undefined): boolean {
  if (credentials === 'non-ascii-nfd' && mechanism?.startsWith('SCRAM-') === true) return true;
  return credentials === 'right' || credentials === 'non-ascii-nfc';
}

/** The endpoint can take a login with this (forced) mechanism, or with one chosen for a password. */
function usable(endpoint: MatrixEndpoint, mechanism: string | undefined): boolean {
  if (endpoint.backendDown) return false;
  return mechanism === undefined
    ? endpoint.after.some((m) => CHOSEN_FOR_PASSWORD.has(m))
    : SPOKEN.has(mechanism) && endpoint.after.includes(mechanism);
}

function place(endpoint: MatrixEndpoint, security: Security = endpoint.mode): Place {
  return { endpoint: endpoint.key, security };
}

/**
 * What a correct check says when the configured endpoint cannot take the login (its mode is wrong, it offers no AUTH,
 * or only after STARTTLS): the login is proven on an alternative that can take it, once — or on none.
 */
function elsewhere(
  family: Family,
  scenario: Draft,
  first: FindingId,
  extra: readonly MatrixEndpoint[] = [],
): Expectation {
  const candidates = [...family.endpoints.filter((e) => e.alternative), ...extra];
  const ready = candidates.filter((e) => usable(e, scenario.mechanism));
  if (ready.length === 0) {
    // No login anywhere: at most a connection proven where AUTH is offered.
    const offering = candidates.filter((e) => e.after.length > 0).map((e) => place(e));
    return {
      first,
      exit: 1,
      working: { proven: ['connection'], at: offering, orNull: true },
      logins: { accepted: exactly(0), refused: exactly(0) },
      loginsAt: [],
    };
  }
  const ok = accepts(scenario.credentials, scenario.mechanism);
  return {
    first,
    exit: 1,
    working: { proven: [ok ? 'login' : 'connection'], at: ready.map((e) => place(e)) },
    logins: { accepted: exactly(ok ? 1 : 0), refused: exactly(ok ? 0 : 1) },
    loginsAt: ready.map((e) => e.key),
  };
}

type Draft = Omit<Scenario, 'id' | 'expect' | 'class' | 'family'> & { class?: ScenarioClass };

/** The oracle: what a correct, lockout-safe check reports for this scenario on this family. */
export function expectationFor(family: Family, scenario: Draft): Expectation {
  const endpoint = family.endpoints.find((e) => e.key === scenario.endpoint);
  if (!endpoint) throw new Error(`${family.id}: no endpoint ${scenario.endpoint}`);
  const { security, mechanism } = scenario;
  const mismatch = security !== 'auto' && (endpoint.mode === 'starttls' ? security === 'tls' : security !== 'tls');
  if (mismatch) return elsewhere(family, scenario, 'tls-mode-mismatch');
  if (scenario.untrusted) {
    // No certificate can be verified anywhere: no credentials cross, and nothing is proven to work.
    return {
      first: 'certificate-invalid',
      exit: 1,
      working: null,
      logins: { accepted: exactly(0), refused: exactly(0) },
      loginsAt: [],
      // A refused certificate is known at once: no session needs to wait for the timeout (TIMEOUT_MS in run.ts).
      noTimeout: true,
    };
  }

  const inClear = endpoint.mode === 'starttls' && security === 'none';
  if (inClear) {
    const listed = endpoint.before ?? [];
    if (listed.length === 0) {
      // AUTH only after STARTTLS (or not at all): the root cause, and no credentials in clear. The same port with
      // STARTTLS is one switch away, so a login there is as good as one on an alternative.
      const first: FindingId = endpoint.after.length > 0 ? 'auth-requires-tls' : 'auth-not-offered';
      return elsewhere(family, scenario, first, [endpoint]);
    }
    if (!scenario.allowPlaintext) {
      // The server would take the password in clear; a correct check does not send it unasked, and proves STARTTLS.
      return { ...elsewhere(family, scenario, 'auth-requires-tls', [endpoint]) };
    }
    const ok = accepts(scenario.credentials, scenario.mechanism);
    return {
      first: ok ? 'auth-ok' : 'credentials-rejected',
      also: ['credentials-sent-in-clear'],
      exit: ok ? 0 : 1,
      // A login that failed proves no setting in clear: the connection with STARTTLS is as good a recommendation.
      working: {
        proven: [ok ? 'login' : 'connection'],
        at: ok ? [place(endpoint, 'none')] : [place(endpoint, 'none'), place(endpoint, 'starttls')],
      },
      logins: { accepted: exactly(ok ? 1 : 0), refused: exactly(ok ? 0 : 1) },
      loginsAt: [endpoint.key],
    };
  }

  if (endpoint.after.length === 0) return elsewhere(family, scenario, 'auth-not-offered');
  const here = place(endpoint);
  if (mechanism !== undefined && !endpoint.after.includes(mechanism)) {
    // Not offered here: nothing judged here. A check may prove the connection, or log in where the mechanism is offered.
    const offeredElsewhere = family.endpoints.filter((e) => e.alternative && usable(e, mechanism));
    const ok = accepts(scenario.credentials, scenario.mechanism);
    return {
      first: 'mechanism-unsupported',
      exit: 1,
      working: {
        proven: ok && offeredElsewhere.length > 0 ? ['connection', 'login'] : ['connection'],
        at: [here, ...offeredElsewhere.map((e) => place(e))],
      },
      logins: { accepted: { min: 0, max: ok && offeredElsewhere.length > 0 ? 1 : 0 }, refused: exactly(0) },
      loginsAt: offeredElsewhere.map((e) => e.key),
    };
  }
  if (mechanism !== undefined && !SPOKEN.has(mechanism)) {
    // Offered, but smtp-doctor does not speak it: it says so, and sends nothing.
    return {
      first: 'mechanism-unsupported',
      firstDetail: 'not-implemented',
      exit: 1,
      working: { proven: ['connection'], at: [here] },
      logins: { accepted: exactly(0), refused: exactly(0) },
      loginsAt: [],
    };
  }
  if (endpoint.backendDown) {
    return {
      first: 'auth-temporary-failure',
      exit: 1,
      working: { proven: ['connection'], at: [here], orNull: true },
      logins: { accepted: exactly(0), refused: exactly(1) },
      loginsAt: [endpoint.key],
    };
  }
  const ok = accepts(scenario.credentials, scenario.mechanism);
  const budget = scenario.maxAttempts ?? 1;
  const retryScram = endpoint.after.find((m) => m.startsWith('SCRAM-'));
  if (
    !ok &&
    scenario.mechanism === undefined &&
    budget > 1 &&
    retryScram &&
    accepts(scenario.credentials, retryScram)
  ) {
    // The chosen mechanism is refused; a retry within the budget reaches SCRAM, whose SASLprep makes the secret match:
    // the mechanism was the problem, and the login is proven with SCRAM.
    return {
      first: 'mechanism-unsupported',
      exit: 1,
      working: { proven: ['login'], at: [here] },
      logins: { accepted: exactly(1), refused: { min: 1, max: budget - 1 } },
      loginsAt: [endpoint.key],
    };
  }
  return {
    first: ok ? 'auth-ok' : 'credentials-rejected',
    exit: ok ? 0 : 1,
    working: { proven: [ok ? 'login' : 'connection'], at: [here] },
    logins: { accepted: exactly(ok ? 1 : 0), refused: ok ? exactly(0) : { min: 1, max: budget } },
    loginsAt: [endpoint.key],
  };
}

function classOf(endpoint: MatrixEndpoint, draft: Draft): ScenarioClass {
  if (draft.class) return draft.class;
  if (endpoint.mode === 'starttls' && draft.security === 'none') return 'AUTH before TLS';
  const mismatch =
    draft.security !== 'auto' && (endpoint.mode === 'starttls' ? draft.security === 'tls' : draft.security !== 'tls');
  if (mismatch || draft.mechanism === undefined)
    return draft.credentials === 'right' ? 'port × TLS mode' : 'credentials';
  if (draft.credentials !== 'right') return 'credentials';
  if (!endpoint.after.includes(draft.mechanism)) return 'mechanism forced, not offered';
  if (!SPOKEN.has(draft.mechanism)) return 'mechanism offered, not spoken here';
  return 'mechanism forced';
}

export function scenarioId(family: FamilyId, d: Draft): string {
  const mode = `${d.security}${d.allowPlaintext ? '+allow-plaintext' : ''}`;
  const budget = d.maxAttempts !== undefined ? ` max-attempts=${d.maxAttempts}` : '';
  const ca = d.untrusted ? ' no-ca' : '';
  return `${family} ${d.endpoint}/${mode} ${d.mechanism ?? 'chosen'} ${d.credentials}${budget}${ca}`;
}

function drafts(family: Family): Draft[] {
  const out: Draft[] = [];
  const right = { credentials: 'right' as const, allowPlaintext: false };
  for (const e of family.endpoints) {
    if (e.backendDown) {
      for (const credentials of ['right', 'wrong'] as const)
        out.push({
          endpoint: e.key,
          security: e.mode,
          allowPlaintext: false,
          credentials,
          class: 'password backend down',
        });
      continue;
    }
    if (e.ipOnlyCertificate) {
      out.push({ endpoint: e.key, security: e.mode, ...right, class: 'certificate naming the IP' });
      continue;
    }
    // Every TLS mode, the wrong ones included, with the right credentials.
    for (const security of ['tls', 'starttls', 'none', 'auto'] as const)
      out.push({ endpoint: e.key, security, ...right });
    // The lab's CA not given: a certificate the user's machine would not trust.
    if (e.alternative && e.after.length > 0)
      out.push({ endpoint: e.key, security: e.mode, ...right, untrusted: true, class: 'certificate not trusted' });
    // AUTH before TLS: asked for in clear, chosen or forced, and refused.
    if (e.mode === 'starttls') {
      out.push({ endpoint: e.key, security: 'none', credentials: 'right', allowPlaintext: true });
      out.push({ endpoint: e.key, security: 'none', credentials: 'right', allowPlaintext: true, mechanism: 'PLAIN' });
      out.push({ endpoint: e.key, security: 'none', credentials: 'right', allowPlaintext: false, mechanism: 'PLAIN' });
      if (e.before && e.before.length > 0)
        out.push({ endpoint: e.key, security: 'none', credentials: 'wrong', allowPlaintext: true });
    }
    if (e.after.length === 0 || !e.alternative) continue;
    // Every mechanism forced: offered, offered but not spoken here, not offered.
    for (const mechanism of FORCED) out.push({ endpoint: e.key, security: e.mode, mechanism, ...right });
    // Every failing credential, with the chosen mechanism and each spoken one the port offers.
    const mechanisms = [undefined, ...e.after.filter((m) => SPOKEN.has(m))];
    for (const mechanism of mechanisms)
      for (const credentials of CREDENTIAL_FAILURES)
        out.push({
          endpoint: e.key,
          security: e.mode,
          allowPlaintext: false,
          credentials,
          ...(mechanism !== undefined ? { mechanism } : {}),
        });
  }
  // A budget above one: a non-ASCII secret may be worth another mechanism, never more than the budget allows.
  const first = family.endpoints.find((e) => e.alternative && e.mode === 'starttls' && e.after.length > 1);
  if (first)
    out.push({
      endpoint: first.key,
      security: first.mode,
      allowPlaintext: false,
      credentials: 'non-ascii-nfd',
      maxAttempts: 3,
      class: 'attempt budget',
    });
  return out;
}

export function scenariosOf(family: Family): Scenario[] {
  return drafts(family).map((d) => {
    const endpoint = family.endpoints.find((e) => e.key === d.endpoint);
    if (!endpoint) throw new Error(`${family.id}: no endpoint ${d.endpoint}`);
    return {
      ...d,
      id: scenarioId(family.id, d),
      family: family.id,
      class: classOf(endpoint, d),
      expect: expectationFor(family, d),
    };
  });
}

export const SCENARIOS: readonly Scenario[] = FAMILIES.flatMap(scenariosOf);
