/** The sandbox's idea of now, in unix seconds (Stripe's timestamps). */
export type Clock = () => number;

/** A clock from a function returning milliseconds (default `Date.now`). */
export function clockFrom(nowMs: () => number = Date.now): Clock {
  return () => Math.floor(nowMs() / 1000);
}

/** A timestamp parameter in unix seconds (the client may have sent a `Date`). */
export function unixSeconds(value: number | Date): number {
  return value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
}
