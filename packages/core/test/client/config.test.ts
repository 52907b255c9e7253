import { describe, expect, it } from 'vitest';
import { apiKey, basic, bearer, type ConfigurationError, createClient, defineConnector, isConfigurationError } from '../../src/index.js';
import { tasks } from '../support/tasks-connector.js';

const SECRET = 'sk_live_do_not_show_1234';

/** The error `fn` throws, which must be a ConfigurationError. */
function configError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    expect(isConfigurationError(error), String(error)).toBe(true);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('createClient checks its config at construction', () => {
  it('refuses a baseUrl that is not an absolute http(s) URL, naming the field', () => {
    for (const baseUrl of ['/relative', 'api.tasks.example', 'ftp://tasks.example', 42, 'https://h.test/api?v=1', 'https://h.test/#x']) {
      const error = configError(() => createClient(tasks, { credentials: { token: SECRET }, baseUrl: baseUrl as never }));
      expect(error.message).toMatch(/"baseUrl"/);
      expect(error.message).toMatch(/https:\/\//);
    }
    const withPassword = configError(() => createClient(tasks, { credentials: { token: 't' }, baseUrl: `https://user:${SECRET}@h.test` }));
    expect(withPassword.message).toMatch(/username or password/);
    expect(JSON.stringify(withPassword)).not.toContain(SECRET);
  });

  it('refuses a config that is not an object', () => {
    expect(configError(() => createClient(tasks, undefined as never)).message).toMatch(/createClient\(tasks\) needs a config object/);
  });

  it('catches a miscased option such as baseURL', () => {
    const error = configError(() => createClient(tasks, { credentials: { token: SECRET }, baseURL: 'http://x.test' } as never));
    expect(error.message).toMatch(/"baseURL".*"baseUrl"/);
  });

  it('refuses a bad timeoutMs', () => {
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '100', 2 ** 31]) {
      const error = configError(() => createClient(tasks, { credentials: { token: SECRET }, timeoutMs: timeoutMs as never }));
      expect(error.message).toMatch(/"timeoutMs"/);
    }
    expect(() => createClient(tasks, { credentials: { token: SECRET }, timeoutMs: false })).not.toThrow();
    expect(() => createClient(tasks, { credentials: { token: SECRET }, timeoutMs: 1 })).not.toThrow();
  });

  it('refuses mis-shaped headers, fetch, secrets, userAgent and middleware', () => {
    const credentials = { token: SECRET };
    expect(configError(() => createClient(tasks, { credentials, headers: 'x-a: b' as never })).message).toMatch(/"headers"/);
    expect(configError(() => createClient(tasks, { credentials, headers: { 'x-a': 1 as never } })).message).toMatch(/"x-a"/);
    expect(configError(() => createClient(tasks, { credentials, headers: { 'bad name': 'v' } })).message).toMatch(/"bad name"/);
    expect(configError(() => createClient(tasks, { credentials, fetch: 'fetch' as never })).message).toMatch(/"fetch"/);
    expect(configError(() => createClient(tasks, { credentials, secrets: SECRET as never })).message).toMatch(/"secrets"/);
    expect(configError(() => createClient(tasks, { credentials, userAgent: '' })).message).toMatch(/"userAgent"/);
    expect(configError(() => createClient(tasks, { credentials, middleware: [{}] as never })).message).toMatch(/"middleware\[0\]\.use"/);
  });

  it('refuses an auth strategy that is not one, and both credentials and auth', () => {
    expect(configError(() => createClient(tasks, { auth: {} as never })).message).toMatch(/"auth".*authorize/);
    expect(
      configError(() => createClient(tasks, { credentials: { token: SECRET }, auth: bearer().create({ token: 'x' }) } as never)).message,
    ).toMatch(/either "credentials" or "auth"/);
  });
});

describe('credentials are checked by the auth scheme', () => {
  const keyed = defineConnector({ name: 'keyed', baseUrl: 'https://k.test', auth: apiKey({ header: 'x-key' }), operations: {} });
  const basicAuth = defineConnector({ name: 'basicauth', baseUrl: 'https://b.test', auth: basic(), operations: {} });

  it('refuses missing credentials from plain JavaScript with a ConfigurationError, not a TypeError', () => {
    expect(configError(() => createClient(tasks, {} as never)).message).toMatch(/bearer credentials.*"token"/);
    expect(configError(() => createClient(tasks, { credentials: null } as never)).message).toMatch(/bearer credentials/);
    expect(configError(() => createClient(keyed, {} as never)).message).toMatch(/apiKey credentials.*"apiKey"/);
    expect(configError(() => createClient(basicAuth, {} as never)).message).toMatch(/basic credentials/);
  });

  it('refuses mis-shaped credentials, naming the field', () => {
    expect(configError(() => createClient(tasks, { credentials: { token: 42 } } as never)).message).toMatch(/"token"/);
    expect(configError(() => createClient(keyed, { credentials: { key: SECRET } } as never)).message).toMatch(/"apiKey"/);
    expect(configError(() => createClient(basicAuth, { credentials: { password: 'p' } } as never)).message).toMatch(/"username"/);
    expect(configError(() => createClient(basicAuth, { credentials: { username: 'a:b', password: 'p' } })).message).toMatch(/":"/);
  });

  it('refuses a secret with a line break, without repeating it', () => {
    for (const make of [
      () => createClient(tasks, { credentials: { token: `${SECRET}\n` } }),
      () => createClient(keyed, { credentials: { apiKey: `${SECRET}\r\nx-evil: 1` } }),
    ]) {
      const error = configError(make);
      expect(error.message).toMatch(/line break/);
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
    }
  });

  it('never repeats a secret in a credentials error', () => {
    const error = configError(() => createClient(keyed, { credentials: { apikey: SECRET } } as never));
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET);
  });
});
