import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/index.js';
import { newClassifier, writesOf } from './helpers.js';

const c = newClassifier();
beforeAll(loadSqlParser);

type Case = [sql: string, expected: Array<[string, string]>];

function check(cases: Case[]): void {
  it.each(cases)('%s', (sql, expected) => {
    expect(writesOf(c, sql)).toEqual(expected);
    const result = c.classify(sql, ['public', 'salesforce']);
    expect(result.parseError).toBeUndefined();
    if (expected.length > 0) {
      expect(result.anyWrite).toBe(true);
      expect(c.mayTouchMirror(sql)).toBe(true);
    }
  });
}

describe('INSERT / UPDATE / DELETE / MERGE: only the target is written', () => {
  check([
    ['INSERT INTO salesforce.contacts (last_name) VALUES ($1)', [['insert', 'contacts']]],
    ['insert into contacts values (1)', [['insert', 'contacts']]],
    ['INSERT INTO SALESFORCE.CONTACTS VALUES (1)', [['insert', 'contacts']]],
    ['insert into "salesforce"."contacts" values (1)', [['insert', 'contacts']]],
    ['insert into "contacts" values (1)', [['insert', 'contacts']]],
    ['insert into mydb.salesforce.contacts values (1)', [['insert', 'contacts']]],
    ["insert into salesforce.contacts as c (id) values ('x') on conflict (id) do update set last_name = excluded.last_name returning *", [['insert', 'contacts']]],
    ['insert into salesforce.contacts (id) select id from public.staging s join salesforce.accounts a on a.id = s.account_id', [['insert', 'contacts']]],
    ['WITH src AS (SELECT * FROM salesforce.accounts) INSERT INTO salesforce.contacts (account_id) SELECT id FROM src', [['insert', 'contacts']]],
    ['UPDATE ONLY salesforce.contacts AS c SET email = a.x FROM salesforce.accounts a WHERE a.id = c.account_id', [['update', 'contacts']]],
    ['update contacts set amount = amount * 1.1 where id in (select contact_id from salesforce.opportunities)', [['update', 'contacts']]],
    ['DELETE FROM salesforce.contacts c USING salesforce.accounts a WHERE a.id = c.account_id RETURNING c.id', [['delete', 'contacts']]],
    ['delete from only contacts where id = $1', [['delete', 'contacts']]],
    ['MERGE INTO salesforce.contacts c USING salesforce.accounts a ON a.id = c.account_id WHEN MATCHED THEN DELETE', [['merge', 'contacts']]],
    ['MERGE INTO public.t USING salesforce.contacts c ON c.id = t.id WHEN MATCHED THEN UPDATE SET x = 1', []],
    ['INSERT INTO public.audit SELECT * FROM salesforce.contacts', []],
    ['UPDATE public.t SET x = c.email FROM salesforce.contacts c WHERE c.id = t.id', []],
    ['DELETE FROM public.t USING salesforce.contacts c WHERE c.id = t.id', []],
    ['insert into public.contacts values (1)', []],
    ['insert into salesforcex.contacts values (1)', []],
    ['insert into "Contacts" values (1)', []],
    ['insert into salesforce."Contacts" values (1)', []],
    ['insert into "SALESFORCE".contacts values (1)', []],
    ['insert into salesforce.not_mirrored values (1)', []],
  ]);
});

describe('COPY, TRUNCATE', () => {
  check([
    ['COPY salesforce.contacts (id, email) FROM STDIN', [['copy-from', 'contacts']]],
    ["copy contacts from '/tmp/contacts.csv' with (format csv)", [['copy-from', 'contacts']]],
    ['COPY salesforce.contacts TO STDOUT', []],
    ['COPY (SELECT * FROM salesforce.contacts) TO STDOUT', []],
    ['COPY (DELETE FROM salesforce.contacts RETURNING *) TO STDOUT', [['dml-in-cte', 'contacts']]],
    ['TRUNCATE salesforce.contacts', [['truncate', 'contacts']]],
    ['TRUNCATE TABLE public.t, salesforce.contacts, ONLY accounts RESTART IDENTITY CASCADE', [['truncate', 'contacts'], ['truncate', 'accounts']]],
    ['TRUNCATE public.t', []],
  ]);
});

