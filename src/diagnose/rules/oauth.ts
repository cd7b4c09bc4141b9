// Rule: why an OAuth token was refused — the refresh result, the token's claims, the scope, the user — told apart from
// local evidence the server's reply does not give; and password logins where only OAuth (or soon only OAuth) works.
import { MECHANISMS } from '../../knowledge/mechanisms.js';
import {
  aadstsCodesIn,
  aadstsFact,
  describeAge,
  GOOGLE_INVALID_GRANT,
  GOOGLE_TESTING_REFRESH_DAYS,
  retirementParams,
  tokenEndpointErrorIn,
} from '../../knowledge/oauth-errors.js';
import {
  OAUTH_PROVIDERS,
  oauthProvider,
  presetOfTokenUrl,
  type OAuthProviderFacts,
} from '../../knowledge/oauth-providers.js';
import type { CauseKey } from '../../knowledge/causes/index.js';
import type { Observation } from '../../model/evidence.js';
import type { Confidence, EvidenceQuote } from '../../model/finding.js';
import type { OAuthEvidence, TokenClaims } from '../../model/oauth.js';
import type { Reply } from '../../model/reply.js';
import { escapeControl } from '../../protocol/escape.js';
import { cause, deadEnd, fix, note, type DeadEndRef, type FixRef, type Params } from '../cite.js';
import { TOKEN_MECHANISMS, type DiagnoseContext, type IndexedSession } from '../context.js';
import { decodeChallenge, pastedQuote, replyQuote } from '../quotes.js';
import { readReplies } from '../reading/replies.js';
import { effectiveCapabilities } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const oauth: Rule = {
  id: 'oauth',
  description:
    'Tells OAuth token refusals apart (refresh result, token claims, scope, user, expiry); password logins where a server offers only OAuth or Microsoft 365 refuses Basic authentication.',
  produces: ['oauth-token-rejected', 'mechanism-unsupported', 'basic-auth-disabled'],
  run(context) {
    return [...tokenFindings(context), ...oauthOnly(context), ...m365BasicAuthRefused(context)];
  },
};

/** Knowledge of the provider the token is for: the preset, the token endpoint, or the recognised provider. */
function providerFacts(context: DiagnoseContext): OAuthProviderFacts | undefined {
  const o = context.evidence.oauth;
  const preset = o?.preset ?? (o?.refresh ? presetOfTokenUrl(o.refresh.url) : undefined);
  if (preset) return oauthProvider(preset);
  return OAUTH_PROVIDERS.find((p) => context.providerIds.includes(p.provider));
}

/** Params every OAuth cause's fixes may use: the scope SMTP needs, the app-only scope and role, the provider. */
function providerParams(facts: OAuthProviderFacts | undefined, challengeScope?: string): Params {
  const needed = challengeScope
    ? [challengeScope]
    : facts?.smtpScope
      ? [facts.smtpScope]
      : OAUTH_PROVIDERS.flatMap((p) => (p.smtpScope ? [p.smtpScope] : []));
  const appOnly = facts?.appOnly ?? OAUTH_PROVIDERS.find((p) => p.appOnly)?.appOnly;
  return {
    needed,
    microsoft: facts?.preset === 'microsoft',
    google: facts?.preset === 'google',
    known: facts !== undefined,
    preset: facts?.preset,
    appOnlyScope: appOnly?.scope,
    appOnlyRole: appOnly?.role,
    role: appOnly?.role,
    days: GOOGLE_TESTING_REFRESH_DAYS,
    providerName: facts?.preset === 'google' ? 'Google' : facts?.preset === 'microsoft' ? 'Microsoft' : undefined,
  };
}

interface Reading {
  key: CauseKey;
  params: Params;
  fixes: FixRef[];
  deadEnds: DeadEndRef[];
  confidence: Confidence;
}

/** What the token endpoint said, live or pasted, in the same terms. */
interface EndpointAnswer {
  error?: string;
  description?: string;
  codes: number[];
  failure?: string;
  contentType?: string;
  grant: string;
  url?: string;
  requested?: string;
}

