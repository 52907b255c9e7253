import { isApiError, isInputValidationError } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHubspotClient,
  existingIdOf,
  HUBSPOT_API_VERSION,
  type HubspotClient,
  hubspotBatch,
  isHubspotConflict,
  isHubspotError,
} from '../src/hubspot/index.js';
import { createHubspotSandbox, type HubspotSandbox } from '../src/hubspot/sandbox/index.js';

let sandbox: HubspotSandbox;
let server: LoopbackServer;
let hubspot: HubspotClient;

beforeAll(async () => {
  sandbox = createHubspotSandbox({ limits: false });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  hubspot = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url, searchPerSecond: false });
});
afterAll(() => server.close());
beforeEach(() => {
  sandbox.reset();
  server.requests.length = 0;
});

const contact = (i: number) => ({ email: `person${i}@example.com`, firstname: `Person${i}`, lastname: i % 2 ? 'Odd' : 'Even' });

describe('HubSpot objects, over a loopback port', () => {
  it('creates, reads (properties, idProperty), updates and archives a contact on the dated 2026-03 paths', async () => {
    const created = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'ada@example.com', firstname: 'Ada' } });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.createdate).toBe(created.createdAt);

    const byEmail = await hubspot.getObject({
      objectType: 'contacts',
      objectId: 'ada@example.com',
      idProperty: 'email',
      properties: ['firstname'],
    });
    expect(byEmail.id).toBe(created.id);
    expect(byEmail.properties).toMatchObject({ firstname: 'Ada', hs_object_id: created.id });
    expect(byEmail.properties.email).toBeUndefined();

    const updated = await hubspot.updateObject({
      objectType: 'contacts',
      objectId: created.id,
      properties: { lastname: 'Lovelace', age: 36 },
    });
    expect(updated.properties).toMatchObject({ lastname: 'Lovelace', age: '36' });

    await hubspot.archiveObject({ objectType: 'contacts', objectId: created.id });
    expect(sandbox.objects('contacts')[0]?.archived).toBe(true);

    const paths = server.requests.map((r) => `${r.method} ${new URL(r.url, server.url).pathname}${new URL(r.url, server.url).search}`);
    expect(paths).toEqual([
      `POST /crm/objects/${HUBSPOT_API_VERSION}/contacts`,
      `GET /crm/objects/${HUBSPOT_API_VERSION}/contacts/ada%40example.com?properties=firstname&idProperty=email`,
      `PATCH /crm/objects/${HUBSPOT_API_VERSION}/contacts/${created.id}`,
      `DELETE /crm/objects/${HUBSPOT_API_VERSION}/contacts/${created.id}`,
    ]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer pat-sandbox-token');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ properties: { email: 'ada@example.com', firstname: 'Ada' } });
  });

  it('answers a duplicate email with 409 CONFLICT naming the existing id, which the error exposes', async () => {
    const first = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'dup@example.com' } });
    const error = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'DUP@example.com' } }).catch((e: unknown) => e);
    expect(isHubspotConflict(error)).toBe(true);
    expect(existingIdOf(error)).toBe(first.id);
    expect(isHubspotError(error) && error.code).toBe('CONFLICT');
    expect(isHubspotError(error) && error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // A create is a side effect: a 409 is not retried, so exactly two POSTs reached HubSpot.
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('maps a missing record to a 404 ApiError with category OBJECT_NOT_FOUND', async () => {
    const error = await hubspot.getObject({ objectType: 'deals', objectId: '999' }).catch((e: unknown) => e);
    expect(isApiError(error) && [error.status, error.code]).toEqual([404, 'OBJECT_NOT_FOUND']);
  });

  it('lists every page through paging.next.after', async () => {
    await hubspotBatch(hubspot, 'create', {
      objectType: 'contacts',
      inputs: Array.from({ length: 25 }, (_, i) => ({ properties: contact(i) })),
    });
    const ids: string[] = [];
    for await (const item of hubspot.listObjects.items({ objectType: 'contacts', limit: 10 })) ids.push(item.id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    const afters = server.requests.filter((r) => r.method === 'GET').map((r) => new URL(r.url, server.url).searchParams.get('after'));
    expect(afters).toEqual([null, '10', '20']);
  });

  it('searches with filter groups, sorts and after paging', async () => {
    await hubspotBatch(hubspot, 'create', {
      objectType: 'contacts',
      inputs: Array.from({ length: 12 }, (_, i) => ({ properties: contact(i) })),
    });
    const pages = [];
    for await (const page of hubspot.searchObjects.pages({
      objectType: 'contacts',
      filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ', value: 'Odd' }] }],
      sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }],
      properties: ['firstname'],
      limit: 4,
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.results.length)).toEqual([4, 2]);
    expect(pages[0]?.total).toBe(6);
    expect(pages.flatMap((p) => p.results.map((r) => r.properties.firstname))).toEqual([
      'Person9',
      'Person7',
      'Person5',
      'Person3',
      'Person11',
      'Person1',
    ]);
    const bodies = server.requests.filter((r) => r.url.endsWith('/search')).map((r) => JSON.parse(r.body ?? '{}'));
    expect(bodies[1]).toMatchObject({ after: '4', limit: 4, properties: ['firstname'] });
  });

  it('refuses a search limit over 200 before sending, naming the field', async () => {
    const error = await hubspot.searchObjects({ objectType: 'contacts', limit: 201 }).catch((e: unknown) => e);
    expect(isInputValidationError(error)).toBe(true);
    expect(String(error)).toMatch(/limit/);
    expect(server.requests).toHaveLength(0);
  });

  it('associates, lists and removes contact↔company and deal↔contact', async () => {
    const c = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'a@example.com' } });
    const co = await hubspot.createObject({ objectType: 'companies', properties: { name: 'Acme' } });
    const deal = await hubspot.createObject({
      objectType: 'deals',
      properties: { dealname: 'Big', pipeline: 'default', dealstage: 'qualifiedtobuy' },
    });
    const made = await hubspot.createDefaultAssociation({
      objectType: 'contacts',
      objectId: c.id,
      toObjectType: 'companies',
      toObjectId: co.id,
    });
    expect(made.results?.[0]?.associationSpec).toEqual({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 });
    await hubspot.createDefaultAssociation({ objectType: 'deals', objectId: deal.id, toObjectType: 'contacts', toObjectId: c.id });
    const ofCompany = await hubspot.listAssociations({ objectType: 'companies', objectId: co.id, toObjectType: 'contacts' });
    expect(ofCompany.results.map((r) => r.toObjectId)).toEqual([c.id]);
    const ofContact = await hubspot.listAssociations({ objectType: 'contacts', objectId: c.id, toObjectType: 'deals' });
    expect(ofContact.results.map((r) => r.toObjectId)).toEqual([deal.id]);
    await hubspot.removeAssociations({ objectType: 'contacts', objectId: c.id, toObjectType: 'companies', toObjectId: co.id });
    expect((await hubspot.listAssociations({ objectType: 'contacts', objectId: c.id, toObjectType: 'companies' })).results).toEqual([]);
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(new URL(put?.url ?? '', server.url).pathname).toBe(
      `/crm/objects/${HUBSPOT_API_VERSION}/contacts/${c.id}/associations/default/companies/${co.id}`,
    );
  });

  it('reads deal pipelines and stages from the dated pipelines path', async () => {
    const { results } = await hubspot.listPipelines({ objectType: 'deals' });
    expect(results[0]?.stages.map((s) => s.id)).toContain('closedwon');
    const stages = await hubspot.listPipelineStages({ objectType: 'deals', pipelineId: 'default' });
    expect(stages.results).toHaveLength(7);
    expect(new URL(server.requests[0]?.url ?? '', server.url).pathname).toBe(`/crm/pipelines/${HUBSPOT_API_VERSION}/deals`);
  });
});
