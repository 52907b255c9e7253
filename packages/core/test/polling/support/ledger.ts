import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { bearer, createClient, defineConnector } from '../../../src/index.js';
import { definePoll } from '../../../src/polling/index.js';
import { json, type SeenRequest, startServer, type TestServer } from '../../support/http-server.js';

/** One event of the fictitious ledger API. */
export interface LedgerEvent {
  id: string;
  type: string;
  amount: number;
}

const EventPage = z.object({
  data: z.array(z.object({ id: z.string(), type: z.string(), amount: z.number() })),
  has_more: z.boolean(),
});

/** How to poll the ledger: `GET /events?after=<id>&limit=5`, oldest first, the last id as the cursor. */
export const ledgerPoll = definePoll({
  list: async (client, cursor) => {
    const { data } = await client.request({ method: 'GET', path: '/events', query: { after: cursor, limit: 5 }, output: EventPage });
    return { events: data.data, cursor: data.data.at(-1)?.id, more: data.has_more };
  },
  id: (event) => event.id,
  type: (event) => event.type,
  events: {
    'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid'), amount: z.number() }),
    'invoice.voided': z.object({ id: z.string(), type: z.literal('invoice.voided') }),
  },
  intervalMs: 10,
});

/** A connector for the ledger API that carries its poll declaration, as a published connector would. */
export const ledger = defineConnector({
  name: 'ledger',
  baseUrl: 'https://ledger.example.test',
  auth: bearer(),
  operations: {},
  poll: ledgerPoll,
});

/** A ledger API on 127.0.0.1 whose event list can grow and whose next requests can be made to fail. */
export interface LedgerServer extends TestServer {
  events: LedgerEvent[];
  /** Appends `count` events `evt_001`…, alternating paid and voided. */
  add(count: number): void;
  /** Makes the next `count` requests answer 503. */
  failNext(count: number): void;
  /** Runs before each answer; a promise that never settles makes that request hang, as a dying process would leave it. */
  beforeAnswer?: (after: string | null) => Promise<void> | void;
}

/** Starts the ledger API. */
export async function startLedger(token = 'ledger-token'): Promise<LedgerServer> {
  const events: LedgerEvent[] = [];
  let failures = 0;
  const server: LedgerServer = Object.assign(
    await startServer(async (req, res) => {
      await server.beforeAnswer?.(new URL(req.url, 'http://x').searchParams.get('after'));
      return answer(req, res);
    }),
    {
      events,
      add(count: number) {
        for (let i = 0; i < count; i++) {
          const n = events.length + 1;
          events.push({ id: `evt_${String(n).padStart(3, '0')}`, type: n % 2 ? 'invoice.paid' : 'invoice.voided', amount: n * 100 });
        }
      },
      failNext(count: number) {
        failures = count;
      },
    },
  );
  const answer = (req: SeenRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { error: { message: 'bad token' } });
    if (failures > 0) {
      failures--;
      return json(res, 503, { error: { message: 'try again' } });
    }
    const url = new URL(req.url, 'http://x');
    const after = url.searchParams.get('after');
    const limit = Number(url.searchParams.get('limit') ?? 5);
    const start = after ? events.findIndex((e) => e.id === after) + 1 : 0;
    return json(res, 200, { data: events.slice(start, start + limit), has_more: start + limit < events.length });
  };
  return server;
}

/** A client for the ledger server, retrying fast so tests stay quick. */
export function ledgerClient(server: TestServer, token = 'ledger-token') {
  return createClient(ledger, { credentials: { token }, baseUrl: server.url, retry: { retries: 4, minDelayMs: 5, maxDelayMs: 20 } });
}
