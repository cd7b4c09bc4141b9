// EHLO name: a fully qualified host name when we have one, otherwise an address literal (always valid, RFC 5321 §4.1.3).
import { hostname } from 'node:os';

export function defaultEhloName(localAddress: string | undefined): string {
  const name = hostname();
  if (/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(name)) return name;
  if (!localAddress) return '[127.0.0.1]';
  const address = localAddress.replace(/^::ffff:/, '');
  // The socket's own address is a valid IP: only IPv6 has colons. (node:net's isIPv6 compiles a large pattern on first
  // use, some 10 ms of a check's start.)
  return address.includes(':') ? `[IPv6:${address}]` : `[${address}]`;
}
