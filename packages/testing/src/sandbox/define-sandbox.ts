import type { AnyOperation, OperationDefinition } from '@junction/core';
import { type HttpHandler, http } from 'msw';
import type { z } from 'zod';
import { coerceTextInput } from './coerce-text-input.js';
import { fingerprintOf, type IdempotencyLedger } from './idempotency-ledger.js';
import { operationRoute } from './operation-route.js';
import { readOperationInput, UnreadableBodyError } from './read-operation-input.js';
import { handlerFailedResponse, invalidInputResponse, unknownParamsResponse } from './sandbox-responses.js';
import { knownFields } from './schema-shape.js';
import type { TokenBucket } from './token-bucket.js';

/** The parameters a handler of operation `O` gets: the output of its input schema (defaults applied, transforms run). */
export type SandboxParams<O> =
  // biome-ignore lint/suspicious/noExplicitAny: only the input slot matters.
  O extends OperationDefinition<any, infer I, any, any> ? ([I] extends [z.ZodType] ? z.output<I> : Record<string, never>) : never;

/** One request as a sandbox handler sees it. */
export interface SandboxCall<O> {
  /** The request's parameters, decoded the way the operation encodes them and validated by its input schema. */
  params: SandboxParams<O>;
  /** The operation's name. */
  operation: string;
  /** The request itself (headers, the raw body). */
  request: Request;
  /** This request's id (`req_1`, `req_2`…), as the idempotency ledger quotes it. */
  requestId: string;
}

/** Answers one operation: a `Response`, or a value sent as a 200 JSON body. */
export type SandboxHandler<O> = (call: SandboxCall<O>) => unknown;

/** Handlers by operation name: only the connector's operations, each typed from its declaration. */
export type SandboxHandlers<TOperations extends Record<string, AnyOperation>> = {
  [K in keyof TOperations]?: SandboxHandler<TOperations[K]>;
};

/** What a hook knows about the request it answers. */
export interface SandboxHookContext {
  operation: string;
  request: Request;
  /** This request's id, as the handler and the idempotency ledger see it. */
  requestId: string;
}

/** How a sandbox answers around its handlers, to behave like the provider. */
export interface SandboxOptions {
  /**
   * The origin the handlers answer on. Default the connector's `baseUrl`
   * origin; its path is always kept. Give the same origin to
   * `startLoopbackServer` to serve them over 127.0.0.1.
   */
  origin?: string;
  /** The provider's answer to parameters the operation does not declare. Default a 400 JSON naming them. */
  refuse?: (unknown: string[], context: SandboxHookContext) => Response | Promise<Response>;
  /** The provider's answer to input the operation's schema refuses. Default a 400 JSON listing the problems. */
  invalid?: (error: z.ZodError, context: SandboxHookContext) => Response | Promise<Response>;
  /** Parameters every operation accepts though none declares them (e.g. Stripe's `expand`). They reach the handler's `request` only. */
  alwaysAccepted?: readonly string[];
  /**
   * Which parameters are unknown. `schema` (default): those the input schema
   * would not keep, so a loose schema or one with a catchall takes any.
   * `declared`: those its shape does not name, even when the schema is loose,
   * for a connector whose schemas let other keys through (so newer
   * parameters can be sent) while the provider refuses them (Stripe's
   * `parameter_unknown`).
   */
  known?: 'schema' | 'declared';
  /** Makes each request's id. Default `req_1`, `req_2`…, counted per sandbox. */
  requestId?: () => string;
  /**
   * Sees every answer last, whatever made it (a handler, a refusal, a 429, a
   * replay): return the response to send, e.g. with the headers the
   * provider puts on every response (its request id, the API version).
   */
  after?: (response: Response, context: SandboxHookContext) => Response | Promise<Response>;
  /**
   * Runs before parameters are read, e.g. to check credentials: return a
   * `Response` to answer with it instead.
   */
  before?: (context: SandboxHookContext) => Response | undefined | Promise<Response | undefined>;
  /** Answers 429 once the bucket is empty; checked first, as providers meter before anything else. */
  rateLimit?: TokenBucket;
  /**
   * Replays keyed writes: a request carrying the ledger's header (any method
   * but GET and HEAD) is answered through it, so a retried write happens once.
   */
  idempotency?: IdempotencyLedger;
  /** The answer when a handler throws. Default a 500 JSON, so clients retry as they would a provider's bug. */
  failed?: (error: unknown, context: SandboxHookContext) => Response;
}

/** The msw handlers of a sandbox. */
export interface Sandbox {
  /** Give these to msw's `setupServer` (in process) or `startLoopbackServer` (over 127.0.0.1). */
  readonly handlers: HttpHandler[];
  /** The origin they answer on. */
  readonly origin: string;
}

