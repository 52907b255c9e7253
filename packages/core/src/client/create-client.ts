import { EventEmitter } from 'eventemitter3';
import type { z } from 'zod';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import { type AnyConnector, checkConnector } from '../connector/define-connector.js';
import type { AnyOperation } from '../connector/operation.js';
import { encodeBody } from '../encoding/encode-body.js';
import { appendQuery, encodeRequest, joinUrl } from '../encoding/encode-request.js';
import type { RequestSummary } from '../errors/junction-error.js';
import { ResponseValidationError } from '../errors/validation-error.js';
import type { CallOptions } from '../pipeline/call-options.js';
import { linkCallSignal } from '../pipeline/call-signal.js';
import { checkLimits } from '../pipeline/check-limits.js';
import type { HttpMethod, JunctionResponse, RequestBody, RequestContext, ResponseType } from '../pipeline/context.js';
import type { ClientEvents } from '../pipeline/events.js';
import { type Admission, type Admittable, admit } from '../rate-limit/admission.js';
import { createRedactor, type Redactor } from '../redaction/redactor.js';
import { checkSchema } from '../schema/check-schema.js';
import { describeIssues, toIssues } from '../schema/issues.js';
import { parseInput } from '../schema/parse-input.js';
import { parseLenient } from '../schema/parse-lenient.js';
import { guardBrowser } from './browser-guard.js';
import { buildPipeline } from './build-pipeline.js';
import { checkClientConfig } from './check-client-config.js';
import { type FetchedPage, paginateItems, paginatePages } from './paginate.js';
import { clientHeaders, requestHeaders } from './request-headers.js';
import type { Client, ClientConfig, RawRequest } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

type Listener = (event: unknown) => void;

/** A call before it starts: what names it in errors, its options, its signal once linked, and how to start it. */
interface PendingCall<T> extends Admittable<T> {
  readonly options: CallOptions;
  readonly request: RequestSummary;
  signal: AbortSignal | undefined;
  start(admission?: Admission): Promise<T>;
}

/** One request before it enters the pipeline. */
interface Outgoing {
  operation?: string;
  method: HttpMethod;
  url: URL;
  body?: RequestBody;
  contentType?: string;
  responseType?: ResponseType;
  maxResponseBytes?: number | false;
  input?: unknown;
  idempotent: boolean;
  headers?: Record<string, string>;
}

/**
 * Turns a connector into a typed client: one method per operation, a raw
 * `request()` for anything undeclared, lifecycle events, and the pipeline
 * every call goes through.
 */
