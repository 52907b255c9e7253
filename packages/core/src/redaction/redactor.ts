import { changingSecretMatcher, MIN_SECRET_LENGTH, REDACTED, type SecretMatcher, secretMatcher } from './secret-matcher.js';

export { REDACTED };

/** Header names whose values are credentials for every provider. */
const ALWAYS_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key'];

/** Options for {@link createRedactor}. */
export interface RedactorOptions {
  /**
   * Secret values (keys, tokens, passwords) to blank out wherever they appear
   * in text, as themselves or percent-, form-, base64- or base64url-encoded
   * (alone or inside a longer value such as a Basic header).
   * A function is read on every use, for credentials that change (refreshed tokens).
   */
  secrets?: Iterable<string | undefined> | (() => Iterable<string | undefined>);
  /** Header names (any case) whose values are always secret. */
  headers?: Iterable<string>;
  /** Query parameter names whose values are always secret. */
  queryParams?: Iterable<string>;
}

/**
 * Removes credentials from anything that may be shown: text, URLs, headers
 * and whole values. One is built per client from its auth strategy, so every
 * error message, event and inspected object goes through the same filter.
 */
export interface Redactor {
  /** Replaces every known secret value inside `text`, in every encoded form it may take. */
  text(text: string): string;
  /** A URL as a string with secret query parameters and secret values blanked. */
  url(url: string | URL): string;
  /** A plain object copy of `headers` with secret values blanked. */
  headers(headers: Headers | Record<string, string> | undefined): Record<string, string>;
  /** A deep copy of `value` with every string passed through {@link Redactor.text}. */
  value<T>(value: T): T;
  /** A redactor that also knows these secrets and names. */
  extend(options: RedactorOptions): Redactor;
}

/**
 * Builds a {@link Redactor}; secrets shorter than 4 characters are ignored, as
 * blanking them would mangle ordinary text. The encoded forms of the secrets
 * are worked out once per set of secrets, not on every use.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const source = options.secrets;
  const fixed = typeof source === 'function' ? undefined : usable(source ?? []);
  const secrets = (): string[] => fixed ?? usable(typeof source === 'function' ? source() : []);
  const fixedMatcher = fixed ? secretMatcher(fixed) : undefined;
  const matcher: () => SecretMatcher = fixedMatcher ? () => fixedMatcher : changingSecretMatcher(secrets);
  const headerNames = new Set([...ALWAYS_SECRET_HEADERS, ...(options.headers ?? [])].map((h) => h.toLowerCase()));
  const queryNames = new Set([...(options.queryParams ?? [])].map((q) => q.toLowerCase()));

  const text = (input: string): string => matcher()(input);

  const url = (input: string | URL): string => {
    let parsed: URL;
    try {
      parsed = new URL(String(input));
    } catch {
      return text(String(input));
    }
    for (const name of [...parsed.searchParams.keys()]) {
      if (queryNames.has(name.toLowerCase())) parsed.searchParams.set(name, REDACTED);
    }
    if (parsed.password) parsed.password = REDACTED;
    return text(parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
  };

  const headers = (input: Headers | Record<string, string> | undefined): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!input) return out;
    const redact = matcher();
    const entries = input instanceof Headers ? input.entries() : Object.entries(input);
    for (const [name, value] of entries) {
      out[name] = headerNames.has(name.toLowerCase()) ? REDACTED : redact(value);
    }
    return out;
  };

  const value = <T>(input: T): T => deepMap(input, matcher(), new WeakMap()) as T;

  return {
    text,
    url,
    headers,
    value,
    extend: (more) =>
      createRedactor({
        secrets: () => [...secrets(), ...readSecrets(more.secrets)],
        headers: [...headerNames, ...(more.headers ?? [])],
        queryParams: [...queryNames, ...(more.queryParams ?? [])],
      }),
  };
}

function readSecrets(source: RedactorOptions['secrets']): Iterable<string | undefined> {
  return typeof source === 'function' ? source() : (source ?? []);
}

function usable(values: Iterable<string | undefined>): string[] {
  return [...values].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
}

function deepMap(input: unknown, text: (s: string) => string, seen: WeakMap<object, unknown>): unknown {
  if (typeof input === 'string') return text(input);
  if (input === null || typeof input !== 'object') return input;
  if (seen.has(input)) return seen.get(input);
  if (Array.isArray(input)) {
    const out: unknown[] = [];
    seen.set(input, out);
    for (const item of input) out.push(deepMap(item, text, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return input;
  const out: Record<string, unknown> = {};
  seen.set(input, out);
  for (const [k, v] of Object.entries(input)) out[k] = deepMap(v, text, seen);
  return out;
}
