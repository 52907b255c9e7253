import type { Histogram, Meter } from '@opentelemetry/api';

/** The instruments a client's telemetry records into. */
export interface CallMetrics {
  /** Per attempt, seconds: the HTTP client convention's `http.client.request.duration`. */
  attemptDuration: Histogram;
  /** Per call, seconds, all attempts and waits included. */
  callDuration: Histogram;
  /** Attempts per call. */
  attempts: Histogram;
  /** Seconds a provider's rate-limit signal paused the bucket. */
  rateLimitWait: Histogram;
}

/** Creates the instruments on `meter`. */
export function callMetrics(meter: Meter): CallMetrics {
  return {
    attemptDuration: meter.createHistogram('http.client.request.duration', {
      unit: 's',
      description: 'Duration of HTTP client requests (one per attempt).',
    }),
    callDuration: meter.createHistogram('junction.client.call.duration', {
      unit: 's',
      description: 'Duration of client calls, every attempt and wait included.',
    }),
    attempts: meter.createHistogram('junction.client.call.attempts', {
      unit: '{attempt}',
      description: 'Attempts made per client call.',
      advice: { explicitBucketBoundaries: [1, 2, 3, 4, 5, 8] },
    }),
    rateLimitWait: meter.createHistogram('junction.client.rate_limit.wait', {
      unit: 's',
      description: 'How long a provider rate-limit signal paused the bucket.',
    }),
  };
}
