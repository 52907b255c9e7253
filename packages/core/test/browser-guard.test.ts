// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createClient, defineConnector, isConfigurationError, noAuth } from '../src/index.js';
import { tasks } from './support/tasks-connector.js';

describe('in a browser', () => {
  it('runs in a DOM environment', () => {
    expect(typeof window.document.createElement).toBe('function');
  });

  it('refuses a client holding a secret credential, without showing it', () => {
    const error = (() => {
      try {
        createClient(tasks, { credentials: { token: 'tok_browser_secret_1' } });
      } catch (e) {
        return e;
      }
    })();
    expect(isConfigurationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/in a browser.*dangerouslyAllowBrowser/s);
    expect(JSON.stringify(error)).not.toContain('tok_browser_secret_1');
  });

  it('allows it when the caller opts in explicitly', () => {
    expect(() => createClient(tasks, { credentials: { token: 'pk_public_1' }, dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it('allows connectors that hold no secret', () => {
    const open = defineConnector({ name: 'open', baseUrl: 'https://open.test', auth: noAuth(), operations: {} });
    expect(() => createClient(open, {})).not.toThrow();
  });
});
