import type { ClientBase } from '../client/types.js';
import type { AnyConnector } from '../connector/define-connector.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { sleep } from '../retry/sleep.js';
import { createEventRouter, type EventHandlers, type EventRouter } from '../webhooks/events/event-router.js';
import type { EventSchemas } from '../webhooks/events/event-types.js';
import type { ReceivedEventSummary } from '../webhooks/receiver/create-receiver.js';
import type { CursorStore } from './cursor-store.js';
import { createMemoryCursorStore } from './memory-cursor-store.js';
import type { AnyPollDefinition, PollDefinition } from './poll-definition.js';
import { pollPage } from './poll-page.js';

const DEFAULT_INTERVAL_MS = 60_000;

/** The poll declaration of a client's connector (the widest one when it has none). */
export type ConnectorPollOf<C> = C extends { connector: { poll?: infer P } }
  ? [NonNullable<P>] extends [AnyPollDefinition]
    ? NonNullable<P>
    : AnyPollDefinition
  : AnyPollDefinition;

/** The event schemas of a poll declaration. */
export type PollEventsOf<P> = P extends PollDefinition<infer S, infer _E, infer _C> ? S : EventSchemas;

/** Options for {@link createPoller}. */
export interface PollerOptions<P extends AnyPollDefinition = AnyPollDefinition> {
  /** Replaces the connector's poll declaration (or supplies one for a connector without). */
  poll?: P;
  /** Where the checkpoint is kept. Default: in memory, so a restart starts over; use `createFileCursorStore` or a shared store to resume. */
  cursors?: CursorStore;
  /** The checkpoint's key in `cursors`. Default `poll:<namespace>`. */
  key?: string;
  /** Where to start when the store holds no checkpoint, e.g. a Unix time for "from now". Default: the declaration's first page. */
  initialCursor?: string;
  /** Time between polls once caught up, and after a failure. Default: the declaration's, else 60 s. */
  intervalMs?: number;
  /** Where handled event ids are remembered (shared with a receiver, ideally). Default: in memory. */
  store?: IdempotencyStore;
  /** How long a handled id is remembered. Default: the store's. */
  ttlMs?: number;
  /** Scopes event ids in the store. Default: the declaration's `name`, else the connector's. */
  namespace?: string;
  /** Handlers (and dedupe) shared with a receiver; made with `createEventRouter`. Replaces `store`, `ttlMs` and `namespace`. */
  router?: EventRouter<PollEventsOf<P>>;
  /**
   * Called when a poll fails (listing failed after the client's retries, or a
   * handler threw); the poller keeps going and tries again after `intervalMs`.
   * Default: one line on `console.error`.
   */
  onError?: (error: unknown) => void;
}

/** What one `pollOnce()` did. */
export interface PollResult {
  /** Pages fetched. */
  pages: number;
  /** Each event seen, in order. */
  events: ReceivedEventSummary[];
  /** The cursor the poller is now at. */
  cursor: string | undefined;
}

/** Polls a provider's events on an interval and hands each one to typed handlers, once. */
export interface Poller<P extends AnyPollDefinition = AnyPollDefinition> extends EventHandlers<PollEventsOf<P>> {
  /** The namespace event ids are stored under. */
  readonly name: string;
  /** True between `start()` and `stop()`. */
  readonly running: boolean;
  /** Starts polling: at once, then every `intervalMs` once caught up. Calling it again does nothing. */
  start(): void;
  /**
   * Stops polling. Resolves once the page in flight (and its handlers) is
   * done and checkpointed; no page starts after it is called.
   */
  stop(): Promise<void>;
  /**
   * Polls now, page after page until caught up, and resolves with what was
   * handled; throws when listing or a handler fails. Never overlaps a poll
   * in progress: it waits for it. For cron-style use, without `start()`.
   */
  pollOnce(): Promise<PollResult>;
}

/**
 * Builds a poller for a client whose connector declares `poll` (or given
 * `options.poll`). Listing goes through the client, so its retry, rate limit
 * and auth apply; events go through the same typed dispatch and dedupe as a
 * webhook receiver's.
 */
export function createPoller<C extends ClientBase<AnyConnector>, P extends AnyPollDefinition = ConnectorPollOf<C>>(
  client: C,
  options: PollerOptions<P> = {},
): Poller<P> {
  const opts = options as PollerOptions;
  const definition = opts.poll ?? (client.connector.poll as AnyPollDefinition | undefined);
  if (!definition) {
    throw new ConfigurationError(
      `Connector "${client.connector.name}" declares no poll: pass \`poll\` (made with definePoll()) to createPoller.`,
    );
  }
  const name = opts.router?.namespace ?? opts.namespace ?? definition.name ?? client.connector.name;
  const intervalMs = opts.intervalMs ?? definition.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (!(intervalMs >= 0)) throw new ConfigurationError(`A poller's intervalMs must be zero or more milliseconds; got ${intervalMs}.`);
  const router =
    opts.router ??
    createEventRouter({
      events: definition.events,
      namespace: name,
      ...(opts.store ? { store: opts.store } : {}),
      ...(opts.ttlMs === undefined ? {} : { ttlMs: opts.ttlMs }),
    });
  const cursors = opts.cursors ?? createMemoryCursorStore();
  const key = opts.key ?? `poll:${name}`;
  const report =
    opts.onError ??
    ((error: unknown) =>
      console.error(`[junction] poll of ${name} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`));

  // One poll at a time: a manual pollOnce() waits for the loop's, and the other way round.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };

  const drain = async (shouldStop: () => boolean): Promise<PollResult> => {
    const result: PollResult = { pages: 0, events: [], cursor: undefined };
    for (;;) {
      const page = await pollPage({ definition, client, router, cursors, key, initialCursor: opts.initialCursor });
      result.pages += 1;
      result.events.push(...page.events);
      result.cursor = page.cursor;
      if (!page.more || shouldStop()) return result;
    }
  };

  // One session per start(): a stop() followed at once by start() must not revive the old loop.
  interface Session {
    active: boolean;
    wake: AbortController;
  }
  let session: Session | undefined;
  let loop: Promise<void> = Promise.resolve();

  const runLoop = async (s: Session): Promise<void> => {
    while (s.active) {
      try {
        await exclusive(() => drain(() => !s.active));
      } catch (error) {
        try {
          report(error);
        } catch {
          // A failing logger must not stop the poller.
        }
      }
      if (!s.active) break;
      await sleep(intervalMs, s.wake.signal).catch(() => {});
    }
  };

  const poller: Poller = {
    name,
    get running() {
      return session?.active ?? false;
    },
    on: router.on,
    onAny: router.onAny,
    onUnknown: router.onUnknown,
    start() {
      if (session?.active) return;
      const s: Session = { active: true, wake: new AbortController() };
      session = s;
      // A start right after stop() begins once the old loop has finished its page.
      loop = loop.then(() => runLoop(s));
    },
    async stop() {
      if (session) {
        session.active = false;
        session.wake.abort();
      }
      await loop;
    },
    pollOnce: () => exclusive(() => drain(() => false)),
  };
  return poller as Poller<P>;
}
