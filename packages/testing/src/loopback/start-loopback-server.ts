import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';
import { createFaultController, type FaultController, type FaultSource } from '../faults/fault-controller.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { handlerErrorResponse, unmatchedResponse } from './fallback-responses.js';
import { createHandlerList, type HandlerList } from './handler-list.js';
import { readRequest } from './read-request.js';
import type { RecordedRequest } from './recorded-request.js';
import { type HeaderRewriter, originRewriter } from './rewrite-origin.js';
import { resetConnection, strikeFault } from './strike-fault.js';
import { writeResponse } from './write-response.js';

/** Options for {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** The msw handlers to serve; the same ones a unit test gives to `setupServer`. */
  handlers?: readonly RequestHandler[];
  /** Faults to inject from the first request on; change them later with `server.faults`. */
  faults?: FaultPlan;
  /**
   * The origin the handlers were written for, e.g. `https://api.example.com`:
   * requests are matched as if sent there, so handlers with absolute URLs
   * work unchanged, and URLs on that origin in the `Link`, `Location` and
   * `Content-Location` headers they answer point back at this server, so a
   * client follows pagination links and redirects here. Default: the
   * server's own URL (relative paths and `*` patterns match).
   */
  origin?: string;
  /** Default 0: a free port chosen by the system. */
  port?: number;
}

/** A real HTTP server on 127.0.0.1 answering with msw handlers. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** Every request received, in order of arrival. A live array: clear it with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /** The server's faults, changeable while it runs. */
  readonly faults: FaultController;
  /** Prepends handlers for the rest of the test, like msw's `server.use`. */
  use(...handlers: RequestHandler[]): void;
  /** Back to the initial handlers; with arguments, replaces them, like msw's `server.resetHandlers`. */
  resetHandlers(...next: RequestHandler[]): void;
  /** Stops the server, dropping open and keep-alive connections so it never hangs. */
  close(): Promise<void>;
}

/**
 * Serves msw handlers from a real HTTP server on 127.0.0.1, so one fake
 * provider serves unit tests in process (through msw's `setupServer`) and
 * end-to-end runs over real sockets (through this), with fault injection.
 */
export async function startLoopbackServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const handlers = createHandlerList(options.handlers ?? []);
  const faults = createFaultController(options.faults);
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  // Every request a fault stalls waits on this one signal (each wait removes its listener when it ends), so many at once is normal, not a leak.
  setMaxListeners(0, closing.signal);

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const origin = options.origin ? new URL(options.origin).origin : url;
  // Attached once the origin is known: requests are matched on it.
  const rewrite = originRewriter(origin, url);
  const context: ExchangeContext = {
    handlers,
    faults,
    requests,
    origin,
    ...(rewrite ? { rewrite } : {}),
    signal: closing.signal,
    calls: 0,
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(context, req, res).catch(() => {
      // The client or close() tore the socket down mid-exchange: make sure nothing half-written lingers.
      resetConnection(res);
    });
  });

  let closed: Promise<void> | undefined;
  return {
    url,
    requests,
    faults,
    use: (...next) => handlers.use(...next),
    resetHandlers: (...next) => handlers.reset(...next),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

interface ExchangeContext {
  handlers: HandlerList;
  faults: FaultSource;
  requests: RecordedRequest[];
  origin: string;
  /** Points the handlers' URLs on `origin` back at this server. */
  rewrite?: HeaderRewriter;
  signal: AbortSignal;
  /** Requests received so far; kept apart from `requests`, which callers may clear. */
  calls: number;
}

async function serve(context: ExchangeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { request, headers, body } = await readRequest(req, context.origin);
  const url = new URL(request.url);
  const record: RecordedRequest = {
    call: ++context.calls,
    method: request.method,
    path: url.pathname,
    query: url.search,
    url: url.href,
    headers: Object.fromEntries(headers),
    body,
    receivedAt: Date.now(),
  };
  context.requests.push(record);
  const fault = context.faults.pick(record);
  if (fault) record.fault = fault;
  const when = fault?.when ?? 'before';

  if (fault && when === 'before' && (await strikeFault(fault, res, record, context.signal))) return;

  let response: Response;
  try {
    const found = await getResponse(context.handlers.current(), request, { baseUrl: context.origin, quiet: true });
    // msw's passthrough() has nowhere to pass to on this server: treat it as unmatched.
    const passthrough = found?.status === 302 && found.headers.get('x-msw-intention') === 'passthrough';
    response = found && !passthrough ? found : unmatchedResponse(record.method, record.path);
  } catch (error) {
    response = handlerErrorResponse(error);
  }

  if (fault && when === 'after') {
    // The handler ran, so its side effect happened; the response it made is what gets lost.
    const finished = await strikeFault(fault, res, record, context.signal);
    if (finished) {
      await response.body?.cancel();
      return;
    }
  }
  if (context.signal.aborted) return;
  if (response.type === 'error') {
    // HttpResponse.error() means a network error in msw; over a real socket that is a dropped connection.
    resetConnection(res);
    return;
  }
  record.status = response.status;
  await writeResponse(res, response, record.method, context.rewrite);
}
