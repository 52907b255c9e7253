import { Buffer } from 'node:buffer';

/** The size of each of r and s in a P-256 signature, in bytes. */
const SCALAR_BYTES = 32;

/**
 * A SendGrid signature as `@sendgrid/eventwebhook` reads it, as the 64 bytes
 * r‖s, or `undefined` when that library would refuse it. Both steps are
 * lenient there, so they are here: base64 as Node's `Buffer` decodes it
 * (padding optional, whitespace skipped), and DER as its ECDSA library parses
 * it (leading zeros and short-cut lengths allowed, nothing after the end).
 * None of this lets a signature be forged: r and s are still checked.
 */
export function sendgridSignature(text: string): Uint8Array | undefined {
  const der = Buffer.from(text, 'base64');
  const sequence = element(der, 0x30);
  if (sequence === undefined || sequence.rest.length > 0) return undefined;
  const r = element(sequence.content, 0x02);
  const s = r && element(r.rest, 0x02);
  if (r === undefined || s === undefined || s.rest.length > 0) return undefined;
  const rValue = scalar(r.content);
  const sValue = scalar(s.content);
  return rValue && sValue && Buffer.concat([rValue, sValue]);
}

interface DerElement {
  content: Buffer;
  rest: Buffer;
}

// One tag-length-value. A length that runs past the end takes what there is,
// as the library does; a long-form length without length bytes is refused.
function element(bytes: Buffer, tag: number): DerElement | undefined {
  if (bytes[0] !== tag) return undefined;
  const first = bytes[1] ?? 0;
  let start = 2;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > bytes.length - 2) return undefined;
    length = Number.parseInt(bytes.subarray(2, 2 + count).toString('hex'), 16);
    start = 2 + count;
  }
  const end = Math.min(start + length, bytes.length);
  return { content: bytes.subarray(start, end), rest: bytes.subarray(end) };
}

// A DER INTEGER as a fixed-size scalar: non-negative, non-zero, and small
// enough to be below the curve order's byte size (larger ones never verify).
function scalar(content: Buffer): Buffer | undefined {
  if (content.length === 0 || (content[0] ?? 0) >= 0x80) return undefined;
  let start = 0;
  while (start < content.length && content[start] === 0) start++;
  const digits = content.subarray(start);
  if (digits.length === 0 || digits.length > SCALAR_BYTES) return undefined;
  return Buffer.concat([Buffer.alloc(SCALAR_BYTES - digits.length), digits]);
}
