/**
 * The HubSpot API version every path of this connector uses, in ONE place.
 * HubSpot's docs label `/crm/v3/...` "legacy" and document dated paths
 * (`/crm/objects/2026-03/{objectType}`, `/crm/pipelines/2026-03/{objectType}`);
 * changing this date moves every operation at once.
 */
export const HUBSPOT_API_VERSION = '2026-03' as const;

/** The root of the dated CRM object endpoints (objects, search, batch, associations v4). */
export const HUBSPOT_OBJECTS_PATH = `/crm/objects/${HUBSPOT_API_VERSION}` as const;

/** The root of the dated pipelines endpoints. */
export const HUBSPOT_PIPELINES_PATH = `/crm/pipelines/${HUBSPOT_API_VERSION}` as const;

/** HubSpot's API host. */
export const HUBSPOT_BASE_URL = 'https://api.hubapi.com';
