// Provider recognition: which known provider a host, MX record, banner, EHLO reply, reply text or address belongs to.
import type { Evidence, ProviderHint } from '../model/evidence.js';
import { catalog, type CompiledProvider } from './catalog.js';

export interface ProviderClues {
  host?: string;
  mxHosts?: readonly string[];
  /** The 220 greeting text. */
  banner?: string;
  /** The EHLO reply's first line (domain and greeting). */
  ehloDomain?: string;
  /** The domain of the user's e-mail address, or the address itself. */
  emailDomain?: string;
  /** Any reply text (e.g. "... - gsmtp"). */
  replyText?: string;
}

/** Strongest evidence first: a host name says more than an address's domain. */
const STRENGTH: Record<ProviderHint['by'], number> = { host: 0, mx: 1, banner: 2, ehlo: 3, text: 4, address: 5 };

/**
 * Of two hints equally strong, the provider's own service goes before the server software it runs on: a banner
 * "smtp.postmarkapp.com ESMTP Postfix" is Postmark first (its replies, settings and fixes), Postfix second.
 */
const KIND_RANK: Record<ProviderKind, number> = { mailbox: 0, transactional: 0, server: 1, generic: 2 };

type ProviderKind = CompiledProvider['data']['kind'];

/** Every known provider the clues point to, strongest first, one hint per provider. */
export function identifyProvider(clues: ProviderClues): ProviderHint[] {
  const hints: { hint: ProviderHint; kind: ProviderKind }[] = [];
  for (const provider of catalog().providers) {
    if (provider.data.kind === 'generic') continue;
    const hint = firstHint(provider, clues);
    if (hint) hints.push({ hint, kind: provider.data.kind });
  }
  return hints
    .sort((a, b) => STRENGTH[a.hint.by] - STRENGTH[b.hint.by] || KIND_RANK[a.kind] - KIND_RANK[b.kind])
    .map((h) => h.hint);
}

/**
 * The providers the whole evidence points to, read once by each door (check, explain) and recorded as
 * `evidence.providerHints`: one hint per provider, its strongest, strongest first (ties keep the order of the clues
 * below). The clues: the host, the MX records of the address's domain, every session's host, banner, EHLO reply and
 * AUTH reply, the pasted greeting, EHLO and reply texts, the hosts the pasted text mentions, the address the user gave,
 * and the e-mail domains the pasted text mentions.
 */
export function recognise(evidence: Evidence): ProviderHint[] {
  const best = new Map<string, ProviderHint>();
  for (const clue of cluesOf(evidence)) {
    for (const hint of identifyProvider(clue)) {
      const known = best.get(hint.provider);
      if (!known || STRENGTH[hint.by] < STRENGTH[known.by]) best.set(hint.provider, hint);
    }
  }
  // Array.prototype.sort is stable: providers equally strong stay in the order their clues came.
  return [...best.values()].sort((a, b) => STRENGTH[a.by] - STRENGTH[b.by]);
}

function cluesOf(evidence: Evidence): ProviderClues[] {
  const clues: ProviderClues[] = [];
  if (evidence.target?.host) clues.push({ host: evidence.target.host });
  const mx = evidence.dns?.mx ?? [];
  if (mx.length > 0) clues.push({ mxHosts: mx.map((m) => m.exchange) });
  for (const { record } of evidence.sessions) {
    clues.push({ host: record.target.host });
    if (record.greeting) clues.push({ banner: record.greeting.text });
    // The EHLO reply's first line names the server and often greets in the provider's words; the parsed domain too.
    const ehloLine = record.steps.find((s) => s.step === 'ehlo' || s.step === 'ehlo-after-tls')?.reply?.lines[0];
    if (ehloLine !== undefined) clues.push({ ehloDomain: ehloLine });
    const caps = record.capabilities.afterTls ?? record.capabilities.beforeTls;
    if (caps) clues.push({ ehloDomain: caps.domain });
    if (record.auth?.reply) clues.push({ replyText: record.auth.reply.text });
  }
  const replies = evidence.observations.flatMap((o) => (o.kind === 'reply' ? [o] : []));
  const greeting = replies.find((o) => o.phase === 'greeting' && o.reply.code === 220);
  if (greeting) clues.push({ banner: greeting.reply.text });
  const ehlo = replies.find((o) => o.phase === 'ehlo' && o.reply.code === 250);
  if (ehlo) clues.push({ ehloDomain: ehlo.reply.lines[0] ?? '' });
  for (const o of replies) clues.push({ replyText: o.reply.text });
  for (const host of evidence.mentions?.hosts ?? []) clues.push({ host });
  if (evidence.target?.address) clues.push({ emailDomain: evidence.target.address });
  for (const domain of evidence.mentions?.emailDomains ?? []) clues.push({ emailDomain: domain });
  return clues;
}

function firstHint(provider: CompiledProvider, clues: ProviderClues): ProviderHint | null {
  const id = provider.data.id;
  const host = normalizeHost(clues.host);
  if (host && (provider.hosts.some((re) => re.test(host)) || provider.mxHosts.some((re) => re.test(host))))
    return { provider: id, by: 'host', quote: host };
  for (const mx of clues.mxHosts ?? []) {
    const name = normalizeHost(mx);
    if (name && provider.mxHosts.some((re) => re.test(name))) return { provider: id, by: 'mx', quote: name };
  }
  if (clues.banner && (provider.banner.some((re) => re.test(clues.banner ?? '')) || namesHost(provider, clues.banner)))
    return { provider: id, by: 'banner', quote: clues.banner };
  if (
    clues.ehloDomain &&
    (provider.ehlo.some((re) => re.test(clues.ehloDomain ?? '')) || namesHost(provider, clues.ehloDomain))
  )
    return { provider: id, by: 'ehlo', quote: clues.ehloDomain };
  if (clues.replyText && provider.text.some((re) => re.test(clues.replyText ?? '')))
    return { provider: id, by: 'text', quote: clues.replyText };
  const domain = emailDomainOf(clues.emailDomain);
  if (domain && provider.data.recognise.emailDomains.includes(domain))
    return { provider: id, by: 'address', quote: clues.emailDomain ?? domain };
  return null;
}

/**
 * A greeting and an EHLO reply start with the server's own name (RFC 5321 §4.2 "Greeting", §4.1.1.1 "ehlo-ok-rsp"):
 * when that name is one of the provider's submission or MX hosts, the server says who it is.
 */
function namesHost(provider: CompiledProvider, text: string): boolean {
  // The first word only, and no longer than a host name can be: a pasted banner may be any length.
  const word = text.trimStart().split(/\s/, 1)[0] ?? '';
  const name = word.length <= 253 ? normalizeHost(word) : undefined;
  if (name === undefined || !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(name)) return false;
  return [...provider.hosts, ...provider.mxHosts].some((re) => re.test(name));
}

function normalizeHost(host: string | undefined): string | undefined {
  const h = host?.trim().toLowerCase().replace(/\.$/, '');
  return h === '' ? undefined : h;
}

/** "alice@Gmail.com" or "gmail.com" → "gmail.com". */
export function emailDomainOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const at = text.lastIndexOf('@');
  const domain = (at >= 0 ? text.slice(at + 1) : text).trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) ? domain : undefined;
}
