import { isApiError } from '../errors/api-error.js';
import { forkContext, type Middleware } from '../pipeline/context.js';
import { markNotSent } from '../pipeline/not-sent.js';
import type { AuthStrategy } from './auth-strategy.js';

/**
 * Attaches credentials to every attempt. On a 401, lets the strategy renew
 * them once (OAuth refresh) and sends the attempt again with the new ones.
 */
export function authMiddleware(strategy: AuthStrategy): Middleware {
  const authorize = async (ctx: Parameters<Middleware>[0]) => {
    try {
      await strategy.authorize(ctx);
    } catch (error) {
      // Nothing was sent yet: the retry layer may repeat even a side effect.
      throw markNotSent(error);
    }
  };
  return async function auth(ctx, next) {
    await authorize(ctx);
    try {
      return await next(ctx);
    } catch (error) {
      if (!(isApiError(error) && error.status === 401 && strategy.onUnauthorized)) throw error;
      if (!(await strategy.onUnauthorized(ctx, error))) throw error;
      const again = forkContext(ctx);
      await authorize(again);
      return next(again);
    }
  };
}
