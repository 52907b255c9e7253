import { isApiError, isConfigurationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { nextRecordsLocator, SALESFORCE_DATA_PATH, soql, soqlTemplate } from '../src/salesforce/index.js';
import { authorizedClient, useSalesforceSandbox } from './salesforce-support.js';

describe('SOQL queries against the sandbox', () => {
  const env = useSalesforceSandbox();

  it('follows nextRecordsUrl across pages until done, in order', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const names = Array.from({ length: 10 }, (_, i) => `Name ${String(i).padStart(2, '0')}`);
    await client.createMany(
      'Account',
      names.map((Name) => ({ Name })),
    );
    env.sandbox.setBatchSize(3);
    const instance = env.sandbox.servers.instances[0];
    instance?.requests.splice(0);

    const pages = [];
    for await (const page of client.queryPages(soql.select(['Id', 'Name']).from('Account').orderBy('Name'))) pages.push(page);
    const records = [];
    for await (const record of client.queryRecords(soql.select(['Name']).from('Account').orderBy('Name'))) records.push(record.Name);

    expect(pages.map((p) => p.records.length)).toEqual([3, 3, 3, 1]);
    expect(pages.map((p) => p.done)).toEqual([false, false, false, true]);
    expect(pages[0]?.totalSize).toBe(10);
    expect(records).toEqual(names);
    const paths = instance?.requests.slice(0, 4).map((r) => r.path) ?? [];
    expect(paths[0]).toBe(`${SALESFORCE_DATA_PATH}/query`);
    expect(paths.slice(1).every((p) => p.startsWith(`${SALESFORCE_DATA_PATH}/query/01g`))).toBe(true);
  });

  it('finds only the exact record for a hostile value, end to end', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const hostile = "' OR Name != '";
    await client.createMany('Account', [{ Name: hostile }, { Name: 'Alice' }, { Name: 'a\\' }, { Name: "x'\nOR Id != null" }]);

    for (const value of [hostile, 'a\\', "x'\nOR Id != null"]) {
      const byBuilder = await client.query({ q: soql.select(['Name']).from('Account').where(soql.eq('Name', value)) });
      const byTemplate = await client.query({ q: soqlTemplate`SELECT Name FROM Account WHERE Name = ${value}` });
      expect(byBuilder.records.map((r) => r.Name)).toEqual([value]);
      expect(byTemplate.records.map((r) => r.Name)).toEqual([value]);
    }
  });

  it('includes deleted rows only with queryAll', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const [kept, gone] = await client.createMany('Contact', [{ LastName: 'Kept' }, { LastName: 'Gone' }]);
    await client.deleteRecord({ sobject: 'Contact', id: gone?.id as string });
    const q = soql.select(['Id', 'IsDeleted']).from('Contact').orderBy('LastName');

    const live = await client.query({ q });
    const all = [];
    for await (const r of client.queryRecords(q, { all: true })) all.push(r);

    expect(live.records.map((r) => r.Id)).toEqual([kept?.id]);
    expect(all.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [gone?.id, true],
      [kept?.id, false],
    ]);
  });

  it('answers MALFORMED_QUERY for SOQL the sandbox does not speak, and INVALID_FIELD for unknown columns', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const malformed = await client.query({ q: 'SELECT Id FROM Contact WHERE' }).catch((e: unknown) => e);
    const mixed = await client
      .query({ q: "SELECT Id FROM Contact WHERE Name = 'a' AND Email = 'b' OR Phone = 'c'" })
      .catch((e: unknown) => e);
    const field = await client.query({ q: soql.select(['NoSuchField__c']).from('Contact') }).catch((e: unknown) => e);

    expect(isApiError(malformed) && [malformed.status, malformed.code]).toEqual([400, 'MALFORMED_QUERY']);
    expect(isApiError(mixed) && mixed.code).toBe('MALFORMED_QUERY');
    expect(isApiError(field) && [field.code, field.details?.issues]).toEqual([
      'INVALID_FIELD',
      [{ path: ['NoSuchField__c'], message: "No such column 'NoSuchField__c' on entity 'Contact'.", code: 'INVALID_FIELD' }],
    ]);
  });
});

describe('nextRecordsUrl', () => {
  it('is followed only inside the pinned version query paths', () => {
    expect(nextRecordsLocator(`${SALESFORCE_DATA_PATH}/query/01gD0000002HU6KIAW-2000`)).toEqual({
      resource: 'query',
      locator: '01gD0000002HU6KIAW-2000',
    });
    for (const bad of [
      '/services/data/v1.0/query/01g-1',
      `${SALESFORCE_DATA_PATH}/../secret`,
      'https://evil.example/query/x',
      `${SALESFORCE_DATA_PATH}/sobjects/x`,
    ]) {
      expect(() => nextRecordsLocator(bad)).toThrow();
      try {
        nextRecordsLocator(bad);
      } catch (e) {
        expect(isConfigurationError(e)).toBe(true);
      }
    }
  });
});
