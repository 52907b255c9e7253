import type { OAuth2Fetch } from '../../../src/auth/oauth2/index.js';

/** A fetch for the OAuth server options that counts token endpoint requests, including ones that fail to connect. */
export interface TokenCounter {
  fetch: OAuth2Fetch;
  /** Requests sent to a `/token` endpoint so far. */
  readonly count: number;
  /** The grant_type of each token request, in order. */
  readonly grants: string[];
}

/** Makes a {@link TokenCounter} that passes every request to the global fetch. */
export function tokenCounter(): TokenCounter {
  const grants: string[] = [];
  return {
    fetch: (url, init) => {
      if (new URL(url).pathname.endsWith('/token')) {
        grants.push(new URLSearchParams(String(init.body ?? '')).get('grant_type') ?? '?');
      }
      return fetch(url, init);
    },
    get count() {
      return grants.length;
    },
    grants,
  };
}
