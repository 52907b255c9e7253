/** One event as the handlers saw it. */
export interface JournalEntry {
  provider: string;
  id: string;
  type: string;
  /** How many times the handlers ran for it: 1, unless dedupe failed. */
  runs: number;
}

/**
 * What the receivers did: every event the handlers ran for (counted per
 * provider and id, so a second run of a handler would show), how many
 * deliveries were dropped as duplicates, and the handlers' own reactions.
 */
export class EventJournal {
  readonly #events = new Map<string, JournalEntry>();
  readonly reactions: string[] = [];
  duplicatesDropped = 0;

  /** The handlers ran for an event (call it from `onAny`, which duplicates never reach). */
  handled(provider: string, id: string, type: string): void {
    const key = `${provider}:${id}`;
    const entry = this.#events.get(key);
    if (entry) entry.runs++;
    else this.#events.set(key, { provider, id, type, runs: 1 });
  }

  /** A handler did something worth telling (updated the CRM, sent a receipt). */
  react(line: string): void {
    this.reactions.push(line);
  }

  /** Every event handled, in arrival order. */
  get events(): JournalEntry[] {
    return [...this.#events.values()];
  }

  /** Events handled per provider. */
  byProvider(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.#events.values()) counts[e.provider] = (counts[e.provider] ?? 0) + 1;
    return counts;
  }

  /** The most times the handlers ran for one event: 1 when dedupe held. */
  get maxRuns(): number {
    return Math.max(0, ...[...this.#events.values()].map((e) => e.runs));
  }
}
