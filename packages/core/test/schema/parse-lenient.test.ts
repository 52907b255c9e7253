import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseLenient } from '../../src/index.js';
import { openEnum } from '../../src/utils.js';

const Customer = z.strictObject({
  id: z.string(),
  email: z.string().nullable().optional(),
  status: openEnum(['active', 'closed']),
  address: z.object({ city: z.string() }).optional(),
  tags: z.array(z.object({ name: z.string() })),
  metadata: z.record(z.string(), z.string()),
});

const body = () => ({
  added_last_month: { deep: [1, 2] },
  id: 'cus_1',
  status: 'suspended',
  address: { city: 'Paris', postcode: '75001' },
  tags: [{ name: 'vip', colour: 'gold' }],
  metadata: { plan: 'pro' },
});

describe('parseLenient', () => {
  it('returns a payload its schema cannot change as it came: unknown keys at every depth, their order, no copy', () => {
    const data = body();
    const result = parseLenient(Customer, data);
    expect(result.success).toBe(true);
    expect(result.data).toBe(data);
    expect(Object.keys(result.data ?? {})).toEqual(['added_last_month', 'id', 'status', 'address', 'tags', 'metadata']);
    expect(result.data).toEqual(body());
  });

  it('still refuses what the schema refuses, with zod issues', () => {
    const result = parseLenient(Customer, { ...body(), tags: [{ colour: 'gold' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['tags', 0, 'name']);
  });

  it('applies transforms, defaults and coercion, keeping unknown keys like lenient()', () => {
    const Priced = z.object({
      amount: z.coerce.number(),
      currency: z.string().transform((c) => c.toUpperCase()),
      live: z.boolean().default(false),
      line: z.object({ id: z.string() }),
    });
    const result = parseLenient(Priced, { amount: '12', currency: 'eur', line: { id: 'li_1', extra: true }, other: 1 });
    expect(result.data).toEqual({ amount: 12, currency: 'EUR', live: false, line: { id: 'li_1', extra: true }, other: 1 });
  });

  it('reads a schema used in two places in place too (a shared address is no cycle)', () => {
    const address = z.object({ city: z.string() });
    const schema = z.object({ billing: address, shipping: address.nullable() });
    const data = { billing: { city: 'Paris', zip: '75001' }, shipping: null, extra: 1 };
    expect(parseLenient(schema, data).data).toBe(data);
  });

  it('applies checks that overwrite a value (trim, toLowerCase), so the output is never the raw input', () => {
    const schema = z.object({ email: z.string().trim().toLowerCase(), count: z.number().int() });
    const result = parseLenient(schema, { email: '  Ana@Example.COM ', count: 2, extra: true });
    expect(result.data).toEqual({ email: 'ana@example.com', count: 2, extra: true });
  });

  it('keeps refinements on objects working', () => {
    const Range = z.object({ from: z.number(), to: z.number() }).refine((r) => r.from <= r.to, 'from must not pass to');
    expect(parseLenient(Range, { from: 1, to: 2, step: 1 }).data).toEqual({ from: 1, to: 2, step: 1 });
    expect(parseLenient(Range, { from: 3, to: 2 }).success).toBe(false);
  });

  it('reads discriminated unions of strict objects without refusing added keys', () => {
    const Event = z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('a'), a: z.string() }),
      z.strictObject({ type: z.literal('b'), b: z.number() }),
    ]);
    const data = { type: 'b', b: 2, added: 'x' };
    expect(parseLenient(Event, data).data).toBe(data);
  });
});
