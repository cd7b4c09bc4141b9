// startLab: local SMTP servers that behave like a provider (a persona), failures included, on loopback only.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { InputError } from '../model/errors.js';
import { parseAccount, type LabAccount } from './accounts.js';
import { checkAccounts } from './auth-policy.js';
import { generateLabCertificates, LAB_NAMES, type KeyPair, type LabCertificates } from './certificates.js';
import { checkFaults, parseFault, type Fault } from './faults.js';
import { resolveOverride, type OverridePhase, type ReplyOverride, type ResolvedOverride } from './override.js';
import { startPersonaListener, type RunningListener } from './persona-listener.js';
import type { FailureCounter } from './persona-session.js';
import { findPersona } from './personas/index.js';
import { parseReplaySpec, replaySignature, type Replay } from './replay.js';
import type { Persona } from './personas/types.js';
import { FormScrubber } from '../protocol/secret-forms.js';
import type { LabLogger } from './session-log.js';
import { startTokenEndpoint, type TokenEndpoint, type TokenEndpointOptions } from './token-endpoint.js';
import { TokenRegistry } from './token-registry.js';
import { oauthPresetOf } from './token-judge.js';

export interface LabOptions {
  /** A persona id or alias (default 'plain'), or a persona object. */
  persona?: string | Persona;
  /** Account specs ("alice@lab.test:pw 2sv app-password=…") or objects; default: the persona's sample accounts. */
  accounts?: readonly (string | LabAccount)[];
  /** Fault specs ("slow=50") or objects. */
  faults?: readonly (string | Fault)[];
  /** Replace the reply at a phase with exact wire bytes (at most one per phase). */
  override?: ReplyOverride | readonly ReplyOverride[];
  /**
   * Serve a knowledge signature's sample ("google.app-password-required", ":2" for the second sample): the
   * persona of its provider (unless `persona` is given) with the sample as the override at its phase.
   */
  replay?: string;
  /**
   * Pass certificates made once to start many labs quickly. Default: made at start for localhost, 127.0.0.1,
   * ::1 and the persona's real host name (so a client can use that name with --connect-to).
   */
  certificates?: LabCertificates;
  /** Loopback only. */
  host?: '127.0.0.1' | '::1';
  /** The STARTTLS listener's port; the implicit-TLS listener takes port + 1. Default: free ports. */
  port?: number;
  /** A silent client is dropped after this long (default 5 minutes, as RFC 5321 §4.5.3.2.7 suggests). */
  idleTimeoutMs?: number;
  /** Every session event, already redacted. */
  log?: LabLogger;
  /**
   * Serve the provider's OAuth token endpoint next to the SMTP listeners (default: yes for personas whose provider
   * has one, Gmail and Microsoft 365). Its tokens are the ones the persona accepts.
   */
  tokenEndpoint?: boolean;
}

export interface LabTokenEndpointInfo {
  /** The URL to give a client (--oauth-token-url). */
  url: string;
  port: number;
  /** The real endpoint it stands in for. */
  imitates: string;
}

export interface LabListenerInfo {
  security: 'starttls' | 'tls';
  host: string;
  port: number;
  /** The port the real service uses for this mode (587, 465…). */
  imitates: number;
}

export interface Lab {
  persona: Persona;
  host: string;
  listeners: LabListenerInfo[];
  /** Ports per security mode; a persona without implicit TLS (Microsoft 365) has no tls port. */
  ports: { starttls?: number; tls?: number };
  accounts: LabAccount[];
  faults: Fault[];
  /** The lab CA (PEM): trust it (--ca, ca: [...]) and the default certificate verifies for localhost and 127.0.0.1. */
  ca: string;
  certificates: LabCertificates;
  /** The names the served certificate is valid for (its subjectAltName). */
  certificateNames: string[];
  /**
   * The real host name the lab stands in for (smtp.gmail.com), when the certificate names it: a client that
   * dials the lab with --connect-to under this name sees what a user of the real service sees. Null for `plain`.
   */
  standsFor: string | null;
  /** The signature being replayed, when `replay` was given. */
  replay?: Replay;
  /** The OAuth token endpoint, when the persona's provider has one and it was not turned off. */
  tokenEndpoint?: LabTokenEndpointInfo;
  /** Failed logins counted so far (what the rate-limit fault counts). */
  readonly failedLogins: number;
  close(): Promise<void>;
}

