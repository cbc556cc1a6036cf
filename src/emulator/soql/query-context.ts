// What running and shaping a query needs from the emulator's store. The HTTP layer builds
// one per request; the SOQL engine never touches the store any other way.

import type { FieldDef, SchemaRegistry, SObjectDef } from '../schema/types.js';
import type { FieldValue, RecordSource, StoredRecord } from '../store/record.js';

export interface QueryContext {
  schema: SchemaRegistry;
  /** scan(sobject) and get(id). */
  source: RecordSource;
  /** Reads one field of a record; computes formula fields. */
  readValue(object: SObjectDef, record: StoredRecord, field: FieldDef): FieldValue;
  /** queryAll: include IsDeleted = true rows; query: exclude them. Parents are returned even when deleted. */
  includeDeleted: boolean;
  /** The moment TODAY, LAST_N_DAYS etc. are relative to (their days are UTC days); now when absent. */
  now?: Date;
}
