import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isApiError } from '../../src/errors/index.js';
import { createFileCursorStore, createPoller, type PollCheckpoint } from '../../src/polling/index.js';
import { createEventRouter, createWebhookReceiver, defineWebhooks, isEventHandlerError } from '../../src/webhooks/index.js';
import { deferred } from '../webhooks/support/deferred.js';
import { type LedgerServer, ledgerClient, ledgerPoll, startLedger } from './support/ledger.js';

let server: LedgerServer;
let dir: string;
beforeEach(async () => {
  server = await startLedger();
  dir = await mkdtemp(join(tmpdir(), 'junction-poll-'));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const readCheckpoint = async (path: string): Promise<PollCheckpoint | undefined> => {
  const text = await readFile(path, 'utf8').catch(() => '{}');
  return (JSON.parse(text) as Record<string, PollCheckpoint>)['poll:ledger'];
};

/** Resolves once `predicate` holds, checking after every macrotask. */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 2));
}

describe('createPoller', () => {
  it('emits each event once, typed, following pages until caught up, and resumes from the cursor', async () => {
    server.add(12);
    // Passing the declaration types the handlers; taken from the connector alone, payloads are unknown (see the report on defineConnector).
    const poller = createPoller(ledgerClient(server), { poll: ledgerPoll, onError: () => {} });
    const paid: number[] = [];
    const voided: string[] = [];
    poller.on('invoice.paid', (e) => {
      paid.push(e.payload.amount);
      expect(e.source).toBe('poll');
    });
    poller.on('invoice.voided', (e) => {
      voided.push(e.id);
    });
    const first = await poller.pollOnce();
    expect(first.pages).toBe(3);
    expect(first.cursor).toBe('evt_012');
    expect(paid).toEqual([100, 300, 500, 700, 900, 1100]);
    expect(voided).toHaveLength(6);

    const idle = await poller.pollOnce();
    expect(idle.events).toEqual([]);
    expect(server.requests.at(-1)?.url).toContain('after=evt_012');

    server.add(2);
    const next = await poller.pollOnce();
    expect(next.events.map((e) => [e.id, e.outcome])).toEqual([
      ['evt_013', 'handled'],
      ['evt_014', 'handled'],
    ]);
    expect(paid).toHaveLength(7);
  });

  it('sends undeclared event types to onUnknown', async () => {
    server.add(1);
    server.events.push({ id: 'evt_x', type: 'invoice.finalized', amount: 1 });
    const poller = createPoller(ledgerClient(server));
    const unknown: string[] = [];
    poller.onUnknown((e) => {
      unknown.push(e.type);
    });
    await poller.pollOnce();
    expect(unknown).toEqual(['invoice.finalized']);
  });

  it('persists the cursor to the file store only after the handlers of the page succeed', async () => {
    server.add(8);
    const path = join(dir, 'cursors.json');
    const poller = createPoller(ledgerClient(server), { cursors: createFileCursorStore(path) });
    const runs: string[] = [];
    const seenDuringHandler: (PollCheckpoint | undefined)[] = [];
    let failOnce = true;
    poller.onAny(async (e) => {
      runs.push(e.id);
      if (e.id === 'evt_003') seenDuringHandler.push(await readCheckpoint(path));
      if (e.id === 'evt_007' && failOnce) {
        failOnce = false;
        throw new Error('ledger sync failed');
      }
    });

    const error = await poller.pollOnce().catch((e: unknown) => e);
    expect(isEventHandlerError(error)).toBe(true);
    // While evt_003 ran, the first page was not done: no cursor, only the ids already handled.
    expect(seenDuringHandler).toEqual([{ handled: ['evt_001', 'evt_002'] }]);
    // The failing page left the cursor after page one, with evt_006 recorded as handled.
    expect(await readCheckpoint(path)).toEqual({ cursor: 'evt_005', handled: ['evt_006'] });

    await poller.pollOnce();
    expect(await readCheckpoint(path)).toEqual({ cursor: 'evt_008', handled: [] });
    expect(runs).toEqual(['evt_001', 'evt_002', 'evt_003', 'evt_004', 'evt_005', 'evt_006', 'evt_007', 'evt_007', 'evt_008']);
  });

  it('persists an initial cursor before the first event, so a restart does not recompute it', async () => {
    server.add(3);
    const path = join(dir, 'cursors.json');
    const poller = createPoller(ledgerClient(server), { cursors: createFileCursorStore(path), initialCursor: 'evt_003' });
    const result = await poller.pollOnce();
    expect(result.events).toEqual([]);
    expect(await readCheckpoint(path)).toEqual({ cursor: 'evt_003', handled: [] });
  });

  it('polls on its interval once started, and stop() resolves', async () => {
    server.add(3);
    const poller = createPoller(ledgerClient(server), { intervalMs: 5 });
    const seen: string[] = [];
    poller.onAny((e) => {
      seen.push(e.id);
    });
    poller.start();
    expect(poller.running).toBe(true);
    await until(() => seen.length === 3);
    server.add(2);
    await until(() => seen.length === 5);
    await poller.stop();
    expect(poller.running).toBe(false);
    expect(seen).toEqual(['evt_001', 'evt_002', 'evt_003', 'evt_004', 'evt_005']);
  });

  it('stop() waits for the page in flight, checkpoints it, and starts no page after', async () => {
    server.add(12);
    const path = join(dir, 'cursors.json');
    const poller = createPoller(ledgerClient(server), { cursors: createFileCursorStore(path), intervalMs: 5 });
    const gate = deferred();
    const inHandler = deferred();
    const seen: string[] = [];
    poller.onAny(async (e) => {
      if (e.id === 'evt_002') {
        inHandler.resolve();
        await gate.promise;
      }
      seen.push(e.id);
    });
    poller.start();
    await inHandler.promise;
    let stopped = false;
    const stopping = poller.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(seen).toEqual(['evt_001', 'evt_002', 'evt_003', 'evt_004', 'evt_005']);
    expect(await readCheckpoint(path)).toEqual({ cursor: 'evt_005', handled: [] });
    const requests = server.requests.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(server.requests.length).toBe(requests);
  });

  it('lists through the client, so failures are retried with backoff by its retry layer', async () => {
    server.add(2);
    server.failNext(3);
    const client = ledgerClient(server);
    const retries: string[] = [];
    client.on('retry', (e) => retries.push(e.reason));
    const poller = createPoller(client);
    const result = await poller.pollOnce();
    expect(result.events).toHaveLength(2);
    expect(retries).toHaveLength(3);
    expect(retries[0]).toMatch(/503/);
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
  });

  it("reports a poll that failed after the client's retries, and tries again on its interval", async () => {
    server.add(2);
    // 5 attempts (1 + 4 retries) fail the first poll; the second poll's first attempt fails, its retry succeeds.
    server.failNext(6);
    const errors: unknown[] = [];
    const poller = createPoller(ledgerClient(server), { intervalMs: 5, onError: (e) => errors.push(e) });
    const seen: string[] = [];
    poller.onAny((e) => {
      seen.push(e.id);
    });
    poller.start();
    await until(() => seen.length === 2);
    await poller.stop();
    expect(errors).toHaveLength(1);
    expect(isApiError(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ status: 503 });
  });

  it('shares dedupe and handlers with a webhook receiver through one router: an event seen both ways runs once', async () => {
    server.add(3);
    const router = createEventRouter({ events: ledgerPoll.events, namespace: 'ledger' });
    const runs: string[] = [];
    router.onAny((e) => {
      runs.push(`${e.source}:${e.id}`);
    });
    const webhooks = defineWebhooks({
      name: 'ledger',
      verifier: { verify: () => undefined },
      envelope: z.object({ id: z.string(), type: z.string() }),
      id: (e) => e.id,
      type: (e) => e.type,
      events: ledgerPoll.events,
    });
    const receiver = createWebhookReceiver(webhooks, { router });
    await receiver.receive({ body: JSON.stringify(server.events[1]), headers: {} });
    const poller = createPoller(ledgerClient(server), { poll: ledgerPoll, router });
    const result = await poller.pollOnce();
    expect(result.events.map((e) => e.outcome)).toEqual(['handled', 'duplicate', 'handled']);
    expect(runs).toEqual(['webhook:evt_002', 'poll:evt_001', 'poll:evt_003']);
  });

  it('needs a poll declaration', () => {
    const client = ledgerClient(server);
    expect(() => createPoller({ ...client, connector: { ...client.connector, poll: undefined } })).toThrow(/declares no poll/);
  });
});
