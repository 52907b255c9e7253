import { ConfigurationError } from '@junction/core';
import { z } from 'zod';
import type { CrmObjectType } from './crm-objects.js';

/**
 * One custom field, declared once for every provider: its schema, and its
 * name at each provider (`{ hubspot: 'favorite_color', salesforce: 'Favorite_Color__c' }`).
 */
export interface CustomField<T = unknown> {
  schema: z.ZodType<T>;
  /** The property's name at each provider, by provider name. A provider not listed does not have the field. */
  names: Readonly<Record<string, string>>;
}

/** Your custom fields, by record type. */
export type CustomFields = { readonly [T in CrmObjectType]?: Readonly<Record<string, CustomField>> };

/** The typed values of a record type's custom fields (each optional: a record may not have it set). */
export type CustomValues<M> = { [K in keyof M]?: M[K] extends CustomField<infer T> ? T : never };

/** The custom fields of type `T` in the declaration `C`, or none. */
export type CustomOf<C extends CustomFields, T extends CrmObjectType> = C[T] extends Readonly<Record<string, CustomField>> ? C[T] : {};

/**
 * Declares your custom fields once, with their names at each provider, so
 * every adapter reads and writes them typed: `contact.custom.favoriteColor`
 * is a `string | undefined` on HubSpot and Salesforce alike.
 *
 * @example
 * const fields = defineCustomFields({
 *   contact: { externalId: { schema: z.string(), names: { hubspot: 'app_user_id', salesforce: 'App_User_Id__c' } } },
 * });
 * const crm = hubspotCrm(client, { customFields: fields });
 */
export function defineCustomFields<const C extends CustomFields>(fields: C): C {
  return fields;
}

/**
 * A record type's custom values read from provider properties, each checked
 * by its schema; a text value (HubSpot stores every property as text) is
 * also tried as the JSON it spells (`"7"` → 7, `"true"` → true). A value that
 * fails is left out rather than handed over mistyped.
 */
export function readCustomValues(
  fields: Readonly<Record<string, CustomField>> | undefined,
  provider: string,
  properties: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields ?? {})) {
    const name = field.names[provider];
    if (name === undefined || properties[name] === undefined || properties[name] === null) continue;
    const parsed = field.schema.safeParse(properties[name]);
    if (parsed.success) values[key] = parsed.data;
    else if (typeof properties[name] === 'string') {
      const read = field.schema.safeParse(jsonOf(properties[name]));
      if (read.success) values[key] = read.data;
    }
  }
  return values;
}

/** The schema of a record type's custom values: each declared field optional, any other key refused. */
export function customValuesSchema(fields: Readonly<Record<string, CustomField>> | undefined): z.ZodType<Record<string, unknown>> {
  const shape = Object.fromEntries(Object.entries(fields ?? {}).map(([key, field]) => [key, field.schema.optional()]));
  return z.strictObject(shape);
}

/** Checked custom values as the provider's properties, by its names. */
export function writeCustomValues(
  fields: Readonly<Record<string, CustomField>> | undefined,
  provider: string,
  values: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined) continue;
    properties[customName(fields, provider, key)] = value;
  }
  return properties;
}

/** A custom field's name at `provider`; a field without one is a `ConfigurationError` saying what to add. */
export function customName(fields: Readonly<Record<string, CustomField>> | undefined, provider: string, key: string): string {
  const name = fields?.[key]?.names[provider];
  if (name === undefined) {
    throw new ConfigurationError(
      fields?.[key]
        ? `The custom field "${key}" has no name for ${provider}: add names.${provider} to its declaration.`
        : `"${key}" is not a declared custom field: declare it with defineCustomFields and pass it as customFields.`,
    );
  }
  return name;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
