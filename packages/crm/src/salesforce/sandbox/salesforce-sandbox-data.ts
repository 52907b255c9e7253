import { type HttpHandler, HttpResponse, http } from 'msw';
import { SALESFORCE_DATA_PATH } from '../salesforce-api.js';
import type { LoginState } from './salesforce-sandbox-oauth.js';
import type { QueryEngine } from './salesforce-sandbox-query.js';
import {
  type RecordStore,
  type SandboxSaveError,
  type SaveOutcome,
  type StoredRecord,
  salesforceDateTime,
} from './salesforce-sandbox-records.js';

/** The org-wide counters the instance host keeps. */
export interface InstanceState {
  /** API requests counted in the "24 hours" (reset with `reset()`). */
  used: number;
  /** The allocation: past it, 403 REQUEST_LIMIT_EXCEEDED. */
  max: number;
  /** Scripted failures: the next N data requests answer this error code. */
  failures: { errorCode: string; status: number; remaining: number; message: string }[];
  /** Called after each saved record (create, update, upsert), for outbound messages. */
  onSaved(object: string, record: StoredRecord): void;
}

/** Options for {@link instanceHandlers}. */
export interface InstanceOptions {
  origin: string;
  login: LoginState;
  store: RecordStore;
  queries: QueryEngine;
  state: InstanceState;
  sessionTimeoutMs: number;
  now: () => number;
}

type Json = Record<string, unknown> | unknown[] | null;

const ROLLED_BACK: SandboxSaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/**
 * One instance host (`instance_url`): every REST route the connector calls
 * under `/services/data/vNN.0`, with session checks (401 INVALID_SESSION_ID
 * for unknown, expired or other-instance sessions), `Sforce-Limit-Info` on
 * every answer, and 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent.
 */
