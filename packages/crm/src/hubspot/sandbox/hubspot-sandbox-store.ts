import type { HubspotObjectType } from '../hubspot-schemas.js';

/** One record as the sandbox keeps it. */
export interface StoredObject {
  id: string;
  objectType: HubspotObjectType;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** A change the sandbox turns into webhook events. */
export type ObjectChange =
  | { kind: 'creation' | 'deletion'; object: StoredObject }
  | { kind: 'propertyChange'; object: StoredObject; propertyName: string; propertyValue: string | null }
  | {
      kind: 'associationChange';
      objectType: HubspotObjectType;
      fromObjectId: string;
      toObjectType: HubspotObjectType;
      toObjectId: string;
      removed: boolean;
    };

/** What a create that hits a unique property answers: the existing record. */
export class UniqueConflict extends Error {
  constructor(readonly existing: StoredObject) {
    super(`${existing.objectType === 'contacts' ? 'Contact' : 'Object'} already exists. Existing ID: ${existing.id}`);
  }
}

// The property HubSpot keeps its last-modified time in: contacts use `lastmodifieddate`, others `hs_lastmodifieddate`.
const MODIFIED: Record<HubspotObjectType, string> = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  deals: 'hs_lastmodifieddate',
};

/** Unique properties per type: a contact's email (HubSpot refuses a second contact with the same one). */
const UNIQUE: Partial<Record<HubspotObjectType, string>> = { contacts: 'email' };

/**
 * The sandbox's records: ids counting up like HubSpot's numeric ids,
 * `createdate` / `hs_lastmodifieddate` kept as HubSpot keeps them, archived
 * records kept (HubSpot's recycling bin), and every change reported.
 */
export class HubspotObjectStore {
  readonly #objects = new Map<string, StoredObject>();
  readonly #now: () => number;
  readonly #onChange: (change: ObjectChange) => void;
  #next = 1001;

  constructor(now: () => number, onChange: (change: ObjectChange) => void) {
    this.#now = now;
    this.#onChange = onChange;
  }

  /** Every record of a type, archived ones included, in creation order. */
  all(objectType: HubspotObjectType): StoredObject[] {
    return [...this.#objects.values()].filter((o) => o.objectType === objectType);
  }

  /** The live records of a type. */
  live(objectType: HubspotObjectType): StoredObject[] {
    return this.all(objectType).filter((o) => !o.archived);
  }

  /** A live record by id, or by a property's value with `idProperty`. */
  find(objectType: HubspotObjectType, id: string, idProperty?: string): StoredObject | undefined {
    if (idProperty && idProperty !== 'hs_object_id') {
      return this.live(objectType).find((o) => sameValue(idProperty, o.properties[idProperty], id));
    }
    const found = this.#objects.get(id);
    return found && found.objectType === objectType && !found.archived ? found : undefined;
  }

  /** A record by id, archived or not. */
  any(objectType: HubspotObjectType, id: string): StoredObject | undefined {
    const found = this.#objects.get(id);
    return found?.objectType === objectType ? found : undefined;
  }

  /** Creates a record; a taken unique value throws {@link UniqueConflict}. */
  create(objectType: HubspotObjectType, properties: Record<string, string | null>): StoredObject {
    const unique = UNIQUE[objectType];
    const value = unique ? properties[unique] : undefined;
    if (unique && value) {
      const existing = this.find(objectType, value, unique);
      if (existing) throw new UniqueConflict(existing);
    }
    const id = String(this.#next++);
    const at = new Date(this.#now()).toISOString();
    const object: StoredObject = {
      id,
      objectType,
      properties: { ...properties, hs_object_id: id, createdate: at, [MODIFIED[objectType]]: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    this.#objects.set(id, object);
    this.#onChange({ kind: 'creation', object });
    return object;
  }

  /** Sets properties; one propertyChange per value that changed. A unique value taken by another record throws. */
  update(object: StoredObject, properties: Record<string, string | null>): StoredObject {
    const unique = UNIQUE[object.objectType];
    const value = unique ? properties[unique] : undefined;
    if (unique && value) {
      const holder = this.find(object.objectType, value, unique);
      if (holder && holder.id !== object.id) throw new UniqueConflict(holder);
    }
    const changed = Object.entries(properties).filter(([name, v]) => object.properties[name] !== v);
    if (changed.length === 0) return object;
    const at = new Date(this.#now()).toISOString();
    Object.assign(object.properties, Object.fromEntries(changed), { [MODIFIED[object.objectType]]: at });
    object.updatedAt = at;
    for (const [propertyName, propertyValue] of changed) this.#onChange({ kind: 'propertyChange', object, propertyName, propertyValue });
    return object;
  }

  /** Archives a live record (a second archive does nothing). */
  archive(object: StoredObject): void {
    if (object.archived) return;
    const at = new Date(this.#now()).toISOString();
    object.archived = true;
    object.archivedAt = at;
    object.updatedAt = at;
    this.#onChange({ kind: 'deletion', object });
  }

  /** Forgets every record. */
  clear(): void {
    this.#objects.clear();
    this.#next = 1001;
  }
}

function sameValue(property: string, stored: string | null | undefined, wanted: string): boolean {
  if (stored === null || stored === undefined) return false;
  // Emails are matched case-insensitively, as HubSpot does.
  return property === 'email' ? stored.toLowerCase() === wanted.toLowerCase() : stored === wanted;
}

/** The record as HubSpot answers it: the requested properties (or all), the standard fields. */
export function present(object: StoredObject, properties?: string | string[]): Record<string, unknown> {
  const wanted = typeof properties === 'string' ? properties.split(',').filter(Boolean) : properties;
  const shown = wanted?.length
    ? Object.fromEntries(
        [...new Set([...wanted, 'hs_object_id', 'createdate', MODIFIED[object.objectType]])].map((name) => [
          name,
          object.properties[name] ?? null,
        ]),
      )
    : { ...object.properties };
  return {
    id: object.id,
    properties: shown,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: object.archived,
    ...(object.archivedAt ? { archivedAt: object.archivedAt } : {}),
  };
}
