import { PROVIDER_NAMES, type Provider } from './config.js';

/**
 * A call for a user whose connection is gone: never made, disconnected, or
 * refused by the provider (the user revoked the app, the refresh token
 * expired). Only the user can fix it: send them to `reconnectPath`.
 */
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
  /** Where the product sends the user to connect again. */
  readonly reconnectPath: string;

  constructor(
    readonly userId: string,
    readonly provider: Provider,
    /** `not_connected`, or core's AuthError code (`invalid_grant`: the provider refused the refresh token). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const path = `/connect/${provider}`;
    super(`${userId} has no working ${PROVIDER_NAMES[provider]} connection (${reason}): ask them to connect again at ${path}.`, options);
    this.reconnectPath = path;
  }
}

/** True when `error` is a {@link NotConnectedError}. */
export function isNotConnectedError(error: unknown): error is NotConnectedError {
  return error instanceof NotConnectedError;
}

/** Why a callback was refused, for the page shown to the user and the log (never the code or the state). */
export class CallbackRefusedError extends Error {
  override readonly name = 'CallbackRefusedError';

  constructor(
    /** `no_pending_authorization`, or core's AuthError code: `state_mismatch`, `access_denied`, `invalid_grant`, … */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The connection was not made (${reason}): start again from the connect button.`, options);
  }
}
