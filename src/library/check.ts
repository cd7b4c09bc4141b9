// The library's check(): every option checked and `ca` loaded before the composition root (check/check.ts) runs.
import { check as runCheck, type CheckOptions as InternalCheckOptions } from '../check/check.js';
import type { Report } from '../model/report.js';
import type { Secret } from '../model/secret.js';
import { loadCa, type CaInput } from './ca.js';
import { Checker, describeValue, isPlainObject, type Raw } from './validate.js';
import { UsageError } from '../model/errors.js';

/** Settings the CLI, tests and the plan fill in, which a library caller has no reason to set. */
type Internal = 'ca' | 'secretSource' | 'resolver' | 'startedAt' | 'hostFrom' | 'mx' | 'otherSecrets' | 'oauth';

/** Every setting of a check as an option: `host` or `address` says where, the rest how. */
export interface CheckOptions extends Omit<InternalCheckOptions, Internal> {
  /** Also trust these CA certificates: PEM text, a Buffer, the path of a PEM file, or a list of these. */
  ca?: CaInput;
  /** Log in with an OAuth access token, given or obtained from the token endpoint (see {@link CheckOAuthOptions}). */
  oauth?: CheckOAuthOptions;
}

/**
 * OAuth for check: an access token (`token`), or what the token endpoint exchanges for one before any SMTP session —
 * a user's `refreshToken` with `clientId` (and `clientSecret` for a confidential client), or the app's own `clientId`
 * and `clientSecret` (client credentials, app-only). Secrets as strings or {@link Secret}s; none is ever shown. The
 * user name (`username`, or the target's) is sent beside the token; the mechanism is XOAUTH2 unless `mechanism` is
 * OAUTHBEARER.
 */
export interface CheckOAuthOptions {
  token?: string | Secret;
  refreshToken?: string | Secret;
  clientId?: string;
  clientSecret?: string | Secret;
  /** "google", "microsoft", or the endpoint's URL (https; http only to 127.0.0.1, ::1 or localhost). */
  tokenUrl?: string;
  /** Microsoft's tenant (default common); only with tokenUrl "microsoft". */
  tenant?: string;
  /** Space-separated (default: what SMTP needs from the preset: https://mail.google.com/, or SMTP.Send). */
  scope?: string;
}

/** Everything but the server, for check(target, options): the target string says where. */
export type CheckTargetOptions = Omit<CheckOptions, 'host' | 'address'>;

const TARGET_KEYS = [
  'port',
  'security',
  'credentials',
  'username',
  'mechanism',
  'ca',
  'insecure',
  'allowPlaintext',
  'ehloName',
  'connectTo',
  'timeoutMs',
  'deadlineMs',
  'graceMs',
  'maxAttempts',
  'alternatives',
  'send',
  'onProgress',
  'oauth',
] as const satisfies readonly (keyof CheckTargetOptions)[];
const KEYS = [...TARGET_KEYS, 'host', 'address'] as const satisfies readonly (keyof CheckOptions)[];

/**
 * Checks a live server's login and says why it fails: `check(target, options)` with the target as users write it (a
 * host, `host:port`, an `smtp://` or `smtps://` URL, or an e-mail address; what `options` sets wins), or
 * `check(options)` with every setting as an option. Resolves to the same {@link Report} as `smtp-doctor check --json`
 * whatever the server does; rejects with a {@link UsageError} or {@link InputError} for options or a target that
 * cannot be used (wrong type, unknown option, unreadable CA file), before any connection is made.
 */
export function check(target: string, options?: CheckTargetOptions): Promise<Report>;
export function check(options: CheckOptions): Promise<Report>;
export async function check(target: string | CheckOptions, options?: CheckTargetOptions): Promise<Report> {
  const c = new Checker('check');
  if (typeof target === 'string') {
    if (target.trim() === '')
      throw new UsageError(
        'check: the target is empty: give a host, host:port, an smtp[s]:// URL or an e-mail address',
      );
    const given = c.options(options);
    c.known(given, TARGET_KEYS);
    const checked = await checkOptions(c, given);
    return runCheck(target, checked as InternalCheckOptions);
  }
  if (!isPlainObject(target))
    throw new UsageError(
      `check: the first argument must be a target (a string such as "smtp.example.com:587") or an options object, not ${describeValue(target)}`,
    );
  if (options !== undefined)
    throw new UsageError('check: with an options object first, give no second argument (put every setting in it)');
  c.known(target, KEYS);
  c.string(target, 'host');
  c.string(target, 'address');
  if (target.host === undefined && target.address === undefined)
    throw new UsageError('check: give options.host (or options.address, an e-mail address), or a target string first');
  const checked = await checkOptions(c, target);
  return runCheck(checked as InternalCheckOptions);
}

/** The options' types and ranges, and `ca` loaded and parsed: a copy, the caller's object is left as it was. */
async function checkOptions(c: Checker, o: Raw): Promise<Raw> {
  c.integer(o, 'port', 1, 65535);
  c.oneOf(o, 'security', ['tls', 'starttls', 'none', 'auto']);
  c.credentials(o);
  c.string(o, 'username', { empty: true });
  c.string(o, 'mechanism');
  c.boolean(o, 'insecure');
  c.boolean(o, 'allowPlaintext');
  c.string(o, 'ehloName');
  c.string(o, 'connectTo');
  c.milliseconds(o, 'timeoutMs');
  c.milliseconds(o, 'deadlineMs');
  c.milliseconds(o, 'graceMs', 0);
  c.integer(o, 'maxAttempts', 0, 10);
  c.send(o);
  c.func(o, 'onProgress');
  alternatives(c, o.alternatives);
  const oauth = c.oauth(o);
  const out: Raw = { ...o };
  if (oauth) out.oauth = oauth;
  if (o.ca !== undefined) out.ca = await loadCa(o.ca, 'check: ca');
  if (typeof o.onProgress === 'function') out.onProgress = guarded(o.onProgress);
  return out;
}

function alternatives(c: Checker, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw c.fail('alternatives', value, 'an array of { port, security } (or [] for none)');
  for (const [i, item] of (value as unknown[]).entries()) {
    const where = `alternatives[${i}].`;
    if (!isPlainObject(item)) throw c.fail(`alternatives[${i}]`, item, 'an object { port, security }');
    c.known(item, ['port', 'security'], where);
    if (item.port === undefined) throw c.fail(`${where}port`, item.port, 'a whole number from 1 to 65535');
    c.integer(item, 'port', 1, 65535, 'a whole number', where);
    if (item.security === undefined) throw c.fail(`${where}security`, item.security, '"tls", "starttls" or "none"');
    c.oneOf(item, 'security', ['tls', 'starttls', 'none'], where);
  }
}

/** A progress listener that throws is the caller's bug, but it must not cut a check short or escape from a timer. */
function guarded(listener: unknown): (event: unknown) => void {
  const call = listener as (event: unknown) => void;
  return (event) => {
    try {
      call(event);
    } catch {
      // Ignored on purpose: progress is advisory (documented in docs/library.md).
    }
  };
}
