import type { AnyConnector } from '../connector/define-connector.js';
import type { Admission } from '../rate-limit/admission.js';
import type { Redactor } from '../redaction/redactor.js';
import type { CallOptions } from './call-options.js';
import type { ClientEvents } from './events.js';

/** HTTP methods an operation may use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** How a response body is read: parsed JSON (the default; text when the content type is not JSON), text, bytes or a stream. */
export type ResponseType = 'json' | 'text' | 'bytes' | 'stream';

/**
 * A request body: a string (JSON, form), or a function that builds a fresh
 * body (e.g. `FormData` for multipart) for each attempt, so a retry sends
 * it whole again.
 */
export type RequestBody = string | (() => BodyInit);

/** A typed emitter function for the client's lifecycle events. */
export type Emit = <K extends keyof ClientEvents>(name: K, event: ClientEvents[K]) => void;

/**
 * One request on its way through the pipeline. Middleware may change the
 * mutable fields; the retry layer gives every attempt its own copy.
 */
export interface RequestContext {
  /** The connector the call belongs to; middleware reads its policies from here. */
  readonly connector: AnyConnector;
  /** The operation's name; absent for raw `request()` calls. */
  readonly operation?: string;
  method: HttpMethod;
  url: URL;
  headers: Headers;
  /** The encoded body: a string, or a function that builds it anew, so every attempt can send it again. */
  body?: RequestBody;
  /** The validated input the call was made with. */
  readonly input?: unknown;
  /** True when sending the request twice has the same effect as once (GET, PUT, DELETE, or declared so). */
  readonly idempotent: boolean;
  /** The key that makes a side effect safe to retry, fixed before the first attempt. */
  idempotencyKey?: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  /**
   * The rate-limit slot the client took for the first attempt before it
   * built this context; the rateLimit layer claims it once. Absent when the
   * client has no limiter.
   */
  readonly admission?: Admission;
  /** The call's own signal: aborts on the caller's signal or the call's deadline. Every wait and send listens to it. */
  signal?: AbortSignal;
  /** Time allowed for one attempt, from sending to the last byte of the body; `false` for none. */
  timeoutMs: number | false;
  /** How the transport reads the body. Default `json`. */
  responseType?: ResponseType;
  /** The largest body accepted, in bytes; `false` for no limit. Default: the transport's (10 MiB). */
  maxResponseBytes?: number | false;
  /** The caller's options for this call (per-call retry settings and the like). */
  readonly options: CallOptions;
  /** Emits lifecycle events on the client. */
  readonly emit: Emit;
  /** True when someone listens for event `name`: a layer can skip building an event nobody reads. */
  readonly listens: (name: keyof ClientEvents) => boolean;
  /** Removes this client's secrets from anything shown. */
  readonly redactor: Redactor;
}

/** A response that made it back through the pipeline (any status below 400 unless a middleware decides otherwise). */
export interface JunctionResponse {
  status: number;
  headers: Headers;
  /** The body: parsed JSON, text, or `undefined` when empty; a `Uint8Array` or `ReadableStream` for those response types. */
  data: unknown;
  /** The final URL, after redirects. */
  url: string;
}

/** Calls the rest of the chain. */
export type Next = (ctx: RequestContext) => Promise<JunctionResponse>;

/** A layer of the pipeline: do something around `next(ctx)`, or answer without calling it. */
export type Middleware = (ctx: RequestContext, next: Next) => Promise<JunctionResponse>;

/** A copy of `ctx` whose mutable parts can be changed without touching the original. */
export function forkContext(ctx: RequestContext, patch: Partial<RequestContext> = {}): RequestContext {
  return { ...ctx, url: new URL(ctx.url), headers: new Headers(ctx.headers), ...patch };
}
