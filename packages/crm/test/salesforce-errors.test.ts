import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLimitInfo, parseSalesforceError } from '../src/salesforce/index.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/salesforce/${name}.json`, import.meta.url), 'utf8')) as unknown;
const response = { status: 400, headers: new Headers() };

describe('Salesforce error bodies', () => {
  it('maps the first errorCode to code, its message, and fields to per-field issues', () => {
    const info = parseSalesforceError(fixture('required-field-missing'), response);
    expect(info).toMatchObject({
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      details: { issues: [{ path: ['LastName'], message: 'Required fields are missing: [LastName]', code: 'REQUIRED_FIELD_MISSING' }] },
    });
  });

  it('keeps every entry of a multi-error body and an issue per field', () => {
    const info = parseSalesforceError(fixture('two-errors'), response);
    expect(info?.code).toBe('INVALID_EMAIL_ADDRESS');
    expect((info?.details?.errors as unknown[] | undefined)?.length).toBe(2);
    expect((info?.details?.issues as { path: string[] }[] | undefined)?.map((i) => i.path[0])).toEqual(['Email', 'LastName', 'Company']);
  });

  it('reads INVALID_SESSION_ID, MALFORMED_QUERY and REQUEST_LIMIT_EXCEEDED bodies without fields', () => {
    expect(parseSalesforceError(fixture('invalid-session'), { ...response, status: 401 })).toMatchObject({ code: 'INVALID_SESSION_ID' });
    expect(parseSalesforceError(fixture('malformed-query'), response)?.code).toBe('MALFORMED_QUERY');
    const limit = parseSalesforceError(fixture('request-limit-exceeded'), { ...response, status: 403 });
    expect(limit).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    expect(limit?.details?.issues).toBeUndefined();
  });

  it('marks UNABLE_TO_LOCK_ROW retryable', () => {
    expect(
      parseSalesforceError([{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' }], response)?.retryable,
    ).toBe(true);
  });

  it('leaves other bodies to core (OAuth errors, HTML)', () => {
    expect(parseSalesforceError({ error: 'invalid_grant' }, response)).toBeUndefined();
    expect(parseSalesforceError('<html>', response)).toBeUndefined();
    expect(parseSalesforceError([], response)).toBeUndefined();
  });
});

describe('Sforce-Limit-Info', () => {
  it('reads api-usage=N/M', () => {
    expect(parseLimitInfo('api-usage=18/15000')).toEqual({ used: 18, max: 15000 });
    expect(parseLimitInfo('per-app-api-usage=1/100(appName=x), api-usage=25/5000')).toEqual({ used: 25, max: 5000 });
    expect(parseLimitInfo(null)).toBeUndefined();
    expect(parseLimitInfo('garbage')).toBeUndefined();
  });
});
