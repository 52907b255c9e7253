import { describe, expect, it, vi } from 'vitest';
import { isWebhookVerificationError, type WebhookInput } from '../../../../src/webhooks/verify/index.js';
import type { KeyName } from './preset-contract.js';

/** What a verifier said of a delivery. */
export type Verdict = 'accept' | 'reject';

/** A delivery as both verifiers take it: plain header strings, a string or Buffer body. */
export type PlainDelivery = Omit<WebhookInput, 'body' | 'headers'> & { body: string | Buffer; headers: Record<string, string> };

/** One row of a differential table. */
export interface DifferentialCase {
  name: string;
  delivery: PlainDelivery;
  /** The clock both verifiers read, in ms since the epoch. */
  nowMs: number;
  /** The secrets or keys configured, in order; any one matching is enough. Default: the primary one. */
  keys?: readonly KeyName[];
  /** What both must say, so the table cannot pass with both verifiers broken the same way. */
  expected?: Verdict;
  /** A deliberate difference, documented in docs/webhooks.md: what we say (the official library says the opposite), and why. */
  divergence?: { ours: Verdict; why: string };
}

/** The two verifiers under comparison. */
export interface DifferentialSubject {
  title: string;
  /** Ours: throws a WebhookVerificationError to refuse. */
  ours(delivery: PlainDelivery, nowMs: number, keys: readonly KeyName[]): unknown;
  /** The official library with one key: returns false or throws to refuse. Its clock is set to `nowMs`. */
  official(delivery: PlainDelivery, nowMs: number, key: KeyName): unknown;
}

function oursSays(subject: DifferentialSubject, c: DifferentialCase): Verdict {
  try {
    subject.ours(c.delivery, c.nowMs, c.keys ?? ['primary']);
    return 'accept';
  } catch (error) {
    // Refusals must be typed: anything else is a bug of ours, not a verdict.
    if (!isWebhookVerificationError(error)) throw error;
    return 'reject';
  }
}

// Two of the libraries read Date.now() and take no clock of their own. The
// stub is removed before ours runs, so ours must honour its injected clock.
function officialSays(subject: DifferentialSubject, c: DifferentialCase): Verdict {
  const clock = vi.spyOn(Date, 'now').mockReturnValue(c.nowMs);
  const accepts = (key: KeyName): boolean => {
    try {
      return subject.official(c.delivery, c.nowMs, key) !== false;
    } catch {
      return false;
    }
  };
  try {
    return (c.keys ?? ['primary']).some(accepts) ? 'accept' : 'reject';
  } finally {
    clock.mockRestore();
  }
}

/** Checks that ours and the official library give the same verdict on every case, except the documented divergences. */
export function differentialTable(subject: DifferentialSubject, cases: readonly DifferentialCase[]): void {
  describe(`${subject.title}: same verdict as the official library`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const official = officialSays(subject, c);
        const ours = oursSays(subject, c);
        // Our clock is injected: the real one is years past these cases.
        expect(Math.abs(Date.now() - c.nowMs)).toBeGreaterThan(86_400_000 * 2);
        if (c.divergence) {
          expect({ ours, official }, c.divergence.why).toEqual({
            ours: c.divergence.ours,
            official: c.divergence.ours === 'accept' ? 'reject' : 'accept',
          });
        } else {
          expect(ours, `ours says ${ours}, the official library ${official}`).toBe(official);
          if (c.expected) expect(official).toBe(c.expected);
        }
      });
    }

    it('has cases of both verdicts, with absolute expectations for each', () => {
      const expected = new Set(cases.map((c) => c.expected).filter((v) => v !== undefined));
      expect([...expected].sort()).toEqual(['accept', 'reject']);
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    });
  });
}

/** How a preset's deliveries are signed and edited, for the cases every preset shares. */
export interface SharedCaseKit {
  /** A delivery of `body` signed at `atMs` with `key`, by the provider's library where it can sign. */
  sign(body: string | Buffer, atMs: number, key?: KeyName): PlainDelivery;
  signatureHeader: string;
  timestampHeader?: string;
  /** The signature header with its signature changed by one character. */
  tamper(value: string): string;
  /** The tolerance, in ms (300 s for every preset by default). */
  toleranceMs: number;
  /** Whether a delivery dated beyond the tolerance ahead of the clock is refused. */
  refusesFuture: boolean;
  /** Cases where we deliberately differ, by name. */
  divergences?: Record<string, DifferentialCase['divergence']>;
}

/** A fixed signing time on a whole second. */
export const SIGNED_AT = Date.UTC(2025, 0, 15, 12, 0, 0);

const BODY = '{"id":"evt_1","type":"thing.happened","data":{"name":"Zoë","amount":4200}}';