export function instanceHandlers(options: InstanceOptions): HttpHandler[] {
  const { origin, login, store, queries, state, now } = options;
  const prefix = `${origin}${SALESFORCE_DATA_PATH}`;

  const answer = (status: number, body: Json) => {
    const headers = { 'sforce-limit-info': `api-usage=${state.used}/${state.max}` };
    return body === null ? new HttpResponse(null, { status, headers }) : HttpResponse.json(body, { status, headers });
  };
  const error = (status: number, errorCode: string, message: string, fields?: string[]) =>
    answer(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
  const saveError = (e: SandboxSaveError) => {
    const status = e.statusCode === 'NOT_FOUND' || e.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400;
    return error(status, e.statusCode, e.message, e.fields);
  };

  const authenticate = (request: Request): Response | undefined => {
    const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const session = token ? login.sessions.get(token) : undefined;
    const expired = !session || session.instanceUrl !== origin || now() - session.lastUsedAt > options.sessionTimeoutMs;
    if (expired) return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    session.lastUsedAt = now();
    return undefined;
  };

  const route = async (request: Request): Promise<Response> => {
    const denied = authenticate(request);
    if (denied) return denied;
    if (state.used >= state.max) return error(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    state.used++;
    const failure = state.failures.find((f) => f.remaining > 0);
    if (failure) {
      failure.remaining--;
      return error(failure.status, failure.errorCode, failure.message);
    }
    const url = new URL(request.url);
    const path = url.pathname.slice(SALESFORCE_DATA_PATH.length).split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method;
    const body = method === 'POST' || method === 'PATCH' ? await readJson(request) : undefined;
    if (body === INVALID) return error(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
    const [head, ...rest] = path;

    if (head === 'limits' && rest.length === 0 && method === 'GET') {
      return answer(200, { DailyApiRequests: { Max: state.max, Remaining: Math.max(0, state.max - state.used) } });
    }
    if ((head === 'query' || head === 'queryAll') && method === 'GET') {
      const result =
        rest.length === 1 ? queries.more(head, rest[0] as string) : queries.run(url.searchParams.get('q') ?? '', head === 'queryAll');
      return result.ok ? answer(200, result.body) : error(result.status, result.errorCode, result.message, result.fields);
    }
    if (head === 'sobjects' && rest.length >= 1) return sobjects(method, rest, body as Record<string, unknown> | undefined, url);
    if (head === 'composite' && rest[0] === 'sobjects')
      return collections(method, rest.slice(1), body as Record<string, unknown> | undefined, url);
    return error(404, 'NOT_FOUND', 'The requested resource does not exist');
  };

  const shaped = (object: string, record: StoredRecord, fields?: string[]) => {
    const out: Record<string, unknown> = { attributes: { type: object, url: `${SALESFORCE_DATA_PATH}/sobjects/${object}/${record.Id}` } };
    const names = fields ?? Object.keys(record);
    for (const f of names) out[f] = record[store.field(object, f) ?? f] ?? null;
    return out;
  };

  const saved = (object: string, outcome: SaveOutcome) => {
    if (outcome.ok && !outcome.record.IsDeleted) state.onSaved(object, outcome.record);
    return outcome;
  };

  const sobjects = (method: string, parts: string[], body: Record<string, unknown> | undefined, url: URL): Response => {
    const object = store.object(parts[0] as string);
    if (!object) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    const [_, second, third, ...more] = parts;
    if (more.length > 0) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (second === 'updated' || second === 'deleted') {
      const start = Date.parse(url.searchParams.get('start') ?? '');
      const end = Date.parse(url.searchParams.get('end') ?? '');
      if (Number.isNaN(start) || Number.isNaN(end)) return error(400, 'INVALID_REPLICATION_DATE', 'start and end must be dates');
      const inRange = (stamp: string) => {
        const t = Date.parse(stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        return t >= start && t <= end;
      };
      const rows = [...store.table(object).values()];
      return second === 'updated'
        ? answer(200, {
            ids: rows.filter((r) => !r.IsDeleted && inRange(r.LastModifiedDate)).map((r) => r.Id),
            latestDateCovered: salesforceDateTime(end),
          })
        : answer(200, {
            deletedRecords: rows
              .filter((r) => r.IsDeleted && inRange(r.SystemModstamp))
              .map((r) => ({ id: r.Id, deletedDate: r.SystemModstamp })),
            earliestDateAvailable: salesforceDateTime(0),
            latestDateCovered: salesforceDateTime(end),
          });
    }
    if (second === undefined) {
      if (method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,POST`);
      const outcome = saved(object, store.create(object, body ?? {}));
      return outcome.ok ? answer(201, { id: outcome.record.Id, success: true, errors: [] }) : saveError(outcome.error);
    }
    if (third !== undefined) {
      if (method !== 'PATCH') return error(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are PATCH`);
      const outcome = saved(object, store.upsert(object, second, third, body ?? {}));
      if (!outcome.ok) return saveError(outcome.error);
      return answer(outcome.created ? 201 : 200, { id: outcome.record.Id, success: true, errors: [], created: outcome.created });
    }
    const found = store.find(second);
    if (method === 'GET') {
      if (!found || found.object !== object) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
      if (found.record.IsDeleted) return error(404, 'ENTITY_IS_DELETED', 'entity is deleted');
      const fields = url.searchParams.get('fields')?.split(',');
      const unknown = fields?.find((f) => !store.field(object, f));
      if (unknown) return error(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${object}`, [unknown]);
      return answer(200, shaped(object, found.record, fields));
    }
    if (method === 'PATCH') {
      const outcome = saved(object, store.update(object, second, body ?? {}));
      return outcome.ok ? answer(204, null) : saveError(outcome.error);
    }
    if (method === 'DELETE') {
      if (!found || found.object !== object) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
      const outcome = store.delete(second);
      return outcome.ok ? answer(204, null) : saveError(outcome.error);
    }
    return error(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed.`);
  };

  const collections = (method: string, parts: string[], body: Record<string, unknown> | undefined, url: URL): Response => {
    const allOrNone = method === 'DELETE' ? url.searchParams.get('allOrNone') === 'true' : body?.allOrNone === true;
    type Item = Record<string, unknown> & { attributes?: { type?: string } };
    const items: (Item | string)[] =
      method === 'DELETE' ? (url.searchParams.get('ids') ?? '').split(',').filter(Boolean) : ((body?.records as Item[] | undefined) ?? []);
    if (!Array.isArray(items) || items.length === 0) return error(400, 'INVALID_FIELD', 'records is required');
    if (items.length > 200)
      return error(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
    const [upsertObject, externalIdField] = parts;
    if (method === 'PATCH' && parts.length === 2 && !store.object(upsertObject as string)) {
      return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    const snapshot = allOrNone ? store.snapshot() : undefined;
    const outcomes = items.map((item): SaveOutcome => {
      if (typeof item === 'string') return store.delete(item);
      const { attributes, id, ...fields } = item;
      const object = store.object(attributes?.type ?? '');
      if (!object)
        return { ok: false, error: { statusCode: 'INVALID_TYPE', message: 'attributes.type is missing or unknown', fields: [] } };
      if (method === 'POST' && parts.length === 0) return store.create(object, fields);
      if (method === 'PATCH' && parts.length === 0) return store.update(object, String(id ?? ''), fields);
      if (method === 'PATCH' && parts.length === 2) {
        const ext = store.field(object, externalIdField as string) ?? (externalIdField as string);
        const value = fields[ext];
        if (value === undefined || value === null || value === '') {
          return {
            ok: false,
            error: { statusCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${ext}]`, fields: [ext] },
          };
        }
        return store.upsert(object, ext, String(value), fields);
      }
      return { ok: false, error: { statusCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed.`, fields: [] } };
    });
    const failed = outcomes.some((o) => !o.ok);
    if (snapshot && failed) {
      store.restore(snapshot);
      return answer(
        200,
        outcomes.map((o) => ({ id: null, success: false, errors: [o.ok ? ROLLED_BACK : o.error] })),
      );
    }
    // Outbound messages only for what was kept: a rolled-back record never fires one.
    for (const o of outcomes) if (o.ok && !o.record.IsDeleted) state.onSaved(store.find(o.record.Id)?.object ?? '', o.record);
    const upsert = method === 'PATCH' && parts.length === 2;
    return answer(
      200,
      outcomes.map((o) =>
        o.ok
          ? { id: o.record.Id, success: true, errors: [], ...(upsert ? { created: o.created } : {}) }
          : { id: null, success: false, errors: [o.error] },
      ),
    );
  };

  return [http.all(`${prefix}/*`, ({ request }) => route(request))];
}

const INVALID = Symbol('invalid');

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}
