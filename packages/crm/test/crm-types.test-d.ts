import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type Contact, type CrmProvider, defineCustomFields } from '../src/index.js';

const fields = defineCustomFields({
  contact: { externalId: { schema: z.string(), names: { hubspot: 'app_user_id', salesforce: 'App_User_Id__c' } } },
  deal: { seats: { schema: z.number(), names: { hubspot: 'seats', salesforce: 'Seats__c' } } },
});
declare const crm: CrmProvider<typeof fields>;
declare const plain: CrmProvider;

describe('unified CRM types', () => {
  it('types declared custom fields on every record, and only those', async () => {
    const contact = await crm.contacts.create({ email: 'jo@example.com', custom: { externalId: 'u_1' } });
    expectTypeOf(contact.custom.externalId).toEqualTypeOf<string | undefined>();
    const deal = await crm.deals.create({ name: 'Big one', custom: { seats: 40 } });
    expectTypeOf(deal.custom.seats).toEqualTypeOf<number | undefined>();
    // @ts-expect-error seats is a number
    await crm.deals.create({ custom: { seats: 'forty' } });
    // @ts-expect-error no such custom field on contacts
    await crm.contacts.create({ custom: { seats: 1 } });
    expectTypeOf((await plain.contacts.get('1'))?.custom).toEqualTypeOf<{} | undefined>();
  });

  it('upserts on a unique key the type has: email for contacts, domain for companies, or a custom field', async () => {
    await crm.contacts.upsert({ email: 'jo@example.com' }, 'email');
    await crm.contacts.upsert({ custom: { externalId: 'u_1' } }, 'externalId');
    await crm.companies.upsert({ domain: 'example.com' }, 'domain');
    // @ts-expect-error contacts are not matched on domain
    await crm.contacts.upsert({ email: 'jo@example.com' }, 'domain');
    // @ts-expect-error deals have no natural key: declare a custom one
    await crm.deals.upsert({ name: 'x' }, 'name');
  });

  it('searches on fields, dates and custom fields, with values an operator takes', async () => {
    await crm.contacts.search({
      filters: [{ field: 'email', op: 'eq', value: 'jo@example.com' }],
      sorts: [{ field: 'updatedAt', direction: 'desc' }],
    });
    await crm.contacts.search({ filters: [{ field: 'externalId', op: 'in', value: ['u_1', 'u_2'] }] });
    // @ts-expect-error amount is a deal field
    await crm.contacts.search({ filters: [{ field: 'amount', op: 'gt', value: 3 }] });
    // @ts-expect-error `in` takes a list
    await crm.deals.search({ filters: [{ field: 'stageId', op: 'in', value: 'won' }] });
    expectTypeOf((await crm.contacts.list()).items).toEqualTypeOf<Contact<(typeof fields)['contact']>[]>();
  });
});
