import { run } from './run.js';
import { LIVE_VARIABLES, liveCredentials, missingLiveVariables } from './setup/live-environment.js';

/**
 * The CLI: the live view on a terminal, plain lines otherwise (CI, a pipe).
 * `--live` runs against the providers' test modes with credentials from the
 * environment, and without them says which to set and does nothing.
 */
async function main(argv: readonly string[]): Promise<number> {
  const view = process.stdout.isTTY ? 'live' : 'plain';
  if (argv.includes('--live')) {
    const missing = missingLiveVariables(process.env);
    if (missing.length > 0) {
      console.error(
        `--live runs the flow against the providers' test modes. Set these variables first (${missing.length} of ${Object.keys(LIVE_VARIABLES).length} missing):`,
      );
      for (const line of missing) console.error(`  ${line}`);
      console.error('Nothing was done. Without --live the demo runs offline against local sandboxes.');
      return 1;
    }
    const result = await run({ view, live: liveCredentials(process.env) });
    return result.secondRunCreatedNothing ? 0 : 1;
  }
  const result = await run({ view });
  return result.secondRunCreatedNothing ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
