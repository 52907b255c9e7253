import { afterEach, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { acme, FAST, KEYED, TOKEN } from '../retry/support/acme-connector.js';
import { type Loopback, startLoopback } from '../retry/support/loopback.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

it('creates each resource once when the connection drops after the server did the work', async () => {
  // A provider that replays the saved answer for a key it has seen, as Stripe does.
  const created: string[] = [];
  const answers = new Map<string, { id: string }>();
  let dropNext = true;
  const server = await startLoopback((hit) => {
    const key = String(hit.headers['idempotency-key']);
    let answer = answers.get(key);
    if (!answer) {
      answer = { id: `thing_${created.push(key)}` };
      answers.set(key, answer);
    }
    // Every first delivery is processed, then its answer is lost on the way back.
    if (dropNext) {
      dropNext = false;
      return { destroy: true };
    }
    dropNext = true;
    return { status: 201, body: answer };
  });
  servers.push(server);
  const client = createClient(acme({ retry: FAST, idempotency: KEYED }), { credentials: { token: TOKEN }, baseUrl: server.url });

  const results = [];
  for (let i = 0; i < 5; i++) results.push(await client.createThing({ name: `n${i}` }));

  expect(server.hits).toHaveLength(10);
  expect(created).toHaveLength(5);
  expect(results.map((r) => r.id)).toEqual(['thing_1', 'thing_2', 'thing_3', 'thing_4', 'thing_5']);
});
