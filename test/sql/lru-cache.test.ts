import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/sql/lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used key once a hit has aged past half the capacity', () => {
    const c = new LruCache<string, number>(4);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) c.set(k, i);
    expect(c.get('a')).toBe(0); // old: moved to the young end
    c.set('e', 4);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(0);
    expect(c.size).toBe(4);
  });

  it('keeps a hot key through any number of hits (no re-insertion churn)', () => {
    const c = new LruCache<string, number>(3);
    c.set('hot', 1);
    for (let i = 0; i < 100_000; i++) expect(c.get('hot')).toBe(1);
    for (let i = 0; i < 10; i++) {
      c.set(`k${i}`, i);
      expect(c.get('hot')).toBe(1);
    }
    expect(c.size).toBe(3);
  });

  it('overwrites, clears, and does nothing with capacity 0', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('a', 2);
    expect(c.get('a')).toBe(2);
    expect(c.size).toBe(1);
    c.clear();
    expect(c.size).toBe(0);
    const none = new LruCache<string, number>(0);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
  });
});
