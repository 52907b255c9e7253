import { parseInput } from '@junction/core/utils';
import { z } from 'zod';
import { COMPANY_INPUT_FIELDS } from './company.js';
import { CONTACT_INPUT_FIELDS } from './contact.js';
import type { CrmObjectType } from './crm-objects.js';
import { PassThroughProperties } from './crm-record.js';
import { type CustomFields, customValuesSchema } from './custom-fields.js';
import { DEAL_INPUT_FIELDS } from './deal.js';

const FIELDS = { contact: CONTACT_INPUT_FIELDS, company: COMPANY_INPUT_FIELDS, deal: DEAL_INPUT_FIELDS };

/** The unified fields of a record type, by name. */
export const CRM_FIELDS: { readonly [T in CrmObjectType]: readonly string[] } = {
  contact: Object.keys(CONTACT_INPUT_FIELDS),
  company: Object.keys(COMPANY_INPUT_FIELDS),
  deal: Object.keys(DEAL_INPUT_FIELDS),
};

/** A checked unified input: its unified fields, pass-through properties and custom values. */
export interface CheckedInput {
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  custom: Record<string, unknown>;
}

const schemas = new WeakMap<object, Map<CrmObjectType, z.ZodType>>();

function inputSchema(type: CrmObjectType, custom: CustomFields | undefined): z.ZodType {
  const key = custom ?? FIELDS;
  const byType = schemas.get(key) ?? new Map<CrmObjectType, z.ZodType>();
  schemas.set(key, byType);
  let schema = byType.get(type);
  if (!schema) {
    const fields = Object.fromEntries(Object.entries(FIELDS[type]).map(([name, field]) => [name, field.optional()]));
    schema = z.strictObject({
      ...fields,
      properties: PassThroughProperties.optional(),
      custom: customValuesSchema(custom?.[type]).optional(),
    });
    byType.set(type, schema);
  }
  return schema;
}

/**
 * Checks a unified input before anything is sent: unknown keys, a bad email
 * or domain, a custom value its schema refuses are core's
 * `InputValidationError`, naming the field (`custom.externalId`).
 */
export function checkInput(type: CrmObjectType, input: unknown, custom: CustomFields | undefined, where: string): CheckedInput {
  const parsed = parseInput(inputSchema(type, custom), input, where) as Record<string, unknown>;
  const { properties, custom: values, ...fields } = parsed;
  return {
    fields,
    properties: (properties as Record<string, unknown> | undefined) ?? {},
    custom: (values as Record<string, unknown> | undefined) ?? {},
  };
}
