import { SALESFORCE_DATA_PATH } from '../salesforce-api.js';
import type { RecordStore, StoredRecord } from './salesforce-sandbox-records.js';
import { compareRecords, fieldsOf, matches, parseSoql, SoqlSyntaxError } from './salesforce-sandbox-soql.js';

/** A query answer, or the error entry to answer with. */
export type QueryAnswer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; errorCode: string; message: string; fields?: string[] };

/** Runs the sandbox's SOQL and pages results through `nextRecordsUrl`. */
export class QueryEngine {
  private cursors = new Map<string, { rows: Record<string, unknown>[]; offset: number; resource: string }>();
  private count = 0;

  constructor(
    private readonly store: RecordStore,
    private readonly batchSize: () => number,
  ) {}

  reset(): void {
    this.cursors.clear();
  }

  /** Runs `q`; `all` includes deleted rows (queryAll). */
  run(q: string, all: boolean): QueryAnswer {
    let parsed: ReturnType<typeof parseSoql>;
    try {
      parsed = parseSoql(q);
    } catch (error) {
      if (error instanceof SoqlSyntaxError) return { ok: false, status: 400, errorCode: 'MALFORMED_QUERY', message: error.message };
      throw error;
    }
    const object = this.store.object(parsed.object);
    if (!object) {
      return { ok: false, status: 400, errorCode: 'INVALID_TYPE', message: `sObject type '${parsed.object}' is not supported.` };
    }
    const named = [...parsed.fields, ...fieldsOf(parsed.where), ...parsed.order.map((o) => o.field)];
    for (const field of named) {
      if (!this.store.field(object, field)) {
        return {
          ok: false,
          status: 400,
          errorCode: 'INVALID_FIELD',
          message: `No such column '${field}' on entity '${object}'.`,
          fields: [field],
        };
      }
    }
    const get = (record: unknown, field: string) => (record as StoredRecord)[this.store.field(object, field) as string];
    let rows = [...this.store.table(object).values()].filter((r) => all || !r.IsDeleted);
    if (parsed.where) {
      const where = parsed.where;
      rows = rows.filter((r) => matches(where, (field) => get(r, field)));
    }
    if (parsed.order.length > 0) rows.sort(compareRecords(parsed.order, get));
    rows = rows.slice(parsed.offset ?? 0, parsed.limit === undefined ? undefined : (parsed.offset ?? 0) + parsed.limit);
    const shaped = rows.map((r) => {
      const out: Record<string, unknown> = { attributes: { type: object, url: `${SALESFORCE_DATA_PATH}/sobjects/${object}/${r.Id}` } };
      for (const field of parsed.fields) out[field] = get(r, field) ?? null;
      return out;
    });
    return this.page(shaped, 0, all ? 'queryAll' : 'query');
  }

  /** The page a locator names. */
  more(resource: string, locator: string): QueryAnswer {
    const cursor = this.cursors.get(locator);
    if (!cursor || cursor.resource !== resource) {
      return { ok: false, status: 400, errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' };
    }
    this.cursors.delete(locator);
    return this.page(cursor.rows, cursor.offset, resource);
  }

  private page(rows: Record<string, unknown>[], offset: number, resource: string): QueryAnswer {
    const size = this.batchSize();
    const records = rows.slice(offset, offset + size);
    const done = offset + size >= rows.length;
    const body: Record<string, unknown> = { totalSize: rows.length, done, records };
    if (!done) {
      const locator = `01gSB${String(++this.count).padStart(10, '0')}-${offset + size}`;
      this.cursors.set(locator, { rows, offset: offset + size, resource });
      body.nextRecordsUrl = `${SALESFORCE_DATA_PATH}/${resource}/${locator}`;
    }
    return { ok: true, body };
  }
}
