import type { SignedChunk } from './signed-parts.js';

/**
 * The algorithm-specific half of a verifier: how signatures are written and
 * how one is checked against the configured secrets or public keys.
 */
export interface SignatureMatcher {
  /** How many secrets or keys are configured, for messages. */
  readonly keyCount: number;
  /** `secret` or `public key`, for messages. */
  readonly keyNoun: string;
  /** What a well-formed signature looks like, for messages. */
  readonly expectedFormat: string;
  /** The signature's bytes, or `undefined` when it is not well-formed. */
  decode(text: string): Uint8Array | undefined;
  /** The index of the key under which one of `signatures` signs `signed` (the chunks in order, as one content), or -1. */
  match(signed: readonly SignedChunk[], signatures: readonly Uint8Array[]): number;
}
