import { ConfigurationError, JunctionError } from '@junction/core';
import { brand, hasBrand } from '@junction/core/utils';
import { XMLParser } from 'fast-xml-parser';
import { sameSalesforceId, toSalesforceId18 } from './salesforce-ids.js';

/**
 * Outbound Messages: the SOAP 1.1 POSTs that Flow and workflow rules send.
 * This is the only SOAP Junction speaks: it reads these messages and writes
 * their acknowledgement and faults. There is no SOAP API client.
 */

/** The most notifications one message carries (Outbound Messaging docs). */
export const OUTBOUND_MAX_NOTIFICATIONS = 100;

/** One `Notification` of an outbound message: its id and the record's fields as sent. */
export interface OutboundNotification {
  /** The notification id, the same on every redelivery: the dedupe key. */
  id: string;
  /** The object type, from `xsi:type` (`sf:Contact` → `Contact`). */
  sobject: string;
  /** The fields the outbound message was set up to send; `null` for `xsi:nil`. */
  record: Record<string, string | null>;
}

/** An outbound message, parsed. */
export interface OutboundMessage {
  organizationId: string;
  actionId: string;
  /** Present only when the outbound message is set up to send a session id. Treat it as a secret. */
  sessionId?: string;
  enterpriseUrl?: string;
  partnerUrl?: string;
  notifications: OutboundNotification[];
}

/** Why an outbound message was refused. */
export type OutboundRefusal = 'malformed' | 'wrong_organization';

/** A delivery that is not an outbound message of the configured org. */
export class OutboundMessageError extends JunctionError {
  readonly reason: OutboundRefusal;
  constructor(message: string, reason: OutboundRefusal) {
    super(message, {});
    this.reason = reason;
    brand(this, 'OutboundMessageError');
  }
}

/** True when `value` is an {@link OutboundMessageError}. */
export function isOutboundMessageError(value: unknown): value is OutboundMessageError {
  return hasBrand(value, 'OutboundMessageError');
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Text stays text: an id like 00D… or a "true" field must not become a number or boolean.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === 'Notification',
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(node: unknown, field: string): string | null | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (isNode(node)) {
    if (node['@nil'] === 'true') return null;
    if (typeof node['#text'] === 'string') return node['#text'];
    // An element with attributes but no text, e.g. <sf:Name xsi:type="xsd:string"/>.
    if (Object.keys(node).every((k) => k.startsWith('@'))) return '';
  }
  throw new OutboundMessageError(`The outbound message's ${field} is not text.`, 'malformed');
}

/**
 * Parses an outbound message's SOAP envelope. Throws an
 * {@link OutboundMessageError} (`malformed`) when it is not one. A DOCTYPE
 * is refused: SOAP forbids it, and it is how entity-expansion attacks start.
 */
export function parseOutboundMessage(xml: string): OutboundMessage {
  if (typeof xml !== 'string' || xml.trim() === '') throw new OutboundMessageError('The outbound message is empty.', 'malformed');
  if (/<!DOCTYPE/i.test(xml)) throw new OutboundMessageError('The outbound message has a DOCTYPE, which SOAP 1.1 forbids.', 'malformed');
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (error) {
    throw new OutboundMessageError(`The outbound message is not well-formed XML: ${(error as Error).message}`, 'malformed');
  }
  const body = isNode(doc) && isNode(doc.Envelope) ? doc.Envelope.Body : undefined;
  const notifications = isNode(body) ? body.notifications : undefined;
  if (!isNode(notifications)) {
    throw new OutboundMessageError('The body is not a SOAP envelope with a <notifications> element.', 'malformed');
  }
  const organizationId = text(notifications.OrganizationId, 'OrganizationId');
  const actionId = text(notifications.ActionId, 'ActionId');
  if (!organizationId || !actionId) throw new OutboundMessageError('The outbound message lacks OrganizationId or ActionId.', 'malformed');
  const items = (notifications.Notification ?? []) as unknown[];
  if (items.length > OUTBOUND_MAX_NOTIFICATIONS) {
    throw new OutboundMessageError(`The outbound message has ${items.length} notifications; Salesforce sends at most 100.`, 'malformed');
  }
  const sessionId = text(notifications.SessionId, 'SessionId');
  const enterpriseUrl = text(notifications.EnterpriseUrl, 'EnterpriseUrl');
  const partnerUrl = text(notifications.PartnerUrl, 'PartnerUrl');
  return {
    organizationId,
    actionId,
    ...(sessionId ? { sessionId } : {}),
    ...(enterpriseUrl ? { enterpriseUrl } : {}),
    ...(partnerUrl ? { partnerUrl } : {}),
    notifications: items.map(notificationOf),
  };
}

function notificationOf(item: unknown, index: number): OutboundNotification {
  const where = `Notification ${index + 1}`;
  if (!isNode(item) || !isNode(item.sObject)) throw new OutboundMessageError(`${where} has no <sObject>.`, 'malformed');
  const id = text(item.Id, `${where} Id`);
  if (!id) throw new OutboundMessageError(`${where} has no Id.`, 'malformed');
  const type = item.sObject['@type'];
  const sobject = typeof type === 'string' ? (type.split(':').pop() ?? '') : '';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(sobject)) throw new OutboundMessageError(`${where}'s sObject has no xsi:type.`, 'malformed');
  const record: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(item.sObject)) {
    // Attributes, and the whitespace between elements (kept as #text since values are not trimmed).
    if (field.startsWith('@') || field === '#text') continue;
    const read = text(value, `${where} field ${field}`);
    record[field] = read ?? null;
  }
  return { id, sobject, record };
}

/** Checks the message's `OrganizationId` against the expected org(s), in their 15- or 18-character forms. */
export function checkOrganization(message: OutboundMessage, expected: readonly string[]): void {
  if (!expected.some((id) => sameSalesforceId(id, message.organizationId))) {
    throw new OutboundMessageError(
      'The outbound message comes from another organization than the one configured; it was refused.',
      'wrong_organization',
    );
  }
}

/** Normalizes configured org ids, refusing ones that are not Salesforce ids. */
export function organizationIds(value: string | readonly string[]): string[] {
  const ids = typeof value === 'string' ? [value] : [...value];
  if (ids.length === 0) throw new ConfigurationError('An outbound message receiver needs "organizationId": the org allowed to send.');
  return ids.map((id) => {
    const full = toSalesforceId18(id);
    if (!full) throw new ConfigurationError('"organizationId" must be a 15- or 18-character Salesforce org id (00D…).');
    return full;
  });
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

/** The acknowledgement Salesforce waits for; without it, it redelivers for up to 24 hours. */
export const OUTBOUND_ACK = `${ENVELOPE_OPEN}<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>${ENVELOPE_CLOSE}`;

/** A SOAP 1.1 fault: `Client` for a message we refuse, `Server` for one we failed to handle. */
export function soapFault(code: 'Client' | 'Server', message: string): string {
  const escaped = message.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>soapenv:${code}</faultcode><faultstring>${escaped}</faultstring></soapenv:Fault>${ENVELOPE_CLOSE}`;
}
