// ORDER BY, LIMIT, OFFSET and COUNT() over the sample org (fixtures.ts).

import { describe, expect, it } from 'vitest';
import { makeId, pluck, run, sampleOrg } from './fixtures.js';

const order = (clause: string, fieldName = 'LastName') => pluck(`SELECT Id, LastName FROM Contact ORDER BY ${clause}`, fieldName);

describe('ORDER BY', () => {
  it('sorts text ignoring case', () => {
    expect(order('LastName')).toEqual(['100%_Sure\\Thing', 'Cher', 'Hopper', 'Lovelace', 'torvalds', 'Turing']);
    expect(order('LastName ASC')).toEqual(['100%_Sure\\Thing', 'Cher', 'Hopper', 'Lovelace', 'torvalds', 'Turing']);
    expect(order('lastname desc')).toEqual(['Turing', 'torvalds', 'Lovelace', 'Hopper', 'Cher', '100%_Sure\\Thing']);
  });

  it('puts nulls first ascending and last descending unless told', () => {
    expect(order('FirstName')).toEqual(['Cher', 'Lovelace', 'Turing', 'Hopper', 'torvalds', '100%_Sure\\Thing']);
    expect(order('FirstName DESC')).toEqual(['100%_Sure\\Thing', 'torvalds', 'Hopper', 'Turing', 'Lovelace', 'Cher']);
    expect(order('FirstName NULLS LAST')).toEqual(['Lovelace', 'Turing', 'Hopper', 'torvalds', '100%_Sure\\Thing', 'Cher']);
    expect(order('FirstName DESC NULLS FIRST')).toEqual(['Cher', '100%_Sure\\Thing', 'torvalds', 'Hopper', 'Turing', 'Lovelace']);
  });

  it('sorts numbers numerically, nulls in scan order', () => {
    expect(order('Score__c DESC')).toEqual(['Lovelace', 'Turing', 'Hopper', 'torvalds', '100%_Sure\\Thing', 'Cher']);
    expect(order('Score__c')).toEqual(['100%_Sure\\Thing', 'Cher', 'torvalds', 'Hopper', 'Turing', 'Lovelace']);
  });

  it('sorts booleans false first, datetimes and dates chronologically', () => {
    expect(order('HasOptedOutOfEmail DESC, LastName')[0]).toBe('Hopper');
    expect(order('SystemModstamp, Id')).toEqual(['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Lovelace', 'Cher']);
    expect(order('Birthdate DESC NULLS LAST, LastName')).toEqual(['Turing', 'Hopper', 'Lovelace', '100%_Sure\\Thing', 'Cher', 'torvalds']);
  });

  it('sorts by several keys and by parent fields', () => {
    expect(order('AccountId, LastName')).toEqual(['100%_Sure\\Thing', 'Cher', 'torvalds', 'Hopper', 'Lovelace', 'Turing']);
    expect(order('Account.Name DESC NULLS LAST, LastName')).toEqual(['Turing', 'Hopper', 'Lovelace', '100%_Sure\\Thing', 'Cher', 'torvalds']);
    expect(order('Account.Owner.Name, LastName DESC')).toEqual(['torvalds', 'Cher', '100%_Sure\\Thing', 'Lovelace', 'Hopper', 'Turing']);
  });

  it('sorts by formula fields', () => {
    expect(order('Name', 'LastName')).toEqual(['Lovelace', 'Turing', 'Cher', 'Hopper', 'torvalds', '100%_Sure\\Thing']);
  });

  it('keeps scan order between equal keys', () => {
    expect(order('CreatedDate')).toEqual(['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher', 'Lovelace']);
  });
});

