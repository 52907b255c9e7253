import { expect, it } from 'vitest';
import { run } from '../src/run.js';

it('runs the custom connector example end to end', async () => {
  const lines: string[] = [];
  const result = await run((line) => lines.push(line));
  expect(result).toEqual({ created: 25, listed: 25 });
  expect(lines).toContain('Listed 25 notes across pages.');
  expect(lines.some((l) => l.startsWith('Missing note -> ApiError 404 resource_missing'))).toBe(true);
  expect(lines.some((l) => /Empty note -> InputValidationError: .*text: /.test(l))).toBe(true);
  expect(lines.join('\n')).not.toContain('notes_sk_demo_4f9a2c');
});
