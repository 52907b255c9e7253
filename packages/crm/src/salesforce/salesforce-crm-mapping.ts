import { UnsupportedFeatureError } from '@junction/core';
import type { CheckedInput } from '../unified/crm-input.js';
import type { CrmObjectType } from '../unified/crm-objects.js';
import type { CrmFilter } from '../unified/crm-query.js';
import { type CustomFields, customName, readCustomValues, writeCustomValues } from '../unified/custom-fields.js';
import { salesforceTime } from './salesforce-poll.js';
import type { SalesforceRecord } from './salesforce-schemas.js';
import { eq, gt, gte, isIn, like, lt, lte, ne, type SoqlCondition, SoqlDate, type SoqlValue } from './salesforce-soql.js';

/** The provider name custom fields are declared under. */
export const SALESFORCE = 'salesforce';

/** The one deal pipeline a Salesforce org has for the unified interface: its Opportunity stages. */
export const SALESFORCE_PIPELINE_ID = 'default';

/** Salesforce's object for each unified record type. */
export const SALESFORCE_OBJECTS: { readonly [T in CrmObjectType]: string } = {
  contact: 'Contact',
  company: 'Account',
  deal: 'Opportunity',
};

/** Each unified field's Salesforce field. `currency` is only in multi-currency orgs; a deal's pipeline is implied. */
export const SALESFORCE_FIELDS: { readonly [T in CrmObjectType]: Readonly<Record<string, string>> } = {
  contact: {
    email: 'Email',
    firstName: 'FirstName',
    lastName: 'LastName',
    phone: 'Phone',
    jobTitle: 'Title',
    createdAt: 'CreatedDate',
    updatedAt: 'SystemModstamp',
  },
  company: { name: 'Name', domain: 'Website', industry: 'Industry', phone: 'Phone', createdAt: 'CreatedDate', updatedAt: 'SystemModstamp' },
  deal: {
    name: 'Name',
    amount: 'Amount',
    currency: 'CurrencyIsoCode',
    stageId: 'StageName',
    closeDate: 'CloseDate',
    createdAt: 'CreatedDate',
    updatedAt: 'SystemModstamp',
  },
};

/** What the adapter needs to know of the org. */
export interface SalesforceOrgOptions {
  custom: CustomFields | undefined;
  /** The org has multi-currency on (`CurrencyIsoCode` exists). */
  multiCurrency: boolean;
}

const skipped = (type: CrmObjectType, field: string, org: SalesforceOrgOptions) =>
  type === 'deal' && field === 'currency' && !org.multiCurrency;

/** The fields to select: `Id`, the unified ones and your custom ones. */
export function salesforceFields(type: CrmObjectType, org: SalesforceOrgOptions): string[] {
  const names = new Set(['Id']);
  for (const [field, name] of Object.entries(SALESFORCE_FIELDS[type])) if (!skipped(type, field, org)) names.add(name);
  for (const field of Object.values(org.custom?.[type] ?? {})) {
    const name = field.names[SALESFORCE];
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/** The Salesforce field a unified search names: a unified field, a date, or a custom key. */
export function salesforceFieldOf(type: CrmObjectType, field: string, org: SalesforceOrgOptions): string {
  if (skipped(type, field, org)) throw noCurrency();
  return SALESFORCE_FIELDS[type][field] ?? customName(org.custom?.[type], SALESFORCE, field);
}

// A Website as the bare domain the unified model holds: no scheme, `www.` or path.
const domainOf = (website: string) =>
  website
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();

/** A unified record from Salesforce's. */
export function fromSalesforce(type: CrmObjectType, record: SalesforceRecord, org: SalesforceOrgOptions): Record<string, unknown> {
  const fields = record as Record<string, unknown>;
  const out: Record<string, unknown> = { id: record.Id };
  for (const [field, name] of Object.entries(SALESFORCE_FIELDS[type])) {
    if (field === 'createdAt' || field === 'updatedAt') continue;
    const value = fields[name] ?? null;
    out[field] =
      value === null
        ? null
        : field === 'closeDate'
          ? new Date(`${String(value)}T00:00:00Z`)
          : field === 'domain'
            ? domainOf(String(value))
            : value;
  }
  if (type === 'deal') out.pipelineId = SALESFORCE_PIPELINE_ID;
  out.createdAt = typeof fields.CreatedDate === 'string' ? salesforceTime(fields.CreatedDate) : null;
  out.updatedAt = typeof fields.SystemModstamp === 'string' ? salesforceTime(fields.SystemModstamp) : null;
  const { attributes: _attributes, ...properties } = fields;
  out.properties = properties;
  out.custom = readCustomValues(org.custom?.[type], SALESFORCE, fields);
  out.raw = record;
  return out;
}

/** Salesforce fields from a checked unified input. */
export function toSalesforceFields(type: CrmObjectType, input: CheckedInput, org: SalesforceOrgOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input.fields)) {
    if (value === undefined) continue;
    if (field === 'pipelineId') {
      if (value !== SALESFORCE_PIPELINE_ID) {
        throw new UnsupportedFeatureError(
          SALESFORCE,
          `deal pipeline "${String(value)}"`,
          `Salesforce deals have one pipeline here: use "${SALESFORCE_PIPELINE_ID}"`,
        );
      }
      continue;
    }
    if (skipped(type, field, org)) throw noCurrency();
    out[SALESFORCE_FIELDS[type][field] as string] = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  return { ...out, ...input.properties, ...writeCustomValues(org.custom?.[type], SALESFORCE, input.custom) };
}

function noCurrency(): UnsupportedFeatureError {
  return new UnsupportedFeatureError(
    SALESFORCE,
    'deal currency',
    'a deal has a currency only in multi-currency orgs: pass { multiCurrency: true } if yours is one',
  );
}

const literal = (type: CrmObjectType, field: string, value: SoqlValue): SoqlValue =>
  type === 'deal' && field === 'closeDate' && value instanceof Date ? new SoqlDate(value.toISOString().slice(0, 10)) : value;

const COMPARE = { eq, neq: ne, gt, gte, lt, lte } as const;

/** A unified filter as a SOQL condition (values always literals). */
export function salesforceCondition(type: CrmObjectType, filter: CrmFilter, org: SalesforceOrgOptions): SoqlCondition {
  const name = salesforceFieldOf(type, filter.field, org);
  if (filter.op === 'in')
    return isIn(
      name,
      filter.value.map((v) => literal(type, filter.field, v)),
    );
  if (filter.op === 'contains') return like(name, `%${String(filter.value)}%`);
  return COMPARE[filter.op](name, literal(type, filter.field, filter.value));
}
