import { describe, expect, it } from 'vitest';
import { HUBSPOT_API_VERSION, hubspotConnector, hubspotOperations } from '../src/hubspot/index.js';

describe('the HubSpot operation declarations', () => {
  it('use the dated API, pinned to one version, on every path (no legacy /v3/ or /v4/)', () => {
    const paths = Object.values(hubspotOperations).map((operation) => operation.path);
    expect(paths.length).toBe(17);
    for (const path of paths) {
      expect(path).toMatch(new RegExp(`^/crm/(objects|pipelines)/${HUBSPOT_API_VERSION}/`));
      expect(path).not.toMatch(/\/v\d\//);
    }
  });

  it('declare creates as side effects, and upsert, update, archive and reads as repeatable', () => {
    const safe = Object.fromEntries(
      Object.entries(hubspotOperations).map(([name, op]) => [name, op.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(op.method)]),
    );
    expect(safe).toMatchObject({
      createObject: false,
      batchCreateObjects: false,
      batchUpsertObjects: true,
      batchUpdateObjects: true,
      batchReadObjects: true,
      batchArchiveObjects: true,
      searchObjects: true,
      updateObject: true,
      archiveObject: true,
      createDefaultAssociation: true,
    });
    // HubSpot takes no idempotency key: none is declared, so none is ever sent.
    expect(hubspotConnector.idempotency).toBeUndefined();
  });

  it('paginate lists and searches by paging.next.after', () => {
    for (const name of ['listObjects', 'searchObjects', 'listAssociations'] as const) {
      const paginate = hubspotOperations[name].paginate;
      expect(paginate?.style === 'cursor' && paginate.cursorParam).toBe('after');
    }
    const page = { results: [], paging: { next: { after: 'abc' } } };
    expect(hubspotOperations.listObjects.paginate?.style === 'cursor' && hubspotOperations.listObjects.paginate.nextCursor(page)).toBe(
      'abc',
    );
  });

  it('refuse batch inputs over 100 and search limits over 200 in their schemas', () => {
    const inputs = (n: number) => Array.from({ length: n }, () => ({ id: '1' }));
    expect(hubspotOperations.batchReadObjects.input?.safeParse({ objectType: 'contacts', inputs: inputs(100) }).success).toBe(true);
    expect(hubspotOperations.batchReadObjects.input?.safeParse({ objectType: 'contacts', inputs: inputs(101) }).success).toBe(false);
    expect(hubspotOperations.searchObjects.input?.safeParse({ objectType: 'deals', limit: 200 }).success).toBe(true);
    expect(hubspotOperations.searchObjects.input?.safeParse({ objectType: 'deals', limit: 201 }).success).toBe(false);
  });
});
