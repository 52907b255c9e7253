import type { CrmRequestOptions } from '../unified/crm-provider.js';
import type { Pipeline } from '../unified/pipeline.js';
import type { SalesforceClient } from './salesforce-connector.js';
import { SALESFORCE_PIPELINE_ID } from './salesforce-crm-mapping.js';
import { eq, soql } from './salesforce-soql.js';

/**
 * The deal pipeline: the org's active Opportunity stages (`OpportunityStage`),
 * in their order. A stage's id is its API name, the value a deal's
 * `StageName` holds.
 */
export function salesforcePipelines(client: SalesforceClient) {
  return {
    async list(options?: CrmRequestOptions): Promise<Pipeline[]> {
      const q = soql
        .select(['ApiName', 'MasterLabel', 'SortOrder', 'IsClosed', 'IsWon', 'DefaultProbability'])
        .from('OpportunityStage')
        .where(eq('IsActive', true))
        .orderBy('SortOrder');
      const stages = [];
      for await (const row of client.queryRecords(q, options?.signal ? { signal: options.signal } : {})) {
        const stage = row as Record<string, unknown>;
        const probability = typeof stage.DefaultProbability === 'number' ? stage.DefaultProbability / 100 : null;
        stages.push({
          id: String(stage.ApiName),
          label: String(stage.MasterLabel ?? stage.ApiName),
          order: stages.length,
          probability,
          closed: stage.IsClosed === true,
          won: stage.IsWon === true,
        });
      }
      return [{ id: SALESFORCE_PIPELINE_ID, label: 'Opportunity stages', stages }];
    },
  };
}