/** The refresh failure's reading: the endpoint's error, refined by an AADSTS code or Google's text. */
function readRefresh(answer: EndpointAnswer, facts: OAuthProviderFacts | undefined): Reading {
  const base = providerParams(facts);
  const known = answer.codes.map((c) => aadstsFact(c)).find((f) => f !== undefined);
  const params: Params = {
    ...base,
    url: answer.url ?? '',
    error: answer.error,
    description: answer.description,
    grant: answer.grant,
    requested: answer.requested,
    aadsts: known ? String(known.code) : undefined,
    aadstsMeaning: known?.meaning,
    failure: answer.failure,
    notJson: answer.contentType !== undefined,
    contentType: answer.contentType,
  };
  const reading = known?.reading;
  const error =
    reading === 'invalid-client' || reading === 'app-not-found'
      ? 'invalid_client'
      : reading === 'invalid-scope'
        ? 'invalid_scope'
        : answer.error;
  const make = (key: CauseKey, fixes: FixRef[], confidence: Confidence, deadEnds: DeadEndRef[] = []): Reading => ({
    key,
    params,
    fixes,
    deadEnds,
    confidence,
  });
  if (answer.failure !== undefined || answer.contentType !== undefined || error === undefined)
    return make(
      'oauth.refresh-failed',
      [fix('oauth.check-token-url'), fix('oauth.check-endpoint-reachable')],
      answer.failure !== undefined || answer.contentType !== undefined ? 'high' : 'medium',
    );
  switch (error) {
    case 'invalid_grant': {
      const google =
        facts?.preset === 'google' ||
        (answer.description !== undefined &&
          answer.description.includes(GOOGLE_INVALID_GRANT.expiredOrRevoked.pattern));
      if (google && answer.description?.includes(GOOGLE_INVALID_GRANT.expiredOrRevoked.pattern) === true)
        return make('oauth.refresh-testing-app', [fix('oauth.publish-app'), fix('oauth.new-refresh-token')], 'medium', [
          deadEnd('oauth.new-client-secret'),
          deadEnd('oauth.retry-same-token'),
        ]);
      const fixes =
        reading === 'mfa'
          ? [fix('oauth.sign-in-interactively')]
          : reading === 'consent'
            ? [fix('oauth.grant-consent'), fix('oauth.new-refresh-token')]
            : reading === 'conditional-access'
              ? [fix('oauth.ask-admin-conditional-access')]
              : [fix('oauth.new-refresh-token'), fix('oauth.same-app')];
      return make('oauth.refresh-invalid-grant', fixes, 'high', [
        deadEnd('oauth.new-client-secret'),
        deadEnd('oauth.retry-same-token'),
      ]);
    }
    case 'invalid_client':
      return make('oauth.refresh-invalid-client', [fix('oauth.check-client-secret'), fix('oauth.same-app')], 'high', [
        deadEnd('oauth.retry-same-token'),
      ]);
    case 'invalid_scope':
      return make(
        'oauth.refresh-invalid-scope',
        [
          fix('oauth.request-smtp-scope'),
          ...(base.appOnlyScope !== undefined && facts?.preset !== 'google'
            ? [fix('oauth.app-only-default-scope')]
            : []),
        ],
        'high',
      );
    case 'unauthorized_client':
      return make('oauth.refresh-unauthorized-client', [fix('oauth.allow-grant'), fix('oauth.same-app')], 'high');
    default:
      return make('oauth.refresh-failed', [fix('oauth.read-endpoint-error'), fix('oauth.same-app')], 'medium');
  }
}

function tokenFindings(context: DiagnoseContext): Candidate[] {
  const facts = providerFacts(context);
  const o = context.evidence.oauth;
  if (o?.refresh && !o.refresh.ok) return [liveRefresh(context, o, facts)];
  if (o) {
    const login = refusedTokenLogin(context);
    return login ? [tokenRefused(context, o, facts, login)] : [];
  }
  if (context.sessions.length > 0) return [];
  const refresh = pastedRefresh(context, facts);
  if (refresh.length > 0) return refresh;
  const challenge = pastedChallenge(context, facts);
  return challenge.length > 0 ? challenge : pastedRefusal(context, facts);
}

