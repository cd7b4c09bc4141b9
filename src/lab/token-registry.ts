// Token registry: the access tokens a lab's token endpoint minted, with whom and what each is for (shared with its personas).
import { createHmac, randomBytes } from 'node:crypto';
import type { OAuthPreset } from '../model/oauth.js';

/** What the lab knows of a token it minted: the facts a provider keeps server-side. */
export interface MintedToken {
  preset: OAuthPreset;
  /** delegated: a user's refresh token was exchanged; app: the app's own credentials (Microsoft client credentials). */
  kind: 'delegated' | 'app';
  /** The user the token belongs to (delegated). */
  user?: string;
  /** The mailboxes an app-only token may send as (accounts whose grant gives the app its role). */
  mailboxes?: readonly string[];
  /** Granted scope values (Google: full URLs; Microsoft: the permission names of `scp`, e.g. SMTP.Send). */
  scopes: readonly string[];
  /** Microsoft `aud`: whom the token is for. */
  audience?: string;
  /** Microsoft app permissions (`roles`). */
  roles?: readonly string[];
  clientId: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

/** A lab serves a handful of clients: the oldest tokens are forgotten past this many, so memory stays bounded. */
const MAX_TOKENS = 10_000;

export class TokenRegistry {
  readonly #tokens = new Map<string, MintedToken>();

  add(token: string, facts: MintedToken): void {
    if (this.#tokens.size >= MAX_TOKENS) {
      const oldest = this.#tokens.keys().next();
      if (oldest.done !== true) this.#tokens.delete(oldest.value);
    }
    this.#tokens.set(token, facts);
  }

  find(token: string): MintedToken | undefined {
    return this.#tokens.get(token);
  }

  get size(): number {
    return this.#tokens.size;
  }
}

/** A Google-shaped opaque access token: "ya29." then random characters (the lab marks its own with "lab-"). */
export function googleAccessToken(): string {
  return `ya29.lab-${randomBytes(36).toString('base64url')}`;
}

/**
 * A Microsoft-shaped access token: a JWT whose claims say what Entra ID's would. Signed with HS256 and a key of the
 * lab (Microsoft signs with RS256): no client verifies an access token it sends, so only the claims matter.
 */
export function microsoftAccessToken(claims: Readonly<Record<string, unknown>>, key: Buffer): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'smtp-doctor-lab' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
