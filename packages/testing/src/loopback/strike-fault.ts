import type { ServerResponse } from 'node:http';
import type { Fault } from '../faults/fault.js';
import { faultResponse } from '../faults/fault-response.js';
import { sleep } from '../internal/sleep.js';
import type { RecordedRequest } from './recorded-request.js';
import { writeResponse } from './write-response.js';

/**
 * Carries out `fault` on one exchange: waits its delay, then answers or drops
 * the connection. Returns true when the exchange is finished, false when the
 * request should carry on (latency only).
 */
export async function strikeFault(fault: Fault, res: ServerResponse, record: RecordedRequest, signal: AbortSignal): Promise<boolean> {
  await sleep(fault.delayMs ?? 0, signal);
  if (signal.aborted) return true;
  switch (fault.kind) {
    case 'latency':
      return false;
    case 'reset':
      resetConnection(res);
      return true;
    default: {
      const response = faultResponse(fault);
      record.status = response.status;
      await writeResponse(res, response, record.method);
      return true;
    }
  }
}

/** Drops the connection with a TCP RST, so the client sees ECONNRESET rather than a clean close. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.resetAndDestroy();
}
