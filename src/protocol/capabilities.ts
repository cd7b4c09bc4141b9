// EHLO capabilities: what a 250 reply to EHLO announces, including the legacy "AUTH=" form.
import type { Capabilities } from '../model/session.js';
import type { Reply } from '../model/reply.js';

export function parseCapabilities(reply: Reply): Capabilities {
  const [first = '', ...rest] = reply.lines;
  const extensions: Record<string, string[]> = {};
  const auth: string[] = [];
  let modernAuth = false;
  let legacyAuth = false;

  for (const line of rest) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    // Legacy form (pre-RFC 2554 servers, still sent by some): "AUTH=LOGIN PLAIN".
    const legacy = /^AUTH=(.*)$/i.exec(trimmed);
    if (legacy) {
      legacyAuth = true;
      addMechanisms(auth, legacy[1] ?? '');
      continue;
    }
    const [keywordRaw = '', ...params] = trimmed.split(/\s+/);
    const keyword = keywordRaw.toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]*$/.test(keyword)) continue; // not an ehlo-keyword: ignore, do not guess
    extensions[keyword] = params;
    if (keyword === 'AUTH') {
      modernAuth = true;
      addMechanisms(auth, params.join(' '));
    }
  }

  const size = extensions.SIZE?.[0];
  return {
    domain: first.trim().split(/\s+/)[0] ?? '',
    extensions,
    auth,
    legacyAuthOnly: legacyAuth && !modernAuth,
    starttls: 'STARTTLS' in extensions,
    enhancedStatusCodes: 'ENHANCEDSTATUSCODES' in extensions,
    pipelining: 'PIPELINING' in extensions,
    smtputf8: 'SMTPUTF8' in extensions,
    ...(size !== undefined && /^\d+$/.test(size) ? { size: Number(size) } : {}),
    viaHelo: false,
  };
}

/** What a session knows after HELO: nothing beyond the domain. */
export function heloCapabilities(reply: Reply): Capabilities {
  return {
    domain: (reply.lines[0] ?? '').trim().split(/\s+/)[0] ?? '',
    extensions: {},
    auth: [],
    legacyAuthOnly: false,
    starttls: false,
    enhancedStatusCodes: false,
    pipelining: false,
    smtputf8: false,
    viaHelo: true,
  };
}

function addMechanisms(into: string[], list: string): void {
  for (const name of list.split(/\s+/)) {
    const mech = name.toUpperCase();
    if (/^[A-Z0-9_-]{1,20}$/.test(mech) && !into.includes(mech)) into.push(mech);
  }
}