/**
 * Pasted text where the client says the server answered its token with an error challenge (Jakarta Mail's "OAUTH2
 * asked for more") without showing the challenge: the token was refused, and nothing tells why.
 */
function pastedRefusal(context: DiagnoseContext, facts: OAuthProviderFacts | undefined): Candidate[] {
  const said = context.evidence.observations.find(
    (x): x is Extract<Observation, { kind: 'client-message' }> =>
      x.kind === 'client-message' && x.id === 'oauth-token-refused',
  );
  if (!said) return [];
  return [
    emit(
      context,
      {
        key: 'oauth.unexplained',
        params: { ...providerParams(facts), read: false, host: context.host ?? '' },
        fixes: [fix('oauth.refresh-before-login'), fix('oauth.request-smtp-scope'), fix('oauth.login-as-token-user')],
        deadEnds: [deadEnd('oauth.retry-same-token')],
        confidence: 'medium',
      },
      [pastedQuote(said)],
      facts?.provider,
    ),
  ];
}

/**
 * Pasted text with an XOAUTH2/OAUTHBEARER error challenge: the causes the server does not tell apart, and the scope it
 * names as the one to ask for. Without the token, nothing local tells them apart.
 */
function pastedChallenge(context: DiagnoseContext, facts: OAuthProviderFacts | undefined): Candidate[] {
  for (const o of context.evidence.observations) {
    if (o.kind !== 'reply') continue;
    const challenge = decodeChallenge(o.reply);
    if (!challenge) continue;
    // The scope a challenge names is the provider's own (Gmail names https://mail.google.com/).
    const named = facts ?? OAUTH_PROVIDERS.find((p) => p.smtpScope !== undefined && p.smtpScope === challenge.scope);
    const params: Params = {
      ...providerParams(named, challenge.scope),
      read: false,
      challengeScope: challenge.scope,
      host: context.host ?? '',
    };
    return [
      emit(
        context,
        {
          key: 'oauth.unexplained',
          params,
          fixes: [fix('oauth.refresh-before-login'), fix('oauth.request-smtp-scope'), fix('oauth.login-as-token-user')],
          deadEnds: [deadEnd('oauth.retry-same-token')],
          confidence: 'medium',
        },
        [pastedQuote(o)],
        named?.provider,
      ),
    ];
  }
  return [];
}

function emit(context: DiagnoseContext, r: Reading, evidence: EvidenceQuote[], provider?: string): Candidate {
  return cause(
    context,
    r.key,
    {
      params: r.params,
      evidence,
      fixes: r.fixes,
      deadEnds: r.deadEnds,
      confidence: r.confidence,
      ...(provider !== undefined ? { provider } : {}),
    },
    'auth',
  );
}

function liveRefresh(context: DiagnoseContext, o: OAuthEvidence, facts: OAuthProviderFacts | undefined): Candidate {
  const r = o.refresh;
  if (!r) throw new Error('liveRefresh without a refresh');
  const answer: EndpointAnswer = {
    codes: r.errorCodes ?? aadstsCodesIn(r.errorDescription ?? ''),
    grant: r.grant,
    url: r.url,
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.errorDescription !== undefined ? { description: escapeControl(r.errorDescription) } : {}),
    ...(r.failure ? { failure: r.failure.code } : {}),
    ...(r.notJson ? { contentType: r.notJson.contentType } : {}),
    ...(o.scopeRequested !== undefined ? { requested: o.scopeRequested } : {}),
  };
  const evidence: EvidenceQuote[] = [
    r.failure
      ? note('oauth.endpoint-no-answer', { url: r.url, code: r.failure.code, message: r.failure.message })
      : r.notJson
        ? note('oauth.endpoint-not-json', { url: r.url, status: r.status, contentType: r.notJson.contentType })
        : note('oauth.endpoint-answered', {
            url: r.url,
            status: r.status,
            error: r.error,
            description: answer.description,
            codes: (r.errorCodes ?? []).map(String),
          }),
  ];
  if (o.scopeRequested !== undefined) evidence.push(note('oauth.scope-requested', { scope: o.scopeRequested }));
  return emit(context, readRefresh(answer, facts), evidence, facts?.provider);
}

interface TokenLogin {
  at: IndexedSession;
  reply: Reply;
  challenge?: Reply;
}