describe('DML hidden in CTEs', () => {
  check([
    ['WITH gone AS (DELETE FROM salesforce.contacts RETURNING id) SELECT count(*) FROM gone', [['dml-in-cte', 'contacts']]],
    ["WITH a AS (WITH b AS (UPDATE salesforce.accounts SET name = 'x' RETURNING id) SELECT * FROM b) SELECT * FROM a", [['dml-in-cte', 'accounts']]],
    ['SELECT * FROM (WITH d AS (DELETE FROM contacts RETURNING 1) SELECT * FROM d) s', [['dml-in-cte', 'contacts']]],
    ['INSERT INTO public.log WITH d AS (DELETE FROM salesforce.contacts RETURNING id) SELECT id FROM d', [['dml-in-cte', 'contacts']]],
    ['WITH d AS (DELETE FROM public.t RETURNING id) INSERT INTO salesforce.contacts (id) SELECT id FROM d', [['insert', 'contacts']]],
    ['WITH u AS (UPDATE salesforce.contacts SET x = 1 RETURNING id) DELETE FROM salesforce.accounts WHERE id IN (SELECT id FROM u)', [['delete', 'accounts'], ['dml-in-cte', 'contacts']]],
    ['WITH i AS (INSERT INTO salesforce.opportunities (name) VALUES ($1) RETURNING id) MERGE INTO public.t USING i ON true WHEN NOT MATCHED THEN INSERT VALUES (i.id)', [['dml-in-cte', 'opportunities']]],
    ['WITH r AS (SELECT * FROM salesforce.contacts) SELECT * FROM r', []],
    ['WITH contacts AS (SELECT 1) SELECT * FROM contacts', []],
  ]);
});

describe('EXPLAIN', () => {
  check([
    ['EXPLAIN ANALYZE DELETE FROM salesforce.contacts', [['explain-analyze', 'contacts']]],
    ['EXPLAIN (ANALYZE, BUFFERS) UPDATE contacts SET x = 1', [['explain-analyze', 'contacts']]],
    ['explain (analyze true, format json) insert into salesforce.contacts values (1)', [['explain-analyze', 'contacts']]],
    ['EXPLAIN ANALYZE WITH d AS (DELETE FROM salesforce.contacts RETURNING 1) SELECT * FROM d', [['explain-analyze', 'contacts']]],
    ['EXPLAIN ANALYZE SELECT * INTO salesforce.copy FROM salesforce.contacts', [['explain-analyze', 'copy']]],
    ['EXPLAIN ANALYSE DELETE FROM salesforce.contacts', [['explain-analyze', 'contacts']]],
    ['EXPLAIN (ANALYSE) DELETE FROM salesforce.contacts', [['explain-analyze', 'contacts']]],
    ['EXPLAIN (ANALYZE false, ANALYZE true) DELETE FROM salesforce.contacts', [['explain-analyze', 'contacts']]],
    ['EXPLAIN DELETE FROM salesforce.contacts', []],
    ['EXPLAIN (VERBOSE) UPDATE salesforce.contacts SET x = 1', []],
    ['EXPLAIN (ANALYZE false) DELETE FROM salesforce.contacts', []],
    ['EXPLAIN (ANALYZE off, COSTS) DELETE FROM salesforce.contacts', []],
    ['EXPLAIN (ANALYZE 0) DELETE FROM salesforce.contacts', []],
    ['EXPLAIN ANALYZE SELECT * FROM salesforce.contacts', []],
  ]);
});

describe('PREPARE counts as the statement it prepares', () => {
  check([
    ['PREPARE p (text) AS UPDATE salesforce.contacts SET email = $1', [['update', 'contacts']]],
    ['prepare p as insert into contacts values ($1)', [['insert', 'contacts']]],
    ['PREPARE p AS WITH d AS (DELETE FROM contacts RETURNING 1) SELECT * FROM d', [['dml-in-cte', 'contacts']]],
    ['PREPARE q AS SELECT * FROM salesforce.contacts WHERE id = $1', []],
  ]);
  it('PREPARE of a read is not a write', () => {
    expect(c.classify('PREPARE q AS SELECT * FROM salesforce.contacts', ['public']).anyWrite).toBe(false);
  });
});

describe('SELECT INTO / CREATE TABLE AS', () => {
  check([
    ['SELECT * INTO salesforce.contacts_copy FROM salesforce.contacts', [['select-into', 'contacts_copy']]],
    ['SELECT * INTO backup FROM salesforce.contacts', []],
    ['SELECT * INTO TEMP backup FROM salesforce.contacts', []],
    ['CREATE TABLE salesforce.x AS SELECT 1', [['ddl', 'x']]],
    ['CREATE MATERIALIZED VIEW salesforce.mv AS SELECT * FROM salesforce.contacts', [['ddl', 'mv']]],
    ['CREATE TABLE public.t AS SELECT * FROM salesforce.contacts', []],
  ]);
  it('SELECT INTO is a write even outside the mirror', () => {
    expect(c.classify('SELECT * INTO backup FROM salesforce.contacts', ['public']).anyWrite).toBe(true);
  });
  it('unqualified SELECT INTO lands in the mirror when it is the creation schema', () => {
    expect(writesOf(c, 'SELECT * INTO backup FROM contacts', ['salesforce', 'public'])).toEqual([['select-into', 'backup']]);
  });
});

