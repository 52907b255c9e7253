import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/memory-idempotency-store.js';
import { createWebhookReceiver } from '../../src/webhooks/index.js';
import { paymentSucceeded, paymentsWebhooks, SECRET } from './support/payments-webhooks.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// A provider that redelivers for 3 days, received with a store whose own TTL is 1 day.
const threeDayWebhooks = { ...paymentsWebhooks, redeliveryMs: 3 * DAY };

afterEach(() => {
  vi.useRealTimers();
});

/** Dispatches the same event now and again `laterMs` after, returning the second outcome. */
async function redeliveredAfter(receiver: ReturnType<typeof createWebhookReceiver<typeof threeDayWebhooks>>, laterMs: number) {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) });
  const event = paymentSucceeded('evt_late');
  const delivery = { id: event.id, type: event.type, payload: event };
  expect(await receiver.dispatch(delivery)).toBe('handled');
  vi.setSystemTime(Date.now() + laterMs);
  return receiver.dispatch(delivery);
}

describe("a receiver remembers handled ids for the provider's redelivery window", () => {
  it('by default: a redelivery 2 days later is a duplicate although the store forgets after 1 day', async () => {
    const receiver = createWebhookReceiver(threeDayWebhooks, {
      secrets: { secret: SECRET },
      store: createMemoryIdempotencyStore({ ttlMs: DAY }),
    });
    expect(await redeliveredAfter(receiver, 2 * DAY)).toBe('duplicate');
  });

  it('for that window, not forever: past it the id is forgotten', async () => {
    const receiver = createWebhookReceiver(threeDayWebhooks, { secrets: { secret: SECRET } });
    expect(await redeliveredAfter(receiver, 3 * DAY + 1)).toBe('handled');
  });

  it('an explicit ttlMs wins over the declared window', async () => {
    const receiver = createWebhookReceiver(threeDayWebhooks, { secrets: { secret: SECRET }, ttlMs: HOUR });
    expect(await redeliveredAfter(receiver, 2 * HOUR)).toBe('handled');
  });

  it("without a declared window, the store's TTL applies", async () => {
    const receiver = createWebhookReceiver(paymentsWebhooks, {
      secrets: { secret: SECRET },
      store: createMemoryIdempotencyStore({ ttlMs: DAY }),
    });
    expect(await redeliveredAfter(receiver, 2 * DAY)).toBe('handled');
  });
});
