/**
 * A throwaway redis-server on 127.0.0.1, for the Redis tests and `pnpm bench`:
 * found on PATH, started on a free port with no persistence in a temp dir,
 * stopped at the end (or killed with the process that started it). No vitest
 * here, so the benchmarks can use it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';

/** A redis-server started by {@link startRedisServer}, on 127.0.0.1. */
export interface RedisServer {
  port: number;
  url: string;
  /** The server process (to pause or kill it in failure tests); a new one after {@link RedisServer.restart}. */
  readonly process: ChildProcess;
  /** A new client connected to it; closed when the server stops. */
  client(): Redis;
  /**
   * Stops the server with `signal` (SIGTERM: a clean shutdown; SIGKILL: a
   * crash), leaves it down for `downMs`, and starts it again with the same
   * arguments, port and dir (so its clients reconnect by themselves and an
   * AOF is reloaded); resolves once it answers PING.
   */
  restart(signal?: 'SIGTERM' | 'SIGKILL', downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** How {@link startRedisServer} starts redis-server. */
export interface RedisServerOptions {
  /** More redis-server arguments, after the defaults (no persistence), which they override: e.g. `['--appendonly', 'yes']`. */
  args?: string[];
}

export const MISSING_REDIS =
  'redis-server not found on PATH: install it (apt-get install redis-server / brew install redis) to run the Redis tests and benchmarks';

/** The path of redis-server on PATH, or undefined. */
export function findRedisServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1 (free when asked: redis-server takes it right after, a failure test connects to nothing there). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on a free port of 127.0.0.1 with no persistence (unless `options.args` say otherwise), in a temp dir, and waits until it answers PING. */
export async function startRedisServer(binary: string, options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...(options.args ?? [])];
  const clients: Redis[] = [];
  const url = `redis://127.0.0.1:${port}`;
  let server = await spawnRedisServer(binary, args, port);

  return {
    port,
    url,
    get process() {
      return server.child;
    },
    client() {
      const client = new Redis(port, '127.0.0.1');
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    async restart(signal = 'SIGTERM', downMs = 0) {
      await server.stop(signal);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await spawnRedisServer(binary, args, port);
    },
    async stop() {
      for (const client of clients) client.disconnect();
      await server.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns redis-server with `args` and waits until it answers PING on `port`. */
async function spawnRedisServer(binary: string, args: string[], port: number) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A run that crashes must not leave its server behind.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const stop = async (signal: NodeJS.Signals) => {
    process.off('exit', orphan);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill(signal);
      await exited;
    }
  };

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      process.off('exit', orphan);
      throw new Error(`redis-server exited (${child.exitCode}) before answering PING:\n${output}`);
    }
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    const pong = await probe
      .connect()
      .then(() => probe.ping())
      .catch(() => undefined);
    probe.disconnect();
    if (pong === 'PONG') break;
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer PING within 10 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, stop };
}
