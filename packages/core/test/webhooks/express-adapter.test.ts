import { describe, expect, it } from 'vitest';
import { adapterContract, countingEndpoints, post } from './support/adapter-contract.js';
import { paymentSucceeded, signedDelivery } from './support/payments-webhooks.js';
import { startExpress } from './support/servers.js';

adapterContract('Express', startExpress);

describe('createExpressMiddleware', () => {
  const setup = countingEndpoints(startExpress);

  it('answers a body pre-parsed by express.json() with the clear "raw body required" error, running nothing', async () => {
    const { endpoint, errors, calls } = await setup();
    const answer = await post(`${endpoint.url}/parsed`, signedDelivery(paymentSucceeded('evt_parsed')));
    expect(answer.status).toBe(500);
    expect(answer.json.error).toMatchObject({ type: 'verification_failed', reason: 'body_not_raw' });
    expect(answer.json.error?.message).toMatch(/already parsed/);
    expect(answer.json.error?.message).toContain("express.raw({ type: '*/*' })");
    expect(errors).toHaveLength(1);
    expect(calls()).toBe(0);
  });

  it('reads the stream itself when no body parser ran', async () => {
    const { endpoint, calls } = await setup();
    const answer = await post(`${endpoint.url}/bare`, signedDelivery(paymentSucceeded('evt_bare')));
    expect(answer.status).toBe(200);
    expect(calls()).toBe(1);
  });

  it('applies its own limit to a body express.raw() already read', async () => {
    const { endpoint } = await setup({ maxBodyBytes: 100 });
    const answer = await post(endpoint.url, signedDelivery(paymentSucceeded('evt_limit')));
    expect(answer.status).toBe(413);
  });
});
