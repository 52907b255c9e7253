import type { Fault } from '../faults/fault.js';

/** One request as the loopback server received it, and what became of it. */
export interface RecordedRequest {
  /** 1 for the first request the server received, and so on. */
  readonly call: number;
  /** Upper case, e.g. `POST`. */
  readonly method: string;
  /** The URL's path, without the query. */
  readonly path: string;
  /** The query string with its `?`, or `''`. */
  readonly query: string;
  /** The full URL as the handlers saw it (on the server's `origin` when one was given). */
  readonly url: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; `''` when there was none. */
  readonly body: string;
  /** `Date.now()` when the whole request had arrived. */
  readonly receivedAt: number;
  /** The fault that struck this request, if any. */
  fault?: Fault;
  /** The status sent back; absent while in progress, and when the connection was dropped instead. */
  status?: number;
}
