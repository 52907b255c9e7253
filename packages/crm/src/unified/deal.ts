import { z } from 'zod';
import type { CrmInputBase, CrmRecordBase } from './crm-record.js';

/** A deal's unified fields, each nullable. */
export interface DealFields {
  name: string | null;
  /** In the currency's units (not cents), as both CRMs store it. */
  amount: number | null;
  currency: string | null;
  pipelineId: string | null;
  /** The stage's id in its pipeline (see `pipelines.list()`). */
  stageId: string | null;
  closeDate: Date | null;
}

/** An opportunity in the CRM (HubSpot deal, Salesforce Opportunity). */
export interface Deal<C = {}> extends DealFields, CrmRecordBase<C> {}

/** What creating or updating a deal takes. */
export interface DealInput<C = {}> extends Partial<{ [K in keyof DealFields]: NonNullable<DealFields[K]> }>, CrmInputBase<C> {}

/** The unified deal fields' input schemas. */
export const DEAL_INPUT_FIELDS = {
  name: z.string().min(1),
  amount: z.number().finite(),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'should be an ISO 4217 code such as EUR' }),
  pipelineId: z.string().min(1),
  stageId: z.string().min(1),
  closeDate: z.date(),
};
