/**
 * The REST API version every call uses, pinned here and nowhere else.
 * Salesforce's release list (developer.salesforce.com, SOQL reference PDF
 * archive, 2026) names 68.0 Winter '27, 67.0 Summer '26, 66.0 Spring '26.
 */
export const SALESFORCE_API_VERSION = '68.0';

/** The path under an instance URL that every REST call of the pinned version lives under. */
export const SALESFORCE_DATA_PATH = `/services/data/v${SALESFORCE_API_VERSION}`;

/**
 * The connector's stand-in base URL. The real base is `${instance_url}${SALESFORCE_DATA_PATH}`,
 * named by each token; `.invalid` (RFC 2606) makes sure nothing is ever sent here.
 */
export const SALESFORCE_STAND_IN_BASE = `https://instance.salesforce.invalid${SALESFORCE_DATA_PATH}`;

/** The REST API base URL for an org's instance URL (from the token response's `instance_url`). */
export function salesforceBaseUrl(instanceUrl: string): string {
  return `${instanceUrl.replace(/\/+$/, '')}${SALESFORCE_DATA_PATH}`;
}
