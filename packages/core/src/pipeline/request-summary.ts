import type { RequestSummary } from '../errors/junction-error.js';
import type { RequestContext } from './context.js';

/** What an error shows of `ctx`, redacted. */
export function summarize(ctx: RequestContext): RequestSummary {
  return {
    connector: ctx.connector.name,
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    method: ctx.method,
    url: ctx.redactor.url(ctx.url),
  };
}
