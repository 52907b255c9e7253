import type { StripeClient } from '@junction/payments/stripe';
import type { RunningSandbox } from '../setup/start-stripe-sandbox.js';

/** What one create went through. */
export interface FaultyCreate {
  customerId: string;
  /** Requests that reached the sandbox for this create. */
  attempts: number;
  /** Distinct `Idempotency-Key`s among them: 1 means every retry reused the first. */
  idempotencyKeys: number;
  /** Customers with this email in the sandbox afterwards. */
  customersCreated: number;
}

const EMAIL = 'sam.lee@example.com';

/**
 * Reliability: one `createCustomer` meets three faults in a row. The first
 * two strike *after* the sandbox made the customer, so a naive retry would
 * make a second one. The client retries with the same idempotency key, so
 * the sandbox replays its first answer instead, and waits as long as the 429
 * asks. The retry events are printed by the client's `retry` listener.
 */
export async function createDespiteFaults(
  stripe: StripeClient,
  running: RunningSandbox,
  log: (line: string) => void,
): Promise<FaultyCreate> {
  const path = '/v1/customers';
  running.server.faults.set({
    match: { method: 'POST', path },
    plan: {
      1: { kind: 'serverError', status: 503, when: 'after' },
      2: { kind: 'reset', when: 'after' },
      3: { kind: 'rateLimit', retryAfter: 1 },
    },
  });
  log(`  faults on POST ${path}: 503 after the customer is made, connection reset, 429 with Retry-After: 1`);
  const seen = running.server.requests.length;
  let customerId: string;
  try {
    customerId = (await stripe.createCustomer({ email: EMAIL, name: 'Sam Lee' })).id;
  } finally {
    running.server.faults.clear();
  }

  const attempts = running.server.requests.slice(seen).filter((r) => r.method === 'POST' && r.path === path);
  const idempotencyKeys = new Set(attempts.map((r) => r.headers['idempotency-key'])).size;
  const listed = await stripe.listCustomers({ email: EMAIL });
  const customersCreated = [...running.sandbox.state.customers.values()].filter((c) => c.email === EMAIL).length;
  log(`  created ${customerId} after ${attempts.length} attempts, all with the same Idempotency-Key (${idempotencyKeys} key)`);
  log(`  listCustomers({ email: '${EMAIL}' }) -> ${listed.data.length} customer: made once, replayed on every retry`);
  return { customerId, attempts: attempts.length, idempotencyKeys, customersCreated };
}
