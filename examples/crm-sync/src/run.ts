import { parseArgs } from 'node:util';
import type { ProgressEvent } from './context.js';
import { type CrmTarget, connectCrm } from './crm.js';
import { openDb } from './db.js';
import { formatDiff } from './diff.js';
import { runSync, type SyncResult } from './sync.js';

/** One run's settings, from the command line and the environment. */
export interface RunArgs {
  db: string;
  target: CrmTarget;
  dryRun: boolean;
  lagMs?: number;
  pageSize?: number;
}

/**
 * `--db FILE [--crm hubspot|salesforce] [--url URL] [--dry-run] [--lag-ms N] [--page-size N]`;
 * credentials from the environment: `HUBSPOT_ACCESS_TOKEN`, or
 * `SALESFORCE_CLIENT_ID` and `SALESFORCE_CLIENT_SECRET` (client credentials).
 */
export function readArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): RunArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string' },
      crm: { type: 'string', default: 'hubspot' },
      url: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'lag-ms': { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  if (!values.db) throw new Error('--db FILE is required: the SQLite file of the product’s users.');
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`Set ${name}.`);
    return value;
  };
  const url = values.url;
  const target: CrmTarget =
    values.crm === 'salesforce'
      ? {
          provider: 'salesforce',
          ...(url ? { loginUrl: url } : {}),
          clientId: need('SALESFORCE_CLIENT_ID'),
          clientSecret: need('SALESFORCE_CLIENT_SECRET'),
        }
      : { provider: 'hubspot', ...(url ? { baseUrl: url } : {}), accessToken: need('HUBSPOT_ACCESS_TOKEN') };
  return {
    db: values.db,
    target,
    dryRun: values['dry-run'],
    ...(values['lag-ms'] === undefined ? {} : { lagMs: Number(values['lag-ms']) }),
    ...(values['page-size'] === undefined ? {} : { pageSize: Number(values['page-size']) }),
  };
}

/** One sync run from {@link RunArgs}: opens the file, syncs, prints the diff and the counts. */
export async function runOnce(
  args: RunArgs,
  options: { log?: (line: string) => void; onProgress?: (event: ProgressEvent) => void | Promise<void> } = {},
): Promise<SyncResult> {
  const log = options.log ?? console.log;
  const db = await openDb(args.db, { readOnly: args.dryRun });
  try {
    const crm = connectCrm(args.target, args.lagMs === undefined ? {} : { lagMs: args.lagMs });
    const result = await runSync({
      db,
      crm,
      dryRun: args.dryRun,
      ...(args.pageSize ? { pullPageSize: args.pageSize, pushPageSize: args.pageSize } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    report(result, args.dryRun, log);
    return result;
  } finally {
    db.close();
  }
}

/** Prints a run's diff and counts. */
export function report(result: SyncResult, dryRun: boolean, log: (line: string) => void): void {
  log(dryRun ? 'Dry run: what a sync would change (nothing is written):' : 'Changed:');
  for (const line of formatDiff(result.diff)) log(line);
  const { pull, push } = result;
  log(
    `  pull: ${pull.changes} CRM changes in ${pull.pages} page(s): ${pull.updated} users updated, ${pull.unchanged} with nothing to take (own writes echoed back, or the product's value kept), ` +
      `${pull.notUsers} not product users, ${pull.unlinked} unlinked`,
  );
  log(
    `  push: ${push.created} ${dryRun ? 'to create' : 'created'}, ${push.updated} ${dryRun ? 'to update' : 'updated'}, ${push.failed} failed (retried next run), ${push.resumed} found already written after a restart, ${push.unchanged} with nothing to send`,
  );
}
