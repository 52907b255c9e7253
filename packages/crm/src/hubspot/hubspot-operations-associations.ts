import { defineOperation } from '@junction/core';
import { z } from 'zod';
import {
  HubspotAssociationPage,
  HubspotDefaultAssociationResult,
  HubspotId,
  HubspotObjectType,
  HubspotPipeline,
  HubspotPipelineObjectType,
  HubspotPipelineStage,
} from './hubspot-schemas.js';
import { HUBSPOT_OBJECTS_PATH, HUBSPOT_PIPELINES_PATH } from './hubspot-version.js';

// Associations v4 live under the dated object paths in 2026-03
// (`/crm/objects/2026-03/{objectType}/{objectId}/associations/...`, as HubSpot's
// 2025-09 reference shows them); pipelines under `/crm/pipelines/2026-03`.

const ASSOCIATIONS = `${HUBSPOT_OBJECTS_PATH}/{objectType}/{objectId}/associations` as const;
const PAIR = { objectType: HubspotObjectType, objectId: HubspotId, toObjectType: HubspotObjectType, toObjectId: HubspotId };

/** Associations v4 between records (contact↔company, deal↔contact, deal↔company). */
export const hubspotAssociationOperations = {
  /** Associates two records with the default (unlabelled) type. A PUT: making it twice leaves one association. */
  createDefaultAssociation: defineOperation({
    method: 'PUT',
    path: `${ASSOCIATIONS}/default/{toObjectType}/{toObjectId}`,
    input: z.object(PAIR),
    output: HubspotDefaultAssociationResult,
    description: 'Associate two records with the default association type',
  }),
  /** Lists the records of `toObjectType` associated with one record, paginated by `after`. */
  listAssociations: defineOperation({
    method: 'GET',
    path: `${ASSOCIATIONS}/{toObjectType}`,
    input: z.object({
      objectType: HubspotObjectType,
      objectId: HubspotId,
      toObjectType: HubspotObjectType,
      limit: z.number().int().min(1).max(500).optional(),
      after: z.string().optional(),
    }),
    output: HubspotAssociationPage,
    paginate: { style: 'cursor', items: (page) => page.results, nextCursor: (page) => page.paging?.next?.after, cursorParam: 'after' },
    description: "List a record's associations",
  }),
  /** Removes every association between two records (204). */
  removeAssociations: defineOperation({
    method: 'DELETE',
    path: `${ASSOCIATIONS}/{toObjectType}/{toObjectId}`,
    input: z.object(PAIR),
    description: 'Remove the associations between two records',
  }),
};

/** Deal pipelines and their stages (read only). */
export const hubspotPipelineOperations = {
  /** Every pipeline of an object type, with its stages. */
  listPipelines: defineOperation({
    method: 'GET',
    path: `${HUBSPOT_PIPELINES_PATH}/{objectType}`,
    input: z.object({ objectType: HubspotPipelineObjectType }),
    output: z.object({ results: z.array(HubspotPipeline) }),
    description: 'List pipelines',
  }),
  /** One pipeline, with its stages. */
  getPipeline: defineOperation({
    method: 'GET',
    path: `${HUBSPOT_PIPELINES_PATH}/{objectType}/{pipelineId}`,
    input: z.object({ objectType: HubspotPipelineObjectType, pipelineId: z.string().min(1) }),
    output: HubspotPipeline,
    description: 'Read a pipeline',
  }),
  /** The stages of one pipeline. */
  listPipelineStages: defineOperation({
    method: 'GET',
    path: `${HUBSPOT_PIPELINES_PATH}/{objectType}/{pipelineId}/stages`,
    input: z.object({ objectType: HubspotPipelineObjectType, pipelineId: z.string().min(1) }),
    output: z.object({ results: z.array(HubspotPipelineStage) }),
    description: "List a pipeline's stages",
  }),
};
