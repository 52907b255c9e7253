import { filterCreated, listPage, newestFirst } from './list-page.js';
import { invalidParam, noSuch } from './sandbox-error.js';
import type { StripeHandlers } from './stripe-handler.js';

/** `payment_intent.*` matches every PaymentIntent event, as at Stripe. */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return (type) => type.startsWith(prefix);
  }
  return (type) => type === pattern;
}

/** Events: list (filters `type`, `types[]`, `created`), retrieve. */
export const eventHandlers: StripeHandlers = {
  listEvents: (params, request) => {
    const { type, types } = params;
    if (type && types) throw invalidParam('types', 'You may pass either `type` or `types`, but not both.');
    if (types && types.length > 20) throw invalidParam('types', 'You may pass up to 20 types.');
    const matchers = (types ?? (type ? [type] : [])).map(typeMatcher);
    const items = filterCreated(newestFirst(request.store.events), params.created).filter(
      (event) => matchers.length === 0 || matchers.some((match) => match(String(event.type))),
    );
    return listPage(items, params, '/v1/events');
  },

  retrieveEvent: (params, request) => {
    const found = request.store.events.find((event) => event.id === params.id);
    if (!found) throw noSuch('event', params.id);
    return found;
  },
};
