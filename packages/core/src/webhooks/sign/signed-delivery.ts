import { randomUUID } from 'node:crypto';
import { headerLookup } from '../verify/header-lookup.js';
import type { SignedChunk, SignedContent } from '../verify/signed-parts.js';
import type { TimestampUnit } from '../verify/types.js';
import type { SignInput } from './webhook-signer.js';

/** What the headers of a signed delivery are made from. */
export interface SignedValues {
  /** The signature, in the scheme's encoding. */
  signature: string;
  /** The timestamp as signed, in the scheme's unit. */
  timestamp: string;
  /** The delivery id as signed. */
  id: string;
}

const NO_HEADERS = headerLookup({});
const encoder = new TextEncoder();

/**
 * The timestamp and id a delivery is signed with (now and a new id when the
 * input has none), and the signed content the verifier's template builds from them.
 */
export function signedDelivery(
  input: SignInput,
  content: SignedContent,
  unit: TimestampUnit = 'seconds',
): { timestamp: string; id: string; chunks: SignedChunk[] } {
  const ms = input.timestamp === undefined ? Date.now() : input.timestamp instanceof Date ? input.timestamp.getTime() : input.timestamp;
  const timestamp = String(unit === 'seconds' ? Math.floor(ms / 1000) : ms);
  const id = input.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const body = typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
  const url = input.url === undefined ? undefined : String(input.url);
  const chunks = content({ body, timestamp, id, method: input.method ?? 'POST', ...(url ? { url } : {}), header: NO_HEADERS });
  return { timestamp, id, chunks };
}
