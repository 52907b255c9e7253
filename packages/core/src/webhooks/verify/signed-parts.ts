import { ConfigurationError } from '../../errors/configuration-error.js';
import { type HeaderLookup, missingHeader } from './header-lookup.js';

/** What a template can draw on when it builds the signed bytes of one delivery. */
export interface SignedContext {
  /** The raw body, byte for byte. */
  body: Uint8Array;
  /** The timestamp as the scheme signs it: as sent, or as the number it reads (Stripe, Standard Webhooks, HubSpot). */
  timestamp?: string;
  id?: string;
  method?: string;
  /** The request URL as the caller passed it. */
  url?: string;
  header: HeaderLookup;
}

/** One piece of the signed content; see {@link part}. */
export type SignedPart =
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'id' }
  | { readonly kind: 'method' }
  | { readonly kind: 'url' }
  | { readonly kind: 'body' }
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'computed'; readonly value: (context: SignedContext) => string | Uint8Array };

/**
 * The signed content as a list: plain strings are literal separators, the
 * rest are {@link part}s, e.g. `[part.id, '.', part.timestamp, '.', part.body]`.
 */
export type SignedTemplate = readonly (string | SignedPart)[];

/** The building blocks of a {@link SignedTemplate}. */
export const part = {
  /** The timestamp as sent by the provider. */
  timestamp: { kind: 'timestamp' },
  /** The delivery id as sent by the provider. */
  id: { kind: 'id' },
  /** The request method, as passed in the input. */
  method: { kind: 'method' },
  /** The request URL, as passed in the input. */
  url: { kind: 'url' },
  /** The raw body, byte for byte. */
  body: { kind: 'body' },
  /** Any request header's value. */
  header: (name: string): SignedPart => ({ kind: 'header', name }),
  /** A value computed from the delivery, for schemes that transform something first (HubSpot's URL). */
  computed: (value: (context: SignedContext) => string | Uint8Array): SignedPart => ({ kind: 'computed', value }),
} as const satisfies Record<string, SignedPart | ((...args: never[]) => SignedPart)>;

const encoder = new TextEncoder();

/** One piece of the signed content: bytes, or text that is signed as its UTF-8 bytes. */
export type SignedChunk = string | Uint8Array;

/** Builds the signed content of one delivery, as chunks in template order. */
export type SignedContent = (context: SignedContext) => SignedChunk[];

/**
 * The signed content of a delivery from `template`. Text pieces next to each
 * other (a timestamp and its separator) become one string, so a hash takes
 * one update, and one UTF-8 conversion, for them; the body is passed on as
 * it is, never copied.
 */
export function signedContent(template: SignedTemplate): SignedContent {
  return (context) => {
    const chunks: SignedChunk[] = [];
    let text = '';
    for (const piece of template) {
      const value = typeof piece === 'string' ? piece : partValue(piece, context);
      if (typeof value === 'string') {
        text += value;
        continue;
      }
      if (text !== '') chunks.push(text);
      text = '';
      chunks.push(value);
    }
    if (text !== '') chunks.push(text);
    return chunks;
  };
}

/** The chunks as one byte array, for APIs that take the signed content whole (ECDSA verify). */
export function joinChunks(chunks: readonly SignedChunk[]): Uint8Array {
  const bytes = chunks.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  const out = new Uint8Array(bytes.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of bytes) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function partValue(piece: SignedPart, context: SignedContext): string | Uint8Array {
  switch (piece.kind) {
    case 'body':
      return context.body;
    case 'timestamp':
      return required(context.timestamp, 'a timestamp', 'read a timestamp header in `fields`');
    case 'id':
      return required(context.id, 'a delivery id', 'read an id header in `fields`');
    case 'method':
      return required(context.method, 'the request method', 'pass `method` with the delivery');
    case 'url':
      return required(context.url, 'the request URL', 'pass `url` (the full public URL the provider called) with the delivery');
    case 'header': {
      const value = context.header(piece.name);
      if (value === undefined) throw missingHeader(piece.name, 'its sender');
      return value;
    }
    case 'computed':
      return piece.value(context);
  }
}

// A template asking for something the delivery does not carry is a wiring
// mistake, not a bad delivery: say what to pass instead of "signature mismatch".
function required(value: string | undefined, what: string, fix: string): string {
  if (value === undefined) throw new ConfigurationError(`This webhook verifier signs ${what}, but none was given: ${fix}.`);
  return value;
}
