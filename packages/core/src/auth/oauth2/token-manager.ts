import type { RequestContext } from '../../pipeline/context.js';
import { singleFlight, waitFor } from './single-flight.js';
import { isFresh, type TokenSet } from './token-set.js';
import type { TokenStore } from './token-store.js';

/** What a {@link TokenManager} needs: where tokens live, and how to get new ones. */
export interface TokenManagerOptions {
  /** The grant that renews tokens, named in the `tokenRefreshed` event. */
  grant: string;
  store: TokenStore;
  key: string;
  /** Tokens to start from when the store has none (e.g. fresh from the code exchange). */
  initial?: TokenSet;
  /** Renew this long before the access token expires. */
  skewMs: number;
  /** Told about every new token set, after the store has it and its lock is released, and before it is used. */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /** Asks the authorization server for new tokens; `current` is what is held now, if anything. */
  obtain(current: TokenSet | undefined, ctx: RequestContext): Promise<TokenSet>;
  /** Checks new tokens before they are saved; what it throws fails the call and nothing is saved. */
  verify?: (tokens: TokenSet) => void | Promise<void>;
  now?: () => number;
}

/** Hands out a usable access token, renewing it when needed: once per process at a time, and once across processes with a locking store. */
export interface TokenManager {
  /** Tokens whose access token is fresh, renewed first if needed. */
  tokens(ctx: RequestContext): Promise<TokenSet>;
  /** Tokens other than `rejected` (an access token the API answered 401 to), renewed unless someone already did. */
  replace(ctx: RequestContext, rejected: string): Promise<TokenSet>;
  /** Every token value held now, and the ones just replaced (a request may still carry them). */
  secrets(): string[];
}

/**
 * The refresh logic shared by every OAuth grant. Callers read the in-memory
 * copy while it is fresh. When it is not, one renewal runs (single-flight):
 * it re-reads the store (another process may have renewed), takes the store's
 * lock, re-reads again, and only then asks the server. New tokens are saved
 * before anyone uses them, because a rotated refresh token exists nowhere else.
 * The lock covers only the request and the save: `onTokens` runs after it is
 * released, so a slow or failing callback never holds up other processes.
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { store, key, skewMs } = options;
  const now = options.now ?? Date.now;
  const flight = singleFlight<TokenSet>();
  let held: TokenSet | undefined = options.initial;
  let replaced: TokenSet | undefined;
  // Obtained but not yet saved (the store failed): saved before anything else happens.
  let unsaved: TokenSet | undefined;
  // The access token last answered 401: never handed out again.
  let rejected: string | undefined;

  const usable = (tokens: TokenSet | undefined): tokens is TokenSet =>
    tokens !== undefined && tokens.accessToken !== rejected && isFresh(tokens, skewMs, now());

  const read = async (): Promise<TokenSet | undefined> => (await store.get(key)) ?? held;

  const keep = (tokens: TokenSet): TokenSet => {
    if (held && held.accessToken !== tokens.accessToken) replaced = held;
    held = tokens;
    return tokens;
  };

  const save = async (tokens: TokenSet): Promise<void> => {
    unsaved = tokens;
    await store.set(key, tokens);
    unsaved = undefined;
    keep(tokens);
  };

  // Outside the lock. The tokens are in the store already, so a failing callback
  // does not fail the call: its error is reported with the event instead.
  const announce = async (tokens: TokenSet, ctx: RequestContext): Promise<TokenSet> => {
    const failure = await callbackFailure(options.onTokens, tokens, ctx.redactor.text);
    ctx.emit('tokenRefreshed', {
      connector: ctx.connector.name,
      grant: options.grant,
      ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
      ...(failure ? { onTokensError: failure } : {}),
    });
    return tokens;
  };

  const renew = async (ctx: RequestContext): Promise<TokenSet> => {
    if (unsaved) {
      const pending = unsaved;
      await save(pending);
      await announce(pending, ctx);
    }
    const seen = await read();
    if (usable(seen)) return keep(seen);
    const withLock = store.lock ? store.lock.bind(store) : <T>(_: string, fn: () => Promise<T>) => fn();
    const outcome = await withLock(key, async () => {
      // Another process may have renewed while this one waited for the lock.
      const current = await read();
      if (usable(current)) return { tokens: keep(current), obtained: false };
      const next = await options.obtain(current, ctx);
      await options.verify?.(next);
      // A token just issued is trusted, even when the server handed back the one rejected (some cache them).
      if (next.accessToken === rejected) rejected = undefined;
      await save(next);
      return { tokens: next, obtained: true };
    });
    return outcome.obtained ? announce(outcome.tokens, ctx) : outcome.tokens;
  };

  const tokens = (ctx: RequestContext): Promise<TokenSet> => {
    if (!unsaved && usable(held)) return Promise.resolve(held);
    return waitFor(
      flight.run(() => renew(ctx)),
      ctx.signal,
    );
  };

  return {
    tokens,
    async replace(ctx, token) {
      rejected = token;
      const first = await tokens(ctx);
      // The renewal joined may have read the store before the rejection was known.
      return first.accessToken === token ? tokens(ctx) : first;
    },
    secrets() {
      const out: string[] = [];
      for (const set of [held, replaced, unsaved, options.initial]) {
        if (set) out.push(set.accessToken, ...(set.refreshToken ? [set.refreshToken] : []));
      }
      return out;
    },
  };
}

/** Runs the user's `onTokens`, and returns what it threw (redacted), if anything. */
async function callbackFailure(
  onTokens: TokenManagerOptions['onTokens'],
  tokens: TokenSet,
  redact: (text: string) => string,
): Promise<{ name: string; message: string } | undefined> {
  if (!onTokens) return undefined;
  try {
    await onTokens(tokens);
    return undefined;
  } catch (error) {
    return error instanceof Error
      ? { name: error.name, message: redact(error.message) }
      : { name: 'Error', message: redact(String(error)) };
  }
}
