import ky from 'ky';
import { z } from 'zod';
import { type ClientSettings, createClient, defineConnector, defineOperation, kyTransport, noAuth } from '../../src/index.js';

/** Both transports, so each behaviour is checked on the default (fetch) and on ky. */
export const TRANSPORTS: [name: string, settings: () => Pick<ClientSettings, 'transport'>][] = [
  ['fetch (default)', () => ({})],
  ['ky', () => ({ transport: kyTransport(ky.create({})) })],
];

/** A small connector against a loopback server: a JSON read, a side effect with a key, a PDF, a stream, an upload. */
export const files = defineConnector({
  name: 'files',
  baseUrl: 'http://127.0.0.1:1',
  auth: noAuth(),
  retry: { minDelayMs: 1, maxDelayMs: 5 },
  idempotency: { header: 'idempotency-key' },
  operations: {
    getThing: defineOperation({ method: 'GET', path: '/thing', output: z.object({ ok: z.boolean() }).passthrough() }),
    getTinyThing: defineOperation({
      method: 'GET',
      path: '/thing',
      maxResponseBytes: 100,
      output: z.object({ ok: z.boolean() }).passthrough(),
    }),
    createThing: defineOperation({ method: 'POST', path: '/thing', input: z.object({ name: z.string() }) }),
    getInvoicePdf: defineOperation({ method: 'GET', path: '/invoice.pdf', response: 'bytes' }),
    streamExport: defineOperation({ method: 'GET', path: '/export', response: 'stream' }),
    readLog: defineOperation({ method: 'GET', path: '/log', response: 'text' }),
    upload: defineOperation({
      method: 'POST',
      path: '/upload',
      encoding: 'multipart',
      input: z.object({ title: z.string(), document: z.custom<unknown>() }),
      output: z.object({ ok: z.boolean() }),
    }),
  },
});

/** A client of {@link files} on `baseUrl`. */
export function filesClient(baseUrl: string, settings: ClientSettings = {}) {
  return createClient(files, { baseUrl, ...settings });
}
