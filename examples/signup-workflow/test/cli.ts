import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The example's folder. */
export const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs `src/main.ts` as `npm start` would (tsx, workspace sources), with only the given environment. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@junction/source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: EXAMPLE_DIR, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
