// The Salesforce code → SQLSTATE catalogue: the choices DESIGN.md names, the default for
// unknown codes (logged once, with the raw body), Postgres's own names for every SQLSTATE
// used, and docs/errors.md in step with the table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/postgres.js';
import { DEFAULT_SQLSTATE_ENTRY, SALESFORCE_SQLSTATES, SQLSTATE, sqlstateFor } from '../../src/salesforce/index.js';
import { reportUnknownCode } from '../../src/salesforce/sqlstate.js';
import { captureLog, flushLog } from './support.js';

describe('sqlstateFor', () => {
  it('maps the codes DESIGN.md names like the equivalent local failure', () => {
    expect(sqlstateFor('REQUIRED_FIELD_MISSING')).toBe('23502');
    expect(sqlstateFor('DUPLICATE_VALUE')).toBe('23505');
    expect(sqlstateFor('INVALID_CROSS_REFERENCE_KEY')).toBe('23503');
    expect(sqlstateFor('STRING_TOO_LONG')).toBe('22001');
    expect(sqlstateFor('FIELD_CUSTOM_VALIDATION_EXCEPTION')).toBe('23514');
    expect(sqlstateFor('INVALID_EMAIL_ADDRESS')).toBe('23514');
    expect(sqlstateFor('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST')).toBe('23514');
    expect(sqlstateFor('INVALID_TYPE_ON_FIELD_IN_RECORD')).toBe('22P02');
    expect(sqlstateFor('NUMBER_OUTSIDE_VALID_RANGE')).toBe('22003');
    expect(sqlstateFor('INVALID_FIELD_FOR_INSERT_UPDATE')).toBe('42501');
    expect(sqlstateFor('INVALID_FIELD')).toBe('42703');
    expect(sqlstateFor('MALFORMED_ID')).toBe('22P02');
    expect(sqlstateFor('ENTITY_IS_DELETED')).toBe('23503');
    expect(sqlstateFor('UNABLE_TO_LOCK_ROW')).toBe('55P03');
    expect(sqlstateFor('SERVER_UNAVAILABLE')).toBe('57P03');
    expect(sqlstateFor('REQUEST_LIMIT_EXCEEDED')).toBe('53400');
  });

  it('gives unknown codes the documented default, P0001', () => {
    expect(DEFAULT_SQLSTATE_ENTRY.condition).toBe('raise_exception');
    expect(sqlstateFor('SOMETHING_NEW_IN_WINTER_27')).toBe('P0001');
    expect(sqlstateFor('')).toBe('P0001');
    expect(sqlstateFor('toString')).toBe('P0001');
  });

  it('maps non-JSON error answers by HTTP status', () => {
    expect(sqlstateFor('ERROR_HTTP_502')).toBe('57P03');
    expect(sqlstateFor('ERROR_HTTP_401')).toBe('28000');
    expect(sqlstateFor('ERROR_HTTP_500')).toBe('XX000');
  });

  it('warns once per unknown code, with the raw body, and never for known ones', async () => {
    const log = captureLog();
    const code = `NEW_CODE_${Date.now()}`;
    reportUnknownCode(log.logger, code, [{ errorCode: code, message: 'first' }]);
    reportUnknownCode(log.logger, code, [{ errorCode: code, message: 'second' }]);
    reportUnknownCode(log.logger, 'DUPLICATE_VALUE', []);
    await flushLog();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: 40, errorCode: code, sqlstate: 'P0001', raw: [{ errorCode: code, message: 'first' }] });
  });
});

describe('every condition name is Postgres\'s own', () => {
  const db = useTestDatabase();
  it.each(Object.entries(SQLSTATE))('%s is %s', async (name, code) => {
    const error = await db.client.query(`DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '${name}'; END $$`).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe(code);
  });
});

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## pgforce (Postgres side)'));

  it('lists exactly the table, with the same SQLSTATE and condition for every code', () => {
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| `([0-9A-Z]{5})` \| ([a-z_]+) \|/gm)].map((m) => [m[1], m[2], m[3]]);
    const expected = Object.entries(SALESFORCE_SQLSTATES).map(([code, e]) => [code, SQLSTATE[e.condition], e.condition]);
    expect(rows).toEqual(expected);
  });
});