const DEFAULT_IDLE_MS = 300_000;
const MAX_LINE_BYTES = 64 * 1024;
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const HANDSHAKE_MS = 30_000;

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  let replay: Replay | undefined;
  if (options.replay !== undefined) {
    const { id, sampleNumber } = parseReplaySpec(options.replay);
    replay = replaySignature(id, sampleNumber);
  }
  const persona =
    typeof options.persona === 'object'
      ? options.persona
      : options.persona === undefined && replay
        ? replay.persona
        : findPersona(options.persona ?? 'plain');
  const accounts = (options.accounts ?? persona.sampleAccounts).map((a, i) =>
    typeof a === 'string' ? parseAccount(a, `account ${i + 1}`) : a,
  );
  checkAccounts(persona, accounts);
  const faults = (options.faults ?? []).map((f) => (typeof f === 'string' ? parseFault(f) : f));
  checkFaults(faults);
  const overrides = new Map<OverridePhase, ResolvedOverride>();
  const overrideList: readonly ReplyOverride[] = [
    ...(options.override === undefined ? [] : 'phase' in options.override ? [options.override] : options.override),
    ...(replay ? [replay.override] : []),
  ];
  for (const o of overrideList) {
    const resolved = resolveOverride(o);
    if (overrides.has(resolved.phase)) throw new InputError(`override: two overrides for the ${resolved.phase} phase`);
    overrides.set(resolved.phase, resolved);
  }
  const host: string = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1')
    throw new InputError(`the lab listens on loopback only (127.0.0.1 or ::1), not ${host}`);
  const modes = persona.imitates.listeners;
  if (options.port !== undefined) {
    const last = options.port + modes.length - 1;
    if (!Number.isInteger(options.port) || options.port < 1 || last > 65535)
      throw new InputError(
        `port must leave room for ${modes.length} listener(s) below 65536, not ${String(options.port)}`,
      );
  }

  const certificates = options.certificates ?? (await generateLabCertificates(namesFor(persona, replay)));
  const served = pickPair(certificates, faults);
  const secureContext = tls.createSecureContext(served);
  const failures: FailureCounter = { count: 0 };
  const log = options.log ? scrubbingLogger(options.log, accounts) : undefined;
  const slow = faults.find((f): f is Extract<Fault, { kind: 'slow' }> => f.kind === 'slow');
  let sessions = 0;
  const running: RunningListener[] = [];
  const tokens = new TokenRegistry();
  const preset = oauthPresetOf(persona);
  let endpoint: TokenEndpoint | undefined;
  try {
    if (preset && options.tokenEndpoint !== false) {
      const settings: TokenEndpointOptions = {
        preset,
        accounts,
        registry: tokens,
        host: host === '::1' ? '::1' : '127.0.0.1',
        nextRequest: () => ++sessions,
        ...(log
          ? {
              log: (kind, text, port, session) => log({ session, listener: 'token-endpoint', port, kind, text }),
            }
          : {}),
      };
      // With a fixed port the endpoint takes the one after the SMTP listeners, so the ports are predictable; when
      // that one is taken (or past 65535) a free one does: the banner prints it either way.
      const next = options.port === undefined ? undefined : options.port + modes.length;
      endpoint =
        next !== undefined && next <= 65535
          ? await startTokenEndpoint({ ...settings, port: next }).catch((err: unknown) => {
              if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
              return startTokenEndpoint(settings);
            })
          : await startTokenEndpoint(settings);
    }
    for (const [i, mode] of modes.entries()) {
      running.push(
        await startPersonaListener({
          host,
          port: options.port === undefined ? 0 : options.port + i,
          security: mode.security,
          context: {
            persona,
            accounts,
            faults,
            overrides,
            secureContext,
            failures,
            tokens,
            maxMessageBytes: MAX_MESSAGE_BYTES,
            handshakeMs: HANDSHAKE_MS,
          },
          idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MS,
          maxLineBytes: MAX_LINE_BYTES,
          ...(slow ? { bytesPerSecond: slow.bytesPerSecond } : {}),
          nextSession: () => ++sessions,
          ...(log ? { log } : {}),
        }),
      );
    }
  } catch (err) {
    await Promise.all([...running.map((l) => l.close()), endpoint?.close()]);
    throw err;
  }

  const names = certificateNames(served.cert);
  const listeners = running.map((l, i) => ({
    security: l.security,
    host: l.host,
    port: l.port,
    imitates: modes[i]?.port ?? 0,
  }));
  const ports: Lab['ports'] = {};
  for (const l of listeners) ports[l.security] ??= l.port;
  let closing: Promise<void> | undefined;
  return {
    persona,
    host,
    listeners,
    ports,
    accounts,
    faults,
    ca: certificates.ca.cert,
    certificates,
    certificateNames: names,
    standsFor: standsFor([replay?.host, persona.imitates.host], names),
    ...(replay ? { replay } : {}),
    ...(endpoint
      ? { tokenEndpoint: { url: endpoint.tokenUrl, port: endpoint.port, imitates: endpoint.imitates } }
      : {}),
    get failedLogins() {
      return failures.count;
    },
    close: () => {
      closing ??= Promise.all([...running.map((l) => l.close()), endpoint?.close()]).then(() => undefined);
      return closing;
    },
  };
}

