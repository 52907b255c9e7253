import { headerValueProblem } from '../encoding/header-rules.js';
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
    create: (credentials) =>
      secretStrategy(
        'apiKey',
        secretField('apiKey', credentials, 'apiKey', !('query' in options)),
        (ctx, value) => {
          if ('query' in options) ctx.url.searchParams.set(options.query, value);
          else ctx.headers.set(options.header, `${options.prefix ?? ''}${value}`);
        },
        'query' in options ? { secretQueryParams: [options.query] } : { secretHeaders: [options.header] },
      ),
  };
}

/**
 * A token as `Authorization: Bearer <token>`. Credentials: `{ token }`, or
 * the field a provider names its secret (`bearer({ field: 'apiKey' })`), so
 * a wrong field is reported by the name its users know.
 */
export function bearer<F extends string = 'token'>(options?: { field?: F }): AuthScheme<Record<F, SecretSource>> {
  const field = options?.field ?? 'token';
  return {
    kind: 'bearer',
    create: (credentials) =>
      secretStrategy('bearer', secretField('bearer', credentials, field, true), (ctx, value) =>
        ctx.headers.set('authorization', `Bearer ${value}`),
      ),
  };
}

/** HTTP Basic authentication. Credentials: `{ username, password }`. */
export function basic(): AuthScheme<{ username: string; password: SecretSource }> {
  return {
    kind: 'basic',
    create: (credentials) => {
      const password = secretField('basic', credentials, 'password', false);
      const { username } = credentials;
      if (typeof username !== 'string' || username.includes(':')) {
        throw new ConfigurationError(
          'The basic credentials need a "username": a string without ":" (HTTP Basic uses ":" to separate it from the password).',
        );
      }
      return secretStrategy('basic', password, (ctx, value) => {
        ctx.headers.set('authorization', `Basic ${base64(`${username}:${value}`)}`);
      });
    },
  };
}

/** For public APIs: sends no credentials. Credentials: none. */
export function noAuth(): AuthScheme<undefined> {
  const strategy: AuthStrategy = { kind: 'none', browserSafe: true, secrets: () => [], authorize: () => {} };
  return { kind: 'none', create: () => strategy };
}

/**
 * The secret `field` of `credentials`, checked: from plain JavaScript the
 * credentials may be missing or mis-shaped, and a secret bound for a header
 * must not break it. Errors name the field, never the value.
 */
function secretField(kind: string, credentials: unknown, field: string, inHeader: boolean): SecretSource {
  const shape = `{ credentials: { ${field}: '…' } }`;
  if (typeof credentials !== 'object' || credentials === null) {
    throw new ConfigurationError(`The ${kind} credentials are missing: they need a "${field}"; pass ${shape} to createClient.`);
  }
  const source = (credentials as Record<string, unknown>)[field];
  if (typeof source !== 'function' && (typeof source !== 'string' || source === '')) {
    const known = Object.keys(credentials).map((k) => `"${k}"`);
    const got = known.length > 0 ? ` (got ${known.join(', ')})` : '';
    throw new ConfigurationError(
      `The ${kind} credentials need a non-empty "${field}" (a string, or a function that returns one)${got}: pass ${shape}.`,
    );
  }
  const problem = inHeader && typeof source === 'string' ? headerValueProblem(source) : undefined;
  if (problem) {
    throw new ConfigurationError(
      `The ${kind} "${field}" ${problem}, so it cannot go in a header: trim it (a key read from a file or an environment variable often ends with a newline).`,
    );
  }
  return source as SecretSource;
}

function secretStrategy(
  kind: string,
  source: SecretSource,
  attach: (ctx: Parameters<AuthStrategy['authorize']>[0], value: string) => void,
  names: Pick<AuthStrategy, 'secretHeaders' | 'secretQueryParams'> = {},
): AuthStrategy {
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
