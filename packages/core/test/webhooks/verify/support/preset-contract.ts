import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { WebhookInput, WebhookVerificationError, WebhookVerifier } from '../../../../src/webhooks/verify/index.js';
import { expectRejection, NOW } from './expect-rejection.js';

/** Which of a preset's three test keys to use. */
export type KeyName = 'primary' | 'secondary' | 'wrong';

/** A signed delivery without its body: what the provider's library produced. */
export type SignedDelivery = Omit<WebhookInput, 'body' | 'headers'> & { headers: Record<string, string> };

/** How to drive one preset through the shared cases. */
export interface PresetContract {
  title: string;
  toleranceMs: number;
  /** The verifier under test, configured with these keys in this order. */
  verifier(keys: readonly KeyName[]): WebhookVerifier;
  /** Signs `body` at `atMs` with the provider's own library (or its published scheme). */
  sign(body: string, key: KeyName, atMs: number): SignedDelivery;
  signatureHeader: string;
  /** Absent when the timestamp lives inside the signature header (Stripe). */
  timestampHeader?: string;
  /** A value for the signature header that no parser can read. */
  garbledSignature: string;
  /** Secret text that must never appear in an error message. */
  secrets: readonly string[];
  /** How the scheme rounds a time, e.g. to whole seconds. */
  truncate(ms: number): number;
  /** Whether a timestamp further ahead than the tolerance is refused (Standard Webhooks), or accepted as the provider's library does. */
  refusesFuture: boolean;
}

const BODY = '{"id":"evt_1","type":"thing.happened","data":{"name":"Zoë","amount":4200}}';

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
}

function withHeader(headers: Record<string, string>, name: string, value: string): Record<string, string> {
  return { ...without(headers, name), [name]: value };
}

