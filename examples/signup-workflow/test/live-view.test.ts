import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ALL_DEMO_SECRETS } from '../src/setup/demo-secrets.js';
import { EXAMPLE_DIR } from './cli.js';
import { finalScreen } from './terminal.js';

const COLS = 160;
const ROWS = 80;
// util-linux's script(1) gives the demo a pseudo-terminal, so it draws its live view as on a developer's terminal.
const SCRIPT = '/usr/bin/script';

it.skipIf(!existsSync(SCRIPT))('draws the live view on a terminal: every step done, then the summary', { timeout: 60_000 }, async () => {
  const command = `stty cols ${COLS} rows ${ROWS}; '${process.execPath}' --conditions=@junction/source --import tsx src/main.ts`;
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      SCRIPT,
      ['-qfec', command, '/dev/null'],
      { cwd: EXAMPLE_DIR, env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color' }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  // The live view, not the plain one: spinners are redrawn in place with cursor moves.
  expect(output).toContain('\u001b[');

  const screen = (await finalScreen(output, COLS, ROWS)).join('\n');
  const taskLines = screen.split('\n').filter((line) => /^\s*[✔✖❯]/.test(line));
  // Two runs of eight steps, each done, and no task left failed or running.
  expect(taskLines.filter((line) => line.trimStart().startsWith('✔'))).toHaveLength(2 + 2 * 8);
  expect(taskLines.some((line) => /^\s*[✖❯]/.test(line))).toBe(false);
  for (const title of [
    'Sign up (OAuth 2 + PKCE)',
    'Stripe customer',
    'HubSpot contact',
    'Welcome email (Resend)',
    'Trial ends (test clock)',
  ]) {
    expect(screen).toContain(`✔ ${title}:`);
  }
  // Retries stay visible under their step, with their reasons.
  expect(screen).toMatch(/✔ Stripe customer: created cus_\w+.*\n\s+› retry #1 of stripe\.createCustomer: server_error: 503/);
  expect(screen).toMatch(/› rate limit: stripe paused \d+ ms/);
  // The summary table, and the verdict on the re-run.
  expect(screen).toMatch(/step\s+run 1\s+run 2\s+time \(run 1\)\s+retries \(reasons\)\s+rate-limit waits/);
  expect(screen).toMatch(/stripe-customer\s+created\s+nothing new/);
  expect(screen).toContain('Run 2: already done: nothing created');
  for (const secret of ALL_DEMO_SECRETS) expect(output).not.toContain(secret);
});
