import { isApiError } from '../errors/api-error.js';
import { forkContext, type Middleware, type RequestContext } from '../pipeline/context.js';
import { markNotSent } from '../pipeline/not-sent.js';
import type { AuthStrategy } from './auth-strategy.js';
import { checkedHeaders } from './checked-headers.js';

/**
 * Attaches credentials to every attempt, each header checked before the
 * strategy sets it (see `checkedHeaders`). On a 401, lets the strategy renew
 * them once (OAuth refresh) and sends the attempt again with the new ones.
 */
export function authMiddleware(strategy: AuthStrategy): Middleware {
  const source = `set by the "${strategy.kind}" auth strategy`;
  const authorize = async (ctx: RequestContext) => {
    const headers = ctx.headers;
    ctx.headers = checkedHeaders(ctx, source);
    try {
      await strategy.authorize(ctx);
    } catch (error) {
      // Nothing was sent yet: the retry layer may repeat even a side effect.
      throw markNotSent(error);
    } finally {
      ctx.headers = headers;
    }
  };
  return async function auth(ctx, next) {
    // A strategy may move the URL (a base named by the token): the renewed attempt starts from the one it was given.
    const url = ctx.url;
    await authorize(ctx);
    try {
      return await next(ctx);
    } catch (error) {
      if (!(isApiError(error) && error.status === 401 && strategy.onUnauthorized)) throw error;
      if (!(await strategy.onUnauthorized(ctx, error))) throw error;
      const again = forkContext(ctx, { url: new URL(url) });
      await authorize(again);
      return next(again);
    }
  };
}
