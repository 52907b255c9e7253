import { Writable } from 'node:stream';
import { Listr, ListrLogger, type ListrTask, PRESET_TIMER, ProcessOutput } from 'listr2';

/** Where the demo's output goes, and how it looks. */
export interface View {
  /** `live`: spinners redrawn in place (a TTY). `plain`: one line per event (CI, logs, pipes). */
  readonly mode: 'live' | 'plain';
  /** Runs tasks one after the other, showing them. */
  tasks<C>(tasks: ListrTask<C>[], ctx: C): Promise<void>;
  /** Writes lines below the tasks (the summary). */
  print(text: string): void;
}

/**
 * The demo's view, drawn by listr2: its default renderer (spinners,
 * durations, output kept under each task) on a TTY, its simple renderer
 * (plain lines) otherwise. `write` captures the output (the test's); by
 * default it goes to stdout.
 */
export function createView(mode: View['mode'], write?: (text: string) => void): View {
  // listr2 writes to Node streams; a capture is a Writable standing in for stdout (it only calls write()).
  const stream = write
    ? (new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          write(chunk.toString());
          done();
        },
      }) as NodeJS.WriteStream)
    : process.stdout;
  const logger = new ListrLogger({ processOutput: new ProcessOutput(stream, stream) });
  return {
    mode,
    async tasks(tasks, ctx) {
      const list =
        mode === 'live'
          ? new Listr(tasks, {
              ctx,
              concurrent: false,
              exitOnError: true,
              renderer: 'default',
              rendererOptions: { timer: PRESET_TIMER, collapseSubtasks: false, logger },
              // The view is chosen by the caller (TTY or not), not by listr2's own guess.
              fallbackRendererCondition: false,
            })
          : new Listr(tasks, {
              ctx,
              concurrent: false,
              exitOnError: true,
              renderer: 'simple',
              rendererOptions: { timer: PRESET_TIMER, logger },
            });
      await list.run();
    },
    print(text) {
      stream.write(`${text}\n`);
    },
  };
}
