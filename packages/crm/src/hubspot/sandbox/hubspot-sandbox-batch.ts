import type { SandboxHandlers } from '@junction/testing';
import type { hubspotBatchOperations } from '../hubspot-operations-batch.js';
import type { HubspotBatchError } from '../hubspot-schemas.js';
import { objectName } from './hubspot-sandbox-responses.js';
import { type HubspotObjectStore, present, type StoredObject, UniqueConflict } from './hubspot-sandbox-store.js';

/**
 * HubSpot's batch semantics: each input handled on its own, successes in
 * `results` (with their `objectWriteTraceId`), failures in `errors` with the
 * inputs they name in `context`, and 207 when any failed (201/200 otherwise).
 */
export function batchHandlers(store: HubspotObjectStore, clock: () => number): SandboxHandlers<typeof hubspotBatchOperations> {
  const answer = (results: unknown[], errors: HubspotBatchError[], okStatus: number, startedAt: string) =>
    Response.json(
      {
        status: 'COMPLETE',
        results,
        ...(errors.length > 0 ? { errors, numErrors: errors.length } : {}),
        startedAt,
        completedAt: new Date(clock()).toISOString(),
      },
      { status: errors.length > 0 ? 207 : okStatus },
    );
  const now = () => new Date(clock()).toISOString();
  const traced = (object: StoredObject, trace: string | undefined, extra: Record<string, unknown> = {}) => ({
    ...present(object),
    ...(trace === undefined ? {} : { objectWriteTraceId: trace }),
    ...extra,
  });
  const conflictError = (error: UniqueConflict, trace: string | undefined): HubspotBatchError => ({
    status: 'error',
    category: 'CONFLICT',
    message: error.message,
    context: trace === undefined ? { ids: [error.existing.id] } : { objectWriteTraceId: [trace] },
  });
  return {
    batchCreateObjects: ({ params }) => {
      const startedAt = now();
      const results: unknown[] = [];
      const errors: HubspotBatchError[] = [];
      for (const input of params.inputs) {
        try {
          results.push(traced(store.create(params.objectType, input.properties), input.objectWriteTraceId));
        } catch (error) {
          if (!(error instanceof UniqueConflict)) throw error;
          errors.push(conflictError(error, input.objectWriteTraceId));
        }
      }
      return answer(results, errors, 201, startedAt);
    },
    batchReadObjects: ({ params }) => {
      const startedAt = now();
      const missing: string[] = [];
      const results = params.inputs.flatMap(({ id }) => {
        const object = params.archived ? store.any(params.objectType, id) : store.find(params.objectType, id, params.idProperty);
        if (!object) missing.push(id);
        return object ? [present(object, params.properties)] : [];
      });
      return answer(results, missing.length ? [notFoundError(params.objectType, missing)] : [], 200, startedAt);
    },
    batchUpdateObjects: ({ params }) => {
      const startedAt = now();
      const missing: string[] = [];
      const results: unknown[] = [];
      const errors: HubspotBatchError[] = [];
      for (const input of params.inputs) {
        const object = store.find(params.objectType, input.id, input.idProperty);
        if (!object) {
          missing.push(input.id);
          continue;
        }
        try {
          results.push(traced(store.update(object, input.properties), input.objectWriteTraceId));
        } catch (error) {
          if (!(error instanceof UniqueConflict)) throw error;
          errors.push(conflictError(error, input.objectWriteTraceId));
        }
      }
      if (missing.length) errors.push(notFoundError(params.objectType, missing));
      return answer(results, errors, 200, startedAt);
    },
    batchUpsertObjects: ({ params }) => {
      const startedAt = now();
      const results: unknown[] = [];
      const errors: HubspotBatchError[] = [];
      for (const input of params.inputs) {
        const existing = store.find(params.objectType, input.id, input.idProperty);
        try {
          const object = existing
            ? store.update(existing, input.properties)
            : store.create(params.objectType, { [input.idProperty]: input.id, ...input.properties });
          results.push(traced(object, input.objectWriteTraceId, { new: !existing }));
        } catch (error) {
          if (!(error instanceof UniqueConflict)) throw error;
          errors.push(conflictError(error, input.objectWriteTraceId));
        }
      }
      return answer(results, errors, 200, startedAt);
    },
    batchArchiveObjects: ({ params }) => {
      for (const { id } of params.inputs) {
        const object = store.find(params.objectType, id);
        if (object) store.archive(object);
      }
      return new Response(null, { status: 204 });
    },
  };
}

function notFoundError(objectType: string, ids: string[]): HubspotBatchError {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${objectName(objectType)} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
  };
}