/** The configured login sent a token (XOAUTH2, OAUTHBEARER) and the server refused it. */
function refusedTokenLogin(context: DiagnoseContext): TokenLogin | undefined {
  const at = context.configured;
  const auth = at?.record.auth;
  if (!at || !auth?.reply || !TOKEN_MECHANISMS.has(auth.mechanism.toUpperCase())) return undefined;
  if (auth.result !== 'rejected' && auth.errorChallenge === undefined) return undefined;
  return { at, reply: auth.reply, ...(auth.errorChallenge ? { challenge: auth.errorChallenge } : {}) };
}

function audiences(claims: TokenClaims): string[] {
  const aud = claims.aud;
  return aud === undefined ? [] : typeof aud === 'string' ? [aud] : [...aud];
}

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

/** Precedence: not-an-access-token > wrong-audience > missing-scope/app-role-missing > wrong-user > expired > unexplained. */
function tokenRefused(
  context: DiagnoseContext,
  o: OAuthEvidence,
  facts: OAuthProviderFacts | undefined,
  login: TokenLogin,
): Candidate {
  const challenge = login.challenge ? decodeChallenge(login.challenge) : undefined;
  const base: Params = {
    ...providerParams(facts, challenge?.scope),
    host: login.at.record.target.host,
    challengeScope: challenge?.scope,
  };
  const token = o.token;
  const claims = token?.claims;
  const evidence: EvidenceQuote[] = [];
  if (claims) evidence.push(claimsQuote(claims));
  else if (token)
    evidence.push({ ...note('oauth.token-shape', { length: token.length, prefix: token.prefix }), source: 'input' });
  if (o.scopeRequested !== undefined) evidence.push(note('oauth.scope-requested', { scope: o.scopeRequested }));
  if (login.challenge) evidence.push(replyQuote(login.challenge, login.at));
  evidence.push(replyQuote(login.reply, login.at));
  const r = readToken(context, o, facts, base, login);
  return emit(context, r, evidence, facts?.provider);
}

