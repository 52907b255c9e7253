import { checkRequestHeader } from '../encoding/header-errors.js';
import type { RequestContext } from '../pipeline/context.js';

/**
 * `ctx.headers`, with every `set` and `append` checked first. A credential
 * read at request time (a function, a token from a server) that holds a line
 * break would otherwise make Headers throw a TypeError that quotes the secret.
 * A proxy, not a copy, so the strategy writes into the attempt's own headers.
 */
export function checkedHeaders(ctx: RequestContext, source: string): Headers {
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
