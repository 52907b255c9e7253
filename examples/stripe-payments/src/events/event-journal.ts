/** One event as the handlers saw it. */
export interface JournalEntry {
  type: string;
  /** How many times the handlers ran for it: 1, unless dedupe failed. */
  runs: number;
}

/**
 * What a receiver's handlers did, for the narrative. Deliveries run
 * concurrently and arrive in any order, so the journal tells them sorted by
 * event id, which the sandbox assigns in creation order: the output reads
 * the same on every run.
 */
export class EventJournal {
  /** Every event received, by id. */
  readonly events = new Map<string, JournalEntry>();
  readonly #untold = new Set<string>();
  readonly #reactions = new Map<string, string[]>();

  /** An event reached the handlers (call it from `onAny`, which duplicates never reach). */
  received(id: string, type: string): void {
    const entry = this.events.get(id);
    if (entry) entry.runs++;
    else this.events.set(id, { type, runs: 1 });
    this.#untold.add(id);
  }

  /** What a typed handler did about an event. */
  react(id: string, line: string): void {
    this.#reactions.set(id, [...(this.#reactions.get(id) ?? []), line]);
  }

  /** The event types received since the last call, then the handlers' reactions, in event order. */
  drain(label: string): string[] {
    const ids = [...this.#untold].sort();
    if (ids.length === 0) return [];
    const lines = [`  ${label} <- ${ids.map((id) => this.events.get(id)?.type).join(', ')}`];
    for (const id of ids) for (const reaction of this.#reactions.get(id) ?? []) lines.push(`    ${reaction}`);
    this.#untold.clear();
    this.#reactions.clear();
    return lines;
  }
}
