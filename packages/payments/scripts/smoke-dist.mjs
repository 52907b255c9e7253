// Sends real calls through the built ESM and CommonJS entry points of @junction/payments (and so of core),
// as an installed package is loaded: a Stripe client against the sandbox on a loopback port.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const builds = {
  esm: {
    stripe: await import('../dist/stripe.js'),
    sandbox: await import('../dist/stripe-sandbox.js'),
    testing: await import('@junction/testing'),
  },
  cjs: { stripe: require('../dist/stripe.cjs'), sandbox: require('../dist/stripe-sandbox.cjs'), testing: require('@junction/testing') },
};

for (const [name, { stripe, sandbox, testing }] of Object.entries(builds)) {
  const local = sandbox.createStripeSandbox();
  const server = await testing.startLoopbackServer({ handlers: local.handlers, origin: local.origin });
  try {
    const client = stripe.createStripeClient({ apiKey: sandbox.SANDBOX_API_KEY, baseUrl: server.url });
    const customer = await client.createCustomer({ email: 'smoke@example.com' });
    assert.match(customer.id, /^cus_/, `${name}: a customer was created`);
    assert.equal(local.state.customers.size, 1, `${name}: exactly one customer`);
    console.log(`@junction/payments ${name} build: ok`);
  } finally {
    await server.close();
  }
}
