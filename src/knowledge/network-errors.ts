// Network error codes: what a name-lookup or TCP connect error code says went wrong, before any SMTP was spoken.

/** What a connect-time error code says: the name, the port, or the path to the host. */
export type NetworkProblem =
  /** The name has no address (a typo, a name that does not exist, or no DNS on this machine). */
  | 'name-not-found'
  /** The resolver could not answer right now; the name itself may be fine. */
  | 'name-lookup-failed-for-now'
  /** The host answered the connection attempt with a refusal: nothing listens there, or a firewall rejects it. */
  | 'refused'
  /** Nothing answered the connection attempt: packets dropped, or the host down. */
  | 'no-answer'
  /** There is no route to the host or its network. */
  | 'unreachable';

export const NETWORK_ERROR_SOURCES: readonly string[] = [
  'https://nodejs.org/api/errors.html#common-system-errors (ECONNREFUSED: the target actively refused; ETIMEDOUT: the connected party did not answer; ENOTFOUND: a DNS lookup failed)',
  'https://man7.org/linux/man-pages/man3/getaddrinfo.3.html (EAI_AGAIN: the name server returned a temporary failure; EAI_NONAME: the node is not known)',
  'https://man7.org/linux/man-pages/man3/errno.3.html (EHOSTUNREACH: host is unreachable; ENETUNREACH: network unreachable)',
  "nodemailer@10.6.1 (npm):dist/esm/smtp-connection/index.js (a failed host-name lookup is reported with nodemailer's own code EDNS; smtp-doctor's probe/dns.ts uses it too, for a lookup error without a code)",
];

const PROBLEM_OF: Readonly<Record<string, NetworkProblem>> = {
  ENOTFOUND: 'name-not-found',
  EAI_NONAME: 'name-not-found',
  EDNS: 'name-not-found',
  EAI_AGAIN: 'name-lookup-failed-for-now',
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'no-answer',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
};

/** The problem a connect-time error code names, or undefined for a code that says something else. */
export function networkProblem(code: string): NetworkProblem | undefined {
  return PROBLEM_OF[code];
}
