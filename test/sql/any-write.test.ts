import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/index.js';
import { newClassifier } from './helpers.js';

const c = newClassifier();
beforeAll(loadSqlParser);
const anyWrite = (sql: string): boolean => {
  const r = c.classify(sql, ['public']);
  expect(r.parseError).toBeUndefined();
  return r.anyWrite;
};

describe('anyWrite: reads', () => {
  it.each([
    'SELECT 1', 'SELECT abalance FROM pgbench_accounts WHERE aid = $1', 'TABLE t', 'VALUES (1), (2)',
    'WITH r AS (SELECT * FROM t) SELECT * FROM r', 'SHOW search_path', 'SHOW ALL',
    'SET search_path = public, salesforce', 'SET statement_timeout = 0', "SET LOCAL work_mem = '64MB'", 'SET ROLE reader',
    'SET default_transaction_read_only = on', "SET transaction_read_only = 'true'", 'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY',
    'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', 'SET TRANSACTION READ ONLY', 'RESET statement_timeout', 'RESET ALL', 'DISCARD ALL',
    'BEGIN', 'BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY', 'START TRANSACTION READ ONLY', 'COMMIT', 'END', 'ROLLBACK', 'ABORT',
    'SAVEPOINT s', 'RELEASE SAVEPOINT s', 'ROLLBACK TO SAVEPOINT s', 'SET CONSTRAINTS ALL DEFERRED',
    'PREPARE q AS SELECT 1', 'PREPARE q (int) AS SELECT * FROM t WHERE a = $1', 'DEALLOCATE q', 'DEALLOCATE ALL',
    'DECLARE c CURSOR WITH HOLD FOR SELECT 1', 'FETCH 10 FROM c', 'MOVE NEXT IN c', 'CLOSE c', 'CLOSE ALL',
    'LISTEN ch', 'UNLISTEN *', "NOTIFY ch, 'payload'",
    'EXPLAIN SELECT 1', 'EXPLAIN DELETE FROM t', 'EXPLAIN ANALYZE SELECT * FROM t', 'EXPLAIN (ANALYZE false) DELETE FROM t',
    'LOCK t IN ACCESS SHARE MODE', 'COPY t TO STDOUT', 'COPY (SELECT 1) TO STDOUT',
    "SELECT nextval('s')", // function calls are not analysed
    'SELECT 1; SHOW x; BEGIN READ ONLY',
  ])('%s', (sql) => {
    expect(anyWrite(sql)).toBe(false);
  });
});

describe('anyWrite: writes', () => {
  it.each([
    'INSERT INTO t VALUES (1)', 'UPDATE t SET a = 1', 'DELETE FROM t', 'MERGE INTO t USING u ON true WHEN MATCHED THEN DELETE',
    'COPY t FROM STDIN', "COPY t TO '/tmp/f'", "COPY t TO PROGRAM 'cat'", 'TRUNCATE t',
    'CREATE TABLE t (a int)', 'CREATE TEMP TABLE t (a int)', 'DROP TABLE t', 'ALTER TABLE t ADD b int', 'CREATE INDEX ON t (a)',
    'GRANT SELECT ON t TO u', 'REVOKE SELECT ON t FROM u', 'CREATE ROLE r', 'GRANT r TO u', 'CREATE SCHEMA s', "COMMENT ON TABLE t IS 'x'",
    'VACUUM', 'ANALYZE t', 'CLUSTER t', 'REINDEX TABLE t', 'REFRESH MATERIALIZED VIEW m', 'CHECKPOINT', "ALTER SYSTEM SET work_mem = '1MB'",
    'SELECT * INTO t2 FROM t', 'CREATE TABLE t2 AS SELECT 1', 'CREATE TABLE t2 AS EXECUTE p', 'CREATE VIEW v AS SELECT 1',
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'",
    'WITH d AS (DELETE FROM t RETURNING 1) SELECT * FROM d', 'SELECT * FROM t FOR UPDATE', 'SELECT * FROM t FOR SHARE SKIP LOCKED',
    'SELECT * FROM (SELECT * FROM t FOR NO KEY UPDATE) s', 'DECLARE c CURSOR FOR SELECT * FROM t FOR UPDATE',
    'EXPLAIN ANALYZE INSERT INTO t VALUES (1)', 'PREPARE p AS DELETE FROM t', 'EXECUTE p', 'EXPLAIN ANALYZE EXECUTE p',
    'DO $$ BEGIN END $$', 'CALL p()',
    'BEGIN READ WRITE', 'START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE', 'SET TRANSACTION READ WRITE',
    'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', 'SET default_transaction_read_only = off',
    'SET default_transaction_read_only TO false', 'SET LOCAL transaction_read_only = 0', "SET transaction_read_only = 'no'",
    "SET SESSION default_transaction_read_only = 'of'", 'RESET default_transaction_read_only', 'SET default_transaction_read_only TO DEFAULT',
    'LOCK t IN EXCLUSIVE MODE', 'LOCK t IN SHARE MODE', 'LOCK t', 'LOCK TABLE t IN ROW EXCLUSIVE MODE', 'LOCK t IN ROW SHARE MODE',
    'SELECT 1; INSERT INTO t VALUES (1)',
  ])('%s', (sql) => {
    expect(anyWrite(sql)).toBe(true);
  });

  it('names the prepared statements EXECUTE runs', () => {
    expect(c.classify('EXECUTE p1(1); EXECUTE p2', ['public']).executes).toEqual(['p1', 'p2']);
    expect(c.classify('SELECT 1', ['public']).executes).toBeUndefined();
  });
});
