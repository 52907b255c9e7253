import { z } from 'zod';
import type { CrmInputBase, CrmRecordBase } from './crm-record.js';

/** A company's unified fields, each nullable. */
export interface CompanyFields {
  name: string | null;
  /** The web domain (`example.com`): the natural key companies are matched on. */
  domain: string | null;
  industry: string | null;
  phone: string | null;
}

/** An organization in the CRM (HubSpot company, Salesforce Account). */
export interface Company<C = {}> extends CompanyFields, CrmRecordBase<C> {}

/** What creating or updating a company takes. */
export interface CompanyInput<C = {}> extends Partial<{ [K in keyof CompanyFields]: NonNullable<CompanyFields[K]> }>, CrmInputBase<C> {}

/** The unified company fields' input schemas. */
export const COMPANY_INPUT_FIELDS = {
  name: z.string().min(1),
  domain: z
    .string()
    .regex(/^(?!https?:)[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'should be a bare domain such as example.com (no scheme or path)' }),
  industry: z.string(),
  phone: z.string(),
};