export function createClient<C extends AnyConnector>(connector: C, config: ClientConfig<C>): Client<C> {
  checkConnector(connector);
  checkClientConfig(connector, config);
  const strategy: AuthStrategy = config.auth ?? connector.auth.create(config.credentials);
  guardBrowser(connector.name, strategy, config.dangerouslyAllowBrowser);

  const redactor: Redactor = createRedactor({
    secrets: () => [...strategy.secrets(), ...(config.secrets ?? [])],
    headers: strategy.secretHeaders ?? [],
    queryParams: strategy.secretQueryParams ?? [],
  });
  // Typed at the client's surface (ClientBase); internally any listener is fine.
  const emitter = new EventEmitter();
  const emit: RequestContext['emit'] = (name, event) => {
    emitter.emit(name, event);
  };
  const listens: RequestContext['listens'] = (name) => emitter.listenerCount(name) > 0;
  const { pipeline, limited } = buildPipeline(connector, config, strategy);
  for (const m of config.middleware ?? []) pipeline.use(m.use, m.position, m.name);

  const baseUrl = config.baseUrl ?? connector.baseUrl;
  const timeout = config.timeoutMs ?? connector.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseHeaders = clientHeaders(connector, config.headers, config.userAgent);
  const maxWaitMs = limited?.policy.maxWaitMs;

  /**
   * Starts a call: links its signal (the caller's, and its deadline), then
   * waits for its first limiter slot before `call.start` builds any of its
   * state, so a queued call holds little more than its input.
   */
  const begin = <T>(call: PendingCall<T>): Promise<T> => {
    const deadlineMs = call.options.deadlineMs ?? config.deadlineMs;
    try {
      checkLimits(deadlineMs, call.options.maxResponseBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    const linked = linkCallSignal(call.options.signal, deadlineMs, call);
    call.signal = linked.signal;
    const result = limited ? admit(limited.limiter, call) : call.start();
    return linked.signal ? result.finally(linked.done) : result;
  };

  const send = (out: Outgoing, options: CallOptions, signal: AbortSignal | undefined, admission?: Admission): Promise<JunctionResponse> => {
    const headers = requestHeaders(baseHeaders, out.headers, options.headers, () => ({ connector, ...out, redactor }));
    if (out.contentType) headers.set('content-type', out.contentType);
    const maxResponseBytes = options.maxResponseBytes ?? out.maxResponseBytes ?? config.maxResponseBytes;
    checkLimits(undefined, maxResponseBytes);
    // Every field present, even when undefined: each call's context then has the same shape, and the layers reading it stay monomorphic.
    const ctx: RequestContext = {
      connector,
      operation: out.operation,
      method: out.method,
      url: out.url,
      headers,
      body: out.body,
      input: out.input,
      idempotent: options.idempotent ?? out.idempotent,
      idempotencyKey: options.idempotencyKey || undefined,
      attempt: 1,
      admission,
      signal,
      timeoutMs: options.timeoutMs ?? timeout,
      responseType: out.responseType,
      maxResponseBytes,
      options,
      emit,
      listens,
      redactor,
    };
    return pipeline.run(ctx);
  };

  const summary = (operation: string | undefined, method: HttpMethod, url: URL): RequestSummary => ({
    connector: connector.name,
    ...(operation ? { operation } : {}),
    method,
    url: redactor.url(url),
  });

  /**
   * A call of an operation, from the moment it is made. While it waits for
   * its slot it is only this record, which doubles as the limiter's options
   * for it: its URL, body, headers and context are made in `start`.
   */
  class OperationCall implements PendingCall<unknown> {
    signal: AbortSignal | undefined;
    readonly maxWaitMs = maxWaitMs;
    constructor(
      readonly name: string,
      readonly operation: AnyOperation,
      readonly valid: unknown,
      readonly options: CallOptions,
      /** Resolve to the data alone (a method call), not the page with its response (a listing). */
      readonly dataOnly: boolean,
    ) {}

    get request(): RequestSummary {
      return summary(this.name, this.operation.method, this.encode().url);
    }

    encode() {
      return encodeRequest(baseUrl, this.operation, this.valid, `${connector.name}.${this.name}`);
    }

    async start(admission?: Admission): Promise<unknown> {
      const { name, operation, valid, options } = this;
      const encoded = this.encode();
      const response = await send(
        {
          operation: name,
          method: operation.method,
          url: encoded.url,
          body: encoded.body,
          contentType: encoded.contentType,
          input: valid,
          idempotent: operation.idempotent ?? IDEMPOTENT_METHODS.has(operation.method),
          headers: operation.headers,
          responseType: operation.response,
          maxResponseBytes: operation.maxResponseBytes,
        },
        options,
        this.signal,
        admission,
      );
      const data = outputOf(connector, name, operation, response, redactor);
      return this.dataOnly ? data : { data, response };
    }
  }

  /** A call to a URL known up front (a raw request, a listing's next page). */
  class UrlCall<T> implements PendingCall<T> {
    signal: AbortSignal | undefined;
    readonly maxWaitMs = maxWaitMs;
    constructor(
      readonly options: CallOptions,
      readonly request: RequestSummary,
      readonly run: (signal: AbortSignal | undefined, admission?: Admission) => Promise<T>,
    ) {}

    start(admission?: Admission): Promise<T> {
      return this.run(this.signal, admission);
    }
  }

  // Takes input already validated: each page of a listing reuses the first page's valid input.
  const call = (name: string, operation: AnyOperation, valid: unknown, options: CallOptions = {}): Promise<FetchedPage> =>
    begin(new OperationCall(name, operation, valid, options, false)) as Promise<FetchedPage>;

  const client: Record<string, unknown> = {
    connector,
    async request(raw: RawRequest<z.ZodType | undefined>, options: CallOptions = {}) {
      checkSchema(raw.output, 'The output schema given to request()');
      const url = /^https?:\/\//i.test(raw.path) ? new URL(raw.path) : joinUrl(baseUrl, raw.path);
      if (raw.query) appendQuery(url, raw.query);
      return begin(
        new UrlCall(options, summary(undefined, raw.method, url), async (signal, admission) => {
          const response = await send(
            {
              method: raw.method,
              url,
              ...(raw.body === undefined ? {} : encodeBody(raw.encoding ?? 'json', raw.body)),
              input: raw.body,
              idempotent: raw.idempotent ?? IDEMPOTENT_METHODS.has(raw.method),
            },
            options,
            signal,
            admission,
          );
          const data = raw.output
            ? parseOutput(connector, `request(${raw.method} ${raw.path})`, raw.method, raw.output, response, redactor)
            : response.data;
          return { status: response.status, headers: response.headers, data };
        }),
      );
    },
    on(event: keyof ClientEvents, listener: Listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    once(event: keyof ClientEvents, listener: Listener) {
      emitter.once(event, listener);
      return () => emitter.off(event, listener);
    },
    off(event: keyof ClientEvents, listener: Listener) {
      emitter.off(event, listener);
    },
    use: pipeline.use.bind(pipeline),
    [Symbol.for('nodejs.util.inspect.custom')]: () => describe(connector, baseUrl, strategy),
    toJSON: () => describe(connector, baseUrl, strategy),
  };

  for (const [name, operation] of Object.entries(connector.operations)) {
    const method = (input?: unknown, options: CallOptions = {}): Promise<unknown> => {
      let valid: unknown;
      try {
        valid = validateInput(connector, name, operation, input, redactor);
      } catch (error) {
        return Promise.reject(error);
      }
      return begin(new OperationCall(name, operation, valid, options, true));
    };
    if (operation.paginate) {
      const pages = (input?: unknown, options: CallOptions = {}) => {
        const start = (validateInput(connector, name, operation, input, redactor) ?? {}) as Record<string, unknown>;
        return paginatePages(
          operation,
          start,
          {
            byInput: (next) => call(name, operation, next, options),
            byUrl: (url) =>
              begin(
                new UrlCall(options, summary(name, 'GET', new URL(url)), async (signal, admission) => {
                  const response = await send(
                    {
                      operation: name,
                      method: 'GET',
                      url: new URL(url),
                      idempotent: true,
                      ...(operation.headers ? { headers: operation.headers } : {}),
                      ...(operation.maxResponseBytes === undefined ? {} : { maxResponseBytes: operation.maxResponseBytes }),
                    },
                    options,
                    signal,
                    admission,
                  );
                  return { data: parseOutput(connector, name, 'GET', operation.output, response, redactor), response };
                }),
              ),
          },
          options.signal,
        );
      };
      Object.assign(method, { pages, items: (input?: unknown, options?: CallOptions) => paginateItems(operation, pages(input, options)) });
    }
    client[name] = method;
  }
  return client as Client<C>;
}

function validateInput(connector: AnyConnector, name: string, operation: AnyOperation, input: unknown, redactor: Redactor): unknown {
  const schema = operation.input as z.ZodType | undefined;
  if (!schema) return input;
  return parseInput(schema, input, `${connector.name}.${name}`, {
    redactor,
    request: () => ({
      connector: connector.name,
      operation: name,
      method: operation.method,
      url: redactor.url(joinUrl(connector.baseUrl, operation.path)),
    }),
  });
}

/** Bytes and streams are the output as they come; text without a schema is the text; the rest goes through the schema. */
function outputOf(connector: AnyConnector, name: string, operation: AnyOperation, response: JunctionResponse, redactor: Redactor): unknown {
  const type = operation.response;
  if (type === 'bytes' || type === 'stream' || (type === 'text' && !operation.output)) return response.data;
  const read = operation.responseHeaders ? { ...response, data: withHeaderFields(response, operation.responseHeaders) } : response;
  return parseOutput(connector, name, operation.method, operation.output, read, redactor);
}

// The operation's `responseHeaders` copied into the body: an object's fields, or a fresh object for an empty body.
function withHeaderFields(response: JunctionResponse, fields: Readonly<Record<string, string>>): unknown {
  const data = response.data;
  if (data !== undefined && data !== '' && (typeof data !== 'object' || data === null || Array.isArray(data))) return data;
  const out: Record<string, unknown> = { ...((data ?? {}) as Record<string, unknown>) };
  for (const [field, header] of Object.entries(fields)) {
    const value = response.headers.get(header);
    if (value !== null) out[field] = value;
  }
  return out;
}

function parseOutput(
  connector: AnyConnector,
  name: string,
  method: HttpMethod,
  schema: z.ZodType | undefined,
  response: JunctionResponse,
  redactor: Redactor,
): unknown {
  // Without a schema the body is the caller's to read, as `unknown`.
  if (!schema) return response.data;
  const result = parseLenient(schema, response.data);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  const empty = response.data === undefined ? ' (the body was empty)' : '';
  throw new ResponseValidationError(
    redactor.text(
      `The response to ${connector.name}.${name} (status ${response.status}) does not match its schema${empty}: ${describeIssues(issues)}. The raw body is on error.body.`,
    ),
    {
      issues,
      status: response.status,
      body: redactor.value(response.data),
      request: { connector: connector.name, operation: name, method, url: redactor.url(response.url) },
    },
  );
}

function describe(connector: AnyConnector, baseUrl: string, strategy: AuthStrategy) {
  return { connector: connector.name, baseUrl, auth: strategy.kind, operations: Object.keys(connector.operations) };
}
