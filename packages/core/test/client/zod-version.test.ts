import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient, defineConnector, defineOperation, isConfigurationError, noAuth, type Schema } from '../../src/index.js';
import { SUPPORTED_ZOD } from '../../src/schema/check-schema.js';

/** What a zod 3 schema looks like to Junction: `_def` and `safeParse`, but no `_zod`. */
const zod3Object = {
  _def: { typeName: 'ZodObject', shape: () => ({}) },
  safeParse: () => ({ success: true, data: {} }),
  parse: (value: unknown) => value,
} as unknown as Schema;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('schemas from an unsupported zod', () => {
  it('are refused by defineConnector with a ConfigurationError that names zod 3 and the supported range', () => {
    for (const slot of ['input', 'output'] as const) {
      const error = thrown(() =>
        defineConnector({
          name: 'old',
          baseUrl: 'https://old.test',
          auth: noAuth(),
          operations: { getThing: defineOperation({ method: 'POST', path: '/thing', [slot]: zod3Object }) },
        }),
      );
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toMatch(new RegExp(`operation "getThing": the ${slot} schema is a zod 3 schema`));
      expect((error as Error).message).toMatch(/zod \^4/);
    }
  });

  it('are refused by createClient for a connector written as a plain object', () => {
    const connector = {
      name: 'plain',
      baseUrl: 'https://plain.test',
      auth: noAuth(),
      operations: { getThing: { method: 'GET' as const, path: '/thing', output: zod3Object } },
    };
    expect(() => createClient(connector, {})).toThrow(/zod 3 schema/);
  });

  it('are refused by request() before anything is sent', async () => {
    const client = createClient(defineConnector({ name: 'raw', baseUrl: 'https://raw.test', auth: noAuth(), operations: {} }), {});
    await expect(client.request({ method: 'GET', path: '/x', output: zod3Object })).rejects.toThrow(/zod 3 schema/);
  });

  it('say when a schema is not zod at all', () => {
    const op = defineOperation({ method: 'GET', path: '/thing', output: { parse: () => 1 } as unknown as Schema });
    expect(() => defineConnector({ name: 'other', baseUrl: 'https://o.test', auth: noAuth(), operations: { op } })).toThrow(
      /is not a zod schema/,
    );
  });

  it('accept zod 4 schemas', () => {
    const op = defineOperation({ method: 'GET', path: '/thing', input: z.object({ a: z.string().optional() }), output: z.string() });
    expect(() => defineConnector({ name: 'ok', baseUrl: 'https://ok.test', auth: noAuth(), operations: { op } })).not.toThrow();
  });
});

describe('the zod peer dependency', () => {
  it('is the range the error messages name, and zod is not a dependency of its own', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.peerDependencies?.zod).toBe(SUPPORTED_ZOD);
    expect(pkg.dependencies?.zod).toBeUndefined();
  });
});
