import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createClient, defineConnector, defineOperation, file, noAuth } from '../../src/index.js';

const docs = defineConnector({
  name: 'docs',
  baseUrl: 'https://docs.example',
  auth: noAuth(),
  operations: {
    invoicePdf: defineOperation({ method: 'GET', path: '/invoices/{id}.pdf', input: z.object({ id: z.string() }), response: 'bytes' }),
    exportCsv: defineOperation({ method: 'GET', path: '/export', response: 'stream' }),
    readme: defineOperation({ method: 'GET', path: '/readme', response: 'text' }),
    version: defineOperation({ method: 'GET', path: '/version', response: 'text', output: z.string().transform((s) => s.length) }),
    meta: defineOperation({ method: 'GET', path: '/meta', output: z.object({ n: z.number() }) }),
    upload: defineOperation({ method: 'POST', path: '/upload', encoding: 'multipart', input: z.object({ doc: z.custom<unknown>() }) }),
  },
});
const client = createClient(docs, {});

describe('the output type follows the response type', () => {
  it('bytes resolve to a Uint8Array, a stream to a ReadableStream, text to a string', () => {
    expectTypeOf(client.invoicePdf({ id: 'in_1' })).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(client.exportCsv()).resolves.toEqualTypeOf<ReadableStream<Uint8Array>>();
    expectTypeOf(client.readme()).resolves.toEqualTypeOf<string>();
  });

  it('text with a schema, and json, resolve to the schema output', () => {
    expectTypeOf(client.version()).resolves.toEqualTypeOf<number>();
    expectTypeOf(client.meta()).resolves.toEqualTypeOf<{ n: number }>();
  });

  it('refuses an unknown response type and takes per-call limits and deadlines', () => {
    // @ts-expect-error: not a response type
    defineOperation({ method: 'GET', path: '/x', response: 'blob' });
    void client.meta(undefined, { deadlineMs: 1_000, maxResponseBytes: false });
    void client.upload({ doc: file(new Uint8Array(1), 'a.bin') });
  });
});
