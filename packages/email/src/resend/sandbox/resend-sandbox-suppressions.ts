import { randomUUID } from 'node:crypto';
import type { ResendSuppression } from '../resend-suppressions.js';
import { resendError } from './resend-sandbox-rules.js';

/** The sandbox's suppression list, by address (lower case), as Resend keeps it. */
export class SuppressionList {
  readonly #byEmail = new Map<string, ResendSuppression>();

  constructor(private readonly now: () => number) {}

  /** Suppresses `email` (once), as a bounce or complaint does on its own or a call does by hand. */
  add(email: string, origin: ResendSuppression['origin'], sourceId: string | null = null): ResendSuppression {
    const key = email.toLowerCase();
    const existing = this.#byEmail.get(key);
    if (existing) return existing;
    const entry: ResendSuppression = {
      object: 'suppression',
      id: randomUUID(),
      email,
      origin,
      source_id: sourceId,
      created_at: new Date(this.now()).toISOString(),
    };
    this.#byEmail.set(key, entry);
    return entry;
  }

  /** The entry for an id or an address. */
  find(idOrEmail: string): ResendSuppression | undefined {
    return this.#byEmail.get(idOrEmail.toLowerCase()) ?? [...this.#byEmail.values()].find((entry) => entry.id === idOrEmail);
  }

  /** Removes an entry; false when there was none. */
  remove(entry: ResendSuppression): void {
    this.#byEmail.delete(entry.email.toLowerCase());
  }

  /** Newest first, optionally of one origin. */
  list(origin?: ResendSuppression['origin']): ResendSuppression[] {
    return [...this.#byEmail.values()].reverse().filter((entry) => origin === undefined || entry.origin === origin);
  }

  clear(): void {
    this.#byEmail.clear();
  }
}

/** The sandbox's answers to the suppression operations, over `list`. */
export function suppressionHandlers(list: SuppressionList) {
  const missing = () => resendError(404, 'not_found', 'Suppression not found');
  return {
    addSuppression: ({ params }: { params: { email: string } }) => {
      const entry = list.add(params.email, 'manual');
      return { object: 'suppression', id: entry.id };
    },
    listSuppressions: ({ params }: { params: { origin?: ResendSuppression['origin']; limit?: number } }) => {
      const all = list.list(params.origin);
      const limit = params.limit ?? 20;
      return { object: 'list', has_more: all.length > limit, data: all.slice(0, limit) };
    },
    retrieveSuppression: ({ params }: { params: { suppression: string } }) => list.find(params.suppression) ?? missing(),
    removeSuppression: ({ params }: { params: { suppression: string } }) => {
      const entry = list.find(params.suppression);
      if (!entry) return missing();
      list.remove(entry);
      return { object: 'suppression', id: entry.id, deleted: true };
    },
  };
}
