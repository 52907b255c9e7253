import { UnsupportedFeatureError } from '@junction/core';
import type { CrmObjectType, CrmRef } from '../unified/crm-objects.js';
import type { AssociationsApi, CrmRequestOptions } from '../unified/crm-provider.js';
import type { SalesforceClient } from './salesforce-connector.js';
import { SALESFORCE, SALESFORCE_OBJECTS } from './salesforce-crm-mapping.js';
import { and, eq, soql } from './salesforce-soql.js';

const call = (options?: CrmRequestOptions) => (options?.signal ? { signal: options.signal } : {});

// How Salesforce links two types: a lookup field on one record, or a junction object.
type Link =
  | { kind: 'lookup'; holder: CrmObjectType; field: string }
  | { kind: 'junction'; sobject: string; fields: { readonly [T in CrmObjectType]?: string } };

const LINKS: Record<string, Link> = {
  'company|contact': { kind: 'lookup', holder: 'contact', field: 'AccountId' },
  'company|deal': { kind: 'lookup', holder: 'deal', field: 'AccountId' },
  'contact|deal': { kind: 'junction', sobject: 'OpportunityContactRole', fields: { contact: 'ContactId', deal: 'OpportunityId' } },
};

function linkOf(a: CrmObjectType, b: CrmObjectType): Link {
  const link = LINKS[[a, b].sort().join('|')];
  if (!link)
    throw new UnsupportedFeatureError(
      SALESFORCE,
      `associations between ${a} and ${b}`,
      'link contacts and deals to companies, and deals to contacts',
    );
  return link;
}

/**
 * Links as Salesforce keeps them: a contact's or deal's company is its
 * `AccountId` (one each, so linking another company replaces it), and a
 * deal's contacts are `OpportunityContactRole` records.
 */
export function salesforceAssociations(client: SalesforceClient): AssociationsApi {
  const junctionWhere = (link: Extract<Link, { kind: 'junction' }>, from: CrmRef, to: CrmRef) =>
    and(eq(link.fields[from.type] as string, from.id), eq(link.fields[to.type] as string, to.id));
  return {
    async link(from, to, options) {
      const link = linkOf(from.type, to.type);
      if (link.kind === 'lookup') {
        const [holder, target] = from.type === link.holder ? [from, to] : [to, from];
        await client.updateRecord({ sobject: SALESFORCE_OBJECTS[holder.type], id: holder.id, [link.field]: target.id }, call(options));
        return;
      }
      const existing = await client.query(
        {
          q: soql
            .select(['Id'])
            .from(link.sobject)
            .where(junctionWhere(link, from, to))
            .limit(1),
        },
        call(options),
      );
      if (existing.records.length > 0) return;
      await client.createRecord(
        { sobject: link.sobject, [link.fields[from.type] as string]: from.id, [link.fields[to.type] as string]: to.id },
        call(options),
      );
    },
    async unlink(from, to, options) {
      const link = linkOf(from.type, to.type);
      if (link.kind === 'lookup') {
        const [holder, target] = from.type === link.holder ? [from, to] : [to, from];
        const q = soql
          .select(['Id'])
          .from(SALESFORCE_OBJECTS[holder.type])
          .where(and(eq('Id', holder.id), eq(link.field, target.id)));
        if ((await client.query({ q }, call(options))).records.length === 0) return;
        await client.updateRecord({ sobject: SALESFORCE_OBJECTS[holder.type], id: holder.id, [link.field]: null }, call(options));
        return;
      }
      for await (const row of client.queryRecords(
        soql
          .select(['Id'])
          .from(link.sobject)
          .where(junctionWhere(link, from, to)),
        call(options),
      )) {
        await client.deleteRecord({ sobject: link.sobject, id: String(row.Id) }, call(options));
      }
    },
    async list(from, toType, options) {
      const link = linkOf(from.type, toType);
      const ids: string[] = [];
      if (link.kind === 'lookup') {
        const q =
          from.type === link.holder
            ? soql.select([link.field]).from(SALESFORCE_OBJECTS[from.type]).where(eq('Id', from.id))
            : soql.select(['Id']).from(SALESFORCE_OBJECTS[toType]).where(eq(link.field, from.id));
        const field = from.type === link.holder ? link.field : 'Id';
        for await (const row of client.queryRecords(q, call(options))) {
          const id = (row as Record<string, unknown>)[field];
          if (typeof id === 'string' && id !== '') ids.push(id);
        }
        return ids;
      }
      const [mine, theirs] = [link.fields[from.type] as string, link.fields[toType] as string];
      for await (const row of client.queryRecords(soql.select([theirs]).from(link.sobject).where(eq(mine, from.id)), call(options))) {
        ids.push(String((row as Record<string, unknown>)[theirs]));
      }
      return ids;
    },
  };
}
