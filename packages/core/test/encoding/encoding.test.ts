import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodeRequest } from '../../src/encoding/encode-request.js';
import { defineOperation, encodeForm } from '../../src/index.js';

describe('encodeForm (Stripe-style brackets)', () => {
  it('nests objects, indexes arrays, and keeps metadata keys', () => {
    const body = encodeForm({
      customer: 'cus_1',
      amount: 2000,
      metadata: { plan: 'pro', 'order id': '42' },
      expand: ['customer', 'latest_charge'],
      line_items: [
        { price: 'price_1', quantity: 2 },
        { price: 'price_2', quantity: 1 },
      ],
      shipping: { address: { city: 'Paris', line1: '1 rue de la Paix' } },
    });
    expect(decodeURIComponent(body).split('&')).toEqual([
      'customer=cus_1',
      'amount=2000',
      'metadata[plan]=pro',
      'metadata[order id]=42',
      'expand[0]=customer',
      'expand[1]=latest_charge',
      'line_items[0][price]=price_1',
      'line_items[0][quantity]=2',
      'line_items[1][price]=price_2',
      'line_items[1][quantity]=1',
      'shipping[address][city]=Paris',
      'shipping[address][line1]=1 rue de la Paix',
    ]);
  });

  it('writes booleans as words, dates as unix seconds, unsets with empty values, and drops undefined', () => {
    const body = encodeForm({
      capture: true,
      livemode: false,
      due: new Date('2024-01-02T03:04:05Z'),
      description: '',
      metadata: { old_key: '' },
      coupon: null,
      skipped: undefined,
    });
    expect(body).toBe('capture=true&livemode=false&due=1704164645&description=&metadata[old_key]=&coupon=');
  });

  it('percent-encodes values that would break the form', () => {
    expect(encodeForm({ q: "email:'a+b@x.com' & more" })).toBe('q=email%3A%27a%2Bb%40x.com%27%20%26%20more');
  });
});

describe('encodeRequest', () => {
  const base = 'https://api.example.test/v1';

  it('fills path parameters, percent-encoded, and leaves them out of the body', () => {
    const op = defineOperation({ method: 'POST', path: '/customers/{id}', input: z.object({ id: z.string(), name: z.string() }) });
    const out = encodeRequest(base, op, { id: 'a/b c', name: 'Ada' });
    expect(out.url.href).toBe('https://api.example.test/v1/customers/a%2Fb%20c');
    expect(out).toMatchObject({ body: '{"name":"Ada"}', contentType: 'application/json' });
  });

  it('puts GET input in the query string with the same bracket encoding', () => {
    const op = defineOperation({
      method: 'GET',
      path: '/charges',
      input: z.object({ limit: z.number(), expand: z.array(z.string()), created: z.object({ gte: z.number() }) }),
    });
    const out = encodeRequest(base, op, { limit: 3, expand: ['data.customer'], created: { gte: 10 } });
    expect(decodeURIComponent(out.url.search)).toBe('?limit=3&expand[0]=data.customer&created[gte]=10');
    expect(out.body).toBeUndefined();
  });

  it('form-encodes a POST body and sends declared query parameters in the URL', () => {
    const op = defineOperation({
      method: 'POST',
      path: '/payment_intents',
      encoding: 'form',
      queryParams: ['expand'],
      input: z.object({ amount: z.number(), expand: z.array(z.string()).optional() }),
    });
    const out = encodeRequest(base, op, { amount: 500, expand: ['customer'] });
    expect(out).toMatchObject({ body: 'amount=500', contentType: 'application/x-www-form-urlencoded' });
    expect(decodeURIComponent(out.url.search)).toBe('?expand[0]=customer');
  });

  it('sends no body for a POST without input', () => {
    const op = defineOperation({
      method: 'POST',
      path: '/payment_intents/{id}/cancel',
      input: z.object({ id: z.string() }),
      encoding: 'form',
    });
    expect(encodeRequest(base, op, { id: 'pi_1' })).toMatchObject({ body: '', contentType: 'application/x-www-form-urlencoded' });
  });

  it('sends a list input as the JSON body itself (batch endpoints), and refuses one an encoding cannot carry', () => {
    const items = z.array(z.object({ to: z.string() }));
    const batch = defineOperation({ method: 'POST', path: '/emails/batch', input: items });
    expect(encodeRequest(base, batch, [{ to: 'a@example.com' }, { to: 'b@example.com' }], 'mail.sendBatch')).toMatchObject({
      body: '[{"to":"a@example.com"},{"to":"b@example.com"}]',
      contentType: 'application/json',
    });
    const form = defineOperation({ method: 'POST', path: '/emails/batch', input: items, encoding: 'form' });
    expect(() => encodeRequest(base, form, [{ to: 'a@example.com' }], 'mail.sendBatch')).toThrow(
      /mail\.sendBatch takes a list as its input, which only a JSON body can carry/,
    );
  });
});