function readToken(
  context: DiagnoseContext,
  o: OAuthEvidence,
  facts: OAuthProviderFacts | undefined,
  base: Params,
  login: TokenLogin,
): Reading {
  const token = o.token;
  const claims = token?.claims;
  const make = (
    key: CauseKey,
    params: Params,
    fixes: FixRef[],
    confidence: Confidence,
    deadEnds: DeadEndRef[] = [deadEnd('oauth.retry-same-token')],
  ): Reading => ({ key, params: { ...base, ...params }, fixes, deadEnds, confidence });

  // A refresh token sent as the access token (its documented prefix), or an ID token (a JWT with neither scp nor roles).
  const refreshPrefix = OAUTH_PROVIDERS.find(
    (p) => p.prefixes?.refresh !== undefined && token?.prefix?.startsWith(p.prefixes.refresh) === true,
  );
  const idToken = token?.format === 'jwt' && claims !== undefined && claims.scp === undefined && !claims.roles?.length;
  if (refreshPrefix || idToken)
    return make(
      'oauth.not-an-access-token',
      {
        refreshPrefix: refreshPrefix !== undefined,
        prefix: token?.prefix,
        providerName: refreshPrefix?.preset === 'google' ? 'Google' : 'Microsoft',
      },
      [fix('oauth.send-access-token')],
      'high',
    );

  if (claims && facts?.audiences) {
    const auds = audiences(claims);
    const accepted = facts.audiences.map(trimSlash);
    if (auds.length > 0 && !auds.some((a) => accepted.includes(trimSlash(a)))) {
      const aud = auds[0] ?? '';
      const isFor = facts.otherAudiences?.find((x) => trimSlash(x.aud) === trimSlash(aud))?.isFor;
      return make(
        'oauth.wrong-audience',
        { aud: escapeControl(aud), audIsFor: isFor, audiences: facts.audiences.slice(0, 2) },
        [fix('oauth.request-smtp-scope', { notEnough: undefined })],
        'high',
        [deadEnd('oauth.graph-mail-send'), deadEnd('oauth.retry-same-token')],
      );
    }
  }

  if (facts) {
    // Delegated JWT: scp must name SMTP.Send; app-only JWT: roles must hold SMTP.SendAsApp; an opaque token: the
    // scope granted or requested must be one SMTP takes.
    const appOnly =
      claims?.scp === undefined && (claims?.roles !== undefined || o.refresh?.grant === 'client_credentials');
    if (appOnly && facts.appOnly && claims && !(claims.roles ?? []).includes(facts.appOnly.role))
      return make(
        'oauth.app-role-missing',
        { roles: (claims.roles ?? []).map(escapeControl), role: facts.appOnly.role },
        [fix('oauth.grant-app-role'), fix('oauth.exchange-service-principal')],
        'high',
        [deadEnd('oauth.graph-mail-send')],
      );
    const granted = claims?.scp ?? o.refresh?.scopeGranted;
    const scopes = (granted ?? o.scopeRequested)?.split(/\s+/).filter(Boolean);
    if (!appOnly && scopes && scopes.length > 0 && !scopes.some((s) => facts.smtpScopes.includes(s))) {
      const wrong = facts.notEnough.find((n) => scopes.includes(n.scope));
      return make(
        'oauth.missing-scope',
        {
          granted: granted !== undefined ? escapeControl(granted) : undefined,
          requested: o.scopeRequested !== undefined ? escapeControl(o.scopeRequested) : undefined,
          notEnough: wrong?.scope,
          isFor: wrong?.isFor,
        },
        [fix('oauth.request-smtp-scope')],
        claims?.scp !== undefined || o.refresh?.scopeGranted !== undefined ? 'high' : 'medium',
        [
          ...(facts.preset === 'microsoft' ? [deadEnd('oauth.graph-mail-send')] : []),
          deadEnd('oauth.retry-same-token'),
        ],
      );
    }
  }

  const smtpUser = context.username ?? login.at.record.username;
  if (claims?.user !== undefined && smtpUser !== undefined && claims.user.toLowerCase() !== smtpUser.toLowerCase())
    return make(
      'oauth.wrong-user',
      { tokenUser: escapeControl(claims.user), smtpUser: escapeControl(smtpUser) },
      [fix('oauth.login-as-token-user', {}, { username: claims.user }), fix('oauth.token-for-mailbox')],
      'high',
    );

  if (claims?.exp !== undefined && claims.exp * 1000 <= o.checkedAt)
    return make(
      'oauth.expired',
      { ago: describeAge(o.checkedAt - claims.exp * 1000), expiry: new Date(claims.exp * 1000).toISOString() },
      [fix('oauth.refresh-before-login')],
      'high',
    );

  const microsoft = facts?.preset === 'microsoft';
  return make(
    'oauth.unexplained',
    { read: true, claimsRead: claims !== undefined, refreshed: o.refresh?.ok === true },
    [
      fix('oauth.refresh-before-login'),
      fix('oauth.request-smtp-scope'),
      fix('oauth.login-as-token-user', { tokenUser: claims?.user }),
      ...(microsoft ? [fix('oauth.enable-smtp-auth'), fix('oauth.exchange-service-principal')] : []),
    ],
    claims !== undefined ? 'medium' : 'low',
  );
}

function claimsQuote(claims: TokenClaims): EvidenceQuote {
  const aud = audiences(claims).map(escapeControl).join(',');
  return {
    ...note('oauth.claims-read', {
      aud: aud || undefined,
      scp: claims.scp !== undefined ? escapeControl(claims.scp) : undefined,
      roles: claims.roles?.map(escapeControl),
      user: claims.user !== undefined ? escapeControl(claims.user) : undefined,
      expiry: claims.exp !== undefined ? new Date(claims.exp * 1000).toISOString() : undefined,
      appid: claims.appid !== undefined ? escapeControl(claims.appid) : undefined,
    }),
    source: 'input',
  };
}

