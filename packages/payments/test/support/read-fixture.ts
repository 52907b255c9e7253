import { readFileSync } from 'node:fs';

/** Reads a JSON fixture from test/fixtures. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** The contract fixture extracted from Stripe's spec by scripts/generate-stripe.ts. */
export interface StripeContract {
  licence: string;
  source: string;
  apiVersion: string;
  operations: Record<
    string,
    { operationId: string; path: string[]; query: string[]; requiredQuery: string[]; body: string[]; requiredBody: string[] }
  >;
}

/** Form-encoding examples built from Stripe's spec by scripts/generate-stripe.ts. */
export interface EncodingExamples {
  licence: string;
  source: string;
  examples: {
    operation: string;
    method: string;
    path: string;
    in: 'body' | 'query';
    input: Record<string, unknown>;
    fields: [string, string][];
  }[];
}
