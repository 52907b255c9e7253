import type { SandboxHandlers } from '@junction/testing';
import type { hubspotAssociationOperations, hubspotPipelineOperations } from '../hubspot-operations-associations.js';
import type { HubspotObjectType, HubspotPipeline } from '../hubspot-schemas.js';
import { hubspotError, notFound } from './hubspot-sandbox-responses.js';
import { offsetPage } from './hubspot-sandbox-search.js';
import type { HubspotObjectStore, ObjectChange } from './hubspot-sandbox-store.js';

/**
 * HubSpot-defined ids of the default (unlabelled) association types, by
 * direction ("Association type id values", HubSpot's associations v4 guide).
 */
export const DEFAULT_ASSOCIATION_TYPE_IDS: Readonly<Record<string, number>> = {
  'contacts:companies': 279,
  'companies:contacts': 280,
  'deals:contacts': 3,
  'contacts:deals': 4,
  'deals:companies': 341,
  'companies:deals': 342,
};

/** The associations between records, both directions kept. */
export class AssociationStore {
  readonly #pairs = new Set<string>();
  all(): string[] {
    return [...this.#pairs];
  }
  add(fromType: string, fromId: string, toType: string, toId: string): boolean {
    const key = `${fromType}:${fromId}|${toType}:${toId}`;
    const had = this.#pairs.has(key);
    this.#pairs.add(key);
    this.#pairs.add(`${toType}:${toId}|${fromType}:${fromId}`);
    return !had;
  }
  remove(fromType: string, fromId: string, toType: string, toId: string): boolean {
    const had = this.#pairs.delete(`${fromType}:${fromId}|${toType}:${toId}`);
    this.#pairs.delete(`${toType}:${toId}|${fromType}:${fromId}`);
    return had;
  }
  of(fromType: string, fromId: string, toType: string): string[] {
    const prefix = `${fromType}:${fromId}|${toType}:`;
    return [...this.#pairs].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }
  clear(): void {
    this.#pairs.clear();
  }
}

/** The association handlers. */
export function associationHandlers(
  store: HubspotObjectStore,
  associations: AssociationStore,
  onChange: (change: ObjectChange) => void,
): SandboxHandlers<typeof hubspotAssociationOperations> {
  const typeId = (from: HubspotObjectType, to: HubspotObjectType) => DEFAULT_ASSOCIATION_TYPE_IDS[`${from}:${to}`];
  return {
    createDefaultAssociation: ({ params }) => {
      const { objectType, objectId, toObjectType, toObjectId } = params;
      const forward = typeId(objectType, toObjectType);
      const back = typeId(toObjectType, objectType);
      if (forward === undefined || back === undefined) {
        return hubspotError(400, 'VALIDATION_ERROR', `No default association type from ${objectType} to ${toObjectType}.`);
      }
      if (!store.find(objectType, objectId)) return notFound(objectType, objectId);
      if (!store.find(toObjectType, toObjectId)) return notFound(toObjectType, toObjectId);
      if (associations.add(objectType, objectId, toObjectType, toObjectId)) {
        onChange({ kind: 'associationChange', objectType, fromObjectId: objectId, toObjectType, toObjectId, removed: false });
      }
      const spec = (id: number) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: id });
      return {
        status: 'COMPLETE',
        results: [
          { from: { id: objectId }, to: { id: toObjectId }, associationSpec: spec(forward) },
          { from: { id: toObjectId }, to: { id: objectId }, associationSpec: spec(back) },
        ],
      };
    },
    listAssociations: ({ params }) => {
      if (!store.find(params.objectType, params.objectId)) return notFound(params.objectType, params.objectId);
      const ids = associations.of(params.objectType, params.objectId, params.toObjectType);
      const page = offsetPage(ids, params.limit ?? 500, params.after);
      if (!page) return hubspotError(400, 'VALIDATION_ERROR', `Invalid after: ${JSON.stringify(params.after)}`);
      const id = typeId(params.objectType, params.toObjectType);
      return {
        results: page.page.map((toObjectId) => ({
          toObjectId: Number(toObjectId),
          associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: id, label: null }],
        })),
        ...(page.next === undefined ? {} : { paging: { next: { after: page.next } } }),
      };
    },
    removeAssociations: ({ params }) => {
      const { objectType, objectId, toObjectType, toObjectId } = params;
      if (associations.remove(objectType, objectId, toObjectType, toObjectId)) {
        onChange({ kind: 'associationChange', objectType, fromObjectId: objectId, toObjectType, toObjectId, removed: true });
      }
      return new Response(null, { status: 204 });
    },
  };
}

/** HubSpot's default deal pipeline ("Sales Pipeline") and its stages, as a new account has them. */
export const DEFAULT_DEAL_PIPELINE: HubspotPipeline = {
  id: 'default',
  label: 'Sales Pipeline',
  displayOrder: 0,
  archived: false,
  createdAt: '1970-01-01T00:00:00Z',
  updatedAt: '1970-01-01T00:00:00Z',
  stages: [
    ['appointmentscheduled', 'Appointment Scheduled', 0.2],
    ['qualifiedtobuy', 'Qualified To Buy', 0.4],
    ['presentationscheduled', 'Presentation Scheduled', 0.6],
    ['decisionmakerboughtin', 'Decision Maker Bought-In', 0.8],
    ['contractsent', 'Contract Sent', 0.9],
    ['closedwon', 'Closed Won', 1],
    ['closedlost', 'Closed Lost', 0],
  ].map(([id, label, probability], displayOrder) => ({
    id: id as string,
    label: label as string,
    displayOrder,
    archived: false,
    metadata: { isClosed: String(id === 'closedwon' || id === 'closedlost'), probability: String(probability) },
  })),
};

/** The pipeline handlers, over the pipelines given (default: HubSpot's default deal pipeline). */
export function pipelineHandlers(
  pipelines: Readonly<Record<string, readonly HubspotPipeline[]>>,
): SandboxHandlers<typeof hubspotPipelineOperations> {
  const find = (objectType: string, id: string) => pipelines[objectType]?.find((p) => p.id === id);
  const missing = (id: string) => hubspotError(404, 'OBJECT_NOT_FOUND', `Unable to find pipeline ${id}`);
  return {
    listPipelines: ({ params }) => ({ results: pipelines[params.objectType] ?? [] }),
    getPipeline: ({ params }) => find(params.objectType, params.pipelineId) ?? missing(params.pipelineId),
    listPipelineStages: ({ params }) => {
      const pipeline = find(params.objectType, params.pipelineId);
      return pipeline ? { results: pipeline.stages } : missing(params.pipelineId);
    },
  };
}