describe('DDL on mirrored tables and in the mirror schema', () => {
  check([
    ['ALTER TABLE salesforce.contacts ADD COLUMN x int', [['ddl', 'contacts']]],
    ['alter table if exists contacts alter column email type text', [['ddl', 'contacts']]],
    ['ALTER TABLE salesforce.contacts RENAME TO people', [['ddl', 'contacts']]],
    ['ALTER TABLE salesforce.contacts RENAME COLUMN email TO mail', [['ddl', 'contacts']]],
    ['ALTER TABLE salesforce.contacts OWNER TO bob', [['ddl', 'contacts']]],
    ['ALTER TABLE salesforce.contacts SET SCHEMA public', [['ddl', 'contacts']]],
    ['ALTER TABLE public.t SET SCHEMA salesforce', [['ddl', 't']]],
    ['ALTER FUNCTION public.f() SET SCHEMA salesforce', [['ddl', 'f']]],
    ['DROP TABLE public.t, salesforce.contacts, accounts CASCADE', [['ddl', 'contacts'], ['ddl', 'accounts']]],
    ['DROP TABLE IF EXISTS public.contacts', []],
    ['DROP VIEW salesforce.v', [['ddl', 'v']]],
    ['DROP INDEX salesforce.contacts_email_idx', [['ddl', 'contacts_email_idx']]],
    ['DROP FUNCTION salesforce.f(int)', [['ddl', 'f']]],
    ['DROP TYPE salesforce.t', [['ddl', 't']]],
    ['CREATE INDEX CONCURRENTLY ON salesforce.contacts (email)', [['ddl', 'contacts']]],
    ['CREATE UNIQUE INDEX i ON contacts (lower(email))', [['ddl', 'contacts']]],
    ['CREATE INDEX ON public.t (a)', []],
    ["COMMENT ON TABLE salesforce.contacts IS 'x'", [['ddl', 'contacts']]],
    ["COMMENT ON COLUMN salesforce.contacts.email IS 'x'", [['ddl', 'contacts']]],
    ["comment on column contacts.email is 'x'", [['ddl', 'contacts']]],
    ["COMMENT ON TRIGGER t ON salesforce.contacts IS 'x'", [['trigger', 'contacts']]],
    ["COMMENT ON TABLE public.t IS 'salesforce.contacts'", []],
    ['GRANT SELECT, UPDATE ON salesforce.contacts TO bob', [['ddl', 'contacts']]],
    ['GRANT UPDATE (email) ON contacts TO bob', [['ddl', 'contacts']]],
    ['REVOKE ALL ON TABLE contacts, public.t FROM PUBLIC', [['ddl', 'contacts']]],
    ['GRANT SELECT ON ALL TABLES IN SCHEMA salesforce TO bob', [['ddl', '*']]],
    ['GRANT USAGE ON SCHEMA salesforce TO bob', [['ddl', '*']]],
    ['ALTER DEFAULT PRIVILEGES IN SCHEMA salesforce GRANT SELECT ON TABLES TO bob', [['ddl', '*']]],
    ['GRANT SELECT ON public.t TO bob', []],
    ['CREATE TABLE salesforce.notes (id text)', [['ddl', 'notes']]],
    ['CREATE TABLE public.notes (id text)', []],
    ['CREATE TABLE public.copy (LIKE salesforce.contacts)', []],
    ['CREATE TABLE public.x (a text REFERENCES salesforce.accounts (id))', [['ddl', 'accounts']]],
    ['CREATE TABLE public.x (a text, FOREIGN KEY (a) REFERENCES accounts (id))', [['ddl', 'accounts']]],
    ['ALTER TABLE public.t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES salesforce.accounts (id)', [['ddl', 'accounts']]],
    ['CREATE TABLE public.child () INHERITS (salesforce.contacts)', [['ddl', 'contacts']]],
    ['CREATE TABLE public.part PARTITION OF salesforce.contacts FOR VALUES IN (1)', [['ddl', 'contacts']]],
    ['ALTER TABLE public.p ATTACH PARTITION salesforce.contacts FOR VALUES IN (1)', [['ddl', 'contacts']]],
    ['ALTER TABLE public.t INHERIT salesforce.contacts', [['ddl', 'contacts']]],
    ['CREATE SCHEMA salesforce', [['ddl', '*']]],
    ['CREATE SCHEMA AUTHORIZATION salesforce', [['ddl', '*']]],
    ['DROP SCHEMA salesforce CASCADE', [['ddl', '*']]],
    ['DROP SCHEMA public, salesforce', [['ddl', '*']]],
    ['ALTER SCHEMA salesforce RENAME TO sf', [['ddl', '*']]],
    ['ALTER SCHEMA sf RENAME TO salesforce', [['ddl', '*']]],
    ['ALTER SCHEMA salesforce OWNER TO bob', [['ddl', '*']]],
    ['DROP SCHEMA public', []],
    ['CREATE VIEW salesforce.v AS SELECT 1', [['ddl', 'v']]],
    ['CREATE VIEW public.v AS SELECT * FROM salesforce.contacts', []],
    ["CREATE OR REPLACE FUNCTION salesforce.f() RETURNS int LANGUAGE sql AS 'select 1'", [['ddl', 'f']]],
    ['CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ select count(*) from salesforce.contacts $$', []],
    ['CREATE POLICY p ON salesforce.contacts USING (true)', [['ddl', 'contacts']]],
    ['ALTER POLICY p ON contacts USING (false)', [['ddl', 'contacts']]],
    ['DROP POLICY p ON salesforce.contacts', [['ddl', 'contacts']]],
    ['CREATE SEQUENCE salesforce.s', [['ddl', 's']]],
    ['CREATE TYPE salesforce.t AS (a int)', [['ddl', 't']]],
    ['CREATE DOMAIN salesforce.d AS int', [['ddl', 'd']]],
    ['IMPORT FOREIGN SCHEMA x FROM SERVER s INTO salesforce', [['ddl', '*']]],
  ]);
});

