import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { fail } from './support/fail.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';
import { stripeNodeFor } from './support/stripe-node.js';

let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

const eventTypes = () => env.sandbox.state.events.map((event) => event.type);

describe('products and prices in the sandbox', () => {
  it('makes a product with a monthly price and a one-time price from product_data, with their events in order', async () => {
    const { stripe } = env;
    const product = await stripe.createProduct({ name: 'Pro plan', metadata: { tier: 'pro' } });
    expect(product).toMatchObject({
      id: expect.stringMatching(/^prod_/),
      object: 'product',
      name: 'Pro plan',
      active: true,
      default_price: null,
    });
    const monthly = await stripe.createPrice({
      product: product.id,
      currency: 'USD',
      unit_amount: 1500,
      recurring: { interval: 'month' },
      nickname: 'Monthly',
      lookup_key: 'pro_monthly',
    });
    expect(monthly).toMatchObject({
      id: expect.stringMatching(/^price_/),
      product: product.id,
      currency: 'usd',
      unit_amount: 1500,
      unit_amount_decimal: '1500',
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed', aggregate_usage: null, trial_period_days: null },
      nickname: 'Monthly',
      lookup_key: 'pro_monthly',
      active: true,
    });
    const setupFee = await stripe.createPrice({ product_data: { name: 'Setup fee' }, currency: 'usd', unit_amount: 5000 });
    expect(setupFee).toMatchObject({ type: 'one_time', recurring: null });
    expect(await stripe.retrieveProduct({ id: String(setupFee.product) })).toMatchObject({ name: 'Setup fee' });
    expect(eventTypes()).toEqual(['product.created', 'price.created', 'product.created', 'price.created']);
  });

  it('gives a product made with default_price_data its price as default_price', async () => {
    const product = await env.stripe.createProduct({
      name: 'Team',
      default_price_data: { currency: 'eur', unit_amount: 9900, recurring: { interval: 'year' } },
    });
    const price = await env.stripe.retrievePrice({ id: String(product.default_price) });
    expect(price).toMatchObject({ product: product.id, currency: 'eur', recurring: { interval: 'year' } });
    expect(env.sandbox.state.events[0]?.data).toMatchObject({ object: { id: product.id, default_price: price.id } });
  });

  it('updates what Stripe lets change, and refuses a new amount', async () => {
    const price = await env.stripe.createPrice({ product_data: { name: 'Seat' }, currency: 'usd', unit_amount: 800 });
    const updated = await env.stripe.updatePrice({ id: price.id, nickname: 'Seat (old)', active: false, metadata: { legacy: 'yes' } });
    expect(updated).toMatchObject({ nickname: 'Seat (old)', active: false, metadata: { legacy: 'yes' }, unit_amount: 800 });
    const event = env.sandbox.state.events.at(-1);
    expect(event).toMatchObject({ type: 'price.updated', data: { previous_attributes: { nickname: null, active: true, metadata: {} } } });
    const error = await fail(env.stripe.updatePrice({ id: price.id, unit_amount: 900 } as never));
    expect(error).toMatchObject({ status: 400, code: 'parameter_unknown', details: { param: 'unit_amount' } });

    const product = await env.stripe.updateProduct({ id: String(price.product), name: 'Seat licence', description: 'Per user' });
    expect(product).toMatchObject({ name: 'Seat licence', description: 'Per user' });
    expect(eventTypes().at(-1)).toBe('product.updated');
  });

  it('lists newest first, filtered by product, type, active and interval, across pages', async () => {
    const product = await env.stripe.createProduct({ name: 'Plans' });
    const made = [];
    for (const interval of ['month', 'year', 'month'] as const) {
      made.push(await env.stripe.createPrice({ product: product.id, currency: 'usd', unit_amount: 1000, recurring: { interval } }));
    }
    const once = await env.stripe.createPrice({ product: product.id, currency: 'usd', unit_amount: 300, active: false });
    const ids = (page: { data: { id: string }[] }) => page.data.map((price) => price.id);
    expect(ids(await env.stripe.listPrices({ product: product.id }))).toEqual([once.id, ...made.map((p) => p.id).reverse()]);
    expect(ids(await env.stripe.listPrices({ product: product.id, type: 'one_time' }))).toEqual([once.id]);
    expect(ids(await env.stripe.listPrices({ product: product.id, active: true, recurring: { interval: 'month' } }))).toEqual([
      made[2]?.id,
      made[0]?.id,
    ]);
    const first = await env.stripe.listPrices({ product: product.id, limit: 2 });
    expect(first.has_more).toBe(true);
    const rest = await env.stripe.listPrices({ product: product.id, limit: 2, starting_after: first.data[1]?.id });
    expect([...ids(first), ...ids(rest)]).toHaveLength(4);
    expect(ids(await env.stripe.listProducts({ ids: [product.id] }))).toEqual([product.id]);
  });

  it('keeps lookup keys unique, unless transfer_lookup_key moves one', async () => {
    const first = await env.stripe.createPrice({ product_data: { name: 'A' }, currency: 'usd', unit_amount: 100, lookup_key: 'standard' });
    const taken = await fail(
      env.stripe.createPrice({ product_data: { name: 'B' }, currency: 'usd', unit_amount: 200, lookup_key: 'standard' }),
    );
    expect(taken).toMatchObject({ status: 400, details: { param: 'lookup_key' } });
    expect(env.sandbox.state.products.size).toBe(1);
    const second = await env.stripe.createPrice({
      product_data: { name: 'B' },
      currency: 'usd',
      unit_amount: 200,
      lookup_key: 'standard',
      transfer_lookup_key: true,
    });
    expect((await env.stripe.listPrices({ lookup_keys: ['standard'] })).data.map((p) => p.id)).toEqual([second.id]);
    expect(await env.stripe.retrievePrice({ id: first.id })).toMatchObject({ lookup_key: null });
  });

  it("answers Stripe's errors: unknown product (404), bad interval (400 with the param), missing price", async () => {
    const missing = await fail(env.stripe.createPrice({ product: 'prod_missing', currency: 'usd', unit_amount: 100 }));
    expect(missing).toMatchObject({ status: 404, code: 'resource_missing', details: { param: 'product' } });
    expect(missing.message).toContain("No such product: 'prod_missing'");
    const interval = await fail(
      env.stripe.createPrice({ product_data: { name: 'X' }, currency: 'usd', unit_amount: 100, recurring: { interval: 'fortnight' } }),
    );
    expect(interval).toMatchObject({ status: 400, type: 'invalid_request_error', details: { param: 'recurring[interval]' } });
    expect(interval.message).toContain('must be one of day, month, week, or year');
    expect(env.sandbox.state.products.size).toBe(0);
    const count = await fail(
      env.stripe.createProduct({
        name: 'Y',
        default_price_data: { currency: 'usd', unit_amount: 1, recurring: { interval: 'month', interval_count: 13 } },
      }),
    );
    expect(count).toMatchObject({ status: 400, details: { param: 'default_price_data[recurring][interval_count]' } });
    expect(await fail(env.stripe.retrievePrice({ id: 'price_missing' }))).toMatchObject({ status: 404, code: 'resource_missing' });
  });

  it("still knows the sample line item's price", async () => {
    const [sampleId] = [...env.sandbox.state.prices.keys()];
    expect(await env.stripe.retrievePrice({ id: String(sampleId) })).toMatchObject({ id: sampleId, object: 'price' });
  });

  it("answers stripe-node with objects it reads as Stripe's", async () => {
    const sdk = stripeNodeFor(env);
    const price = await sdk.prices.create({
      currency: 'usd',
      unit_amount: 2500,
      recurring: { interval: 'week', interval_count: 2 },
      product_data: { name: 'Fortnightly box' },
      expand: ['product'],
    });
    expect(price.recurring).toMatchObject({ interval: 'week', interval_count: 2 });
    expect((price.product as Stripe.Product).name).toBe('Fortnightly box');
    const products = await sdk.products.list({ limit: 1 });
    expect(products.data[0]?.id).toBe((price.product as Stripe.Product).id);
    const missing = await sdk.products.retrieve('prod_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
