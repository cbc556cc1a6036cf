// The `pgforce` metadata schema: which table mirrors which sObject, which column holds which
// field (with what Salesforce allows to be written), and where each object's sync stands.
// Created idempotently at start; the version row lets later releases migrate it.

export const CATALOG_VERSION = 1;

/**
 * Records the write path deleted: the sync must not bring back an older copy it fetched
 * before the delete (a poll in flight), unless Salesforce shows it again later (undelete).
 */
export const TOMBSTONES_DDL = `
CREATE TABLE IF NOT EXISTS pgforce.mirror_tombstones (
  table_name  text NOT NULL,
  id          text NOT NULL,
  deleted_at  timestamptz NOT NULL,
  PRIMARY KEY (table_name, id)
);
`;

export const CATALOG_DDL = `
CREATE SCHEMA IF NOT EXISTS pgforce;
CREATE SCHEMA IF NOT EXISTS salesforce;
CREATE TABLE IF NOT EXISTS pgforce.catalog_version (version integer PRIMARY KEY);
INSERT INTO pgforce.catalog_version VALUES (${CATALOG_VERSION}) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS pgforce.mirror_tables (
  table_name  text PRIMARY KEY,
  sobject     text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS pgforce.mirror_columns (
  table_name   text NOT NULL REFERENCES pgforce.mirror_tables ON DELETE CASCADE,
  column_name  text NOT NULL,
  field        text NOT NULL,
  sf_type      text NOT NULL,
  pg_type      text NOT NULL,
  createable   boolean NOT NULL,
  updateable   boolean NOT NULL,
  nillable     boolean NOT NULL,
  external_id  boolean NOT NULL,
  is_unique    boolean NOT NULL,
  reference_to text[] NOT NULL DEFAULT '{}',
  length       integer NOT NULL DEFAULT 0,
  position     integer NOT NULL,
  removed_at   timestamptz,
  PRIMARY KEY (table_name, column_name),
  UNIQUE (table_name, field)
);
${TOMBSTONES_DDL}CREATE TABLE IF NOT EXISTS pgforce.sync_state (
  sobject            text PRIMARY KEY,
  backfill_done      boolean NOT NULL DEFAULT false,
  backfill_from      timestamptz,
  rows_backfilled    bigint NOT NULL DEFAULT 0,
  cursor_modstamp    timestamptz,
  deleted_checked_at timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
`;
