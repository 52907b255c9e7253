import { describe, expect, it } from 'vitest';
import { adapterContract, countingEndpoints, post } from './support/adapter-contract.js';
import { paymentSucceeded, signedDelivery } from './support/payments-webhooks.js';
import { startFastify } from './support/servers.js';

adapterContract('Fastify', startFastify);

describe('createFastifyPlugin', () => {
  const setup = countingEndpoints(startFastify);

  it('answers a body Fastify parsed as JSON with the "raw body required" error that names the fix, running nothing', async () => {
    const { endpoint, errors, calls } = await setup();
    const answer = await post(`${endpoint.url}/parsed`, signedDelivery(paymentSucceeded('evt_parsed')));
    expect(answer.status).toBe(500);
    expect(answer.json.error).toMatchObject({ type: 'verification_failed', reason: 'body_not_raw' });
    expect(answer.json.error?.message).toContain('createFastifyPlugin(receiver');
    expect(answer.json.error?.message).toContain("parseAs: 'buffer'");
    expect(errors).toHaveLength(1);
    expect(calls()).toBe(0);
  });

  it("keeps the raw-body parser inside the plugin: the app's other routes still parse JSON", async () => {
    const { endpoint } = await setup();
    const response = await fetch(new URL('/echo', endpoint.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await response.json()).toEqual({ parsed: { a: 1 } });
  });
});
