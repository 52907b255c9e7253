import { advanceClock } from './billing-cycle.js';
import { DAY } from './billing-time.js';
import { unixSeconds } from './clock.js';
import { listPage, newestFirst } from './list-page.js';
import { fromTemplate } from './object-template.js';
import { invalidParam, noSuch } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

/** The test clock `id` of a request, which must exist. */
function testClockOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.testClocks.get(id);
  if (!found) throw noSuch('test clock', id, param);
  return found;
}

/**
 * Test clocks: create, retrieve, list, delete (with the customers on it and
 * their objects) and advance, which runs the billing lifecycle of the
 * clock's customers up to the new time (see `advanceClock`). The answer to
 * an advance is the clock `advancing`, as Stripe's; by the time it is read
 * again the sandbox has finished and it is `ready`.
 */
export const testClockHandlers: StripeHandlers = {
  createTestClock: (params, request, runtime) => {
    const clock: StripeObject = {
      ...fromTemplate('test_helpers.test_clock'),
      id: runtime.ids.next('clock'),
      created: runtime.now(),
      // Stripe deletes a test clock, and what is on it, 30 days after it is made.
      deletes_after: runtime.now() + 30 * DAY,
      frozen_time: unixSeconds(params.frozen_time),
      livemode: false,
      name: params.name ?? null,
      status: 'ready',
      status_details: {},
    };
    request.store.testClocks.set(clock.id, clock);
    runtime.events.record(request, 'test_helpers.test_clock.created', clock);
    return clock;
  },

  retrieveTestClock: (params, request) => testClockOf(request, params.id),

  listTestClocks: (params, request) => listPage(newestFirst(request.store.testClocks.values()), params, '/v1/test_helpers/test_clocks'),

  deleteTestClock: (params, request, runtime) => {
    const clock = testClockOf(request, params.id);
    const store = request.store;
    for (const collection of [store.invoices, store.subscriptions, store.customers]) {
      for (const object of [...collection.values()]) if (object.test_clock === clock.id) collection.delete(object.id);
    }
    store.testClocks.delete(clock.id);
    runtime.events.record(request, 'test_helpers.test_clock.deleted', clock);
    return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
  },

  advanceTestClock: (params, request, runtime) => {
    const clock = testClockOf(request, params.id);
    const to = unixSeconds(params.frozen_time);
    if (to <= Number(clock.frozen_time)) {
      throw invalidParam('frozen_time', "The frozen_time must be after the test clock's current frozen time.", 'parameter_invalid_integer');
    }
    clock.status = 'advancing';
    runtime.events.record(request, 'test_helpers.test_clock.advancing', clock);
    const answer = { ...structuredClone(clock), frozen_time: to };
    advanceClock(request, runtime, clock, to);
    clock.status = 'ready';
    runtime.events.record(request, 'test_helpers.test_clock.ready', clock);
    return answer;
  },
};
