import { ConfigurationError } from '../errors/configuration-error.js';
import type { AuthScheme, AuthStrategy } from './auth-strategy.js';

/** A secret, or a function that returns the current one (for credentials kept elsewhere). */
export type SecretSource = string | (() => string | Promise<string>);

/** Where an API key goes. */
export type ApiKeyOptions = { header: string; prefix?: string } | { query: string };

/** An API key sent in a header (e.g. `X-Api-Key`) or a query parameter. Credentials: `{ apiKey }`. */
export function apiKey(options: ApiKeyOptions = { header: 'X-Api-Key' }): AuthScheme<{ apiKey: SecretSource }> {
  return {
    kind: 'apiKey',
    create: ({ apiKey: key }) =>
      secretStrategy(
        'apiKey',
        key,
        'apiKey',
        (ctx, value) => {
          if ('query' in options) ctx.url.searchParams.set(options.query, value);
          else ctx.headers.set(options.header, `${options.prefix ?? ''}${value}`);
        },
        'query' in options ? { secretQueryParams: [options.query] } : { secretHeaders: [options.header] },
      ),
  };
}

/** A token sent as `Authorization: Bearer <token>`. Credentials: `{ token }`. */
export function bearer(): AuthScheme<{ token: SecretSource }> {
  return {
    kind: 'bearer',
    create: ({ token }) => secretStrategy('bearer', token, 'token', (ctx, value) => ctx.headers.set('authorization', `Bearer ${value}`)),
  };
}

/** HTTP Basic authentication. Credentials: `{ username, password }`. */
export function basic(): AuthScheme<{ username: string; password: SecretSource }> {
  return {
    kind: 'basic',
    create: ({ username, password }) =>
      secretStrategy('basic', password, 'password', (ctx, value) => {
        ctx.headers.set('authorization', `Basic ${base64(`${username}:${value}`)}`);
      }),
  };
}

/** For public APIs: sends no credentials. Credentials: none. */
export function noAuth(): AuthScheme<undefined> {
  const strategy: AuthStrategy = { kind: 'none', browserSafe: true, secrets: () => [], authorize: () => {} };
  return { kind: 'none', create: () => strategy };
}

function secretStrategy(
  kind: string,
  source: SecretSource,
  field: string,
  attach: (ctx: Parameters<AuthStrategy['authorize']>[0], value: string) => void,
  names: Pick<AuthStrategy, 'secretHeaders' | 'secretQueryParams'> = {},
): AuthStrategy {
  if (typeof source !== 'function' && (typeof source !== 'string' || source === '')) {
    throw new ConfigurationError(`The ${kind} credentials need a non-empty "${field}" (a string, or a function that returns one).`);
  }
  // Every value handed out is remembered, so it is redacted even after it changes.
  const seen = new Set<string>(typeof source === 'string' ? [source] : []);
  return {
    kind,
    browserSafe: false,
    ...names,
    secrets: () => [...seen],
    async authorize(ctx) {
      const value = typeof source === 'string' ? source : await source();
      seen.add(value);
      attach(ctx, value);
    },
  };
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
