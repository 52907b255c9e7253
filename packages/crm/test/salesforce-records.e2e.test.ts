import { isApiError, isInputValidationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { isSalesforceError, SALESFORCE_DATA_PATH, salesforceFieldIssues } from '../src/salesforce/index.js';
import { authorizedClient, useSalesforceSandbox } from './salesforce-support.js';

describe('sObject rows against the sandbox', () => {
  const env = useSalesforceSandbox();
  const dataRequests = () => env.sandbox.servers.instances[0]?.requests.filter((r) => r.path.startsWith(SALESFORCE_DATA_PATH)) ?? [];

  it('creates, reads, updates and deletes with the documented request shapes and answers', async () => {
    const { client } = await authorizedClient(env.sandbox);
    env.sandbox.servers.instances[0]?.requests.splice(0);

    const created = await client.createRecord({ sobject: 'Contact', LastName: 'Doe', Email: 'jane@example.com' });
    expect(created).toEqual({ id: expect.stringMatching(/^003[a-zA-Z0-9]{15}$/), success: true, errors: [] });
    const id = created.id as string;

    const read = await client.getRecord({ sobject: 'Contact', id, fields: ['Id', 'LastName', 'Email'] });
    expect(read).toMatchObject({ attributes: { type: 'Contact' }, Id: id, LastName: 'Doe', Email: 'jane@example.com' });

    expect(await client.updateRecord({ sobject: 'Contact', id, Email: 'jane.doe@example.com' })).toBeUndefined();
    expect(env.sandbox.records.find(id)?.record.Email).toBe('jane.doe@example.com');
    expect(await client.deleteRecord({ sobject: 'Contact', id })).toBeUndefined();
    expect(env.sandbox.records.find(id)?.record.IsDeleted).toBe(true);

    const shapes = dataRequests().map((r) => [r.method, r.path, r.query, r.body]);
    expect(shapes).toEqual([
      ['POST', `${SALESFORCE_DATA_PATH}/sobjects/Contact`, '', JSON.stringify({ LastName: 'Doe', Email: 'jane@example.com' })],
      ['GET', `${SALESFORCE_DATA_PATH}/sobjects/Contact/${id}`, '?fields=Id%2CLastName%2CEmail', ''],
      ['PATCH', `${SALESFORCE_DATA_PATH}/sobjects/Contact/${id}`, '', JSON.stringify({ Email: 'jane.doe@example.com' })],
      ['DELETE', `${SALESFORCE_DATA_PATH}/sobjects/Contact/${id}`, '', ''],
    ]);
    expect(dataRequests().every((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('upserts by external id: 201 created, then 200 updated, one record', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const first = await client.upsertRecord({
      sobject: 'Contact',
      externalIdField: 'External_Id__c',
      externalId: 'ext-1',
      LastName: 'One',
    });
    const second = await client.upsertRecord({
      sobject: 'Contact',
      externalIdField: 'External_Id__c',
      externalId: 'ext-1',
      LastName: 'Uno',
    });

    expect(first).toMatchObject({ success: true, created: true });
    expect(second).toMatchObject({ id: first?.id, success: true, created: false });
    expect(env.sandbox.records.table('Contact').size).toBe(1);
    expect(
      dataRequests()
        .slice(-2)
        .map((r) => [r.method, r.path, r.status]),
    ).toEqual([
      ['PATCH', `${SALESFORCE_DATA_PATH}/sobjects/Contact/External_Id__c/ext-1`, 201],
      ['PATCH', `${SALESFORCE_DATA_PATH}/sobjects/Contact/External_Id__c/ext-1`, 200],
    ]);
  });

  it('maps a REQUIRED_FIELD_MISSING answer onto ApiError with the field as an issue', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const error = await client.createRecord({ sobject: 'Contact', Email: 'x@example.com' }).catch((e: unknown) => e);

    expect(isSalesforceError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'REQUIRED_FIELD_MISSING', retryable: false });
    expect(isApiError(error) && salesforceFieldIssues(error)).toEqual([
      { path: ['LastName'], message: 'Required fields are missing: [LastName]', code: 'REQUIRED_FIELD_MISSING' },
    ]);
  });

  it('answers NOT_FOUND (404) for a missing record and DUPLICATE_VALUE for a taken external id', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const missing = await client.getRecord({ sobject: 'Contact', id: '003000000000000AAA' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    await client.createRecord({ sobject: 'Contact', LastName: 'A', External_Id__c: 'dup' });
    const dup = await client.createRecord({ sobject: 'Contact', LastName: 'B', External_Id__c: 'dup' }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ status: 400, code: 'DUPLICATE_VALUE' });
  });

  it('refuses bad object and field names before sending anything', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const before = dataRequests().length;
    const bad = await client.getRecord({ sobject: 'Contact/../../x', id: '003000000000000AAA' }).catch((e: unknown) => e);
    const badFields = await client
      .getRecord({ sobject: 'Contact', id: '003000000000000AAA', fields: ['Id,Password'] })
      .catch((e: unknown) => e);
    expect(isInputValidationError(bad)).toBe(true);
    expect(isInputValidationError(badFields)).toBe(true);
    expect(dataRequests().length).toBe(before);
  });

  it('lists records updated and deleted between two times', async () => {
    let now = Date.parse('2026-06-01T10:00:00Z');
    const clocked = await import('../src/salesforce/sandbox/index.js').then((m) =>
      m.startSalesforceSandbox({ now: () => now, instances: 1 }),
    );
    try {
      const { client } = await authorizedClient(clocked);
      const a = await client.createRecord({ sobject: 'Account', Name: 'Early' });
      now += 60_000;
      const b = await client.createRecord({ sobject: 'Account', Name: 'Late' });
      await client.deleteRecord({ sobject: 'Account', id: a.id as string });

      const updated = await client.getUpdated({
        sobject: 'Account',
        start: new Date('2026-06-01T10:00:30Z'),
        end: new Date('2026-06-01T11:00:00Z'),
      });
      const deleted = await client.getDeleted({ sobject: 'Account', start: '2026-06-01T10:00:30Z', end: '2026-06-01T11:00:00Z' });

      expect(updated.ids).toEqual([b.id]);
      expect(deleted.deletedRecords.map((r) => r.id)).toEqual([a.id]);
      const query = clocked.servers.instances[0]?.requests.find((r) => r.path.endsWith('/updated/'))?.query;
      expect(new URLSearchParams(query).get('start')).toBe('2026-06-01T10:00:30+00:00');
    } finally {
      await clocked.close();
    }
  });
});
