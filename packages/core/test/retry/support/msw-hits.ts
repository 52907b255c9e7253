import { type HttpResponseResolver, http } from 'msw';
import type { SetupServer } from 'msw/node';

/** A request as msw saw it. */
export interface MswHit {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  /** `performance.now()` when it arrived. */
  at: number;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Answers `method url` with `answer(index)`, where index counts the
 * requests to it from 0, and records each request in the returned list.
 */
export function script(
  server: SetupServer,
  method: Method,
  url: string,
  answer: (index: number, hit: MswHit) => Response | Promise<Response>,
): MswHit[] {
  const hits: MswHit[] = [];
  const resolver: HttpResponseResolver = async ({ request }) => {
    const hit = { method: request.method, url: request.url, headers: request.headers, body: await request.text(), at: performance.now() };
    const index = hits.push(hit) - 1;
    return answer(index, hit);
  };
  server.use(http[method](url, resolver));
  return hits;
}