describe('rules and triggers', () => {
  check([
    ['CREATE RULE r AS ON DELETE TO salesforce.contacts DO INSTEAD NOTHING', [['rule', 'contacts']]],
    ['CREATE RULE r AS ON INSERT TO public.t DO ALSO DELETE FROM salesforce.contacts', [['rule', 'contacts']]],
    ['CREATE RULE r AS ON INSERT TO public.t DO ALSO SELECT * FROM salesforce.contacts', []],
    ['DROP RULE r ON salesforce.contacts', [['rule', 'contacts']]],
    ['ALTER RULE r ON salesforce.contacts RENAME TO r2', [['rule', 'contacts']]],
    ['ALTER TABLE salesforce.contacts ENABLE RULE r', [['rule', 'contacts']]],
    ['CREATE TRIGGER t BEFORE UPDATE ON salesforce.contacts FOR EACH ROW EXECUTE FUNCTION f()', [['trigger', 'contacts']]],
    ['CREATE TRIGGER t AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION salesforce_sync()', []],
    ['DROP TRIGGER t ON contacts', [['trigger', 'contacts']]],
    ['ALTER TRIGGER t ON salesforce.contacts RENAME TO t2', [['trigger', 'contacts']]],
    ['ALTER TABLE salesforce.contacts DISABLE TRIGGER ALL', [['trigger', 'contacts']]],
    ['ALTER TABLE contacts DISABLE TRIGGER USER', [['trigger', 'contacts']]],
    ['ALTER TABLE salesforce.contacts ENABLE REPLICA TRIGGER guard', [['trigger', 'contacts']]],
  ]);
});

describe('function bodies the parser can read', () => {
  check([
    ['CREATE FUNCTION public.f() RETURNS void BEGIN ATOMIC DELETE FROM salesforce.contacts; END', [['ddl', 'contacts']]],
    ['CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ UPDATE salesforce.contacts SET x = 1 RETURNING 1 $$', [['ddl', 'contacts']]],
    ["CREATE PROCEDURE public.p() LANGUAGE sql AS 'delete from contacts'", [['ddl', 'contacts']]],
    // plpgsql bodies are not parsed: the database's own guards cover them
    ['CREATE FUNCTION public.f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM salesforce.contacts; END $$', []],
  ]);
});

describe('not writes of the mirror', () => {
  check([
    ['SELECT * FROM salesforce.contacts WHERE id = $1', []],
    ["SELECT 'delete from salesforce.contacts'", []],
    ['SELECT 1 -- delete from salesforce.contacts', []],
    ['/* truncate salesforce.contacts */ SELECT 1', []],
    ["SELECT $$insert into salesforce.contacts values (1)$$", []],
    ['LOCK TABLE salesforce.contacts IN ACCESS EXCLUSIVE MODE', []],
    ['VACUUM ANALYZE salesforce.contacts', []],
    ['DECLARE c CURSOR FOR SELECT * FROM salesforce.contacts', []],
    ['SELECT * FROM salesforce.contacts FOR UPDATE', []],
    ["DO $$ BEGIN DELETE FROM salesforce.contacts; END $$", []],
    ['CALL salesforce.cleanup()', []],
    ['REFRESH MATERIALIZED VIEW salesforce.mv', []],
    ['NOTIFY contacts', []],
    ['LISTEN salesforce', []],
  ]);
});
