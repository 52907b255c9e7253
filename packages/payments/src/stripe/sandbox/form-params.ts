import { decodeForm } from '@junction/testing';

/** A decoded form or query value: text, or nested objects and arrays of text. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Decoded parameters, keyed by top-level name. */
export type FormParams = Record<string, FormValue>;

/**
 * Decodes an `application/x-www-form-urlencoded` body or query string the
 * way Stripe reads it (`a[b][0][c]=v` nests, `a[]=v` appends, indexed keys
 * make arrays, leaves stay text). The kit's decoder, which the sandbox's
 * routes use too; kept under this name for code written against it.
 */
export function parseForm(text: string): FormParams {
  return decodeForm(text) as FormParams;
}
