import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { CursorStore, PollCheckpoint } from './cursor-store.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * A {@link CursorStore} in one JSON file, so a poller resumes where it
 * stopped after a restart or redeploy. Each write replaces the file
 * atomically (temp file, flush, rename). Meant for one process per file; for
 * several, use a shared store. A file that cannot be read as checkpoints is
 * an error, never silently replaced: starting over could skip or repeat events.
 */
export function createFileCursorStore(path: string): CursorStore {
  // Operations run one at a time, so a write never races another and a read sees every earlier write.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  };
  const readAll = async (): Promise<Record<string, PollCheckpoint>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ConfigurationError(
        `The poll cursor file ${path} does not hold checkpoints (an object of JSON). It was left as is: fix or remove it, knowing that removing it restarts polling from the beginning.`,
      );
    }
    return data as Record<string, PollCheckpoint>;
  };
  return {
    get: (key) =>
      serial(async () => {
        const all = await readAll();
        return Object.hasOwn(all, key) ? all[key] : undefined;
      }),
    set: (key, checkpoint) =>
      serial(async () => {
        const all = await readAll();
        all[key] = checkpoint;
        await writeFileAtomic(path, `${JSON.stringify(all, null, 2)}\n`);
      }),
  };
}
