import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Receivers } from '../receivers.js';

/** A server listening on 127.0.0.1 with every provider mounted at `/webhooks/<provider>`. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:53412`. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts one framework's server for the receivers, on a free port. */
export type StartServer = (receivers: Receivers) => Promise<RunningServer>;

/** Listens on 127.0.0.1, port 0 (any free port), unless already listening. */
export async function listen(server: Server): Promise<RunningServer> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
