import { baseUrlProblem } from '../connector/base-url.js';
import { checkTimeout } from '../connector/check-timeout.js';
import type { AnyConnector } from '../connector/define-connector.js';
import { headersProblem, headerValueProblem } from '../encoding/header-rules.js';
import { ConfigurationError } from '../errors/configuration-error.js';

// The options whose case is easy to get wrong (`baseURL`, `timeoutMS`): a miscased one would be silently ignored.
const KNOWN_OPTIONS = [
  'baseUrl',
  'headers',
  'userAgent',
  'timeoutMs',
  'fetch',
  'secrets',
  'retry',
  'rateLimit',
  'limiters',
  'idempotency',
  'middleware',
  'dangerouslyAllowBrowser',
  'credentials',
  'auth',
];
const BY_LOWER_CASE = new Map(KNOWN_OPTIONS.map((name) => [name.toLowerCase(), name]));

/**
 * Checks what `createClient` was given before anything is built, so a
 * mistake (also from plain JavaScript) is a ConfigurationError naming the
 * field at start-up, not a TypeError on the first call. Values are never
 * repeated: a config holds secrets. Credentials are the auth scheme's to check.
 */
export function checkClientConfig(connector: AnyConnector, config: unknown): void {
  const fail = (message: string): never => {
    throw new ConfigurationError(`createClient(${connector.name}): ${message}`);
  };
  if (typeof config !== 'object' || config === null) {
    throw new ConfigurationError(
      `createClient(${connector.name}) needs a config object, e.g. { credentials: { … } }, or {} for a connector without auth.`,
    );
  }
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    const known = BY_LOWER_CASE.get(key.toLowerCase());
    if (known && known !== key) fail(`the option "${key}" is spelled "${known}"; as written it would be ignored.`);
  }
  const baseUrl = c.baseUrl === undefined ? undefined : baseUrlProblem(c.baseUrl);
  if (baseUrl)
    fail(`"baseUrl" ${baseUrl}. Give an absolute http(s) URL, such as https://api.example.com or http://127.0.0.1:8080 in tests.`);
  const headers = headersProblem(c.headers);
  if (headers) fail(`"headers": ${headers}.`);
  if (c.userAgent !== undefined && (typeof c.userAgent !== 'string' || c.userAgent.trim() === '' || headerValueProblem(c.userAgent))) {
    fail('"userAgent" must be a non-empty string on one line, such as "my-app/1.2".');
  }
  checkTimeout(c.timeoutMs, fail);
  if (c.fetch !== undefined && typeof c.fetch !== 'function') fail('"fetch" must be a function with the signature of the global fetch.');
  if (c.secrets !== undefined && !(Array.isArray(c.secrets) && c.secrets.every((s) => typeof s === 'string'))) {
    fail('"secrets" must be an array of strings.');
  }
  if (c.middleware !== undefined) {
    if (!Array.isArray(c.middleware)) fail('"middleware" must be an array of { use, position?, name? }.');
    (c.middleware as unknown[]).forEach((m, i) => {
      if (typeof (m as { use?: unknown } | null)?.use !== 'function') fail(`"middleware[${i}].use" must be a middleware function.`);
    });
  }
  if (c.auth !== undefined) {
    if (c.credentials !== undefined)
      fail('give either "credentials" or "auth" (a whole strategy replacing the connector\'s scheme), not both.');
    if (typeof (c.auth as { authorize?: unknown } | null)?.authorize !== 'function') {
      fail('"auth" must be an AuthStrategy (an object with an authorize(ctx) method), e.g. bearer().create({ token }).');
    }
  }
}
