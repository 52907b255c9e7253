import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '../http/webhook-response.js';

/**
 * Writes an answer. When the body was not read to the end (a 413), the
 * connection is closed after the answer, so the unread rest of the body
 * cannot be taken for the next request on a kept-alive connection.
 */
export function sendNodeResponse(res: ServerResponse, response: WebhookResponse, bodyUnread = false): void {
  const headers = bodyUnread ? { ...response.headers, connection: 'close' } : response.headers;
  res.writeHead(response.status, headers).end(response.body);
}
