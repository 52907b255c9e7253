import { readFileSync } from 'node:fs';
import { isApiError, isConfigurationError, isRateLimitError } from '@junction/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createHubspotClient,
  HUBSPOT_OBJECTS_PATH,
  HubspotBatchObjects,
  hubspotBurstLimit,
  isHubspotError,
  msUntilMidnight,
  parseHubspotError,
  readHubspotRateLimit,
} from '../src/hubspot/index.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/hubspot/${name}.json`, import.meta.url), 'utf8'));
const BASE = 'https://api.hubapi.com';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createHubspotClient({ accessToken: 'pat-na1-test', retry: { retries: 0 } });

describe('HubSpot error mapping', () => {
  it('reads a documented VALIDATION_ERROR body: category as code, correlationId as request id, per-field errors', async () => {
    server.use(http.post(`${BASE}${HUBSPOT_OBJECTS_PATH}/contacts`, () => HttpResponse.json(fixture('validation-error'), { status: 400 })));
    const error = await client()
      .createObject({ objectType: 'contacts', properties: { favorite_color: 'blue' } })
      .catch((e: unknown) => e);
    expect(isHubspotError(error)).toBe(true);
    if (!isHubspotError(error)) return;
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.requestId).toBe('aeb5f871-7f07-4993-9211-075dc63e7cbf');
    expect(error.retryable).toBe(false);
    expect(error.details?.fieldErrors).toEqual([
      {
        message: 'Property "favorite_color" does not exist',
        code: 'PROPERTY_DOESNT_EXIST',
        field: 'favorite_color',
        context: { propertyName: ['favorite_color'] },
      },
    ]);
  });

  it('treats every field as optional: an empty body still maps, and a foreign body is left to the defaults', () => {
    expect(parseHubspotError({}, { status: 500, headers: new Headers() })).toEqual({});
    expect(parseHubspotError('oops', { status: 500, headers: new Headers() })).toBeUndefined();
    expect(parseHubspotError(fixture('rate-limit-ten-secondly'), { status: 429, headers: new Headers() })).toMatchObject({
      code: 'RATE_LIMIT',
      requestId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
      details: { policyName: 'TEN_SECONDLY_ROLLING' },
    });
  });

  it('turns a DAILY 429 fixture into a RateLimitError that is not retried', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}${HUBSPOT_OBJECTS_PATH}/deals`, () => {
        calls += 1;
        return HttpResponse.json(fixture('rate-limit-daily'), { status: 429, headers: { 'x-hubspot-ratelimit-daily-remaining': '0' } });
      }),
    );
    const error = await createHubspotClient({ accessToken: 'pat-na1-test' })
      .listObjects({ objectType: 'deals' })
      .catch((e: unknown) => e);
    expect(isRateLimitError(error) && error.retryable).toBe(false);
    expect(calls).toBe(1);
  });

  it('keeps a 207 batch answer as a result, errors beside results', async () => {
    server.use(
      http.post(`${BASE}${HUBSPOT_OBJECTS_PATH}/contacts/batch/read`, () =>
        HttpResponse.json(fixture('batch-partial-207'), { status: 207 }),
      ),
    );
    const answer = await client().batchReadObjects({ objectType: 'contacts', inputs: [{ id: '512' }, { id: '999' }] });
    expect(HubspotBatchObjects.parse(answer).numErrors).toBe(1);
    expect(answer.errors?.[0]?.context).toEqual({ ids: ['999'] });
  });

  it('maps a 5xx without a HubSpot body to a retryable ApiError', async () => {
    server.use(http.get(`${BASE}${HUBSPOT_OBJECTS_PATH}/contacts/1`, () => new HttpResponse('bad gateway', { status: 502 })));
    const error = await client()
      .getObject({ objectType: 'contacts', objectId: '1' })
      .catch((e: unknown) => e);
    expect(isApiError(error) && [error.status, error.retryable]).toEqual([502, true]);
  });
});

describe('HubSpot client configuration', () => {
  it('accepts a 300-character token and refuses a longer one without echoing it', async () => {
    const token = `pat-${'a'.repeat(296)}`;
    let seen: string | null = null;
    server.use(
      http.get(`${BASE}${HUBSPOT_OBJECTS_PATH}/contacts`, ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json({ results: [] });
      }),
    );
    await createHubspotClient({ accessToken: token }).listObjects({ objectType: 'contacts' });
    expect(seen).toBe(`Bearer ${token}`);
    const longer = `${token}b`;
    let thrown: unknown;
    try {
      createHubspotClient({ accessToken: longer });
    } catch (error) {
      thrown = error;
    }
    expect(isConfigurationError(thrown)).toBe(true);
    expect(String(thrown)).toMatch(/accessToken.*301/);
    expect(String(thrown)).not.toContain('aaaa');
  });

  it('sets the 10-second limit by tier or number, refusing a bad one by name', () => {
    expect(hubspotBurstLimit('starter')).toBe(100);
    expect(hubspotBurstLimit('enterprise')).toBe(190);
    expect(hubspotBurstLimit(250)).toBe(250);
    expect(() => hubspotBurstLimit('gold' as 'free')).toThrow(/tier/);
    expect(() => createHubspotClient({ accessToken: 'x', searchPerSecond: 0 })).toThrow(/searchPerSecond/);
    expect(() => createHubspotClient({ accessToken: 'x', timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });

  it('computes the time to the next midnight in a zone from an injected instant', () => {
    expect(msUntilMidnight(Date.parse('2026-12-02T17:00:00.000Z'), 'UTC')).toBe(7 * 3600_000);
    expect(msUntilMidnight(Date.parse('2026-12-02T17:00:00.000Z'), 'Europe/Paris')).toBe(6 * 3600_000);
  });

  it('reads the X-HubSpot-RateLimit-* headers, leaving out those not sent', () => {
    const headers = new Headers({
      'X-HubSpot-RateLimit-Daily': '650000',
      'X-HubSpot-RateLimit-Daily-Remaining': '12',
      'X-HubSpot-RateLimit-Remaining': 'soon',
    });
    expect(readHubspotRateLimit(headers)).toEqual({ daily: 650_000, dailyRemaining: 12 });
    expect(readHubspotRateLimit({ 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-interval-milliseconds': '10000' })).toEqual({
      max: 190,
      intervalMs: 10_000,
    });
  });
});
