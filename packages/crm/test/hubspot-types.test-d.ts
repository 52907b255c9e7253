import { describe, expectTypeOf, it } from 'vitest';
import {
  createHubspotClient,
  type HubspotBatchOutcome,
  type HubspotEvent,
  type HubspotObject,
  type HubspotUpsertedObject,
  hubspotBatch,
} from '../src/hubspot/index.js';

const hubspot = createHubspotClient({ accessToken: 'pat-x' });

describe('the HubSpot client types', () => {
  it('infers inputs and outputs from the operation schemas', () => {
    expectTypeOf(hubspot.createObject).returns.resolves.toEqualTypeOf<HubspotObject>();
    expectTypeOf(hubspot.searchObjects).parameter(0).toHaveProperty('limit').toEqualTypeOf<number | undefined>();
    // @ts-expect-error: only contacts, companies and deals are declared
    void hubspot.getObject({ objectType: 'tickets', objectId: '1' });
    // @ts-expect-error: an operator HubSpot does not have
    void hubspot.searchObjects({ objectType: 'contacts', filterGroups: [{ filters: [{ propertyName: 'a', operator: 'LIKE' }] }] });
    // @ts-expect-error: access token and OAuth are exclusive
    createHubspotClient({ accessToken: 'x', oauth: { clientId: 'c' } });
  });

  it('types batch outcomes by action and events by subscription type', () => {
    expectTypeOf(hubspotBatch(hubspot, 'upsert', { objectType: 'contacts', inputs: [] })).resolves.toEqualTypeOf<
      HubspotBatchOutcome<HubspotUpsertedObject>
    >();
    const narrow = (event: HubspotEvent) => (event.subscriptionType === 'deal.propertyChange' ? event.propertyName : undefined);
    expectTypeOf(narrow).returns.toEqualTypeOf<string | undefined>();
  });
});
