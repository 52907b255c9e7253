/** The record types every CRM provider here has. */
export const CRM_OBJECT_TYPES = ['contact', 'company', 'deal'] as const;
/** A unified record type. */
export type CrmObjectType = (typeof CRM_OBJECT_TYPES)[number];

/** A record by type and id, as associations name their ends. */
export interface CrmRef {
  type: CrmObjectType;
  id: string;
}
