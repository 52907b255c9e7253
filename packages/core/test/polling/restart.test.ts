import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/index.js';
import { createFileCursorStore, createPoller, type Poller } from '../../src/polling/index.js';
import { deferred } from '../webhooks/support/deferred.js';
import { type LedgerServer, ledgerClient, startLedger } from './support/ledger.js';

let server: LedgerServer;
let dir: string;
let path: string;
beforeEach(async () => {
  server = await startLedger();
  server.add(25);
  dir = await mkdtemp(join(tmpdir(), 'junction-restart-'));
  path = join(dir, 'cursors.json');
});
const dropped: Poller[] = [];
afterEach(async () => {
  // A dropped poller is dead to the test, but its loop must not outlive it: end it after whatever it hangs on.
  for (const poller of dropped.splice(0)) void poller.stop();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A fresh poller as a new process would build it: a new file store on the
 * same file, and a new in-memory dedupe store (the old one died with the
 * process), so only the file can prevent a second run. Completed handler runs
 * are counted per id in `completed`.
 */
function newProcess(
  completed: Map<string, number>,
  handler: (id: string) => Promise<void> | void = () => {},
  onError: (error: unknown) => void = () => {},
) {
  const poller = createPoller(ledgerClient(server), {
    cursors: createFileCursorStore(path),
    store: createMemoryIdempotencyStore(),
    intervalMs: 5,
    onError,
  });
  poller.onAny(async (e) => {
    await handler(e.id);
    completed.set(e.id, (completed.get(e.id) ?? 0) + 1);
  });
  return poller;
}

function expectEachOnce(completed: Map<string, number>): void {
  const expected = server.events.map((e) => e.id);
  expect([...completed.keys()].sort()).toEqual(expected);
  expect([...completed].filter(([, n]) => n !== 1)).toEqual([]);
}

describe('a poller restarted from the same file store', () => {
  it('loses no event and handles none twice when stopped after a handler failed mid-page', async () => {
    const completed = new Map<string, number>();
    let failed = false;
    const stopped = deferred();
    const first = newProcess(
      completed,
      (id) => {
        if (id === 'evt_012' && !failed) {
          failed = true;
          throw new Error('crash in the middle of page three');
        }
      },
      // Stopped right at its failure, before its own retry: the new process must pick up evt_012.
      () => void first.stop().then(stopped.resolve),
    );
    first.start();
    await stopped.promise;
    // The first process handled 1–11 and stopped inside page three.
    expect(completed.size).toBe(11);
    expect(JSON.parse(await readFile(path, 'utf8'))['poll:ledger']).toEqual({ cursor: 'evt_010', handled: ['evt_011'] });

    const second = newProcess(completed);
    await second.pollOnce();
    expectEachOnce(completed);
  });

  it('loses no event and handles none twice when the process dies while a handler is in flight', async () => {
    const completed = new Map<string, number>();
    const hung = deferred();
    const first = newProcess(completed, async (id) => {
      // The process dies here: this handler never finishes, and nothing after it runs.
      if (id === 'evt_013') {
        hung.resolve();
        await new Promise(() => {});
      }
    });
    first.start();
    dropped.push(first);
    await hung.promise;
    // Dropped, never stopped: as after a kill -9.
    expect(completed.size).toBe(12);

    const second = newProcess(completed);
    await second.pollOnce();
    expectEachOnce(completed);
  });

  it('loses no event and handles none twice when the process dies between pages', async () => {
    const completed = new Map<string, number>();
    const listing = deferred();
    server.beforeAnswer = (after) => {
      // The first process dies while listing page three: its request never gets an answer.
      if (after === 'evt_010' && server.beforeAnswer) {
        server.beforeAnswer = undefined;
        listing.resolve();
        return new Promise(() => {});
      }
    };
    const first = newProcess(completed);
    first.start();
    dropped.push(first);
    await listing.promise;
    expect(completed.size).toBe(10);
    expect(JSON.parse(await readFile(path, 'utf8'))['poll:ledger']).toEqual({ cursor: 'evt_010', handled: [] });

    const second = newProcess(completed);
    await second.pollOnce();
    expectEachOnce(completed);
  });
});
