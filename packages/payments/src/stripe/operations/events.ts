import { defineOperation } from '@junction/core';
import { stripeList } from '../schemas/list.js';
import { Event } from '../schemas/objects.generated.js';
import { ListEventsParams, RetrieveEventParams } from '../schemas/params.generated.js';
import { listPages } from './paginate.js';

/** Events: https://stripe.com/docs/api/events (the last 30 days; the polling fallback for webhooks). */
export const eventOperations = {
  listEvents: defineOperation({
    method: 'GET',
    path: '/v1/events',
    input: ListEventsParams,
    output: stripeList(Event),
    paginate: listPages<Event>(),
    description: 'Lists events, newest first; filter with `types` and `created[gte]`.',
  }),
  retrieveEvent: defineOperation({
    method: 'GET',
    path: '/v1/events/{id}',
    input: RetrieveEventParams,
    output: Event,
    description: 'Retrieves an event.',
  }),
};
