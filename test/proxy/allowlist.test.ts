// The IP allowlist: CIDR entries of both families, IPv4-mapped client addresses, and bad
// entries named in the error.
import { describe, expect, it } from 'vitest';
import { Allowlist, parseAllowlistEntries } from '../../src/proxy/allowlist.js';

describe('Allowlist', () => {
  it('allows everyone when empty, and Unix-socket clients always', () => {
    expect(new Allowlist([]).allows('203.0.113.9')).toBe(true);
    expect(new Allowlist([]).allows('2001:db8::1')).toBe(true);
    expect(new Allowlist(['10.0.0.0/8']).allows(undefined)).toBe(true);
  });

  const list = new Allowlist(['10.0.0.0/8', '127.0.0.1', '192.168.1.0/24', '::1/128', '2001:db8::/32']);

  it.each([
    ['10.1.2.3', true],
    ['10.255.255.255', true],
    ['11.0.0.1', false],
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['192.168.1.200', true],
    ['192.168.2.1', false],
    ['::1', true],
    ['::2', false],
    ['2001:db8:1234::5', true],
    ['2001:db9::1', false],
    ['::ffff:10.9.8.7', true], // IPv4-mapped: matches the IPv4 entry
    ['::FFFF:127.0.0.1', true],
    ['::ffff:11.0.0.1', false],
    ['fe80::1%eth0', false],
    ['not an address', false],
    ['', false],
  ])('%s -> %s', (address, allowed) => {
    expect(list.allows(address)).toBe(allowed);
  });

  it('strips an IPv6 zone before matching', () => {
    expect(new Allowlist(['fe80::/10']).allows('fe80::1%eth0')).toBe(true);
  });

  it('accepts entries with surrounding spaces and host bits set', () => {
    const l = new Allowlist([' 10.1.2.3/8 ', '0.0.0.0/0']);
    expect(l.allows('8.8.8.8')).toBe(true);
    expect(new Allowlist(['10.1.2.3/8']).allows('10.200.0.1')).toBe(true);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/8', 'example.com', '10.0.0', '::1/129', '10.0.0.0/-1', '10.0.0.0/08x', ''])(
    'refuses the entry %j, naming it',
    (entry) => {
      expect(() => new Allowlist(['127.0.0.1', entry])).toThrow(`invalid allowlist entry "${entry}"`);
    },
  );

  it('parses a setting of comma- and space-separated entries', () => {
    expect(parseAllowlistEntries(' 10.0.0.0/8, ::1  2001:db8::/32,,')).toEqual(['10.0.0.0/8', '::1', '2001:db8::/32']);
    expect(parseAllowlistEntries('')).toEqual([]);
  });
});
