// text[] literals built by hand (src/mirror/text-array.ts) read back by Postgres exactly as
// the values they were made from, whatever the characters.
import { describe, expect, it } from 'vitest';
import { textArrayLiteral } from '../../src/mirror/text-array.js';
import { useTestDatabase } from '../support/postgres.js';
import { createRequire } from 'node:module';

// node-postgres' own conversion of a parameter (what a JS array becomes); not in its typings.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => unknown };

const db = useTestDatabase();

async function roundTrip(values: (string | null)[]): Promise<(string | null)[]> {
  const { rows } = await db.client.query<{ a: (string | null)[] }>('SELECT $1::text[] AS a', [textArrayLiteral(values)]);
  return rows[0]!.a;
}

describe('textArrayLiteral', () => {
  it('round-trips NULL, the empty string and the characters array syntax gives meaning to', async () => {
    const values = [null, '', 'NULL', 'null', 'a,b', '{x}', '"quoted"', 'back\\slash', '\\"', ' padded ', 'line\nbreak\ttab', 'Zoë 日本 🙂', "it's", '\\'];
    expect(await roundTrip(values)).toEqual(values);
  });

  it('round-trips the empty array and a large one', async () => {
    expect(await roundTrip([])).toEqual([]);
    const many = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? null : `v${i}"\\${i}`));
    expect(await roundTrip(many)).toEqual(many);
  });

  it('writes what node-postgres would write for the same array', () => {
    const values = [null, '', 'a"b', 'c\\d', 'plain', '{,}'];
    expect(textArrayLiteral(values)).toBe(prepareValue(values));
  });
});