/** The cases every preset must pass, against signatures made by the provider's own tooling. */
export function presetContract(contract: PresetContract): void {
  const signedAt = NOW - 30_000;
  const only = contract.verifier(['primary']);
  const reject = expectRejection;

  describe(`${contract.title}: shared cases`, () => {
    it('accepts a valid delivery with a string body', () => {
      const result = only.verify({ body: BODY, ...contract.sign(BODY, 'primary', signedAt) });
      expect(result.keyIndex).toBe(0);
      expect(result.timestamp?.getTime()).toBe(contract.truncate(signedAt));
    });

    it('accepts the same delivery with a Buffer body, and with a Fetch Headers object', () => {
      const delivery = contract.sign(BODY, 'primary', signedAt);
      expect(only.verify({ ...delivery, body: Buffer.from(BODY) }).keyIndex).toBe(0);
      expect(only.verify({ ...delivery, body: BODY, headers: new Headers(delivery.headers) }).keyIndex).toBe(0);
    });

    it('accepts a delivery just inside the tolerance, either way', () => {
      for (const at of [NOW - contract.toleranceMs + 1000, NOW + contract.toleranceMs - 1000]) {
        expect(only.verify({ body: BODY, ...contract.sign(BODY, 'primary', at) }).timestamp?.getTime()).toBe(contract.truncate(at));
      }
    });

    it('rejects a tampered body', () => {
      const delivery = contract.sign(BODY, 'primary', signedAt);
      reject(() => only.verify({ ...delivery, body: BODY.replace('4200', '4201') }), 'no_matching_signature');
    });

    it('rejects a signature made with another secret', () => {
      const error = reject(() => only.verify({ body: BODY, ...contract.sign(BODY, 'wrong', signedAt) }), 'no_matching_signature');
      expect(error.message).toMatch(/raw, unparsed body/);
      expect(error.header?.toLowerCase()).toBe(contract.signatureHeader.toLowerCase());
    });

    it('rejects an expired timestamp, saying how old and by how much', () => {
      const at = NOW - contract.toleranceMs - 90_000;
      const error = reject(() => only.verify({ body: BODY, ...contract.sign(BODY, 'primary', at) }), 'timestamp_out_of_tolerance');
      expect(error.ageMs).toBe(NOW - contract.truncate(at));
      expect(error.toleranceMs).toBe(contract.toleranceMs);
      expect(error.message).toMatch(/too old/);
      expect(error.message).toMatch(/1m 30s beyond the 5m tolerance/);
    });

    if (contract.refusesFuture) {
      it('rejects a timestamp too far in the future', () => {
        const at = NOW + contract.toleranceMs + 60_000;
        const error = reject(() => only.verify({ body: BODY, ...contract.sign(BODY, 'primary', at) }), 'timestamp_out_of_tolerance');
        expect(error.ageMs).toBe(NOW - contract.truncate(at));
        expect(error.message).toMatch(/in the future/);
        expect(error.message).toMatch(/1m beyond the 5m tolerance/);
      });
    } else {
      it("accepts a timestamp ahead of this server's clock by more than the tolerance (a slow clock)", () => {
        const at = NOW + contract.toleranceMs + 60_000;
        expect(only.verify({ body: BODY, ...contract.sign(BODY, 'primary', at) }).timestamp?.getTime()).toBe(contract.truncate(at));
      });
    }

    it("judges the timestamp against the delivery's receivedAt when one is given", () => {
      const delivery = { body: BODY, ...contract.sign(BODY, 'primary', NOW) };
      const late = NOW + contract.toleranceMs + 1000;
      reject(() => only.verify({ ...delivery, receivedAt: late }), 'timestamp_out_of_tolerance');
      expect(only.verify({ ...delivery, receivedAt: late - 1000 }).keyIndex).toBe(0);
    });

    it('rejects a delivery without the signature header', () => {
      const delivery = contract.sign(BODY, 'primary', signedAt);
      const error = reject(
        () => only.verify({ ...delivery, body: BODY, headers: without(delivery.headers, contract.signatureHeader) }),
        'missing_header',
      );
      expect(error.header?.toLowerCase()).toBe(contract.signatureHeader.toLowerCase());
      expect(error.message).toMatch(/missing/);
    });

    if (contract.timestampHeader !== undefined) {
      const timestampHeader = contract.timestampHeader;
      it('rejects a delivery without the timestamp header, and one with a garbled timestamp', () => {
        const delivery = contract.sign(BODY, 'primary', signedAt);
        const missing = reject(
          () => only.verify({ ...delivery, body: BODY, headers: without(delivery.headers, timestampHeader) }),
          'missing_header',
        );
        expect(missing.header?.toLowerCase()).toBe(timestampHeader.toLowerCase());
        const garbled = reject(
          () => only.verify({ ...delivery, body: BODY, headers: withHeader(delivery.headers, timestampHeader, 'yesterday') }),
          'malformed_header',
        );
        expect(garbled.header?.toLowerCase()).toBe(timestampHeader.toLowerCase());
      });
    }

    it('rejects a garbled signature header', () => {
      const delivery = contract.sign(BODY, 'primary', signedAt);
      const headers = withHeader(delivery.headers, contract.signatureHeader, contract.garbledSignature);
      const error = reject(() => only.verify({ ...delivery, body: BODY, headers }), 'malformed_header');
      expect(error.header?.toLowerCase()).toBe(contract.signatureHeader.toLowerCase());
    });

    it('accepts either secret during a rotation, and reports which one matched', () => {
      const rotating = contract.verifier(['primary', 'secondary']);
      expect(rotating.verify({ body: BODY, ...contract.sign(BODY, 'primary', signedAt) }).keyIndex).toBe(0);
      expect(rotating.verify({ body: BODY, ...contract.sign(BODY, 'secondary', signedAt) }).keyIndex).toBe(1);
      reject(() => rotating.verify({ body: BODY, ...contract.sign(BODY, 'wrong', signedAt) }), 'no_matching_signature');
      reject(
        () => contract.verifier(['secondary']).verify({ body: BODY, ...contract.sign(BODY, 'primary', signedAt) }),
        'no_matching_signature',
      );
    });

    it('refuses a body that was already parsed to an object, saying the raw body is needed', () => {
      const delivery = contract.sign(BODY, 'primary', signedAt);
      const parsed = JSON.parse(BODY) as unknown as string;
      const error = reject(() => only.verify({ ...delivery, body: parsed }), 'body_not_raw');
      expect(error.message).toMatch(/already parsed/);
      expect(error.message).toMatch(/raw, unparsed body/);
    });

    it('never puts a secret in an error message', () => {
      const delivery = contract.sign(BODY, 'primary', signedAt);
      const errors: WebhookVerificationError[] = [
        reject(() => only.verify({ body: BODY, ...contract.sign(BODY, 'wrong', signedAt) }), 'no_matching_signature'),
        reject(() => only.verify({ body: BODY, ...contract.sign(BODY, 'primary', NOW - 3_600_000) }), 'timestamp_out_of_tolerance'),
        reject(() => only.verify({ ...delivery, body: BODY, headers: {} }), 'missing_header'),
        reject(
          () =>
            only.verify({
              ...delivery,
              body: BODY,
              headers: withHeader(delivery.headers, contract.signatureHeader, contract.garbledSignature),
            }),
          'malformed_header',
        ),
        reject(() => only.verify({ ...delivery, body: {} as unknown as string }), 'body_not_raw'),
      ];
      for (const error of errors) {
        for (const secret of contract.secrets) {
          expect(error.message).not.toContain(secret);
          expect(JSON.stringify(error)).not.toContain(secret);
        }
      }
    });
  });
}
