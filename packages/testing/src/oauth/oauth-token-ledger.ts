import { randomBytes } from 'node:crypto';

/** What an access token stands for, as a resource server would learn by introspection. */
export interface OAuthGrant {
  clientId: string;
  /** The user who consented; absent for client_credentials. */
  user?: string;
  /** Space-separated. */
  scope: string;
  /** Unix milliseconds. */
  expiresAt: number;
}

interface RefreshEntry {
  clientId: string;
  user: string;
  scope: string;
  family: string;
  /** False once rotated out or revoked: using it again is reuse. */
  active: boolean;
}

/**
 * The tokens an authorization server has issued. Access and refresh tokens
 * of one authorization share a family, so revoking or detecting reuse of one
 * refresh token ends them all.
 */
export class OAuthTokenLedger {
  readonly #access = new Map<string, OAuthGrant & { family?: string }>();
  readonly #refresh = new Map<string, RefreshEntry>();
  readonly #revokedFamilies = new Set<string>();
  /** Tokens issued so far, by grant type, for tests to count. */
  readonly issued: string[] = [];

  /** A new opaque token. */
  static token(prefix: string): string {
    return `${prefix}_${randomBytes(24).toString('base64url')}`;
  }

  /** Issues an access token in `family`, and a refresh token too when `withRefresh` and the grant has a user. */
  issue(grant: string, access: OAuthGrant, family?: string, withRefresh = true): { accessToken: string; refreshToken?: string } {
    this.issued.push(grant);
    const accessToken = OAuthTokenLedger.token('at');
    this.#access.set(accessToken, { ...access, ...(family ? { family } : {}) });
    if (!family || !withRefresh || access.user === undefined) return { accessToken };
    const refreshToken = OAuthTokenLedger.token('rt');
    this.#refresh.set(refreshToken, { clientId: access.clientId, user: access.user, scope: access.scope, family, active: true });
    return { accessToken, refreshToken };
  }

  /** The live grant behind an access token, or undefined when unknown, expired or revoked. */
  verify(accessToken: string, now: number): OAuthGrant | undefined {
    const found = this.#access.get(accessToken);
    if (!found || found.expiresAt <= now || (found.family && this.#revokedFamilies.has(found.family))) return undefined;
    const { family: _family, ...grant } = found;
    return grant;
  }

  /** A refresh token's entry, live or not. */
  refreshEntry(refreshToken: string): Readonly<RefreshEntry> | undefined {
    const found = this.#refresh.get(refreshToken);
    if (found && this.#revokedFamilies.has(found.family)) return { ...found, active: false };
    return found;
  }

  /** Marks a refresh token used up (rotated out). */
  retire(refreshToken: string): void {
    const found = this.#refresh.get(refreshToken);
    if (found) found.active = false;
  }

  /** Ends a whole authorization: every access and refresh token of the family. */
  revokeFamily(family: string): void {
    this.#revokedFamilies.add(family);
  }

  /**
   * Revokes one token (RFC 7009): a refresh token ends its family; an access
   * token ends itself. With `clientId`, only a token issued to that client.
   * True when a token was found (live or not).
   */
  revoke(token: string, clientId?: string): boolean {
    const refresh = this.#refresh.get(token);
    const access = this.#access.get(token);
    const ours = (entry: { clientId: string } | undefined) =>
      entry !== undefined && (clientId === undefined || entry.clientId === clientId);
    if (refresh && ours(refresh)) this.revokeFamily(refresh.family);
    if (ours(access)) this.#access.delete(token);
    return ours(refresh) || ours(access);
  }

  clear(): void {
    this.#access.clear();
    this.#refresh.clear();
    this.#revokedFamilies.clear();
    this.issued.length = 0;
  }
}
