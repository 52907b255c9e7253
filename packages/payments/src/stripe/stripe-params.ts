import { openEnum } from '@junction/core/utils';
import { z } from 'zod';

/**
 * An object schema for request parameters. Its type is strict, so
 * TypeScript flags a misspelt parameter in an object literal, but at run
 * time unknown keys are sent as given: a parameter Stripe added after this
 * spec still works, and Stripe answers a real typo with
 * `parameter_unknown`. stripe-node behaves the same way.
 */
export function params<const S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$strip> {
  return z.looseObject(shape) as unknown as z.ZodObject<S, z.core.$strip>;
}

/**
 * An enum parameter: the known values autocomplete, and a value Stripe
 * added later can still be sent. Typed on the input side too, unlike
 * core's `openEnum` (made for responses), so inputs stay checked.
 */
export function enumParam<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodType<T[number] | (string & {}), T[number] | (string & {})> {
  return openEnum(values) as z.ZodType<T[number] | (string & {}), T[number] | (string & {})>;
}
