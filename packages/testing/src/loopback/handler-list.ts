import type { RequestHandler } from 'msw';

/** The handlers a server answers with, changed at runtime the way msw's setupServer changes its own. */
export interface HandlerList {
  current(): RequestHandler[];
  /** Prepends handlers, so they take precedence over the ones already there. */
  use(...handlers: RequestHandler[]): void;
  /** Drops handlers added with `use`; with arguments, replaces the initial handlers too. */
  reset(...next: RequestHandler[]): void;
}

/** Creates a handler list starting from `initial`. */
export function createHandlerList(initial: readonly RequestHandler[]): HandlerList {
  let base = [...initial];
  let current = [...base];
  return {
    current: () => current,
    use(...handlers) {
      current = [...handlers, ...current];
    },
    reset(...next) {
      if (next.length > 0) base = [...next];
      current = [...base];
    },
  };
}
