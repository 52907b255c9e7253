import { describe, expect, it } from 'vitest';
import { SALESFORCE_DATA_PATH } from '../src/salesforce/index.js';
import { authorizedClient, useSalesforceSandbox } from './salesforce-support.js';

describe('sObject Collections against the sandbox', () => {
  const env = useSalesforceSandbox();
  const collectionCalls = () =>
    env.sandbox.servers.instances[0]?.requests.filter((r) => r.path.startsWith(`${SALESFORCE_DATA_PATH}/composite/sobjects`)) ?? [];

  it('upserts 1,000 records in 5 calls of 200, with per-item results in order and a partial failure; a second run creates nothing', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const records = Array.from({ length: 1000 }, (_, i) => ({
      External_Id__c: `ext-${i}`,
      // Record 417 lacks its required LastName: it fails alone.
      ...(i === 417 ? {} : { LastName: `Last ${i}` }),
    }));
    env.sandbox.servers.instances[0]?.requests.splice(0);

    const first = await client.upsertMany('Contact', 'External_Id__c', records);

    const calls = collectionCalls();
    expect(calls.map((c) => [c.method, c.path])).toEqual(
      Array.from({ length: 5 }, () => ['PATCH', `${SALESFORCE_DATA_PATH}/composite/sobjects/Contact/External_Id__c`]),
    );
    expect(calls.map((c) => (JSON.parse(c.body) as { records: unknown[] }).records.length)).toEqual([200, 200, 200, 200, 200]);
    const sent = JSON.parse(calls[0]?.body ?? '{}') as { allOrNone: boolean; records: Record<string, unknown>[] };
    expect(sent.allOrNone).toBe(false);
    expect(sent.records[0]).toEqual({ External_Id__c: 'ext-0', LastName: 'Last 0', attributes: { type: 'Contact' } });

    expect(first).toHaveLength(1000);
    expect(first.filter((r) => !r.success)).toEqual([
      {
        id: null,
        success: false,
        errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }],
      },
    ]);
    expect(first[417]?.success).toBe(false);
    expect(first.filter((r) => r.created === true)).toHaveLength(999);
    // In order: result i is record i.
    const idOf418 = first[418]?.id as string;
    expect(env.sandbox.records.find(idOf418)?.record.External_Id__c).toBe('ext-418');
    expect(env.sandbox.records.table('Contact').size).toBe(999);

    const second = await client.upsertMany('Contact', 'External_Id__c', records);

    expect(env.sandbox.records.table('Contact').size).toBe(999);
    expect(second.filter((r) => r.created === true)).toHaveLength(0);
    expect(second.filter((r) => r.success && r.created === false)).toHaveLength(999);
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
  });

  it('creates with partial failures (a missing required field, DUPLICATE_VALUE), each result at its record', async () => {
    const { client } = await authorizedClient(env.sandbox);
    await client.createRecord({ sobject: 'Contact', LastName: 'Taken', External_Id__c: 'taken' });

    const results = await client.createMany('Contact', [
      { LastName: 'Ok' },
      { Email: 'no-name@example.com' },
      { LastName: 'Dup', External_Id__c: 'taken' },
    ]);

    expect(results.map((r) => [r.success, r.errors[0]?.statusCode])).toEqual([
      [true, undefined],
      [false, 'REQUIRED_FIELD_MISSING'],
      [false, 'DUPLICATE_VALUE'],
    ]);
    expect(env.sandbox.records.table('Contact').size).toBe(2);
  });

  it('rolls every record back with allOrNone when one fails', async () => {
    const { client } = await authorizedClient(env.sandbox);

    const results = await client.createMany('Account', [{ Name: 'A' }, { Website: 'b.example' }, { Name: 'C' }], { allOrNone: true });

    expect(results.map((r) => [r.success, r.errors[0]?.statusCode])).toEqual([
      [false, 'ALL_OR_NONE_OPERATION_ROLLED_BACK'],
      [false, 'REQUIRED_FIELD_MISSING'],
      [false, 'ALL_OR_NONE_OPERATION_ROLLED_BACK'],
    ]);
    expect(env.sandbox.records.table('Account').size).toBe(0);
    expect(JSON.parse(collectionCalls().at(-1)?.body ?? '{}')).toMatchObject({ allOrNone: true });
  });

  it('updates and deletes in collections', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const created = await client.createMany('Account', [{ Name: 'A' }, { Name: 'B' }]);
    const ids = created.map((r) => r.id as string);

    const updated = await client.updateMany('Account', [
      { Id: ids[0] as string, Name: 'A2' },
      { Id: '001000000000000AAA', Name: 'nobody' },
    ]);
    const deleted = await client.deleteMany(ids);

    expect(updated.map((r) => r.success)).toEqual([true, false]);
    expect(updated[1]?.errors[0]?.statusCode).toBe('NOT_FOUND');
    expect(deleted.map((r) => r.success)).toEqual([true, true]);
    const del = collectionCalls().at(-1);
    expect([del?.method, new URLSearchParams(del?.query).get('ids')]).toEqual(['DELETE', ids.join(',')]);
  });
});
