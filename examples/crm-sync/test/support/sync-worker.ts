// A sync run in its own process, as a cron job would start it: reports each step over IPC,
// and with STOP_AT=<event type>:<phase or ''>:<page> hangs there, for the test to SIGKILL it.
import { readArgs, runOnce } from '../../src/run.js';

const stopAt = process.env.STOP_AT;
const send = (message: unknown) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));

const result = await runOnce(readArgs(process.argv.slice(2)), {
  log: () => {},
  async onProgress(event) {
    await send({ type: 'progress', event });
    const key = `${event.type}:${'phase' in event ? event.phase : ''}:${event.page}`;
    if (key === stopAt) {
      await send({ type: 'stopped', event });
      await new Promise(() => setInterval(() => {}, 1000)); // killed here (the timer keeps the process alive until then)
    }
  },
});
await send({ type: 'done', result: { pull: result.pull, push: result.push, writes: result.writes } });
process.disconnect?.();
