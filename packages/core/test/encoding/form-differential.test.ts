import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/index.js';

// What core used before it wrote the encoder itself: qs, with brackets kept literal.
function withQs(value: Record<string, unknown>): string {
  return qs
    .stringify(value, { arrayFormat: 'indices', serializeDate: (date: Date) => String(Math.floor(date.getTime() / 1000)) })
    .replaceAll('%5B', '[')
    .replaceAll('%5D', ']');
}

// A small seeded generator, so a failure names a case that can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const TEXTS = ['', 'plain', 'a b', 'a+b', 'ä ö ü', '日本', '😀', "it's (fine)!*", '100%', 'x&y=z', 'a[b]', '[0]', '~-._', '\n\t', '#?/'];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 8 : 11));
  const text = TEXTS[Math.floor(next() * TEXTS.length)] as string;
  switch (pick) {
    case 0:
      return text;
    case 1:
      return Math.floor(next() * 2000) - 1000;
    case 2:
      return next() * 10;
    case 3:
      return next() > 0.5;
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return new Date(Math.floor(next() * 2e12));
    case 7:
      return BigInt(Math.floor(next() * 1e6));
    case 8:
    case 9:
      return record(next, depth + 1);
    default:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  }
}

function record(next: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const size = Math.floor(next() * 5);
  for (let i = 0; i < size; i++) out[TEXTS[Math.floor(next() * TEXTS.length)] || `k${i}`] = value(next, depth);
  return out;
}

describe('encodeForm against qs (the encoder it replaces)', () => {
  it('gives the same string for 2,000 generated values: nesting, arrays, dates, null, undefined, empty containers, unicode', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const input = record(random(seed), 0);
      expect(encodeForm(input), `seed ${seed}: ${JSON.stringify(input, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`).toBe(
        withQs(input),
      );
    }
  });

  it('gives the same string for the shapes Stripe bodies use', () => {
    const body = {
      customer: 'cus_1',
      items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2' }],
      metadata: { plan: 'pro', note: '' },
      expand: ['latest_invoice.payment_intent'],
      trial_end: new Date('2026-12-01T00:00:00Z'),
      cancel_at_period_end: false,
      description: null,
      coupon: undefined,
    };
    expect(encodeForm(body)).toBe(withQs(body));
  });
});
