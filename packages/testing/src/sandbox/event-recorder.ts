/** An event as the recorder keeps it, unless `build` shapes it otherwise. */
export interface RecordedEvent<TData = unknown> {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  data: TData;
}

/** Options for {@link EventRecorder}. */
export interface EventRecorderOptions<TEvent> {
  /** Shapes the provider's event. Default {@link RecordedEvent}. */
  build?: (type: string, data: unknown, meta: { id: string; created: number }) => TEvent;
  /** Makes event ids. Default `evt_1`, `evt_2`… */
  id?: () => string;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Records an event for every change a sandbox makes: kept in order for a
 * test (or an events endpoint) to read, and passed to listeners such as a
 * {@link WebhookSender}.
 */
export class EventRecorder<TEvent = RecordedEvent> {
  /** Every event, oldest first. */
  readonly events: TEvent[] = [];
  readonly #options: EventRecorderOptions<TEvent>;
  readonly #listeners = new Set<(event: TEvent) => void>();
  #count = 0;

  // A custom event type needs `build`; without it, events are RecordedEvents.
  constructor(
    ...args: RecordedEvent extends TEvent
      ? [options?: EventRecorderOptions<TEvent>]
      : [options: EventRecorderOptions<TEvent> & Required<Pick<EventRecorderOptions<TEvent>, 'build'>>]
  ) {
    this.#options = args[0] ?? {};
  }

  /** Records an event of `type` about `data`, and tells the listeners. */
  record(type: string, data: unknown): TEvent {
    this.#count += 1;
    const meta = { id: this.#options.id?.() ?? `evt_${this.#count}`, created: Math.floor((this.#options.now ?? Date.now)() / 1000) };
    const event = this.#options.build ? this.#options.build(type, data, meta) : ({ ...meta, type, data } as TEvent);
    this.events.push(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  /** Calls `listener` with every event recorded from now on; returns how to stop. */
  subscribe(listener: (event: TEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets the events (listeners stay). */
  clear(): void {
    this.events.length = 0;
    this.#count = 0;
  }
}
