import type { CallOptions } from '@junction/core';
import type { RequestOptions } from '../../unified/request-options.js';

/** The id of an expandable field: the string itself, or the expanded object's `id`. */
export function idOf(value: string | { id?: unknown } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return typeof value.id === 'string' ? value.id : null;
}

/** Stripe timestamps are unix seconds. */
export function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** A Date as unix seconds, for Stripe. */
export function toUnix(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A `created` range filter, or undefined when neither end is given. */
export function createdRange(after: Date | undefined, before: Date | undefined): { gte?: number; lte?: number } | undefined {
  if (!after && !before) return undefined;
  return { ...(after ? { gte: toUnix(after) } : {}), ...(before ? { lte: toUnix(before) } : {}) };
}

/** Stripe returns currencies in lower case; the unified models use upper case. */
export function upper(currency: string): string {
  return currency.toUpperCase();
}

/** Unified request options as core call options. */
export function callOptions(options: RequestOptions = {}): CallOptions {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
}