/**
 * A fake provider built from a connector's own declarations: each handler's
 * route (method, path with `{param}`s, the base URL's path) and the
 * parameters it accepts come from its operation, so the sandbox cannot drift
 * from the connector. Requests are decoded as the operation encodes them
 * (JSON, form with brackets, query), unknown parameters are refused, and the
 * rest is validated by the input schema before the handler sees it.
 *
 * @example
 * const sandbox = defineSandbox(notes, {
 *   getNote: ({ params }) => store.notes.get(params.id) ?? Response.json({ error: 'not found' }, { status: 404 }),
 * });
 * const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
 */
export function defineSandbox<TOperations extends Record<string, AnyOperation>>(
  connector: { readonly baseUrl: string; readonly operations: TOperations },
  handlers: SandboxHandlers<TOperations>,
  options: SandboxOptions = {},
): Sandbox {
  const origin = new URL(options.origin ?? connector.baseUrl).origin;
  let served = 0;
  // Each route with how many path parameters it has: fixed paths are matched first (see below).
  const list: { templated: number; handler: HttpHandler }[] = [];
  for (const [name, handle] of Object.entries(handlers) as [string, SandboxHandler<AnyOperation> | undefined][]) {
    const operation = connector.operations[name];
    if (!handle) continue;
    if (!operation) throw new TypeError(`defineSandbox: the connector has no operation "${name}"; handlers are keyed by operation name.`);
    const method = operation.method.toLowerCase() as Lowercase<AnyOperation['method']>;
    const route = operationRoute(origin, connector.baseUrl, operation.path);
    const known = knownFields(operation.input, options.known === 'declared');
    // Everything before `after`: limits, hooks, decoding, validation, idempotency, the handler.
    const answer = async (request: Request, pathParams: Record<string, unknown>, context: SandboxHookContext): Promise<Response> => {
      const { requestId } = context;
      const early = options.rateLimit?.refuse() ?? (await options.before?.(context));
      if (early) return early;

      let input: Awaited<ReturnType<typeof readOperationInput>>;
      try {
        const path = Object.fromEntries(Object.entries(pathParams).map(([k, v]) => [k, String(v)]));
        input = await readOperationInput(operation, request, path);
      } catch (error) {
        if (!(error instanceof UnreadableBodyError)) throw error;
        return Response.json({ error: { type: 'invalid_request', code: 'body_unreadable', message: error.message } }, { status: 400 });
      }
      // A list input (a batch body) is the array itself; its items' unknown fields are named `0.field`.
      const list = Array.isArray(input.json) ? input.json : undefined;
      const raw = list ?? { ...input.text, ...input.json, ...input.path };
      const accepted = new Set([...(known ?? []), ...(options.alwaysAccepted ?? [])]);
      const unknown = known ? unknownNames(raw, accepted) : [];
      if (unknown.length > 0) return (options.refuse ?? unknownParamsResponse)(unknown, context);

      let params: unknown = {};
      if (operation.input) {
        const schema = operation.input as z.ZodType;
        // Text parts are coerced to the schema's types; undeclared but accepted names are stripped by the schema.
        const text = coerceTextInput(schema, input.text) as Record<string, unknown>;
        const path = coerceTextInput(schema, input.path) as Record<string, unknown>;
        const parsed = await schema.safeParseAsync(list ?? { ...text, ...input.json, ...path });
        if (!parsed.success) return (options.invalid ?? invalidInputResponse)(parsed.error, context);
        params = parsed.data;
      }

      const perform = async (): Promise<Response> => {
        try {
          const result = await handle({ params: params as never, operation: name, request, requestId });
          return result instanceof Response ? result : Response.json(result ?? null);
        } catch (error) {
          return (options.failed ?? handlerFailedResponse)(error, context);
        }
      };
      const ledger = options.idempotency;
      const key = ledger?.honours(method) ? request.headers.get(ledger.header) : null;
      if (!ledger || !key) return perform();
      const fingerprint = fingerprintOf(request.method, new URL(request.url).pathname, raw);
      return ledger.run({ key, fingerprint, requestId, scope: ledger.scopeOf(request) }, perform);
    };
    list.push({
      templated: (operation.path.match(/\{/g) ?? []).length,
      handler: http[method](route, async ({ request, params: pathParams }) => {
        served += 1;
        const requestId = options.requestId?.() ?? `req_${served}`;
        const context: SandboxHookContext = { operation: name, request, requestId };
        const response = await answer(request, pathParams, context);
        return options.after ? options.after(response, context) : response;
      }),
    });
  }
  // `/v1/invoices/upcoming` must not be read as `/v1/invoices/{id}`: fixed paths first, whatever order the handlers came in.
  return { handlers: list.sort((a, b) => a.templated - b.templated).map((route) => route.handler), origin };
}

function unknownNames(raw: Record<string, unknown> | unknown[], accepted: ReadonlySet<string>): string[] {
  if (!Array.isArray(raw)) return Object.keys(raw).filter((key) => !accepted.has(key));
  return raw.flatMap((item, index) =>
    typeof item === 'object' && item !== null
      ? Object.keys(item)
          .filter((key) => !accepted.has(key))
          .map((key) => `${index}.${key}`)
      : [],
  );
}
