import { isApiError } from '../errors/api-error.js';
import { forkContext, type Middleware } from '../pipeline/context.js';
import type { AuthStrategy } from './auth-strategy.js';

/**
 * Attaches credentials to every attempt. On a 401, lets the strategy renew
 * them once (OAuth refresh) and sends the attempt again with the new ones.
 */
export function authMiddleware(strategy: AuthStrategy): Middleware {
  return async function auth(ctx, next) {
    await strategy.authorize(ctx);
    try {
      return await next(ctx);
    } catch (error) {
      if (!(isApiError(error) && error.status === 401 && strategy.onUnauthorized)) throw error;
      if (!(await strategy.onUnauthorized(ctx, error))) throw error;
      const again = forkContext(ctx);
      await strategy.authorize(again);
      return next(again);
    }
  };
}
