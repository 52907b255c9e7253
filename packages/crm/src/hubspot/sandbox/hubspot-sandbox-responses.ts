import { randomUUID } from 'node:crypto';

/** A HubSpot-shaped error body and status, as HubSpot answers errors (`{status, message, correlationId, category, …}`). */
export function hubspotError(
  status: number,
  category: string,
  message: string,
  extra: {
    subCategory?: string;
    context?: Record<string, string[]>;
    errors?: { message: string; code?: string; in?: string; context?: Record<string, string[]> }[];
  } = {},
): Response {
  return Response.json({ status: 'error', message, correlationId: randomUUID(), category, ...extra }, { status });
}

/** 404 for a record that does not exist (or is archived). */
export function notFound(objectType: string, id: string): Response {
  return hubspotError(404, 'OBJECT_NOT_FOUND', `Object not found.  objectId are usually numeric. (${objectType} ${id})`);
}

/** HubSpot's singular, upper-case object name in messages (`CONTACT`). */
export function objectName(objectType: string): string {
  return objectType === 'companies' ? 'COMPANY' : objectType.replace(/s$/, '').toUpperCase();
}
