import type { SandboxHandlers } from '@junction/testing';
import type { hubspotObjectOperations } from '../hubspot-operations-objects.js';
import { HUBSPOT_SEARCH_MAX_LIMIT } from '../hubspot-policies.js';
import type { HubspotObjectType } from '../hubspot-schemas.js';
import { hubspotError, notFound } from './hubspot-sandbox-responses.js';
import { offsetPage, searchObjects } from './hubspot-sandbox-search.js';
import { type HubspotObjectStore, present, UniqueConflict } from './hubspot-sandbox-store.js';

/** A 409 CONFLICT as HubSpot answers a duplicate unique value, the existing id in the message. */
export function conflict(error: UniqueConflict): Response {
  return hubspotError(409, 'CONFLICT', error.message);
}

/** Property values as stored: strings, or null to clear. */
export function stored(properties: Record<string, string | null>): Record<string, string | null> {
  return properties;
}

/** The single-record, list and search handlers. */
export function objectHandlers(store: HubspotObjectStore): SandboxHandlers<typeof hubspotObjectOperations> {
  return {
    createObject: ({ params }) => {
      try {
        const object = store.create(params.objectType, stored(params.properties));
        return Response.json(present(object), { status: 201 });
      } catch (error) {
        if (error instanceof UniqueConflict) return conflict(error);
        throw error;
      }
    },
    getObject: ({ params }) => {
      const object = params.archived
        ? store.any(params.objectType, params.objectId)
        : store.find(params.objectType, params.objectId, params.idProperty);
      return object ? present(object, params.properties) : notFound(params.objectType, params.objectId);
    },
    updateObject: ({ params }) => {
      const object = store.find(params.objectType, params.objectId, params.idProperty);
      if (!object) return notFound(params.objectType, params.objectId);
      try {
        return present(store.update(object, stored(params.properties)));
      } catch (error) {
        if (error instanceof UniqueConflict) return conflict(error);
        throw error;
      }
    },
    archiveObject: ({ params }) => {
      // HubSpot answers 204 even for an id it does not have.
      const object = store.find(params.objectType, params.objectId);
      if (object) store.archive(object);
      return new Response(null, { status: 204 });
    },
    listObjects: ({ params }) => {
      const all = params.archived ? store.all(params.objectType).filter((o) => o.archived) : store.live(params.objectType);
      const page = offsetPage(all, params.limit ?? 10, params.after);
      if (!page) return badAfter(params.after);
      return pageBody(page, params.properties);
    },
    searchObjects: ({ params }) => {
      const limit = params.limit ?? 10;
      if (limit > HUBSPOT_SEARCH_MAX_LIMIT)
        return hubspotError(400, 'VALIDATION_ERROR', `limit must be at most ${HUBSPOT_SEARCH_MAX_LIMIT}`);
      const found = searchObjects(store.live(params.objectType as HubspotObjectType), params);
      const page = offsetPage(found, limit, params.after);
      if (!page) return badAfter(params.after);
      return { total: found.length, ...pageBody(page, params.properties) };
    },
  };
}

function pageBody(page: { page: Parameters<typeof present>[0][]; next?: string }, properties?: string | string[]) {
  return {
    results: page.page.map((object) => present(object, properties)),
    ...(page.next === undefined ? {} : { paging: { next: { after: page.next, link: `?after=${page.next}` } } }),
  };
}

function badAfter(after: string | undefined): Response {
  return hubspotError(400, 'VALIDATION_ERROR', `Invalid after: ${JSON.stringify(after)}`, {
    errors: [{ message: 'after must be a cursor from a previous page', in: 'after' }],
  });
}
