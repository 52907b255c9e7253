import type { AnyConnector, ClientBase } from '@junction/core';
import type { Company, CompanyFields, CompanyInput } from './company.js';
import type { Contact, ContactFields, ContactInput } from './contact.js';
import type { CrmBatchResult } from './crm-batch.js';
import type { CrmEvent } from './crm-events.js';
import type { CrmObjectType, CrmRef } from './crm-objects.js';
import type { CrmListOptions, CrmPage, CrmSearch } from './crm-query.js';
import type { CrmChangePage, CrmChangesOptions } from './crm-sync.js';
import type { CustomFields, CustomOf } from './custom-fields.js';
import type { Deal, DealFields, DealInput } from './deal.js';
import type { Pipeline } from './pipeline.js';

/** Options for one call through the unified interface. */
export interface CrmRequestOptions {
  signal?: AbortSignal;
}

/** The records, inputs and fields of each type, given your custom fields. */
export interface CrmTypes<C extends CustomFields = {}> {
  contact: { record: Contact<CustomOf<C, 'contact'>>; input: ContactInput<CustomOf<C, 'contact'>>; fields: keyof ContactFields };
  company: { record: Company<CustomOf<C, 'company'>>; input: CompanyInput<CustomOf<C, 'company'>>; fields: keyof CompanyFields };
  deal: { record: Deal<CustomOf<C, 'deal'>>; input: DealInput<CustomOf<C, 'deal'>>; fields: keyof DealFields };
}

/** What a record of type `T` can be searched and sorted on: its fields, its dates, your custom fields. */
export type SearchField<C extends CustomFields, T extends CrmObjectType> =
  | CrmTypes<C>[T]['fields']
  | 'createdAt'
  | 'updatedAt'
  | (keyof CustomOf<C, T> & string);

/** What an upsert matches on: a unique field (`email` for contacts, `domain` for companies) or a unique custom field. */
export type UpsertKey<C extends CustomFields, T extends CrmObjectType> =
  | (T extends 'contact' ? 'email' : T extends 'company' ? 'domain' : never)
  | (keyof CustomOf<C, T> & string);

/** One record type's operations. */
export interface CrmObjectApi<R, I, F extends string, K extends string> {
  /** Creates a record. A side effect: not retried when its outcome is unknown (use `upsert` to make it repeatable). */
  create(input: I, options?: CrmRequestOptions): Promise<R>;
  /** The record, or `null` when there is none with that id (or it was deleted). */
  get(id: string, options?: CrmRequestOptions): Promise<R | null>;
  /** Changes the fields given, and only those. */
  update(id: string, input: I, options?: CrmRequestOptions): Promise<R>;
  /** Deletes (archives) the record; deleting one already gone is not an error. */
  delete(id: string, options?: CrmRequestOptions): Promise<void>;
  /** One page of records, oldest first. */
  list(options?: CrmListOptions & CrmRequestOptions): Promise<CrmPage<R>>;
  /** One page of the records every filter holds for. */
  search(query: CrmSearch<F>, options?: CrmRequestOptions): Promise<CrmPage<R>>;
  /** Updates the record whose `by` equals the input's, or creates it: repeatable, so safe to retry. */
  upsert(input: I, by: K, options?: CrmRequestOptions): Promise<{ record: R; created: boolean }>;
  /** Many at once, chunked to the provider's batch size; one result per item, partial failures reported per item. */
  readonly batch: {
    create(inputs: readonly I[], options?: CrmRequestOptions): Promise<CrmBatchResult<R>[]>;
    get(ids: readonly string[], options?: CrmRequestOptions): Promise<CrmBatchResult<R>[]>;
    update(items: readonly (I & { id: string })[], options?: CrmRequestOptions): Promise<CrmBatchResult<R>[]>;
    upsert(inputs: readonly I[], by: K, options?: CrmRequestOptions): Promise<CrmBatchResult<R>[]>;
    delete(ids: readonly string[], options?: CrmRequestOptions): Promise<CrmBatchResult<{ id: string }>[]>;
  };
}

/** The operations of record type `T`. */
export type CrmObjectApiOf<C extends CustomFields, T extends CrmObjectType> = CrmObjectApi<
  CrmTypes<C>[T]['record'],
  CrmTypes<C>[T]['input'],
  SearchField<C, T>,
  UpsertKey<C, T>
>;

/** Links between records: contact ↔ company, deal ↔ contact or company. */
export interface AssociationsApi {
  /** Links two records (the provider's default association); linking twice is not an error. */
  link(from: CrmRef, to: CrmRef, options?: CrmRequestOptions): Promise<void>;
  /** Removes the link; removing one that is not there is not an error. */
  unlink(from: CrmRef, to: CrmRef, options?: CrmRequestOptions): Promise<void>;
  /** The ids of the records of type `toType` linked to `from`. */
  list(from: CrmRef, toType: CrmObjectType, options?: CrmRequestOptions): Promise<string[]>;
}

/**
 * What a product does with a CRM, whoever it is. An adapter implements it
 * over its provider's client; a feature the provider lacks rejects with
 * `UnsupportedFeatureError`, never silently. `C` is your custom fields
 * (see `defineCustomFields`), typed on every record.
 */
export interface CrmProvider<C extends CustomFields = {}> {
  /** The provider's name, e.g. `hubspot`. */
  readonly name: string;
  /** The client underneath, for calls the unified interface lacks and for `createPoller`. */
  readonly client: ClientBase<AnyConnector>;
  readonly contacts: CrmObjectApiOf<C, 'contact'>;
  readonly companies: CrmObjectApiOf<C, 'company'>;
  readonly deals: CrmObjectApiOf<C, 'deal'>;
  readonly associations: AssociationsApi;
  /** Deal pipelines and their stages. */
  readonly pipelines: { list(options?: CrmRequestOptions): Promise<Pipeline[]> };
  /** Everything that changed since a cursor, per record type (see `crmChangesPoll`). */
  readonly sync: { changes(type: CrmObjectType, options?: CrmChangesOptions): Promise<CrmChangePage> };
  /** The provider's verified webhook or outbound-message events as unified ones. */
  readonly events: { normalize(payload: unknown): CrmEvent[] };
}
