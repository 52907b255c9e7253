import type { WebhookReceiver } from '../receiver/create-receiver.js';
import type { WebhookInput } from '../verify/types.js';
import { errorResponse, json, successResponse, type WebhookResponse } from './webhook-response.js';

/** What an adapter needs of a receiver. */
export type DeliveryTarget = Pick<WebhookReceiver, 'receive'>;

/**
 * The part every adapter shares: refuse anything but POST, read the
 * delivery, let the receiver handle it, and turn the outcome into an answer.
 * Never throws: every failure becomes a response and a call to `report`.
 */
export async function handleDelivery(
  receiver: DeliveryTarget,
  method: string | undefined,
  read: () => Promise<WebhookInput>,
  report: (error: unknown) => void,
): Promise<WebhookResponse> {
  if (method?.toUpperCase() !== 'POST') {
    return json(405, { error: { type: 'method_not_allowed', message: 'Webhook deliveries are POST requests.' } }, { allow: 'POST' });
  }
  try {
    return successResponse(await receiver.receive(await read()));
  } catch (error) {
    try {
      report(error);
    } catch {
      // A failing logger must not turn a clear answer into a crash.
    }
    return errorResponse(error);
  }
}
