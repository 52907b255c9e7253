import type { z } from 'zod';
import type { Pagination } from '../pagination/pagination.js';
import type { HttpMethod, ResponseType } from '../pipeline/context.js';
import type { PathParams } from './path.js';

/**
 * How the input (less path parameters) is sent: a JSON body, a form body
 * (`a[b][0]=c`), a `multipart/form-data` body (files as Blob or `file(bytes, name)`), or the query string.
 */
export type BodyEncoding = 'json' | 'form' | 'multipart' | 'query';

/** Any zod schema. */
export type Schema = z.ZodType;

/**
 * One endpoint of a provider: where it is, what it takes, what it gives.
 * Made with {@link defineOperation}, which checks the path against the input.
 */
export interface OperationDefinition<
  TPath extends string = string,
  TInput extends Schema | undefined = Schema | undefined,
  TOutput extends Schema | undefined = Schema | undefined,
  TItem = unknown,
  TResponse extends ResponseType | undefined = ResponseType | undefined,
> {
  method: HttpMethod;
  /** The path below the base URL, with `{name}` for each path parameter taken from the input. */
  path: TPath;
  /** Validates the input before anything is sent. Its fields fill path parameters; the rest are encoded. */
  input?: TInput;
  /** Reads the response. Objects are made lenient: unknown keys pass through. Without it, the call resolves to the parsed body as `unknown`. */
  output?: TOutput;
  /**
   * How the body is read: `json` (default), `text`, `bytes` (resolves to a
   * `Uint8Array`, e.g. a PDF) or `stream` (a web `ReadableStream`, read at
   * your pace). With `bytes` or `stream`, `output` is not used.
   */
  response?: TResponse;
  /**
   * Response headers read into the output, by output field: `{ messageId: 'x-message-id' }`
   * puts that header's value in the body's `messageId` (an empty body becomes
   * `{}` first) before `output` reads it. A header the response lacks is left out.
   * For providers that answer with the fact in a header (SendGrid's `X-Message-Id`).
   */
  responseHeaders?: Readonly<Record<string, string>>;
  /** The largest response body accepted, in bytes; `false` for no limit. Overrides the client's. */
  maxResponseBytes?: number | false;
  /** How the rest of the input is sent. Default: `query` for GET/HEAD/DELETE/OPTIONS, `json` otherwise. */
  encoding?: BodyEncoding;
  /** Input fields always sent in the query string, whatever the encoding (e.g. `expand`). */
  queryParams?: readonly string[];
  /**
   * True when repeating the call has no further effect (an upsert, a provider
   * that dedupes it), so it may be retried after any retryable failure without
   * an idempotency key; false makes it a side effect, repeated only when the
   * failure proves it was not processed. Default: true for GET, HEAD, OPTIONS,
   * PUT, DELETE. A call's `idempotent` option overrides it.
   */
  idempotent?: boolean;
  /** Headers for this operation only; they replace the client's and connector's of the same name. */
  headers?: Record<string, string>;
  /** How results continue on further pages. */
  paginate?: Pagination<OutputOf<TOutput>, TItem>;
  /** One line for docs and errors. */
  description?: string;
}

/** Any operation, whatever its types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest operation type must accept every schema and item type.
export type AnyOperation = OperationDefinition<string, any, any, any, any>;

/** What the caller passes to an operation with input schema `S`. */
export type InputOf<S> = [S] extends [Schema] ? z.input<S> : undefined;

/** What an operation with output schema `S` resolves to: without one, the parsed body as `unknown`. */
export type OutputOf<S> = [S] extends [Schema] ? z.output<S> : unknown;

/** What the caller passes to operation `O`. */
// biome-ignore lint/suspicious/noExplicitAny: only the inferred slot matters.
export type OperationInput<O> = O extends OperationDefinition<any, infer I, any, any, any> ? InputOf<I> : never;

/** What an operation read as `T` resolves to, given its output schema `S`. */
export type ResponseOf<T, S> = [T] extends ['bytes']
  ? Uint8Array
  : [T] extends ['stream']
    ? ReadableStream<Uint8Array>
    : [T] extends ['text']
      ? [S] extends [Schema]
        ? z.output<S>
        : string
      : OutputOf<S>;

/** What operation `O` resolves to. */
// biome-ignore lint/suspicious/noExplicitAny: only the inferred slots matter.
export type OperationOutput<O> = O extends OperationDefinition<any, any, infer R, any, infer T> ? ResponseOf<T, R> : never;

/** The item type an operation's pagination yields (`never` when it does not paginate). */
// biome-ignore lint/suspicious/noExplicitAny: only the inferred slot matters.
export type ItemOf<O> = O extends { paginate?: { items: (page: any) => readonly (infer T)[] } } ? T : never;

type MissingPathParams<P extends string, I> = Exclude<PathParams<P>, keyof InputOf<I>>;

/** Compiles only when every `{param}` in the path is a field of the input. */
export type CheckPathParams<P extends string, I> = [MissingPathParams<P, I>] extends [never]
  ? unknown
  : { input: `the input schema must have a field for each path parameter; missing: ${MissingPathParams<P, I> & string}` };

/**
 * Declares one operation with full type inference: the path's parameters
 * must be fields of the input, and pagination callbacks see the output type.
 */
export function defineOperation<
  const TPath extends string,
  TInput extends Schema | undefined = undefined,
  TOutput extends Schema | undefined = undefined,
  TItem = never,
  const TResponse extends ResponseType | undefined = undefined,
>(
  operation: OperationDefinition<TPath, TInput, TOutput, TItem, TResponse> & CheckPathParams<TPath, TInput>,
  // NoInfer: the connector's wide operation type must not leak back into the inference as `any`.
): OperationDefinition<NoInfer<TPath>, NoInfer<TInput>, NoInfer<TOutput>, NoInfer<TItem>, NoInfer<TResponse>> {
  return operation;
}