/** The lab's loopback names plus the real host names a client may use with --connect-to. */
function namesFor(persona: Persona, replay: Replay | undefined): string[] {
  return [...new Set([...LAB_NAMES, persona.imitates.host, ...(replay?.host ? [replay.host] : [])])];
}

function standsFor(hosts: readonly (string | null | undefined)[], names: readonly string[]): string | null {
  const loopback: readonly string[] = LAB_NAMES;
  return hosts.find((h): h is string => !!h && !loopback.includes(h) && names.includes(h)) ?? null;
}

function certificateNames(pem: string): string[] {
  const alt = new X509Certificate(pem).subjectAltName ?? '';
  return (
    alt
      .split(', ')
      .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
      .filter((name) => name !== '')
      // Node spells IPv6 addresses out in full (0:0:0:0:0:0:0:1); a URL host gives the usual short form (::1).
      .map((name) => (isIP(name) === 6 ? new URL(`http://[${name}]/`).hostname.slice(1, -1) : name))
  );
}

function pickPair(certs: LabCertificates, faults: readonly Fault[]): KeyPair {
  const fault = faults.find((f): f is Extract<Fault, { kind: 'certificate' }> => f.kind === 'certificate');
  switch (fault?.certificate) {
    case 'self-signed':
      return certs.selfSigned;
    case 'expired':
      return certs.expired;
    case 'wrong-host':
      return certs.wrongHost;
    default:
      return certs.valid;
  }
}

export { PERSONAS, findPersona, personaForProvider } from './personas/index.js';
export type { Persona, SourcedReply, ReplyKey, AccountFlag, StateRule } from './personas/types.js';
export { ACCOUNT_FLAGS } from './personas/types.js';
export {
  parseAccount,
  parseAccountFile,
  formatAccount,
  ACCOUNT_SYNTAX,
  OAUTH_FLAGS,
  type LabAccount,
  type LabOAuthGrant,
  type OAuthFlag,
} from './accounts.js';
export { parseFault, FAULT_HELP, type Fault, type FaultPhase } from './faults.js';
export { OVERRIDE_PHASES, type ReplyOverride, type OverridePhase } from './override.js';
export { parseReplaySpec, replaySignature, type Replay } from './replay.js';
/**
 * Credentials are logged by shape, but a client out of step sends a password as a command, or a persona override
 * echoes one: every account secret, in any encoding, is taken out of the log as a last line of defence.
 */
function scrubbingLogger(log: LabLogger, accounts: readonly LabAccount[]): LabLogger {
  // Client lines are read as latin1 (every byte survives), so a UTF-8 secret shows up in its latin1 reading too.
  const scrubber = new FormScrubber('[account secret]');
  for (const account of accounts)
    for (const secret of [
      account.password,
      account.appPassword,
      account.token,
      account.oauth?.refreshToken,
      account.oauth?.clientSecret,
    ]) {
      if (!secret) continue;
      scrubber.addSecret(secret);
      scrubber.addSecret(Buffer.from(secret, 'utf8').toString('latin1'));
    }
  if (scrubber.size === 0) return log;
  return (event) => log({ ...event, text: scrubber.scrub(event.text) });
}

export { formatLogEvent, type LabLogEvent, type LabLogger } from './session-log.js';
