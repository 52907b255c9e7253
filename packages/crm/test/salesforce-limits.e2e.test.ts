import { isLimiterError, isRateLimitError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { SALESFORCE_DATA_PATH, type SalesforceApiUsage } from '../src/salesforce/index.js';
import { authorizedClient, useSalesforceSandbox } from './salesforce-support.js';

describe('API limits and retries against the sandbox', () => {
  const env = useSalesforceSandbox();
  const dataCalls = () => env.sandbox.servers.instances[0]?.requests.filter((r) => r.path.startsWith(SALESFORCE_DATA_PATH)).length ?? 0;

  it('reads Sforce-Limit-Info from every response', async () => {
    const seen: SalesforceApiUsage[] = [];
    const { client } = await authorizedClient(env.sandbox, { apiUsage: { onUsage: (u) => seen.push(u) } });
    env.sandbox.setUsage(100, 15_000);

    await client.limits();
    await client.createRecord({ sobject: 'Account', Name: 'A' });
    await client.createRecord({ sobject: 'Account' }).catch(() => undefined);

    expect(seen).toEqual([
      { used: 101, max: 15_000 },
      { used: 102, max: 15_000 },
      { used: 103, max: 15_000 },
    ]);
    expect(client.apiUsage()).toEqual({ used: 103, max: 15_000 });
  });

  it('fails fast on REQUEST_LIMIT_EXCEEDED with a RateLimitError that is not retried', async () => {
    const { client } = await authorizedClient(env.sandbox, { apiUsage: { stopAt: false } });
    env.sandbox.setUsage(50, 50);
    const before = dataCalls();

    const error = await client.limits().catch((e: unknown) => e);

    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, code: 'REQUEST_LIMIT_EXCEEDED', retryable: false });
    expect(dataCalls() - before).toBe(1);
  });

  it('stops before the allocation is spent (stopAt), sending nothing', async () => {
    const { client } = await authorizedClient(env.sandbox, { apiUsage: { stopAt: 0.9 } });
    env.sandbox.setUsage(88, 100);
    await client.limits(); // 89/100
    await client.limits(); // 90/100: the answer says 90%
    const before = dataCalls();

    const error = await client.limits().catch((e: unknown) => e);

    expect(isLimiterError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('90 of its 100');
    expect(dataCalls()).toBe(before);
  });

  it('retries UNABLE_TO_LOCK_ROW, even for a create, and creates once', async () => {
    const { client } = await authorizedClient(env.sandbox);
    const retries: string[] = [];
    client.on('retry', (e) => retries.push(e.reason));
    env.sandbox.failNext('UNABLE_TO_LOCK_ROW', 2);

    const created = await client.createRecord({ sobject: 'Account', Name: 'Locked' });

    expect(created.success).toBe(true);
    expect(retries).toEqual(['salesforce: UNABLE_TO_LOCK_ROW', 'salesforce: UNABLE_TO_LOCK_ROW']);
    expect(env.sandbox.records.table('Account').size).toBe(1);
  });

  it('does not retry a create that failed for another reason (no idempotency key is declared)', async () => {
    const { client } = await authorizedClient(env.sandbox);
    env.sandbox.failNext('SERVER_UNAVAILABLE', 1, 503, 'server busy');
    const before = dataCalls();

    const error = await client.createRecord({ sobject: 'Account', Name: 'Once' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 503 });
    expect(dataCalls() - before).toBe(1);
    expect(env.sandbox.records.table('Account').size).toBe(0);
  });
});
