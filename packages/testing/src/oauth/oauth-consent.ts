import type { OAuthErrorCode } from './oauth-responses.js';

/** What the user does on the consent screen. */
export type ConsentDecision =
  /** Approves as `user`, optionally granting fewer scopes than asked (space-separated). */
  | { approve: string; scope?: string }
  /** Declines: the client is sent back with `error` (default `access_denied`). */
  | { deny: true; error?: OAuthErrorCode; description?: string };

/** The authorization request the consent screen shows. */
export interface ConsentRequest {
  clientId: string;
  /** Space-separated; '' when none was asked. */
  scope: string;
  redirectUri: string;
}

/** A scripted consent: one decision for every request, or one per request. */
export type ConsentScript = ConsentDecision | ((request: ConsentRequest) => ConsentDecision);

/** The decision of `script` for `request`. */
export function decide(script: ConsentScript, request: ConsentRequest): ConsentDecision {
  return typeof script === 'function' ? script(request) : script;
}
