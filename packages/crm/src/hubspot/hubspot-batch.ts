import { type CallOptions, ConfigurationError } from '@junction/core';
import type { z } from 'zod';
import type { HubspotClient } from './hubspot-connector.js';
import { HUBSPOT_BATCH_MAX } from './hubspot-policies.js';
import type {
  HubspotBatchError,
  HubspotCreateInput,
  HubspotIdInput,
  HubspotObject,
  HubspotObjectType,
  HubspotUpdateInput,
  HubspotUpsertedObject,
  HubspotUpsertInput,
} from './hubspot-schemas.js';

/** The batch actions {@link hubspotBatch} splits. */
export type HubspotBatchAction = 'create' | 'read' | 'update' | 'upsert' | 'archive';

/** One input of each batch action, as the batch operations take it. */
export interface HubspotBatchInputs {
  create: z.input<typeof HubspotCreateInput>;
  read: z.input<typeof HubspotIdInput>;
  update: z.input<typeof HubspotUpdateInput>;
  upsert: z.input<typeof HubspotUpsertInput>;
  archive: z.input<typeof HubspotIdInput>;
}

/** What each action's results are. */
export interface HubspotBatchResults {
  create: HubspotObject;
  read: HubspotObject;
  update: HubspotObject;
  upsert: HubspotUpsertedObject;
  archive: never;
}

/** One input's error: `index` is its place in the list given (undefined when HubSpot's error names no input). */
export interface HubspotBatchItemError {
  index: number | undefined;
  /** HubSpot's per-item error, or for a call that failed as a whole (`category` `REQUEST_FAILED`, `NOT_SENT`), one made from it. */
  error: HubspotBatchError;
  /** The thrown error, when the whole call of this input's chunk failed. */
  cause?: unknown;
}

/** The merged outcome of every chunk, each result and error carrying the index of its input. */
export interface HubspotBatchOutcome<T> {
  /** Results in input order; `index` is undefined only when HubSpot's result matches no input. */
  results: { index: number | undefined; result: T }[];
  errors: HubspotBatchItemError[];
  /** Calls made. */
  calls: number;
}

/** Options for {@link hubspotBatch}. */
export interface HubspotBatchOptions<A extends HubspotBatchAction> {
  objectType: HubspotObjectType;
  inputs: readonly HubspotBatchInputs[A][];
  /** For `read`: the properties to return, and the unique property the ids are values of. */
  properties?: string[];
  idProperty?: string;
  /** Inputs per call; at most (and default) 100. */
  chunkSize?: number;
}

const OPERATION = {
  create: 'batchCreateObjects',
  read: 'batchReadObjects',
  update: 'batchUpdateObjects',
  upsert: 'batchUpsertObjects',
  archive: 'batchArchiveObjects',
} as const;

/**
 * Runs a batch action over any number of inputs: split into calls of 100
 * (250 → 100, 100, 50), one after another (each within the rate limits), with
 * every result and per-item error (a 207's `errors[]`) mapped back to the
 * index of its input. Writes are matched by an `objectWriteTraceId` (the
 * input's own, or its index), reads and archives by id. If a call fails as a
 * whole, its inputs get a `REQUEST_FAILED` error and later chunks are not
 * sent (`NOT_SENT`): nothing is repeated blindly. Rerunning an `upsert` is safe.
 */
