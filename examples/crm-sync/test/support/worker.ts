import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./sync-worker.ts', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** What a child run reported. */
export interface ChildRun {
  /** Every progress event, in order. */
  events: { type: string; phase?: string; page: number }[];
  /** The counts of a finished run; undefined for a killed one. */
  done?: { pull: Record<string, number>; push: Record<string, number>; writes: { crm: number; product: number } };
  killed: boolean;
}

/**
 * Runs the sync CLI in a child process (tsx on the workspace's sources, as
 * packages/redis's workers do). With `stopAt`, the child hangs at that step
 * and is killed with SIGKILL there: nothing after it runs, not even a
 * `finally`.
 */
export function runChild(args: string[], env: Record<string, string>, stopAt?: string): Promise<ChildRun> {
  const child = fork(WORKER, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--conditions=@junction/source'],
    env: { ...process.env, ...env, ...(stopAt ? { STOP_AT: stopAt } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const run: ChildRun = { events: [], killed: false };
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type: string; event?: ChildRun['events'][number]; result?: ChildRun['done'] }) => {
      if (message.type === 'progress' && message.event) run.events.push(message.event);
      if (message.type === 'done') run.done = message.result;
      if (message.type === 'stopped') {
        run.killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code, signal) => {
      if (run.killed && signal === 'SIGKILL') resolve(run);
      else if (code === 0 && run.done) resolve(run);
      else reject(new Error(`sync child exited with ${code ?? signal}${stopAt ? ` before reaching ${stopAt}` : ''}`));
    });
  });
}
