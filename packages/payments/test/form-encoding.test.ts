import { encodeForm } from '@junction/core';
import type { LoopbackServer } from '@junction/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStripeClient, type StripeClient } from '../src/stripe/index.js';
import { decodePairs, startCaptureServer } from './support/capture-server.js';
import { type EncodingExamples, readFixture } from './support/read-fixture.js';

// Sample inputs built from Stripe's spec (MIT, stripe/openapi) by scripts/generate-stripe.ts,
// with the form fields OpenAPI's deepObject/explode style gives them.
const { examples, licence } = readFixture<EncodingExamples>('stripe-encoding-examples.json');
const byName = (pairs: [string, string][]) => [...pairs].sort(([a], [b]) => a.localeCompare(b));

let server: LoopbackServer;
let client: StripeClient;
let sdk: Stripe;

beforeAll(async () => {
  server = await startCaptureServer();
  client = createStripeClient({ apiKey: 'sk_test_encoding', baseUrl: server.url, retry: false, rateLimit: false });
  sdk = new Stripe('sk_test_encoding', {
    host: '127.0.0.1',
    port: Number(new URL(server.url).port),
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** The same call through the official SDK. */
async function callSdk(operation: string, input: Record<string, unknown>): Promise<void> {
  const params = input as never;
  switch (operation) {
    case 'createCustomer':
      return void (await sdk.customers.create(params));
    case 'updateCustomer':
      return void (await sdk.customers.update('obj_123', params));
    case 'createPaymentIntent':
      return void (await sdk.paymentIntents.create(params));
    case 'createCheckoutSession':
      return void (await sdk.checkout.sessions.create(params));
    case 'listEvents':
      return void (await sdk.events.list(params));
    case 'createPrice':
      return void (await sdk.prices.create(params));
    case 'createSubscription':
      return void (await sdk.subscriptions.create(params));
    case 'updateSubscription':
      return void (await sdk.subscriptions.update('obj_123', params));
    default:
      throw new Error(`no SDK call for ${operation}`);
  }
}

function sentFields(example: EncodingExamples['examples'][number]): string {
  const request = server.requests.at(-1);
  if (!request) throw new Error('nothing was sent');
  return example.in === 'body' ? request.body : request.query.replace(/^\?/, '');
}

describe('form encoding against examples built from the spec', () => {
  it('uses a fixture that names its source and licence', () => {
    expect(licence).toMatch(/MIT/);
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(examples)('$operation ($method $path)', (example) => {
    it('encodes nested objects, indexed arrays and metadata as deepObject fields', () => {
      expect(decodePairs(encodeForm(example.input))).toEqual(example.fields);
    });

    it('produces the very bytes stripe-node sends for the same parameters', async () => {
      await callSdk(example.operation, example.input);
      expect(sentFields(example)).toBe(encodeForm(example.input));
    });

    it(`sends every field through the client, in the ${example.in}`, async () => {
      const method = (client as unknown as Record<string, (input: unknown) => Promise<unknown>>)[example.operation];
      await method?.(example.path.includes('{') ? { id: 'obj_123', ...example.input } : example.input);
      const request = server.requests.at(-1);
      expect(request?.method).toBe(example.method);
      if (example.in === 'body') {
        expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(request?.query).toBe('');
      }
      expect(byName(decodePairs(sentFields(example)))).toEqual(byName(example.fields));
    });
  });
});

describe('Stripe encoding details', () => {
  it('sends expand in the query on GET and in the body on POST', async () => {
    await client.retrievePaymentIntent({ id: 'pi_1', expand: ['customer', 'latest_charge'] });
    const get = server.requests.at(-1);
    expect(get?.query).toBe('?expand[0]=customer&expand[1]=latest_charge');
    expect(get?.body).toBe('');
    await client.confirmPaymentIntent({ id: 'pi_1', payment_method: 'pm_card_visa', expand: ['customer'] });
    const post = server.requests.at(-1);
    expect(post?.path).toBe('/v1/payment_intents/pi_1/confirm');
    expect(post?.query).toBe('');
    expect(decodePairs(post?.body ?? '')).toEqual([
      ['expand[0]', 'customer'],
      ['payment_method', 'pm_card_visa'],
    ]);
  });

  it('unsets with an empty string: a field, one metadata key, or all metadata', async () => {
    await client.updateCustomer({ id: 'cus_1', description: '', metadata: { plan: '', tier: 'gold' } });
    expect(decodePairs(server.requests.at(-1)?.body ?? '')).toEqual([
      ['description', ''],
      ['metadata[plan]', ''],
      ['metadata[tier]', 'gold'],
    ]);
    await client.updateCustomer({ id: 'cus_1', metadata: '', address: '' });
    expect(server.requests.at(-1)?.body).toBe('address=&metadata=');
  });

  it('sends booleans as true/false and Dates as unix seconds', async () => {
    await client.createPaymentIntent({ amount: 500, currency: 'usd', confirm: false, off_session: true });
    expect(server.requests.at(-1)?.body).toBe('amount=500&confirm=false&currency=usd&off_session=true');
    await client.listEvents({ created: { gte: new Date('2024-01-02T03:04:05Z') } });
    expect(server.requests.at(-1)?.query).toBe('?created[gte]=1704164645');
  });

  it('percent-encodes the path id', async () => {
    await client.updateCustomer({ id: 'cus/../x', name: 'n' });
    expect(server.requests.at(-1)?.path).toBe('/v1/customers/cus%2F..%2Fx');
  });
});
