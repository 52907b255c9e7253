import { describe, expectTypeOf, it } from 'vitest';
import type { QueryResult, SalesforceApiUsage, SalesforceClient, SalesforceRecord, SaveResult } from '../src/salesforce/index.js';

declare const sf: SalesforceClient;

describe('the Salesforce client types', () => {
  it('types operation inputs and outputs', () => {
    expectTypeOf(sf.createRecord({ sobject: 'Contact', LastName: 'x' })).resolves.toEqualTypeOf<SaveResult>();
    expectTypeOf(sf.query({ q: 'SELECT Id FROM Contact' })).resolves.toEqualTypeOf<QueryResult>();
    expectTypeOf(sf.upsertMany('Contact', 'External_Id__c', [])).resolves.toEqualTypeOf<SaveResult[]>();
    expectTypeOf(sf.queryRecords('SELECT Id FROM Contact')).toEqualTypeOf<AsyncGenerator<SalesforceRecord, void, undefined>>();
    expectTypeOf(sf.apiUsage()).toEqualTypeOf<SalesforceApiUsage | undefined>();
    // @ts-expect-error: a record needs its object
    sf.createRecord({ LastName: 'x' });
    // @ts-expect-error: fields is a list of names
    sf.getRecord({ sobject: 'Contact', id: '003000000000000AAA', fields: 'Id' });
  });
});
