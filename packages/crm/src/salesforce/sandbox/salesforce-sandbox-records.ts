import { toSalesforceId18 } from '../salesforce-ids.js';

/** One error as Salesforce reports it per record: `{ statusCode, message, fields }`. */
export interface SandboxSaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** A stored record: its fields, plus the system fields the sandbox keeps. */
export type StoredRecord = Record<string, unknown> & {
  Id: string;
  CreatedDate: string;
  LastModifiedDate: string;
  SystemModstamp: string;
  IsDeleted: boolean;
};

/** How one sandbox object behaves. */
export interface SandboxObjectSpec {
  /** The 3-character id prefix (Contact `003`). */
  prefix: string;
  /** Fields a create must set. */
  required: readonly string[];
  /** Fields known from the start (any field written later becomes known too). */
  fields: readonly string[];
  /** Unique external id fields, usable for upserts. */
  externalIds: readonly string[];
  /** Records the org has from the start, made again on every reset (setup data such as the Opportunity stages). */
  seed?: readonly Record<string, unknown>[];
}

// Salesforce's default Opportunity stages (Setup → Opportunity Stages), as `OpportunityStage` rows.
const STAGES: [string, number, boolean, boolean][] = [
  ['Prospecting', 10, false, false],
  ['Qualification', 10, false, false],
  ['Needs Analysis', 20, false, false],
  ['Value Proposition', 50, false, false],
  ['Id. Decision Makers', 60, false, false],
  ['Perception Analysis', 70, false, false],
  ['Proposal/Price Quote', 75, false, false],
  ['Negotiation/Review', 90, false, false],
  ['Closed Won', 100, true, true],
  ['Closed Lost', 0, true, false],
];

/** The objects a sandbox has unless told otherwise. */
export const DEFAULT_SANDBOX_OBJECTS: Record<string, SandboxObjectSpec> = {
  Account: { prefix: '001', required: ['Name'], fields: ['Name', 'Website', 'Industry', 'Phone'], externalIds: ['External_Id__c'] },
  Contact: {
    prefix: '003',
    required: ['LastName'],
    fields: ['FirstName', 'LastName', 'Email', 'Phone', 'AccountId', 'Title'],
    externalIds: ['External_Id__c'],
  },
  Opportunity: {
    prefix: '006',
    required: ['Name', 'StageName', 'CloseDate'],
    fields: ['Name', 'StageName', 'CloseDate', 'Amount', 'AccountId'],
    externalIds: ['External_Id__c'],
  },
  Lead: { prefix: '00Q', required: ['LastName', 'Company'], fields: ['FirstName', 'LastName', 'Company', 'Email'], externalIds: [] },
  OpportunityContactRole: {
    prefix: '00K',
    required: ['OpportunityId', 'ContactId'],
    fields: ['OpportunityId', 'ContactId', 'Role', 'IsPrimary'],
    externalIds: [],
  },
  OpportunityStage: {
    prefix: '01J',
    required: ['ApiName'],
    fields: ['ApiName', 'MasterLabel', 'SortOrder', 'IsActive', 'IsClosed', 'IsWon', 'DefaultProbability'],
    externalIds: [],
    seed: STAGES.map(([name, probability, closed, won], i) => ({
      ApiName: name,
      MasterLabel: name,
      SortOrder: i + 1,
      IsActive: true,
      IsClosed: closed,
      IsWon: won,
      DefaultProbability: probability,
    })),
  },
};

const SYSTEM_FIELDS = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted'];
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A datetime as Salesforce writes it, kept to the second as Salesforce keeps them: `2026-01-31T12:00:00.000+0000`. */
export function salesforceDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+0000');
}

/** An outcome of one save: the record, or why not. */
export type SaveOutcome = { ok: true; record: StoredRecord; created: boolean } | { ok: false; error: SandboxSaveError };

const fail = (statusCode: string, message: string, fields: string[] = []): SaveOutcome => ({
  ok: false,
  error: { statusCode, message, fields },
});

/** The records of a sandbox org, by object. */
export class RecordStore {
  private tables = new Map<string, Map<string, StoredRecord>>();
  private known = new Map<string, Set<string>>();
  private counter = 0;

  constructor(
    readonly objects: Record<string, SandboxObjectSpec>,
    private readonly now: () => number,
  ) {
    this.reset();
  }

  /** Empties every table (ids keep counting, so an old id never comes back). */
  reset(): void {
    this.tables = new Map(Object.keys(this.objects).map((name) => [name, new Map()]));
    this.known = new Map(
      Object.entries(this.objects).map(([name, spec]) => [name, new Set([...SYSTEM_FIELDS, ...spec.fields, ...spec.externalIds])]),
    );
    for (const [name, spec] of Object.entries(this.objects)) for (const fields of spec.seed ?? []) this.create(name, fields);
  }

  /** The object's canonical name, matched case-insensitively, or undefined when the org has no such object. */
  object(name: string): string | undefined {
    return Object.keys(this.objects).find((o) => o.toLowerCase() === name.toLowerCase());
  }

  /** The field's canonical name on `object`, or undefined when unknown. */
  field(object: string, name: string): string | undefined {
    for (const f of this.known.get(object) ?? []) if (f.toLowerCase() === name.toLowerCase()) return f;
    return undefined;
  }

  table(object: string): Map<string, StoredRecord> {
    return this.tables.get(object) as Map<string, StoredRecord>;
  }