/** Pasted text: a token endpoint's error (RFC 6749 code, AADSTS code, Google's text) the client printed. */
function pastedRefresh(context: DiagnoseContext, facts: OAuthProviderFacts | undefined): Candidate[] {
  const messages = context.evidence.observations.filter(
    (x): x is Extract<Observation, { kind: 'client-message' }> =>
      x.kind === 'client-message' &&
      (x.id === 'oauth-token-refresh-failed' ||
        x.id === 'oauth-endpoint-error' ||
        x.id === 'oauth-aadsts-code' ||
        x.id === 'oauth-google-grant-expired'),
  );
  if (messages.length === 0) return [];
  const text = messages.map((m) => m.quote).join('\n');
  const error = tokenEndpointErrorIn(text);
  const codes = aadstsCodesIn(text);
  const googleText = messages.some((m) => m.id === 'oauth-google-grant-expired');
  // Without an error code or a known text, the client's "could not refresh" is all there is: the client-side rule says it.
  if (error === undefined && codes.length === 0 && !googleText) return [];
  // An AADSTS code is Microsoft Entra's; Google's wording is Google's: the provider, when nothing else named it.
  const provider =
    facts ?? (codes.length > 0 ? oauthProvider('microsoft') : googleText ? oauthProvider('google') : undefined);
  const answer: EndpointAnswer = {
    codes,
    grant: 'refresh_token',
    error: error ?? (googleText ? 'invalid_grant' : codes.length > 0 ? 'invalid_grant' : undefined),
    ...(googleText ? { description: GOOGLE_INVALID_GRANT.expiredOrRevoked.text } : {}),
  };
  const seen = new Set<string>();
  const evidence = messages.flatMap((m) => (seen.has(m.quote) ? [] : (seen.add(m.quote), [pastedQuote(m)])));
  return [emit(context, readRefresh(answer, provider), evidence, provider?.provider)];
}

const TOKEN_ONLY: ReadonlySet<string> = new Set(MECHANISMS.filter((m) => m.credential === 'token').map((m) => m.name));

/** AUTH lists only mechanisms that carry a token, and the user brought a password: no password login can work. */
function oauthOnly(context: DiagnoseContext): Candidate[] {
  // A live session that stopped before AUTH leaves the credential unknown (null): the secret's kind still tells.
  if (context.credential === 'token' || context.secret?.kind === 'token') return [];
  const configured = context.configured;
  const caps = configured
    ? effectiveCapabilities(configured.record)
    : (context.pastedCapabilities.afterTls ?? context.pastedCapabilities.beforeTls);
  const offered = caps?.auth ?? [];
  if (offered.length === 0 || !offered.every((m) => TOKEN_ONLY.has(m))) return [];
  // A live check that sent no credentials judged nothing: the finding is for a user who means to log in.
  if (configured && context.secret === undefined && context.username === undefined) return [];
  const facts = providerFacts(context);
  const quote = note('mechanism.offered', { offered }, configured?.index);
  return [
    cause(
      context,
      'oauth.oauth-only',
      {
        params: {
          ...providerParams(facts),
          host: context.host ?? caps?.domain ?? '',
          offered,
          live: configured !== null,
        },
        evidence: [configured ? quote : { ...quote, source: 'pasted' }],
        fixes: [fix('oauth.use-token-flags'), fix('oauth.client-oauth')],
        deadEnds: [deadEnd('oauth.new-password')],
        confidence: 'high',
      },
      'auth',
    ),
  ];
}

/** A password login Microsoft 365 refused as Basic authentication switched off: the dated retirement statement. */
function m365BasicAuthRefused(context: DiagnoseContext): Candidate[] {
  if (context.credential !== 'password') return [];
  const refused = readReplies(context).find((r) => {
    if (r.reply.code < 500 || (r.at !== undefined && r.at !== context.configured)) return false;
    const m = r.match();
    return m?.provider.id === 'microsoft365' && m.causes.some((c) => c.finding === 'basic-auth-disabled');
  });
  if (!refused) return [];
  return [
    cause(
      context,
      'oauth.m365-basic-auth-refused',
      {
        params: { ...retirementParams(), ...providerParams(oauthProvider('microsoft')) },
        evidence: [refused.quote, note('oauth.retirement-statement', retirementParams(), refused.at?.index)],
        fixes: [fix('oauth.use-token-flags'), fix('oauth.admin-enable-smtp-auth')],
        confidence: 'medium',
        provider: 'microsoft365',
      },
      'auth',
    ),
  ];
}
