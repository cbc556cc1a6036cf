// The part of a Salesforce describe that the mirror uses. The Salesforce client returns
// more; the mirror depends only on this, so it can be built from stored metadata too.

export interface SfField {
  name: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  calculated: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  externalId: boolean;
  unique: boolean;
}

export interface SfObject {
  name: string;
  custom: boolean;
  fields: SfField[];
}
