import { parseInput } from '@junction/core/utils';
import type { z } from 'zod';

/**
 * Checks a unified input before anything is sent, with the same error a
 * connector operation gives: an `InputValidationError` naming each field.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, method: string): z.output<S> {
  return parseInput(schema, input ?? {}, `payments.${method}`);
}
