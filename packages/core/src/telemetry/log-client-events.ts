import type { ClientEvents, LifecycleEventBase } from '../pipeline/events.js';

/** What the hook needs of a client: its `on`. */
export interface ClientEventSource {
  on<K extends keyof ClientEvents>(event: K, listener: (event: ClientEvents[K]) => void): () => void;
}

/** The part of a structured logger the hook calls, `logger.warn(fields, message)`: pino's (and bunyan's) shape. */
export interface StructuredLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

type Level = keyof StructuredLogger;

const where = (e: LifecycleEventBase) => ({
  connector: e.connector,
  ...(e.operation ? { operation: e.operation } : {}),
  method: e.method,
  url: e.url,
  attempt: e.attempt,
});

// What each event logs: its level, its fields (none holds a header, body or token), and its message.
const LOGGED: { [K in keyof ClientEvents]: [Level, (e: ClientEvents[K]) => Record<string, unknown>, string] } = {
  request: ['debug', where, 'request sent'],
  response: ['debug', (e) => ({ ...where(e), status: e.status, durationMs: e.durationMs }), 'response received'],
  error: [
    'warn',
    (e) => ({ ...where(e), ...(e.status === undefined ? {} : { status: e.status }), durationMs: e.durationMs, err: errorFields(e.error) }),
    'attempt failed',
  ],
  retry: ['warn', (e) => ({ ...where(e), reason: e.reason, delayMs: e.delayMs }), 'retrying'],
  rateLimited: ['warn', (e) => ({ connector: e.connector, waitMs: e.waitMs, reason: e.reason }), 'rate limit: bucket paused'],
  tokenRefreshed: [
    'info',
    (e) => ({
      connector: e.connector,
      grant: e.grant,
      ...(e.expiresAt === undefined ? {} : { expiresAt: e.expiresAt }),
      ...(e.onTokensError ? { onTokensError: e.onTokensError } : {}),
    }),
    'tokens refreshed',
  ],
};

/**
 * Logs a client's lifecycle events to a structured logger (pino, or anything
 * with `debug`/`info`/`warn(fields, message)`): attempts at debug, failures,
 * retries and rate-limit pauses at warn, token refreshes at info. For users
 * who do not run OpenTelemetry. Returns a function that stops logging.
 */
export function logClientEvents(client: ClientEventSource, logger: StructuredLogger): () => void {
  const stops = (Object.keys(LOGGED) as (keyof ClientEvents)[]).map((name) => {
    const [level, fields, message] = LOGGED[name] as [Level, (e: unknown) => Record<string, unknown>, string];
    return client.on(name, (event) => logger[level](fields(event), `junction: ${message}`));
  });
  return () => {
    for (const stop of stops) stop();
  };
}

function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}
