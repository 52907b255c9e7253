import type { ApiError } from '../errors/api-error.js';
import type { RequestContext } from '../pipeline/context.js';

/**
 * Attaches credentials to requests. Built from an {@link AuthScheme} and the
 * user's credentials, or passed whole to `createClient` to replace the
 * connector's scheme (e.g. OAuth instead of an API key).
 */
export interface AuthStrategy {
  /** A short name for logs, e.g. `bearer`. */
  readonly kind: string;
  /** False when the strategy holds a secret that must never reach a browser. */
  readonly browserSafe: boolean;
  /** The secret values in use now, so they can be removed from anything shown. */
  secrets(): string[];
  /** Header names whose values are secret (beyond `Authorization`). */
  readonly secretHeaders?: readonly string[];
  /** Query parameter names whose values are secret. */
  readonly secretQueryParams?: readonly string[];
  /** Adds credentials to one attempt. */
  authorize(ctx: RequestContext): void | Promise<void>;
  /**
   * Called once when an attempt is answered 401. Resolve true after renewing
   * credentials to have the attempt sent once more; false to let the 401 stand.
   */
  onUnauthorized?(ctx: RequestContext, error: ApiError): Promise<boolean>;
}

/**
 * What a connector declares about authentication: the kind, and the shape of
 * the credentials a user must supply. `createClient` calls `create` with them.
 */
export interface AuthScheme<TCredentials> {
  readonly kind: string;
  /** Builds the strategy for one client. */
  create(credentials: TCredentials): AuthStrategy;
}

/** The credentials type an {@link AuthScheme} asks for. */
export type CredentialsOf<S> = S extends AuthScheme<infer C> ? C : never;
