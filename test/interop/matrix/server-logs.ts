// Logins as each real server's own log tells them: accepted, refused, and credentials sent where AUTH was not offered.

export interface PortLogins {
  accepted: number;
  refused: number;
}

export interface Logins {
  /** Logins the server accepted. */
  accepted: number;
  /** Logins whose credentials the server refused, or could not check (a password backend that is down). */
  refused: number;
  /**
   * AUTH commands that carried credentials where the server had not offered AUTH, as far as its log shows them
   * (Dovecot: "tried to use disallowed plaintext auth"; OpenSMTPD: a refused "AUTH PLAIN (...)" or LOGIN step).
   */
  unoffered: number;
  /** The same per port, where the log names the port (Postfix, Exim, Dovecot); null where it does not (OpenSMTPD). */
  byPort: Record<number, PortLogins> | null;
}

function empty(byPort: boolean): Logins {
  return { accepted: 0, refused: 0, unoffered: 0, byPort: byPort ? {} : null };
}

function add(logins: Logins, port: number | undefined, what: 'accepted' | 'refused', n = 1): void {
  logins[what] += n;
  if (logins.byPort && port !== undefined) {
    const at = (logins.byPort[port] ??= { accepted: 0, refused: 0 });
    at[what] += n;
  }
}

/** Refusals in which Postfix's SASL backend judged no credential: the mechanism itself was not available. */
const POSTFIX_MECHANISM_REFUSAL =
  /no mechanism available|Invalid authentication mechanism|Unsupported authentication mechanism/i;

/**
 * Postfix (each listener logs as postfix/p<port>): logins accepted from the session summary's auth=N/M, refusals
 * from "warning: …: SASL <MECH> authentication failed: <reason>" — the line fail2ban counts — unless the reason is
 * that the mechanism itself was not available.
 */
export function loginsPostfix(text: string): Logins {
  const logins = empty(true);
  for (const line of text.split('\n')) {
    const port = Number(/postfix\/p(\d+)\/smtpd\[/.exec(line)?.[1]);
    const disconnect = / disconnect from .*\sauth=(\d+)/.exec(line);
    if (disconnect) add(logins, port, 'accepted', Number(disconnect[1]));
    const failed = /: SASL \S+ authentication failed: (.*)/.exec(line);
    if (failed && !POSTFIX_MECHANISM_REFUSAL.test(failed[1] ?? '')) add(logins, port, 'refused');
  }
  return logins;
}

/**
 * Exim (+incoming_interface): a session summary with A=<authenticator> is an accepted login; "<name> authenticator
 * failed for … I=[…]:<port>: 535 …" a refused one.
 */
export function loginsExim(text: string): Logins {
  const logins = empty(true);
  for (const line of text.split('\n')) {
    const port = Number(/ I=\[[^\]]+\]:(\d+)/.exec(line)?.[1]);
    if (/ no MAIL in SMTP connection from .* A=\S+/.test(line)) add(logins, port, 'accepted');
    if (/ authenticator failed for .*: 535/.test(line)) add(logins, port, 'refused');
  }
  return logins;
}

/**
 * Dovecot submission (login_log_format_elements with lport): "Login: …" is an accepted login; a session that ends
 * with "(auth failed, N attempts …)" had N refused; "(tried to use disallowed plaintext auth)" sent credentials in
 * clear where AUTH was not offered — or asked without any (AUTH PLAIN with no initial response, cancelled): the line is
 * the same, and the judge discounts the credential-free probes the transcript shows.
 */
export function loginsDovecotSubmission(text: string): Logins {
  const logins = empty(true);
  for (const line of text.split('\n')) {
    if (!/submission-login: Info: /.test(line)) continue;
    const port = Number(/ lport=(\d+)/.exec(line)?.[1]);
    if (/: Login: user=/.test(line)) add(logins, port, 'accepted');
    const failed = /auth failed, (\d+) attempts?/.exec(line);
    if (failed) add(logins, port, 'refused', Number(failed[1]));
    if (/tried to use disallowed plaintext auth/.test(line)) logins.unoffered += 1;
  }
  return logins;
}

/**
 * OpenSMTPD: "smtp authentication user=… result=ok|permfail|tempfail" when it judged credentials; a refused AUTH
 * that carried them where AUTH was not offered shows as failed-command "AUTH PLAIN (...)" (or a LOGIN step) with 503.
 */
export function loginsOpenSmtpd(text: string): Logins {
  const logins = empty(false);
  for (const line of text.split('\n')) {
    if (/ smtp authentication user=.* result=ok/.test(line)) add(logins, undefined, 'accepted');
    else if (/ smtp authentication user=.* result=(?:permfail|tempfail)/.test(line)) add(logins, undefined, 'refused');
    else if (/ smtp failed-command command="AUTH \S+ \((?:\.\.\.|username|password)\)" result="503/.test(line))
      logins.unoffered += 1;
  }
  return logins;
}
