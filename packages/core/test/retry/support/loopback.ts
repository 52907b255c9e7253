import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it. */
export interface Hit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request arrived, before its body was read. */
  at: number;
  /** `performance.now()` when the answer was written. */
  answeredAt?: number;
}

/** What the handler answers; `destroy` drops the connection instead (a reset). */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  destroy?: boolean;
}

/** A real node:http server on 127.0.0.1. */
export interface Loopback {
  url: string;
  port: number;
  hits: Hit[];
  /** The most requests it ever had in progress at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** Starts a loopback server answering each request with `handle` (its 0-based index given). */
export async function startLoopback(handle: (hit: Hit, index: number) => Reply | Promise<Reply>, port = 0): Promise<Loopback> {
  const hits: Hit[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req, res) => {
    const at = performance.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const hit: Hit = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at,
    };
    const index = hits.push(hit) - 1;
    const reply = await handle(hit, index);
    inFlight--;
    hit.answeredAt = performance.now();
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    hits,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A promise with its resolve function, for holding a server answer until the test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