  /** A copy of every table, for an all-or-none rollback. */
  snapshot(): Map<string, Map<string, StoredRecord>> {
    return new Map([...this.tables].map(([name, rows]) => [name, new Map([...rows].map(([id, r]) => [id, { ...r }]))]));
  }

  restore(snapshot: Map<string, Map<string, StoredRecord>>): void {
    this.tables = snapshot;
  }

  /** The live record with `id` (any object), or undefined. */
  find(id: string): { object: string; record: StoredRecord } | undefined {
    const full = toSalesforceId18(id);
    if (!full) return undefined;
    for (const [object, rows] of this.tables) {
      const record = rows.get(full);
      if (record) return { object, record };
    }
    return undefined;
  }

  private newId(object: string): string {
    const spec = this.objects[object] as SandboxObjectSpec;
    let n = ++this.counter;
    let tail = '';
    for (let i = 0; i < 9; i++) {
      tail = BASE62.charAt(n % 62) + tail;
      n = Math.floor(n / 62);
    }
    return toSalesforceId18(`${spec.prefix}5g00${tail.slice(1)}`.slice(0, 15).padEnd(15, '0')) as string;
  }

  private checkFields(object: string, fields: Record<string, unknown>): SaveOutcome | undefined {
    for (const name of Object.keys(fields)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
        return fail('INVALID_FIELD', `No such column '${name}' on sobject of type ${object}`, [name]);
      if (SYSTEM_FIELDS.some((f) => f.toLowerCase() === name.toLowerCase())) {
        return fail('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${name}.`, [name]);
      }
    }
    return undefined;
  }

  private duplicate(object: string, fields: Record<string, unknown>, self?: string): SaveOutcome | undefined {
    const spec = this.objects[object] as SandboxObjectSpec;
    for (const ext of spec.externalIds) {
      const value = fields[ext];
      if (value === undefined || value === null) continue;
      for (const row of this.table(object).values()) {
        if (row.Id !== self && !row.IsDeleted && String(row[ext]).toLowerCase() === String(value).toLowerCase()) {
          return fail('DUPLICATE_VALUE', `duplicate value found: ${ext} duplicates value on record with id: ${row.Id}`, [ext]);
        }
      }
    }
    return undefined;
  }

  private learn(object: string, fields: Record<string, unknown>): void {
    const known = this.known.get(object) as Set<string>;
    for (const name of Object.keys(fields)) if (!this.field(object, name)) known.add(name);
  }

  /** Creates a record: required fields, unique external ids. */
  create(object: string, fields: Record<string, unknown>): SaveOutcome {
    const bad = this.checkFields(object, fields);
    if (bad) return bad;
    const spec = this.objects[object] as SandboxObjectSpec;
    const missing = spec.required.filter((f) => fields[f] === undefined || fields[f] === null || fields[f] === '');
    if (missing.length > 0) return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    const dup = this.duplicate(object, fields);
    if (dup) return dup;
    const stamp = salesforceDateTime(this.now());
    const record: StoredRecord = {
      ...fields,
      Id: this.newId(object),
      CreatedDate: stamp,
      LastModifiedDate: stamp,
      SystemModstamp: stamp,
      IsDeleted: false,
    };
    this.learn(object, fields);
    this.table(object).set(record.Id, record);
    return { ok: true, record, created: true };
  }

  /** Updates a live record's fields. */
  update(object: string, id: string, fields: Record<string, unknown>): SaveOutcome {
    const bad = this.checkFields(object, fields);
    if (bad) return bad;
    const full = toSalesforceId18(id);
    const record = full ? this.table(object).get(full) : undefined;
    if (!record) return fail('NOT_FOUND', 'The requested resource does not exist');
    if (record.IsDeleted) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    const spec = this.objects[object] as SandboxObjectSpec;
    const cleared = spec.required.filter((f) => f in fields && (fields[f] === null || fields[f] === ''));
    if (cleared.length > 0) return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, cleared);
    const dup = this.duplicate(object, fields, record.Id);
    if (dup) return dup;
    const stamp = salesforceDateTime(this.now());
    Object.assign(record, fields, { LastModifiedDate: stamp, SystemModstamp: stamp });
    this.learn(object, fields);
    return { ok: true, record, created: false };
  }

  /** Creates or updates by an external id field's value. */
  upsert(object: string, externalIdField: string, value: string, fields: Record<string, unknown>): SaveOutcome {
    const spec = this.objects[object] as SandboxObjectSpec;
    const ext = spec.externalIds.find((f) => f.toLowerCase() === externalIdField.toLowerCase());
    if (!ext) return fail('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${externalIdField}`);
    const matching = [...this.table(object).values()].filter((r) => !r.IsDeleted && String(r[ext]).toLowerCase() === value.toLowerCase());
    if (matching.length > 1) return fail('DUPLICATE_EXTERNAL_ID', `${ext}: more than one record found for external id field`, [ext]);
    const { [ext]: _, ...rest } = fields;
    const existing = matching[0];
    return existing ? this.update(object, existing.Id, rest) : this.create(object, { ...rest, [ext]: value });
  }

  /** Deletes (to the recycle bin: `IsDeleted`, still visible to queryAll). */
  delete(id: string): SaveOutcome {
    const found = this.find(id);
    if (!found) return fail('NOT_FOUND', 'The requested resource does not exist');
    if (found.record.IsDeleted) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    const stamp = salesforceDateTime(this.now());
    Object.assign(found.record, { IsDeleted: true, SystemModstamp: stamp });
    return { ok: true, record: found.record, created: false };
  }
}
