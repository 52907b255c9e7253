import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** Options for {@link AuthError}. */
export interface AuthErrorOptions extends JunctionErrorOptions {
  /** The OAuth error code or a short reason, e.g. `invalid_grant`. */
  code?: string;
  /** True when only a new authorization by the user can fix it (the refresh token is revoked or expired). */
  reauthorize: boolean;
  status?: number;
}

/** Authentication failed and could not be repaired by refreshing. */
export class AuthError extends JunctionError {
  readonly code?: string;
  readonly reauthorize: boolean;
  readonly status?: number;
  readonly retryable = false;

  constructor(message: string, options: AuthErrorOptions) {
    super(message, options);
    if (options.code !== undefined) this.code = options.code;
    if (options.status !== undefined) this.status = options.status;
    this.reauthorize = options.reauthorize;
    brand(this, 'AuthError');
  }
}

/** True when `value` is an {@link AuthError}. */
export function isAuthError(value: unknown): value is AuthError {
  return hasBrand(value, 'AuthError');
}