describe('LIMIT and OFFSET', () => {
  it('cut the sorted result, and totalSize counts what is returned', () => {
    const limited = run('SELECT LastName FROM Contact ORDER BY LastName LIMIT 2');
    expect(limited.rows.map((r) => r.LastName)).toEqual(['100%_Sure\\Thing', 'Cher']);
    expect(limited.totalSize).toBe(2);
    expect(pluck('SELECT LastName FROM Contact ORDER BY LastName LIMIT 2 OFFSET 2')).toEqual(['Hopper', 'Lovelace']);
    expect(pluck('SELECT LastName FROM Contact ORDER BY LastName OFFSET 4')).toEqual(['torvalds', 'Turing']);
  });

  it('may run past the end', () => {
    expect(run('SELECT Id FROM Contact OFFSET 2000').rows).toEqual([]);
    expect(run('SELECT Id FROM Contact LIMIT 100').totalSize).toBe(6);
    expect(run('SELECT Id FROM Contact LIMIT 0')).toMatchObject({ rows: [], totalSize: 0 });
  });
});

describe('ORDER BY with a small LIMIT', () => {
  // Many rows with repeated and missing keys, so selecting the first few must break ties exactly as a full sort.
  function crowd() {
    const source = sampleOrg();
    for (let i = 0; i < 400; i++) {
      const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
      source.add('Contact', {
        Id: makeId('003', 1000 + i),
        IsDeleted: false,
        LastName: `P${(i * 37) % 50}`,
        Score__c: i % 9 === 0 ? null : (i * 13) % 17,
        SystemModstamp: i % 11 === 0 ? null : `2026-02-${day}T0${i % 10}:00:00.000+0000`,
      });
    }
    return source;
  }

  it.each([
    'Score__c, LastName',
    'Score__c DESC, SystemModstamp',
    'SystemModstamp DESC NULLS FIRST',
    'LastName NULLS LAST, Score__c DESC NULLS FIRST',
    'SystemModstamp, Id',
  ])('selects the same rows as a full sort: ORDER BY %s', (clause) => {
    const source = crowd();
    const full = pluck(`SELECT Id FROM Contact ORDER BY ${clause}`, 'Id', { source });
    for (const [limit, offset] of [[1, 0], [7, 0], [10, 5], [30, 60], [0, 0]] as const) {
      const page = pluck(`SELECT Id FROM Contact ORDER BY ${clause} LIMIT ${limit} OFFSET ${offset}`, 'Id', { source });
      expect(page).toEqual(full.slice(offset, offset + limit));
    }
  });

  it('sorts datetimes that are not in the stored form as text', () => {
    const source = sampleOrg();
    source.add('Contact', { Id: makeId('003', 90), IsDeleted: false, LastName: 'Odd', SystemModstamp: '2026-01-20T00:00:00Z' });
    expect(pluck('SELECT LastName FROM Contact ORDER BY SystemModstamp LIMIT 4', 'LastName', { source })).toEqual([
      'Hopper', 'Turing', 'Odd', 'torvalds',
    ]);
  });
});

describe('COUNT()', () => {
  it('returns no rows and the count as totalSize', () => {
    expect(run('SELECT COUNT() FROM Contact')).toMatchObject({ rows: [], totalSize: 6 });
    expect(run("SELECT COUNT() FROM Contact WHERE Account.Name = 'Acme'").totalSize).toBe(2);
    expect(run('SELECT COUNT() FROM Contact', { includeDeleted: true }).totalSize).toBe(7);
    expect(run('SELECT COUNT() FROM Account WHERE Name = null').totalSize).toBe(0);
  });

  it('respects LIMIT and OFFSET', () => {
    expect(run('SELECT COUNT() FROM Contact LIMIT 2').totalSize).toBe(2);
    expect(run('SELECT COUNT() FROM Contact LIMIT 10 OFFSET 5').totalSize).toBe(1);
  });

  it('counts large sources', () => {
    const source = sampleOrg();
    for (let i = 100; i < 1100; i++) source.add('Contact', { Id: makeId('003', i), IsDeleted: i % 2 === 0, LastName: `Bulk${i}` });
    expect(run("SELECT COUNT() FROM Contact WHERE LastName LIKE 'bulk%'", { source }).totalSize).toBe(500);
  });
});
