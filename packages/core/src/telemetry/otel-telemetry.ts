import { type Attributes, context, metrics, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { JunctionResponse, Middleware, Next, RequestContext } from '../pipeline/context.js';
import { forkContext } from '../pipeline/context.js';
import type { ClientEvents, ErrorEvent, LifecycleEventBase } from '../pipeline/events.js';
import type { Position } from '../pipeline/pipeline.js';
import { VERSION } from '../version.js';
import { type CallMetrics, callMetrics } from './otel-metrics.js';

/** Options for {@link otelTelemetry}. */
export interface OtelTelemetryOptions {
  /** The tracer spans are made with. Default: the global tracer provider's, named `@junction/core`. */
  tracer?: Tracer;
  /** The meter instruments are made with. Default: the global meter provider's, named `@junction/core`. */
  meter?: import('@opentelemetry/api').Meter;
}

/** A middleware to give a client: `createClient(connector, { middleware: [otelTelemetry()] })`. */
export interface TelemetryMiddleware {
  use: Middleware;
  position: Position;
  name: string;
}

// The events this layer turns into spans and span events; the observe layer builds its own only when someone listens.
const RECORDED = new Set<keyof ClientEvents>(['request', 'response', 'error', 'retry', 'rateLimited', 'tokenRefreshed']);

/**
 * OpenTelemetry for a client: a span per call (`<connector>.<operation>`,
 * internal) around a client span per attempt that follows the HTTP client
 * conventions (method, server address and port, redacted `url.full`, status,
 * `http.request.resend_count`, `error.type`), with retries, provider rate-limit
 * pauses and token refreshes as events on the call's span, and metrics for
 * attempt and call durations, attempts per call and rate-limit waits. It
 * records what the lifecycle events carry: URLs and errors already redacted,
 * no header, body or token. Runs once per call, outside the retries.
 */
export function otelTelemetry(options: OtelTelemetryOptions = {}): TelemetryMiddleware {
  const tracer = options.tracer ?? trace.getTracer('@junction/core', VERSION);
  const recorded = callMetrics(options.meter ?? metrics.getMeter('@junction/core', VERSION));
  const use: Middleware = (ctx, next) => traced(tracer, recorded, ctx, next);
  return { use, position: { before: 'idempotency' }, name: 'telemetry' };
}

async function traced(tracer: Tracer, recorded: CallMetrics, ctx: RequestContext, next: Next): Promise<JunctionResponse> {
  const operation = ctx.operation ?? 'request';
  const callAttributes: Attributes = { 'junction.connector': ctx.connector.name, 'junction.operation': operation };
  const started = performance.now();
  const call = tracer.startSpan(`${ctx.connector.name}.${operation}`, { kind: SpanKind.INTERNAL, attributes: callAttributes });
  const parent = trace.setSpan(context.active(), call);
  let attempt: Span | undefined;
  let attempts = 0;
  const emit: RequestContext['emit'] = (name, event) => {
    if (name === 'request') {
      attempts++;
      attempt = tracer.startSpan(ctx.method, { kind: SpanKind.CLIENT, attributes: attemptAttributes(event as LifecycleEventBase) }, parent);
    } else if (name === 'response' || name === 'error') {
      endAttempt(attempt, event as ClientEvents['response'] | ErrorEvent, recorded);
      attempt = undefined;
    } else if (name === 'retry') {
      const retry = event as ClientEvents['retry'];
      call.addEvent('retry', {
        'junction.retry.reason': retry.reason,
        'junction.retry.delay_ms': retry.delayMs,
        'junction.attempt': retry.attempt,
      });
    } else if (name === 'rateLimited') {
      const limited = event as ClientEvents['rateLimited'];
      call.addEvent('rate_limited', { 'junction.rate_limit.wait_ms': limited.waitMs, 'junction.rate_limit.reason': limited.reason });
      recorded.rateLimitWait.record(limited.waitMs / 1000, { 'junction.connector': limited.connector });
    } else if (name === 'tokenRefreshed') {
      call.addEvent('token_refreshed', { 'junction.oauth.grant': (event as ClientEvents['tokenRefreshed']).grant });
    }
    ctx.emit(name, event);
  };
  const listens: RequestContext['listens'] = (name) => RECORDED.has(name) || ctx.listens(name);
  try {
    const response = await context.with(parent, () => next(forkContext(ctx, { emit, listens })));
    call.setStatus({ code: SpanStatusCode.UNSET });
    finish(call, recorded, callAttributes, started, attempts);
    return response;
  } catch (error) {
    const type = errorType(error);
    call.setAttribute('error.type', type);
    call.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    finish(call, recorded, { ...callAttributes, 'error.type': type }, started, attempts);
    throw error;
  } finally {
    // An attempt whose end was never told (an abort before an answer) still ends with the call.
    attempt?.end();
  }
}

function finish(call: Span, recorded: CallMetrics, attributes: Attributes, started: number, attempts: number): void {
  call.setAttribute('junction.attempts', attempts);
  call.end();
  recorded.callDuration.record((performance.now() - started) / 1000, attributes);
  recorded.attempts.record(attempts, attributes);
}

function attemptAttributes(event: LifecycleEventBase): Attributes {
  const url = new URL(event.url);
  return {
    'http.request.method': event.method,
    'server.address': url.hostname,
    'server.port': url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
    'url.full': event.url,
    'junction.connector': event.connector,
    ...(event.operation ? { 'junction.operation': event.operation } : {}),
    ...(event.attempt > 1 ? { 'http.request.resend_count': event.attempt - 1 } : {}),
  };
}

function endAttempt(span: Span | undefined, event: ClientEvents['response'] | ErrorEvent, recorded: CallMetrics): void {
  const attributes: Attributes = { 'http.request.method': event.method, 'server.address': new URL(event.url).hostname };
  if (event.status !== undefined) attributes['http.response.status_code'] = event.status;
  if ('error' in event) attributes['error.type'] = event.status === undefined ? errorType(event.error) : String(event.status);
  recorded.attemptDuration.record(event.durationMs / 1000, attributes);
  if (!span) return;
  span.setAttributes(attributes);
  if ('error' in event) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** A low-cardinality name for what failed: the typed error's code or class. */
function errorType(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return '_OTHER';
}
