import { ListEventsParams, RetrieveEventParams } from '../stripe-params.generated.js';
import { text } from './coerce.js';
import { knownParams } from './known-params.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import type { Route } from './route.js';
import { invalidParam, noSuch } from './sandbox-error.js';

/** `payment_intent.*` matches every PaymentIntent event, as at Stripe. */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return (type) => type.startsWith(prefix);
  }
  return (type) => type === pattern;
}

/** Events: list (filters `type`, `types[]`, `created`), retrieve. */
export const eventRoutes: Route[] = [
  {
    method: 'get',
    path: '/v1/events',
    known: knownParams(ListEventsParams),
    handle: (request) => {
      const { params } = request;
      const type = text(params, 'type');
      const types = Array.isArray(params.types) ? params.types.map(String) : undefined;
      if (type && types) throw invalidParam('types', 'You may pass either `type` or `types`, but not both.');
      if (types && types.length > 20) throw invalidParam('types', 'You may pass up to 20 types.');
      const matchers = (types ?? (type ? [type] : [])).map(typeMatcher);
      const items = filterCreated(newestFirst(request.store.events), params).filter(
        (event) => matchers.length === 0 || matchers.some((match) => match(String(event.type))),
      );
      return listPage(items, params, '/v1/events');
    },
  },
  {
    method: 'get',
    path: '/v1/events/:id',
    known: knownParams(RetrieveEventParams),
    handle: (request) => {
      const id = request.path.id ?? '';
      const found = request.store.events.find((event) => event.id === id);
      if (!found) throw noSuch('event', id);
      return found;
    },
  },
];
