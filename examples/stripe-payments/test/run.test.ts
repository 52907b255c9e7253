import { expect, it } from 'vitest';
import { run } from '../src/run.js';
import { DEMO_SECRETS } from '../src/setup/demo-secrets.js';

it('runs the Stripe payments demo end to end', async () => {
  const lines: string[] = [];
  const result = await run((line) => lines.push(line));
  const output = lines.join('\n');

  // The flow completed, and the decline is told apart by its fields.
  expect(result.payment).toMatchObject({ status: 'succeeded', refundStatus: 'succeeded' });
  expect(result.decline).toEqual({ status: 402, code: 'card_declined', declineCode: 'insufficient_funds' });

  // Three faults, three retries with their reasons, one key, one customer.
  expect(result.faults.retryReasons).toEqual(['server_error: 503', 'network: ECONNRESET', 'rate_limited: retry-after 1s']);
  expect(result.faults).toMatchObject({ attempts: 4, idempotencyKeys: 1, customersCreated: 1 });
  expect(output).toMatch(/retry #3 of createCustomer: rate_limited: retry-after 1s/);

  // Every event handled once; the redelivery dropped; the forgery refused.
  expect(result.webhooks.delivered).toBe(10);
  expect(result.webhooks.maxRuns).toBe(1);
  expect(result.webhooks.redeliveries).toEqual([expect.objectContaining({ type: 'payment_intent.succeeded', status: 200, duplicates: 1 })]);
  expect(result.webhooks).toMatchObject({ forgedStatus: 400, refused: 1 });
  expect(output).toContain('payment_intent.succeeded: order ord_1001 paid, $24.00');
  expect(output).toContain('payment_intent.payment_failed: email the customer (insufficient_funds)');

  // The unified flow, and its events in normalized form.
  expect(result.unified).toMatchObject({ status: 'succeeded', refundStatus: 'succeeded' });
  expect(result.unified.events).toEqual(expect.arrayContaining(['customer.created', 'payment.succeeded', 'refund.succeeded']));

  expect(output).not.toContain(DEMO_SECRETS.apiKey);
  expect(output).not.toContain(DEMO_SECRETS.webhookSecret);
});
