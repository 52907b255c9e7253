import { expect, it } from 'vitest';
import { LIVE_VARIABLES } from '../src/setup/live-environment.js';
import { runCli } from './cli.js';

it('--live without credentials lists every variable to set, does nothing, and exits non-zero', { timeout: 60_000 }, async () => {
  const { code, stdout, stderr } = await runCli(['--live']);
  expect(code).not.toBe(0);
  for (const name of Object.keys(LIVE_VARIABLES)) expect(stderr).toContain(`${name}: `);
  expect(stderr).toContain('Nothing was done.');
  // Nothing started: no step ran.
  expect(stdout).toBe('');
});

it('--live refuses a Stripe live-mode key', { timeout: 60_000 }, async () => {
  const { code, stderr } = await runCli(['--live'], { STRIPE_SECRET_KEY: 'sk_live_not_a_test_key_0000' });
  expect(code).not.toBe(0);
  expect(stderr).toContain('not a test-mode key');
  expect(stderr).not.toContain('sk_live_not_a_test_key_0000');
});
