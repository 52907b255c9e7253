import type { AuthStrategy } from '../auth/auth-strategy.js';
import type { RequestContext } from '../pipeline/context.js';
import { checkRequestHeader } from './header-errors.js';

/**
 * The strategy, with every header it sets checked first. A credential read at
 * request time (a function, a token from a server) that holds a line break
 * would otherwise make fetch throw a TypeError that quotes the secret.
 */
export function guardAuthHeaders(strategy: AuthStrategy): AuthStrategy {
  const source = `set by the "${strategy.kind}" auth strategy`;
  // The strategy writes into the attempt's own context, through checked headers, so anything else it changes (the URL) is kept.
  const authorize = async (ctx: RequestContext) => {
    const headers = ctx.headers;
    ctx.headers = checkedHeaders(ctx, source);
    try {
      await strategy.authorize(ctx);
    } finally {
      ctx.headers = headers;
    }
  };
  const bound = new Map<PropertyKey, unknown>();
  // A proxy rather than a copy: every member, present or added later, stays the strategy's own,
  // and methods run on the strategy itself, so a class with private fields keeps working.
  return new Proxy(strategy, {
    get(target, property) {
      if (property === 'authorize') return authorize;
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let fn = bound.get(property);
      if (!fn) {
        fn = value.bind(target);
        bound.set(property, fn);
      }
      return fn;
    },
  });
}

function checkedHeaders(ctx: RequestContext, source: string): Headers {
  return new Proxy(ctx.headers, {
    get(target, property) {
      if (property === 'set' || property === 'append') {
        return (name: string, value: string) => {
          checkRequestHeader(ctx, source, name, value);
          target[property](name, value);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