function withHeader(delivery: PlainDelivery, name: string, value: string | undefined): PlainDelivery {
  const headers = Object.fromEntries(Object.entries(delivery.headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
  return { ...delivery, headers: value === undefined ? headers : { ...headers, [name.toLowerCase()]: value } };
}

function headerOf(delivery: PlainDelivery, name: string): string {
  const found = Object.entries(delivery.headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`test bug: no ${name} header`);
  return found[1];
}

/** The cases every preset shares: rotation, tolerance edges, future, tampering, empty body, whitespace, missing headers. */
export function sharedCases(kit: SharedCaseKit): DifferentialCase[] {
  const at = SIGNED_AT;
  const tol = kit.toleranceMs;
  const valid = kit.sign(BODY, at);
  const sig = kit.signatureHeader;
  const cases: DifferentialCase[] = [
    { name: 'a valid delivery', delivery: valid, nowMs: at + 30_000, expected: 'accept' },
    { name: 'a valid delivery with a Buffer body', delivery: kit.sign(Buffer.from(BODY), at), nowMs: at, expected: 'accept' },
    { name: 'a tampered body', delivery: { ...valid, body: BODY.replace('4200', '4201') }, nowMs: at, expected: 'reject' },
    { name: 'a tampered signature', delivery: withHeader(valid, sig, kit.tamper(headerOf(valid, sig))), nowMs: at, expected: 'reject' },
    { name: 'a signature made with another secret', delivery: kit.sign(BODY, at, 'wrong'), nowMs: at, expected: 'reject' },
    {
      name: 'rotation: the second of two configured secrets matches',
      delivery: kit.sign(BODY, at, 'secondary'),
      nowMs: at,
      keys: ['primary', 'secondary'],
      expected: 'accept',
    },
    {
      name: 'rotation: neither configured secret matches',
      delivery: kit.sign(BODY, at, 'wrong'),
      nowMs: at,
      keys: ['primary', 'secondary'],
      expected: 'reject',
    },
    { name: 'signed 1 s inside the tolerance', delivery: valid, nowMs: at + tol - 1000, expected: 'accept' },
    { name: 'signed exactly the tolerance ago', delivery: valid, nowMs: at + tol, expected: 'accept' },
    { name: 'signed the tolerance and 999 ms ago', delivery: valid, nowMs: at + tol + 999 },
    { name: 'signed 1 s beyond the tolerance', delivery: valid, nowMs: at + tol + 1000, expected: 'reject' },
    { name: 'signed an hour ago', delivery: valid, nowMs: at + 3_600_000, expected: 'reject' },
    { name: 'dated 1 s less than the tolerance ahead', delivery: valid, nowMs: at - tol + 1000, expected: 'accept' },
    {
      name: 'dated 1 s more than the tolerance ahead (a slow server clock)',
      delivery: valid,
      nowMs: at - tol - 1000,
      expected: kit.refusesFuture ? 'reject' : 'accept',
    },
    { name: 'dated a day ahead', delivery: valid, nowMs: at - 86_400_000, expected: kit.refusesFuture ? 'reject' : 'accept' },
    { name: 'a signed empty string body', delivery: kit.sign('', at), nowMs: at },
    { name: 'a signed empty Buffer body', delivery: kit.sign(Buffer.alloc(0), at), nowMs: at },
    {
      name: 'a space before the signature header value',
      delivery: withHeader(valid, sig, ` ${headerOf(valid, sig)}`),
      nowMs: at,
    },
    {
      name: 'a space after the signature header value',
      delivery: withHeader(valid, sig, `${headerOf(valid, sig)} `),
      nowMs: at,
    },
    { name: 'no signature header', delivery: withHeader(valid, sig, undefined), nowMs: at, expected: 'reject' },
    { name: 'no headers at all', delivery: { ...valid, headers: {} }, nowMs: at, expected: 'reject' },
    {
      name: 'an empty signature header',
      delivery: withHeader(valid, sig, ''),
      nowMs: at,
      expected: 'reject',
    },
  ];
  if (kit.timestampHeader !== undefined) {
    const ts = kit.timestampHeader;
    cases.push(
      { name: 'no timestamp header', delivery: withHeader(valid, ts, undefined), nowMs: at, expected: 'reject' },
      { name: 'a space before the timestamp', delivery: withHeader(valid, ts, ` ${headerOf(valid, ts)}`), nowMs: at },
      { name: 'a space after the timestamp', delivery: withHeader(valid, ts, `${headerOf(valid, ts)} `), nowMs: at },
      {
        name: 'the timestamp changed by one',
        delivery: withHeader(valid, ts, String(Number(headerOf(valid, ts)) - 1)),
        nowMs: at,
        expected: 'reject',
      },
    );
  }
  return cases.map((c) => (kit.divergences?.[c.name] ? { ...c, divergence: kit.divergences[c.name] } : c));
}

export { BODY as DIFFERENTIAL_BODY, headerOf, withHeader };
