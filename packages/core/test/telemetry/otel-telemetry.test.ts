import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, isJunctionError } from '../../src/index.js';
import { otelTelemetry } from '../../src/telemetry.js';
import { acme, FAST, KEYED, TOKEN } from '../retry/support/acme-connector.js';
import { type Loopback, type Reply, startLoopback } from '../retry/support/loopback.js';

/** Collects on demand, as a test needs. */
class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A client with telemetry into in-memory exporters, against a loopback server answering `replies` in turn. */
async function setup(replies: Reply[], settings: { rateLimit?: { maxConcurrent: number } } = {}) {
  const server = await startLoopback((_hit, i) => replies[Math.min(i, replies.length - 1)]!);
  servers.push(server);
  const spans = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('test');
  const reader = new TestReader();
  const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
  const client = createClient(acme({ idempotency: KEYED }), {
    ...settings,
    credentials: { token: TOKEN },
    baseUrl: server.url,
    retry: FAST,
    middleware: [otelTelemetry({ tracer, meter })],
  });
  const metric = async (name: string) => {
    const { resourceMetrics } = (await reader.collect()) as { resourceMetrics: ResourceMetrics };
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
  };
  return { client, server, spans: () => spans.getFinishedSpans(), metric };
}

const byName = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('otelTelemetry', () => {
  it('records a call span around one client span per attempt, with the HTTP conventions, a retry event and the resend count', async () => {
    const { client, server, spans, metric } = await setup([{ status: 503, body: { error: 'busy' } }, { body: { id: 't1' } }]);
    await client.createThing({ name: 'a' });

    const [call] = byName(spans(), 'acme.createThing');
    const attempts = byName(spans(), 'POST');
    expect(call).toBeDefined();
    expect(call!.kind).toBe(SpanKind.INTERNAL);
    expect(call!.attributes).toMatchObject({ 'junction.connector': 'acme', 'junction.operation': 'createThing', 'junction.attempts': 2 });
    expect(call!.status.code).toBe(SpanStatusCode.UNSET);
    expect(call!.events.map((e) => [e.name, e.attributes?.['junction.retry.reason']])).toEqual([['retry', 'server_error: 503']]);

    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(attempt)).toBe(call!.spanContext().spanId);
    }
    const port = Number(new URL(server.url).port);
    expect(attempts[0]!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': port,
      'http.response.status_code': 503,
      'error.type': '503',
    });
    expect(attempts[0]!.attributes['http.request.resend_count']).toBeUndefined();
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[1]!.attributes).toMatchObject({ 'http.response.status_code': 200, 'http.request.resend_count': 1 });
    expect(attempts[1]!.attributes['error.type']).toBeUndefined();

    const durations = await metric('http.client.request.duration');
    expect(durations?.dataPoints.map((p) => (p.value as { count: number }).count).reduce((a, b) => a + b, 0)).toBe(2);
    const perCall = await metric('junction.client.call.attempts');
    expect(perCall?.dataPoints.map((p) => (p.value as { sum: number }).sum)).toEqual([2]);
  });

  it('marks a failed call with its typed error, and never records the token', async () => {
    const { client, spans } = await setup([{ status: 404, body: { error: 'no such thing' } }]);
    const error = await client.getThing({ id: 'missing' }).catch((e: unknown) => e);
    expect(isJunctionError(error)).toBe(true);

    const [call] = byName(spans(), 'acme.getThing');
    expect(call!.status.code).toBe(SpanStatusCode.ERROR);
    expect(call!.attributes['error.type']).toBe((error as { code?: string }).code ?? (error as Error).name);
    expect(byName(spans(), 'GET')[0]!.attributes['http.response.status_code']).toBe(404);
    expect(JSON.stringify(spans().map((s) => [s.attributes, s.events]))).not.toContain(TOKEN);
  });

  it('records a provider rate-limit pause as an event on the call and a wait metric', async () => {
    const { client, spans, metric } = await setup([{ status: 429, headers: { 'retry-after': '1' }, body: {} }], {
      rateLimit: { maxConcurrent: 1 },
    });
    // The pause outlasts the test's retry delays, so the call fails with the 429: the pause is recorded all the same.
    await client.getThing({ id: 't2' }).catch(() => {});
    const [call] = byName(spans(), 'acme.getThing');
    const paused = call!.events.find((e) => e.name === 'rate_limited');
    expect(paused?.attributes?.['junction.rate_limit.wait_ms']).toBeGreaterThanOrEqual(900);
    const waits = await metric('junction.client.rate_limit.wait');
    expect(waits?.dataPoints.map((p) => (p.value as { count: number }).count)).toEqual([1]);
  });
});
