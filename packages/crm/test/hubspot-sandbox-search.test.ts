import { describe, expect, it } from 'vitest';
import type { HubspotFilter } from '../src/hubspot/index.js';
import { matchesFilter, type StoredObject, searchRecords } from '../src/hubspot/sandbox/index.js';

const record = (id: string, properties: Record<string, string | null>): StoredObject => ({
  id,
  objectType: 'deals',
  properties,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  archived: false,
});

const deals = [
  record('1', { dealname: 'Big Renewal', amount: '5000', closedate: '2026-03-01T00:00:00.000Z', dealstage: 'closedwon' }),
  record('2', { dealname: 'small upsell', amount: '200', closedate: '2026-01-15T00:00:00.000Z', dealstage: 'qualifiedtobuy' }),
  record('3', { dealname: 'Enterprise deal', amount: '90000', dealstage: 'contractsent', notes: '' }),
];

const ids = (filters: HubspotFilter[]) => searchRecords(deals, { filterGroups: [{ filters }] }).map((d) => d.id);

describe('the sandbox search operators', () => {
  it.each([
    [{ propertyName: 'dealstage', operator: 'EQ', value: 'CLOSEDWON' }, ['1']],
    [{ propertyName: 'dealstage', operator: 'NEQ', value: 'closedwon' }, ['2', '3']],
    [{ propertyName: 'amount', operator: 'LT', value: '5000' }, ['2']],
    [{ propertyName: 'amount', operator: 'LTE', value: '5000' }, ['1', '2']],
    [{ propertyName: 'amount', operator: 'GT', value: '5000' }, ['3']],
    [{ propertyName: 'amount', operator: 'GTE', value: '200' }, ['1', '2', '3']],
    [{ propertyName: 'closedate', operator: 'GT', value: '2026-02-01T00:00:00.000Z' }, ['1']],
    [{ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'renewal' }, ['1']],
    [{ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'enter*' }, ['3']],
    [{ propertyName: 'dealstage', operator: 'IN', values: ['closedwon', 'contractsent'] }, ['1', '3']],
    [{ propertyName: 'closedate', operator: 'HAS_PROPERTY' }, ['1', '2']],
    [{ propertyName: 'closedate', operator: 'NOT_HAS_PROPERTY' }, ['3']],
    [{ propertyName: 'notes', operator: 'NOT_HAS_PROPERTY' }, ['1', '2', '3']],
  ] as [HubspotFilter, string[]][])('%o → %o', (filter, expected) => {
    expect(ids([filter])).toEqual(expected);
  });

  it('ANDs the filters of a group and ORs the groups', () => {
    const and = ids([
      { propertyName: 'amount', operator: 'GT', value: '100' },
      { propertyName: 'closedate', operator: 'HAS_PROPERTY' },
    ]);
    expect(and).toEqual(['1', '2']);
    const or = searchRecords(deals, {
      filterGroups: [
        { filters: [{ propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' }] },
        { filters: [{ propertyName: 'amount', operator: 'LT', value: '300' }] },
      ],
    });
    expect(or.map((d) => d.id)).toEqual(['1', '2']);
  });

  it('sorts by the given properties (numbers as numbers), then by id; query matches text properties', () => {
    expect(searchRecords(deals, { sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }] }).map((d) => d.id)).toEqual([
      '3',
      '1',
      '2',
    ]);
    expect(searchRecords(deals, { sorts: ['amount'] }).map((d) => d.id)).toEqual(['2', '1', '3']);
    expect(searchRecords(deals, { query: 'UPSELL' }).map((d) => d.id)).toEqual(['2']);
    expect(matchesFilter({ a: null }, { propertyName: 'a', operator: 'EQ', value: 'x' })).toBe(false);
  });
});
