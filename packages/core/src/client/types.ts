import type { z } from 'zod';
import type { AuthStrategy, CredentialsOf } from '../auth/auth-strategy.js';
import type { AnyConnector } from '../connector/define-connector.js';
import type { AnyOperation, BodyEncoding, ItemOf, OperationInput, OperationOutput } from '../connector/operation.js';
import type { IdempotencyPolicy } from '../idempotency/idempotency-policy.js';
import type { CallOptions } from '../pipeline/call-options.js';
import type { HttpMethod, Middleware } from '../pipeline/context.js';
import type { ClientEvents } from '../pipeline/events.js';
import type { Position } from '../pipeline/pipeline.js';
import type { LimiterRegistry } from '../rate-limit/limiter-registry.js';
import type { RateLimitPolicy } from '../rate-limit/rate-limit-policy.js';
import type { RetryPolicy } from '../retry/retry-policy.js';

/** Settings for one client, apart from credentials. */
export interface ClientSettings {
  /** Replaces the connector's base URL (a sandbox, a regional host, a proxy). */
  baseUrl?: string;
  /**
   * Headers on every request of this client. They replace the connector's of
   * the same name (whatever the case); an operation's and a call's replace them.
   */
  headers?: Record<string, string>;
  /**
   * Your application's product token, e.g. `my-app/1.2`, put before
   * Junction's in the User-Agent: `my-app/1.2 junction/<version> (+github)`.
   * A `User-Agent` header (client or call) replaces the whole value.
   */
  userAgent?: string;
  /** Time allowed for one attempt, until the last byte of the body; `false` for none. Default: the connector's, else 30 s. */
  timeoutMs?: number | false;
  /** Time allowed for each whole call, every attempt and wait included. Default: none (each attempt still has `timeoutMs`). */
  deadlineMs?: number;
  /** The largest response body accepted, in bytes; `false` for no limit. Default 10 MiB; an operation may set its own. */
  maxResponseBytes?: number | false;
  /** The fetch to send with. Default: the global fetch, looked up per request. */
  fetch?: typeof fetch;
  /** Sends each attempt; default `fetchTransport({ fetch })`. Pass `kyTransport(yourKy)` to send with your own ky instance. */
  transport?: Middleware;
  /** More secret values to remove from errors, events and logs (e.g. a webhook secret kept in config). */
  secrets?: string[];
  /** Retry settings merged over the connector's; `false` turns retrying off. */
  retry?: RetryPolicy | false;
  /**
   * Limits merged over the connector's; `false` turns the limiter off. With
   * `key`, clients of the same connector and key share one bucket through `limiters`.
   */
  rateLimit?: (RateLimitPolicy & { key?: string }) | false;
  /** Where shared rate-limit buckets live (`createLimiterRegistry()`); needed when `rateLimit.key` is set. */
  limiters?: LimiterRegistry;
  /** Idempotency settings merged over the connector's. */
  idempotency?: IdempotencyPolicy;
  /** Middleware to insert, each at a named position (default: just before the transport). */
  middleware?: { use: Middleware; position?: Position; name?: string }[];
  /**
   * Secrets must never ship to a browser: creating a client with a secret
   * credential in a browser throws unless this is true.
   */
  dangerouslyAllowBrowser?: boolean;
}

/** Credentials for the connector's auth scheme, or a whole strategy that replaces it. */
export type AuthConfig<C extends AnyConnector> = [CredentialsOf<C['auth']>] extends [undefined]
  ? { credentials?: undefined; auth?: AuthStrategy }
  : { credentials: CredentialsOf<C['auth']>; auth?: undefined } | { auth: AuthStrategy; credentials?: undefined };

/** What `createClient` takes. */
export type ClientConfig<C extends AnyConnector> = ClientSettings & AuthConfig<C>;

/** The arguments of an operation method: the input may be left out when nothing in it is required. */
export type CallArgs<O extends AnyOperation> = [OperationInput<O>] extends [undefined]
  ? [input?: undefined, options?: CallOptions]
  : {} extends OperationInput<O>
    ? [input?: OperationInput<O>, options?: CallOptions]
    : [input: OperationInput<O>, options?: CallOptions];

/** Iterators over every page, or every item, of a paginated operation. They stop at the last page, or on abort. */
export interface PaginationMethods<O extends AnyOperation> {
  /** Each page as the operation returns it, following the operation's pagination. */
  pages(...args: CallArgs<O>): AsyncGenerator<OperationOutput<O>, void, undefined>;
  /** Each item across all pages. */
  items(...args: CallArgs<O>): AsyncGenerator<ItemOf<O>, void, undefined>;
}

/** A client method for one operation; paginated operations also get `pages` and `items`. */
export type OperationMethod<O extends AnyOperation> = ((...args: CallArgs<O>) => Promise<OperationOutput<O>>) &
  ([ItemOf<O>] extends [never] ? unknown : PaginationMethods<O>);

/** A request to an endpoint the connector does not declare. */
export interface RawRequest<TOutput extends z.ZodType | undefined = undefined> {
  method: HttpMethod;
  /** A path below the base URL, or an absolute URL. */
  path: string;
  /** Query parameters, bracket-encoded like form bodies. */
  query?: Record<string, unknown>;
  /** The body, encoded per `encoding`. */
  body?: unknown;
  /** Default `json`. */
  encoding?: Exclude<BodyEncoding, 'query'>;
  /** Validates the response body; without it, `data` is `unknown`. */
  output?: TOutput;
  /** True when repeating it has no further effect. Default: by method. */
  idempotent?: boolean;
}

/** What `request()` resolves to. */
export interface RawResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/** What every client has besides its operations. */
export interface ClientBase<C extends AnyConnector> {
  /** The connector this client was made from. */
  readonly connector: C;
  /** Calls an endpoint the connector does not declare, through the same pipeline. */
  request<TOutput extends z.ZodType | undefined = undefined>(
    request: RawRequest<TOutput>,
    options?: CallOptions,
  ): Promise<RawResponse<TOutput extends z.ZodType ? z.output<TOutput> : unknown>>;
  /** Listens to a lifecycle event; returns a function that stops listening. */
  on<K extends keyof ClientEvents>(event: K, listener: (event: ClientEvents[K]) => void): () => void;
  /** Listens to the next occurrence of an event only. */
  once<K extends keyof ClientEvents>(event: K, listener: (event: ClientEvents[K]) => void): () => void;
  /** Stops a listener. */
  off<K extends keyof ClientEvents>(event: K, listener: (event: ClientEvents[K]) => void): void;
  /** Inserts middleware at a named position (default: just before the transport). */
  use(middleware: Middleware, position?: Position): void;
}

/** The client for a connector: one method per operation, plus {@link ClientBase}. */
export type Client<C extends AnyConnector> = {
  readonly [K in keyof C['operations']]: OperationMethod<C['operations'][K]>;
} & ClientBase<C>;