export async function hubspotBatch<A extends HubspotBatchAction>(
  client: Pick<HubspotClient, (typeof OPERATION)[HubspotBatchAction]>,
  action: A,
  options: HubspotBatchOptions<A>,
  callOptions?: CallOptions,
): Promise<HubspotBatchOutcome<HubspotBatchResults[A]>> {
  const size = options.chunkSize ?? HUBSPOT_BATCH_MAX;
  if (!Number.isInteger(size) || size < 1 || size > HUBSPOT_BATCH_MAX) {
    throw new ConfigurationError(`\`chunkSize\` must be a whole number from 1 to ${HUBSPOT_BATCH_MAX} (got ${size}).`);
  }
  const traced = action === 'create' || action === 'update' || action === 'upsert';
  const inputs: HubspotBatchInputs[A][] = options.inputs.map((input, index) =>
    traced ? { objectWriteTraceId: String(index), ...input } : input,
  );
  const byTrace = new Map<string, number>();
  const byId = new Map<string, number[]>();
  inputs.forEach((input, index) => {
    const trace = (input as { objectWriteTraceId?: string }).objectWriteTraceId;
    if (trace !== undefined) byTrace.set(trace, index);
    const id = (input as { id?: string }).id;
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), index]);
  });
  const outcome: HubspotBatchOutcome<HubspotBatchResults[A]> = { results: [], errors: [], calls: 0 };
  for (let start = 0; start < inputs.length; start += size) {
    const chunk = inputs.slice(start, start + size);
    const indices = chunk.map((_, i) => start + i);
    let answer: { results?: readonly unknown[]; errors?: readonly HubspotBatchError[] } | undefined;
    try {
      outcome.calls += 1;
      answer = await call(client, action, options, chunk, callOptions);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown }).code;
      const category = typeof code === 'string' ? code : 'REQUEST_FAILED';
      for (const index of indices) outcome.errors.push({ index, error: { status: 'error', category, message }, cause: error });
      for (let index = start + size; index < inputs.length; index++) {
        outcome.errors.push({ index, error: { status: 'error', category: 'NOT_SENT', message: 'Not sent: an earlier chunk failed.' } });
      }
      break;
    }
    for (const result of answer?.results ?? []) {
      const { id, objectWriteTraceId } = result as { id?: string; objectWriteTraceId?: string };
      const index =
        (objectWriteTraceId === undefined ? undefined : byTrace.get(objectWriteTraceId)) ??
        (id === undefined ? undefined : byId.get(id)?.[0]);
      outcome.results.push({ index, result: result as HubspotBatchResults[A] });
    }
    for (const error of answer?.errors ?? []) {
      const named = errorIndices(error, byTrace, byId);
      if (named.length === 0) outcome.errors.push({ index: undefined, error });
      for (const index of named) outcome.errors.push({ index, error });
    }
  }
  const order = (a: { index: number | undefined }, b: { index: number | undefined }) =>
    (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER);
  outcome.results.sort(order);
  outcome.errors.sort(order);
  return outcome;
}

/** The inputs a HubSpot batch error names in its `context` (`objectWriteTraceId`, `ids`, or any list of input ids). */
function errorIndices(error: HubspotBatchError, byTrace: Map<string, number>, byId: Map<string, number[]>): number[] {
  const context = error.context ?? {};
  const traced = (context.objectWriteTraceId ?? []).flatMap((trace) => {
    const index = byTrace.get(trace);
    return index === undefined ? [] : [index];
  });
  if (traced.length > 0) return traced;
  const ids = Object.entries(context)
    .filter(([key]) => key !== 'objectWriteTraceId')
    .flatMap(([, values]) => values);
  return [...new Set(ids.flatMap((id) => byId.get(id) ?? []))];
}

async function call<A extends HubspotBatchAction>(
  client: Pick<HubspotClient, (typeof OPERATION)[HubspotBatchAction]>,
  action: A,
  options: HubspotBatchOptions<A>,
  chunk: HubspotBatchInputs[A][],
  callOptions: CallOptions | undefined,
): Promise<{ results?: readonly unknown[]; errors?: readonly HubspotBatchError[] } | undefined> {
  const objectType = options.objectType;
  switch (action) {
    case 'create':
      return client.batchCreateObjects({ objectType, inputs: chunk as HubspotBatchInputs['create'][] }, callOptions);
    case 'read':
      return client.batchReadObjects(
        {
          objectType,
          inputs: chunk as HubspotBatchInputs['read'][],
          ...(options.properties ? { properties: options.properties } : {}),
          ...(options.idProperty ? { idProperty: options.idProperty } : {}),
        },
        callOptions,
      );
    case 'update':
      return client.batchUpdateObjects({ objectType, inputs: chunk as HubspotBatchInputs['update'][] }, callOptions);
    case 'upsert':
      return client.batchUpsertObjects({ objectType, inputs: chunk as HubspotBatchInputs['upsert'][] }, callOptions);
    default:
      await client.batchArchiveObjects({ objectType, inputs: chunk as HubspotBatchInputs['archive'][] }, callOptions);
      return undefined;
  }
}
