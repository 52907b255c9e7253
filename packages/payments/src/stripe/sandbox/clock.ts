/** The sandbox's idea of now, in unix seconds (Stripe's timestamps). */
export type Clock = () => number;

/** A clock from a function returning milliseconds (default `Date.now`). */
export function clockFrom(nowMs: () => number = Date.now): Clock {
  return () => Math.floor(nowMs() / 1000);
}
