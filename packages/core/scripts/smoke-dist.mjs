// Sends real requests through core's built ESM and CommonJS entry points, as an installed package is loaded.
// publint and attw check the package's shape; this checks that each build actually works (retry, transport,
// idempotency key), which neither can see: a bundled require() of an ESM-only dependency once broke every call.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const builds = {
  esm: { core: await import('../dist/index.js'), zod: await import('zod') },
  cjs: { core: require('../dist/index.cjs'), zod: require('zod') },
};

let failuresLeft = 0;
const keys = [];
const server = createServer((req, res) => {
  if (failuresLeft > 0) {
    failuresLeft--;
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"try again"}}');
    return;
  }
  keys.push(req.headers['idempotency-key']);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'n1', method: req.method }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

try {
  for (const [name, { core, zod }] of Object.entries(builds)) {
    const { z } = zod;
    const connector = core.defineConnector({
      name: 'smoke',
      baseUrl,
      auth: core.bearer(),
      retry: { minDelayMs: 1, maxDelayMs: 5 },
      idempotency: { header: 'idempotency-key' },
      operations: {
        getNote: core.defineOperation({
          method: 'GET',
          path: '/notes/{id}',
          input: z.object({ id: z.string() }),
          output: z.object({ id: z.string() }),
        }),
        createNote: core.defineOperation({
          method: 'POST',
          path: '/notes',
          input: z.object({ text: z.string() }),
          output: z.object({ method: z.string() }),
        }),
      },
    });
    const client = core.createClient(connector, { credentials: { token: 'smoke-token' } });

    failuresLeft = 1;
    assert.deepEqual(await client.getNote({ id: 'n1' }), { id: 'n1', method: 'GET' }, `${name}: GET after one 503`);

    failuresLeft = 2;
    keys.length = 0;
    assert.equal((await client.createNote({ text: 'hi' })).method, 'POST', `${name}: POST after two 503s`);
    assert.equal(keys.length, 1, `${name}: the POST landed once`);
    assert.match(String(keys[0]), /^[0-9a-f-]{36}$/, `${name}: the POST carried an idempotency key`);

    await assert.rejects(client.getNote({ id: 42 }), (error) => core.isInputValidationError(error), `${name}: typed input error`);
    console.log(`@junction/core ${name} build: ok`);
  }
} finally {
  server.close();
}
