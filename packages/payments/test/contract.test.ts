import type { AnyOperation } from '@junction/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { STRIPE_API_VERSION, stripeConnector } from '../src/stripe/index.js';
import { readFixture, type StripeContract } from './support/read-fixture.js';

// Extracted from Stripe's OpenAPI spec (MIT, stripe/openapi) by scripts/generate-stripe.ts.
const contract = readFixture<StripeContract>('stripe-contract.json');
const operations = Object.entries(stripeConnector.operations) as [string, AnyOperation][];

// Path templates compared by shape: our `{id}` stands for the spec's `{customer}`, `{intent}`…
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

function specFor(operation: AnyOperation) {
  const found = Object.entries(contract.operations).find(
    ([key]) => key.split(' ')[0] === operation.method && shape(key.split(' ')[1] ?? '') === shape(operation.path),
  );
  return found?.[1];
}

function inputFields(operation: AnyOperation): Record<string, z.ZodType> {
  return ((operation.input as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {}) as Record<string, z.ZodType>;
}

describe('the Stripe connector against the Stripe spec', () => {
  it('reads a fixture that names its source and licence', () => {
    expect(contract.licence).toMatch(/MIT/);
    expect(contract.source).toMatch(/stripe\/openapi/);
    expect(contract.apiVersion).toBe(STRIPE_API_VERSION);
  });

  it.each(operations)('%s: the method and path exist in the spec', (_name, operation) => {
    const spec = specFor(operation);
    expect(spec, `${operation.method} ${operation.path} is not in the spec`).toBeDefined();
    const ours = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    expect(ours.length).toBe(spec?.path.length);
    // Every path parameter is called `id` in the input, whatever the spec calls it.
    for (const name of ours) expect(name).toBe('id');
  });

  it.each(operations)('%s: every parameter name exists in the spec, and required ones are required', (_name, operation) => {
    const spec = specFor(operation);
    if (!spec) throw new Error('not in the spec');
    const post = operation.method === 'POST';
    const allowed = post ? spec.body : spec.query;
    const required = post ? spec.requiredBody : spec.requiredQuery;
    const fields = inputFields(operation);
    // `id` is the path parameter where the path has one; elsewhere (createProduct) it is a body field like any other.
    const names = Object.keys(fields).filter((name) => name !== 'id' || !operation.path.includes('{id}'));
    for (const name of names) expect(allowed, `${name} is not a parameter of ${operation.method} ${operation.path}`).toContain(name);
    // The schemas are generated from the spec, so nothing it lists is missing.
    expect(names.sort()).toEqual([...allowed].sort());
    for (const name of required) expect(fields[name]?.safeParse(undefined).success, `${name} must be required`).toBe(false);
    for (const name of names.filter((n) => !required.includes(n))) expect(fields[name]?.safeParse(undefined).success).toBe(true);
  });

  it.each(operations)('%s: POST bodies are form-encoded and never marked safe to repeat without a key', (_name, operation) => {
    if (operation.method !== 'POST') return;
    expect(operation.encoding).toBe('form');
    expect(operation.idempotent).not.toBe(true);
  });

  it('declares an operation for every endpoint the brief names', () => {
    const declared = new Set(operations.map(([, o]) => `${o.method} ${shape(o.path)}`));
    const wanted = [
      'POST /v1/customers',
      'GET /v1/customers/{customer}',
      'POST /v1/customers/{customer}',
      'GET /v1/customers',
      'GET /v1/customers/search',
      'POST /v1/payment_intents',
      'GET /v1/payment_intents/{intent}',
      'POST /v1/payment_intents/{intent}',
      'GET /v1/payment_intents',
      'POST /v1/payment_intents/{intent}/confirm',
      'POST /v1/payment_intents/{intent}/capture',
      'POST /v1/payment_intents/{intent}/cancel',
      'POST /v1/refunds',
      'GET /v1/refunds/{refund}',
      'POST /v1/checkout/sessions',
      'GET /v1/checkout/sessions/{session}',
      'POST /v1/checkout/sessions/{session}/expire',
      'GET /v1/checkout/sessions/{session}/line_items',
      'GET /v1/events',
      'GET /v1/events/{id}',
      'POST /v1/products',
      'GET /v1/products/{id}',
      'POST /v1/products/{id}',
      'GET /v1/products',
      'POST /v1/prices',
      'GET /v1/prices/{price}',
      'POST /v1/prices/{price}',
      'GET /v1/prices',
      'POST /v1/subscriptions',
      'GET /v1/subscriptions/{subscription_exposed_id}',
      'POST /v1/subscriptions/{subscription_exposed_id}',
      'DELETE /v1/subscriptions/{subscription_exposed_id}',
      'POST /v1/subscriptions/{subscription}/resume',
      'GET /v1/subscriptions',
      'GET /v1/invoices/{invoice}',
      'GET /v1/invoices',
      'POST /v1/invoices/{invoice}/pay',
      'POST /v1/invoices/{invoice}/void',
      'POST /v1/invoices/{invoice}/finalize',
      'GET /v1/invoices/upcoming',
      'POST /v1/setup_intents',
      'GET /v1/setup_intents/{intent}',
      'GET /v1/setup_intents',
      'POST /v1/payment_methods/{payment_method}/attach',
      'POST /v1/payment_methods/{payment_method}/detach',
      'GET /v1/payment_methods',
      'POST /v1/billing_portal/sessions',
      'POST /v1/test_helpers/test_clocks',
      'POST /v1/test_helpers/test_clocks/{test_clock}/advance',
    ];
    for (const key of wanted) {
      expect(contract.operations[key], `${key} missing from the fixture`).toBeDefined();
      const [method, path] = key.split(' ') as [string, string];
      expect(declared).toContain(`${method} ${shape(path)}`);
    }
  });
});
