import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TSX_LOADER } from './env.js';
import type { ParentMessage, ServerConfig, ServerMessage, ServerStats } from './server-main.js';

/** A loopback server running in a child process. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** What the server answered since start (or the last reset). */
  stats(): Promise<ServerStats>;
  /** Zeroes the counters and refills the bucket. */
  reset(): Promise<ServerStats>;
  close(): Promise<void>;
}

/**
 * Starts lib/server-main.ts in its own process (never a worker thread: the
 * client's process.cpuUsage() would include a worker's CPU) and resolves once
 * it listens on 127.0.0.1.
 */
export async function startServer(config: Partial<ServerConfig> & Pick<ServerConfig, 'mode'>): Promise<LoopbackServer> {
  const full: ServerConfig = { maxRequests: 5_000_000, maxLifetimeMs: 15 * 60_000, ...config };
  const child: ChildProcess = fork(fileURLToPath(new URL('./server-main.ts', import.meta.url)), [JSON.stringify(full)], {
    execArgv: ['--import', TSX_LOADER],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('loopback server did not start within 20 s')), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`loopback server exited early (code ${code})`)));
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
  });
  let nextId = 0;
  const ask = (type: ParentMessage['type']) =>
    new Promise<ServerStats>((resolve) => {
      const id = ++nextId;
      const onMessage = (message: ServerMessage) => {
        if (message.type === 'stats' && message.id === id) {
          child.off('message', onMessage);
          resolve(message.stats);
        }
      };
      child.on('message', onMessage);
      child.send({ type, id } satisfies ParentMessage);
    });
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    stats: () => ask('stats'),
    reset: () => ask('reset'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.disconnect();
        setTimeout(() => child.kill(), 2_000).unref();
      }),
  };
}
