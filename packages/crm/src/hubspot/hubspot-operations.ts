import { hubspotAssociationOperations, hubspotPipelineOperations } from './hubspot-operations-associations.js';
import { hubspotBatchOperations } from './hubspot-operations-batch.js';
import { hubspotObjectOperations } from './hubspot-operations-objects.js';

/**
 * Every operation of the HubSpot connector, declared once with zod input and
 * output schemas: objects (create, get, update, archive, list, search),
 * batches, associations v4 and pipelines. The sandbox routes from the same
 * declarations.
 */
export const hubspotOperations = {
  ...hubspotObjectOperations,
  ...hubspotBatchOperations,
  ...hubspotAssociationOperations,
  ...hubspotPipelineOperations,
};
