// The IP allowlist: which client addresses may connect to the proxy at all. Checked when a
// connection arrives, before any authentication; an empty list allows everyone.
import { BlockList, isIP } from 'node:net';

export class Allowlist {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  /**
   * CIDR entries ('10.0.0.0/8', '127.0.0.1', '::1/128', '2001:db8::/32'); empty: everyone
   * allowed. Throws an Error naming the bad entry. IPv4-mapped IPv6 client addresses
   * (::ffff:1.2.3.4) match IPv4 entries.
   */
  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) this.add(entry);
  }

  /** undefined (a Unix-domain socket): allowed. A malformed address: refused. */
  allows(address: string | undefined): boolean {
    if (address === undefined || this.empty) return true;
    const bare = address.replace(/%.*$/, ''); // an IPv6 zone (fe80::1%eth0)
    const family = isIP(bare);
    if (family === 4) return this.list.check(bare, 'ipv4') || this.list.check(`::ffff:${bare}`, 'ipv6');
    if (family !== 6) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
    if (mapped !== undefined && this.list.check(mapped, 'ipv4')) return true;
    return this.list.check(bare, 'ipv6');
  }

  private add(raw: string): void {
    const entry = raw.trim();
    const bad = (why: string) => new Error(`invalid allowlist entry "${raw}": ${why}`);
    const [address = '', prefixText, ...rest] = entry.split('/');
    if (rest.length > 0) throw bad('more than one "/"');
    const family = isIP(address);
    if (family === 0) throw bad('not an IPv4 or IPv6 address (expected e.g. 10.0.0.0/8 or 2001:db8::/32)');
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) {
      this.list.addAddress(address, type);
      return;
    }
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) throw bad(`the prefix length must be 0 to ${max}`);
    this.list.addSubnet(address, Number(prefixText), type);
  }
}

/** Entries from a setting's text: separated by commas and/or white space. */
export function parseAllowlistEntries(text: string): string[] {
  return text.split(/[\s,]+/).filter((e) => e !== '');
}
