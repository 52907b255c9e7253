import { runDemo } from './demo.js';
import { readArgs, runOnce } from './run.js';

// `pnpm start` (add `-- --crm salesforce` for Salesforce): the walkthrough on a sandbox.
// `pnpm start -- --db users.db [--crm salesforce] [--url URL] [--dry-run]`: one run, as a cron job would do it.
const argv = process.argv.slice(2).filter((arg) => arg !== '--');
if (argv.includes('--db')) {
  await runOnce(readArgs(argv));
} else {
  const crm = argv[argv.indexOf('--crm') + 1] === 'salesforce' ? 'salesforce' : 'hubspot';
  await runDemo(crm);
}
