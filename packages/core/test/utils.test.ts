import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { InputValidationError, isJunctionError, JunctionError } from '../src/index.js';
import { brand, hasBrand, parseInput, removeUndefined, systemCode } from '../src/utils.js';

describe('@junction/core/utils', () => {
  it('parseInput returns the parsed value, or throws the InputValidationError core throws for a call', () => {
    const schema = z.object({ amount: z.number().int(), items: z.array(z.object({ price: z.string() })) });
    expect(parseInput(schema, { amount: 5, items: [] }, 'payments.create')).toEqual({ amount: 5, items: [] });
    let error: unknown;
    try {
      parseInput(schema, { amount: 1.5, items: [{ price: 3 }] }, 'payments.create');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    const validation = error as InputValidationError;
    expect(validation.message).toMatch(/^Invalid input for payments\.create: amount: .+; items\[0\]\.price: .+\. Nothing was sent/);
    expect(validation.issues.map((i) => i.path)).toEqual([['amount'], ['items', 0, 'price']]);
  });

  it('parseInput reads a missing input as {} for an object schema, so the error names the missing field', () => {
    expect(() => parseInput(z.object({ id: z.string() }), undefined, 'crm.getContact')).toThrow(/id: /);
  });

  it('parseInput redacts with the given redactor and builds the request only for an error', () => {
    let built = 0;
    const request = () => {
      built++;
      return { method: 'POST', url: 'https://api.example/x' };
    };
    const redactor = { text: (t: string) => t.replaceAll('sk_live_1', '[redacted]'), value: <T>(v: T) => v };
    parseInput(z.string(), 'ok', 'x', { request, redactor });
    expect(built).toBe(0);
    expect(() => parseInput(z.literal('a'), 'sk_live_1', 'x', { request, redactor })).toThrow(
      expect.objectContaining({ request: { method: 'POST', url: 'https://api.example/x' } }),
    );
    expect(built).toBe(1);
  });

  it('brand and hasBrand mark an error class across copies of a package', () => {
    class QuotaError extends JunctionError {
      constructor() {
        super('quota');
        brand(this, 'QuotaError');
      }
    }
    const error = new QuotaError();
    expect(hasBrand(error, 'QuotaError')).toBe(true);
    expect(hasBrand(new JunctionError('other'), 'QuotaError')).toBe(false);
    expect(hasBrand({ ...error }, 'QuotaError')).toBe(false);
    expect(isJunctionError(error)).toBe(true);
  });

  it('removeUndefined drops undefined fields and keeps null, false and 0', () => {
    const out = removeUndefined({ a: 1, b: undefined, c: null, d: false, e: 0 as number | undefined });
    expect(out).toEqual({ a: 1, c: null, d: false, e: 0 });
    expect(Object.keys(out)).toEqual(['a', 'c', 'd', 'e']);
    expectTypeOf(out.e).toEqualTypeOf<number>();
  });

  it('systemCode finds the network code anywhere in the cause chain', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(systemCode(new TypeError('fetch failed', { cause: reset }))).toBe('UND_ERR_SOCKET');
    expect(systemCode(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe(
      'ECONNREFUSED',
    );
    expect(systemCode(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe('BAD_PORT');
    expect(systemCode(new Error('no code'))).toBeUndefined();
  });
});
