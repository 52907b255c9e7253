import { ConfigurationError } from '../errors/configuration-error.js';
import type { JunctionResponse, Middleware, Next, RequestContext } from './context.js';

/** The built-in layers, outermost first. Users place their own middleware relative to these names. */
export const STAGES = ['idempotency', 'retry', 'rateLimit', 'auth', 'observe', 'transport'] as const;

/** The name of a built-in layer. */
export type Stage = (typeof STAGES)[number];

/** Where to put a middleware: before (outside) or after (inside) a named layer. */
export type Position = { before: Stage | (string & {}) } | { after: Stage | (string & {}) };

interface Entry {
  readonly name: string;
  readonly middleware: Middleware;
}

/**
 * An ordered chain of named middleware with the transport at the centre.
 * Built once per client; `use` inserts relative to a named layer so nobody
 * has to rebuild the chain to add a step.
 */
export class Pipeline {
  readonly #entries: Entry[];
  #composed: Next | undefined;

  /** Builds a pipeline from named layers, outermost first; the last one must answer without calling `next`. */
  constructor(layers: Iterable<readonly [string, Middleware]>) {
    this.#entries = [...layers].map(([name, middleware]) => ({ name, middleware }));
  }

  /** The layer names in order, outermost first. */
  get names(): string[] {
    return this.#entries.map((e) => e.name);
  }

  /**
   * Inserts `middleware` relative to a named layer (default: just before the
   * transport, so it sees every attempt with its final headers).
   */
  use(middleware: Middleware, position: Position = { before: 'transport' }, name = middleware.name || 'custom'): this {
    const target = 'before' in position ? position.before : position.after;
    const index = this.#entries.findIndex((e) => e.name === target);
    if (index === -1) {
      throw new ConfigurationError(
        `Cannot place middleware "${name}" relative to "${target}": the pipeline has no such layer. Known layers: ${this.names.join(', ')}.`,
      );
    }
    if ('after' in position && index === this.#entries.length - 1) {
      throw new ConfigurationError(
        `Cannot place middleware "${name}" after the transport: nothing runs after it. Use { before: 'transport' }.`,
      );
    }
    this.#entries.splice('before' in position ? index : index + 1, 0, { name, middleware });
    this.#composed = undefined;
    return this;
  }

  /** Sends `ctx` through every layer. */
  run(ctx: RequestContext): Promise<JunctionResponse> {
    this.#composed ??= this.#compose();
    return this.#composed(ctx);
  }

  #compose(): Next {
    const end: Next = () => {
      throw new ConfigurationError('The pipeline has no transport: the innermost layer must answer without calling next().');
    };
    return this.#entries.reduceRight<Next>((next, entry) => (ctx) => entry.middleware(ctx, next), end);
  }
}
