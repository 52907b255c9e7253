/**
 * `@junction/crm/hubspot/sandbox`: a stateful HubSpot for tests (msw handlers,
 * served in-process or on a loopback port). Needs `@junction/testing` and `msw`.
 *
 * @module
 */

export { createHubspotSandbox, type HubspotSandbox, type HubspotSandboxOptions, type HubspotSandboxRequest } from './hubspot-sandbox.js';
export { AssociationStore, DEFAULT_ASSOCIATION_TYPE_IDS, DEFAULT_DEAL_PIPELINE } from './hubspot-sandbox-associations.js';
export type { HubspotSandboxLimits } from './hubspot-sandbox-limits.js';
export { matches as matchesFilter, searchObjects as searchRecords } from './hubspot-sandbox-search.js';
export type { ObjectChange, StoredObject } from './hubspot-sandbox-store.js';
export type { HubspotEventPayload, HubspotSandboxWebhooks } from './hubspot-sandbox-webhooks.js';
