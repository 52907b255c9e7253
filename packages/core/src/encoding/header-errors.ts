import { InputValidationError } from '../errors/validation-error.js';
import type { RequestContext } from '../pipeline/context.js';
import { headerProblem } from './header-rules.js';

/** What a header error says about the request it belongs to. */
export type HeaderErrorContext = Pick<RequestContext, 'connector' | 'operation' | 'method' | 'url' | 'redactor'>;

/** Throws an InputValidationError when header `name` cannot be sent as `value`; the message never shows the value. */
export function checkRequestHeader(
  ctx: HeaderErrorContext | (() => HeaderErrorContext),
  source: string,
  name: string,
  value: unknown,
): void {
  const problem = headerProblem(name, value);
  if (problem) refuseHeaders(typeof ctx === 'function' ? ctx() : ctx, source, problem, ['headers', name]);
}

/** Throws the InputValidationError for headers that cannot be sent: `source` says where they came from. */
export function refuseHeaders(ctx: HeaderErrorContext, source: string, problem: string, path: string[]): never {
  const where = `${ctx.connector.name}${ctx.operation ? `.${ctx.operation}` : ''}`;
  throw new InputValidationError(
    ctx.redactor.text(`Invalid header for ${where} (${source}): ${problem}. Nothing was sent; fix the header and call again.`),
    {
      issues: [{ path, message: problem }],
      request: {
        connector: ctx.connector.name,
        ...(ctx.operation ? { operation: ctx.operation } : {}),
        method: ctx.method,
        url: ctx.redactor.url(ctx.url),
      },
    },
  );
}
