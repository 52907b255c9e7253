import { z } from 'zod';
import {
  bearer,
  defineConnector,
  defineOperation,
  type IdempotencyPolicy,
  type RateLimitPolicy,
  type RetryPolicy,
} from '../../../src/index.js';

/** The base URL msw handlers answer on. */
export const BASE = 'https://acme.example.test';
/** The bearer token every test client uses. */
export const TOKEN = 'tok_acme_secret_1234';

const Thing = z.record(z.string(), z.unknown());

const operations = {
  getThing: defineOperation({ method: 'GET', path: '/things/{id}', input: z.object({ id: z.string() }), output: Thing }),
  createThing: defineOperation({ method: 'POST', path: '/things', input: z.object({ name: z.string() }), output: Thing }),
  updateThing: defineOperation({
    method: 'PATCH',
    path: '/things/{id}',
    input: z.object({ id: z.string(), name: z.string() }),
    output: Thing,
  }),
  replaceThing: defineOperation({
    method: 'PUT',
    path: '/things/{id}',
    input: z.object({ id: z.string(), name: z.string() }),
    output: Thing,
  }),
  deleteThing: defineOperation({ method: 'DELETE', path: '/things/{id}', input: z.object({ id: z.string() }) }),
  /** A POST that is safe to repeat (an upsert on the caller's id), declared so. */
  upsertThing: defineOperation({
    method: 'POST',
    path: '/things/upsert',
    input: z.object({ id: z.string(), name: z.string() }),
    output: Thing,
    idempotent: true,
  }),
  /** A PUT that is not safe to repeat, declared so. */
  chargeThing: defineOperation({
    method: 'PUT',
    path: '/things/{id}/charge',
    input: z.object({ id: z.string(), amount: z.number() }),
    output: Thing,
    idempotent: false,
  }),
};

/** A small custom connector, with whatever policies a test needs. */
export function acme(policies: { retry?: RetryPolicy; rateLimit?: RateLimitPolicy; idempotency?: IdempotencyPolicy } = {}) {
  return defineConnector({ name: 'acme', baseUrl: BASE, auth: bearer(), operations, ...policies });
}

/** How a provider that honours idempotency keys declares it (the fake servers dedupe on this header). */
export const KEYED: IdempotencyPolicy = { header: 'Idempotency-Key' };

/** Retry numbers small enough for tests that do not care about the waits. */
export const FAST = { minDelayMs: 1, maxDelayMs: 20 } as const;
