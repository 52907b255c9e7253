/**
 * `@junction/core/telemetry`: OpenTelemetry for a client, as one middleware.
 * Needs `@opentelemetry/api` (an optional peer); the main entry never loads it.
 *
 * @module
 */

export { type OtelTelemetryOptions, otelTelemetry, type TelemetryMiddleware } from './telemetry/otel-telemetry.js';
