import type { AuthStrategy } from '../auth/auth-strategy.js';
import type { RequestContext } from '../pipeline/context.js';
import { checkRequestHeader } from './header-errors.js';

/**
 * The strategy, with every header it sets checked first. A credential read at
 * request time (a function, a token from a server) that holds a line break
 * would otherwise make fetch throw a TypeError that quotes the secret.
 */
export function guardAuthHeaders(strategy: AuthStrategy): AuthStrategy {
  // Inherit rather than copy, so a class-based strategy keeps its methods and getters.
  const guarded: AuthStrategy = Object.create(strategy);
  Object.defineProperty(guarded, 'authorize', {
    value: (ctx: RequestContext) =>
      strategy.authorize.call(strategy, { ...ctx, headers: checkedHeaders(ctx, `set by the "${strategy.kind}" auth strategy`) }),
  });
  return guarded;
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
