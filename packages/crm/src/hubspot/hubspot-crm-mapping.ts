import type { CrmObjectType } from '../unified/crm-objects.js';
import type { CrmFilter, CrmSort, FilterValue } from '../unified/crm-query.js';
import { type CustomFields, customName, readCustomValues, writeCustomValues } from '../unified/custom-fields.js';
import type { Pipeline } from '../unified/pipeline.js';
import type { HubspotFilter, HubspotObject, HubspotObjectType, HubspotPipeline } from './hubspot-schemas.js';

/** The provider name custom fields are declared under. */
export const HUBSPOT = 'hubspot';

/** HubSpot's name for each unified record type. */
export const HUBSPOT_TYPES: { readonly [T in CrmObjectType]: HubspotObjectType } = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
};

/** Each unified field's HubSpot property (HubSpot's default properties of the type). */
export const HUBSPOT_FIELDS: { readonly [T in CrmObjectType]: Readonly<Record<string, string>> } = {
  contact: {
    email: 'email',
    firstName: 'firstname',
    lastName: 'lastname',
    phone: 'phone',
    jobTitle: 'jobtitle',
    createdAt: 'createdate',
    updatedAt: 'lastmodifieddate',
  },
  company: {
    name: 'name',
    domain: 'domain',
    industry: 'industry',
    phone: 'phone',
    createdAt: 'createdate',
    updatedAt: 'hs_lastmodifieddate',
  },
  deal: {
    name: 'dealname',
    amount: 'amount',
    currency: 'deal_currency_code',
    pipelineId: 'pipeline',
    stageId: 'dealstage',
    closeDate: 'closedate',
    createdAt: 'createdate',
    updatedAt: 'hs_lastmodifieddate',
  },
};

const NUMBERS = new Set(['amount']);
const DATES = new Set(['closeDate', 'createdAt', 'updatedAt']);

/** The properties to ask HubSpot for: the unified ones and your custom ones (HubSpot sends only a few by default). */
export function hubspotProperties(type: CrmObjectType, custom: CustomFields | undefined): string[] {
  const names = Object.values(HUBSPOT_FIELDS[type]);
  for (const field of Object.values(custom?.[type] ?? {})) {
    const name = field.names[HUBSPOT];
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** A HubSpot property (or unified field, or custom key) by the name a unified search uses. */
export function hubspotPropertyOf(type: CrmObjectType, field: string, custom: CustomFields | undefined): string {
  return HUBSPOT_FIELDS[type][field] ?? customName(custom?.[type], HUBSPOT, field);
}

/** A unified record from HubSpot's: values are text at HubSpot, so numbers and dates are read back. */
export function fromHubspot(type: CrmObjectType, object: HubspotObject, custom: CustomFields | undefined): Record<string, unknown> {
  const props = object.properties;
  const record: Record<string, unknown> = { id: object.id };
  for (const [field, property] of Object.entries(HUBSPOT_FIELDS[type])) {
    if (field === 'createdAt' || field === 'updatedAt') continue;
    const value = props[property] ?? null;
    record[field] = value === null || value === '' ? null : NUMBERS.has(field) ? Number(value) : DATES.has(field) ? new Date(value) : value;
  }
  record.createdAt = object.createdAt ? new Date(object.createdAt) : null;
  record.updatedAt = object.updatedAt ? new Date(object.updatedAt) : null;
  record.properties = { ...props };
  record.custom = readCustomValues(custom?.[type], HUBSPOT, props);
  record.raw = object;
  return record;
}

/** HubSpot properties from a checked unified input: fields by their property names, pass-through ones as given, custom ones by their HubSpot names. */
export function toHubspotProperties(
  type: CrmObjectType,
  input: { fields: Record<string, unknown>; properties: Record<string, unknown>; custom: Record<string, unknown> },
  custom: CustomFields | undefined,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [field, value] of Object.entries(input.fields)) {
    const property = HUBSPOT_FIELDS[type][field];
    if (property !== undefined && value !== undefined) out[property] = text(value);
  }
  for (const [name, value] of Object.entries({ ...input.properties, ...writeCustomValues(custom?.[type], HUBSPOT, input.custom) })) {
    out[name] = value === null ? null : text(value);
  }
  return out;
}

function text(value: unknown): string | number | boolean {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const OPERATORS = { eq: 'EQ', neq: 'NEQ', contains: 'CONTAINS_TOKEN', gt: 'GT', gte: 'GTE', lt: 'LT', lte: 'LTE', in: 'IN' } as const;

// HubSpot compares dates as epoch milliseconds, and takes every value as text.
const filterValue = (value: FilterValue) => (value instanceof Date ? String(value.getTime()) : String(value));

/** Unified filters as one HubSpot filter group (its filters are AND-ed). */
export function hubspotFilters(type: CrmObjectType, filters: readonly CrmFilter[], custom: CustomFields | undefined): HubspotFilter[] {
  return filters.map((filter) => {
    const propertyName = hubspotPropertyOf(type, filter.field, custom);
    if (filter.op === 'in') return { propertyName, operator: 'IN', values: filter.value.map(String) };
    return { propertyName, operator: OPERATORS[filter.op], value: filterValue(filter.value) };
  });
}

/** A unified sort as HubSpot's. */
export function hubspotSort(type: CrmObjectType, sort: CrmSort, custom: CustomFields | undefined) {
  return {
    propertyName: hubspotPropertyOf(type, sort.field, custom),
    direction: sort.direction === 'desc' ? ('DESCENDING' as const) : ('ASCENDING' as const),
  };
}

/** A HubSpot pipeline as a unified one: stages in display order; closed and won from the stage's metadata. */
export function fromHubspotPipeline(pipeline: HubspotPipeline): Pipeline {
  const stages = [...pipeline.stages].filter((stage) => !stage.archived).sort((a, b) => a.displayOrder - b.displayOrder);
  return {
    id: pipeline.id,
    label: pipeline.label,
    stages: stages.map((stage, order) => {
      const probability = stage.metadata?.probability === undefined ? null : Number(stage.metadata.probability);
      const closed = String(stage.metadata?.isClosed ?? 'false') === 'true';
      return { id: stage.id, label: stage.label, order, probability, closed, won: closed && probability === 1 };
    }),
  };
}
