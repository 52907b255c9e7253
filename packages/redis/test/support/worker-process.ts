import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const children: ChildProcess[] = [];

/** Kills (SIGKILL) every worker a test started, after each test of the file that calls it. */
export function killWorkersAfterEach(): void {
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
}

/** A worker process: the child, and a promise per IPC message type it sends. */
export interface WorkerProcess {
  child: ChildProcess;
  /** The first message of `type`; rejects if the worker exits before sending it. */
  message<T = unknown>(type: string): Promise<T>;
}

/** Forks `script` (a TypeScript file, run through tsx on the workspace's sources) with `env` added. */
export function forkWorker(script: URL, env: Record<string, string>): WorkerProcess {
  const child = fork(fileURLToPath(script), {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--conditions=@junction/source'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return {
    child,
    message<T>(type: string) {
      const received = new Promise<T>((resolve, reject) => {
        child.on('message', (message: { type?: string }) => {
          if (message.type === type) resolve(message as T);
        });
        child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before '${type}'`)));
      });
      // Not every worker reaches every message.
      received.catch(() => {});
      return received;
    },
  };
}
