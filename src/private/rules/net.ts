/* eslint-disable no-bitwise */ // IP addresses and CIDR masks are bit arithmetic.
/**
 * Network rules: IPv4/IPv6 addresses as the API server parses them, the special ranges it refuses for
 * endpoints, and CIDRs.
 */
import { isString } from './values';

/**
 * A parsed IP address.
 */
export interface ParsedIp {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** 4 bytes for IPv4, 16 bytes for IPv6. */
  readonly bytes: readonly number[];
  /** The canonical text form (dotted quad; RFC 5952 for IPv6). */
  readonly canonical: string;
  /** True for an IPv6 address that embeds an IPv4 address (`::ffff:a.b.c.d`). */
  readonly ipv4Mapped: boolean;
}

function parseIpv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    // Strict: decimal only, no leading zeros (ambiguous octal form), 0-255.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6Bytes(text: string): number[] | undefined {
  if (text.length === 0 || text.includes('%')) return undefined; // zones are not accepted by the API server
  let head = text;
  let v4Tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4Bytes(text.slice(lastColon + 1));
    if (!v4) return undefined;
    v4Tail = v4;
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = 8 - v4Tail.length / 2;
  const doubleColon = head.indexOf('::');
  if (doubleColon !== head.lastIndexOf('::')) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s.length === 0) return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (doubleColon >= 0) {
    const left = parseGroups(head.slice(0, doubleColon));
    const right = parseGroups(head.slice(doubleColon + 2));
    if (!left || !right) return undefined;
    const missing = groupsWanted - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    const all = parseGroups(head);
    if (!all || all.length !== groupsWanted) return undefined;
    groups = all;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return [...bytes, ...v4Tail];
}

function formatIpv6(bytes: readonly number[]): string {
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // RFC 5952: compress the longest run (first on ties) of at least two zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Parses an IPv4 (strict dotted quad) or IPv6 address. Returns undefined when `text` is neither.
 */
export function parseIp(text: unknown): ParsedIp | undefined {
  if (!isString(text)) return undefined;
  if (!text.includes(':')) {
    const bytes = parseIpv4Bytes(text);
    return bytes ? { family: 4, bytes, canonical: bytes.join('.'), ipv4Mapped: false } : undefined;
  }
  const bytes = parseIpv6Bytes(text);
  if (!bytes) return undefined;
  const ipv4Mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return { family: 6, bytes, canonical: formatIpv6(bytes), ipv4Mapped };
}

/**
 * Describes the special range an address falls in ("is in the loopback range 127.0.0.0/8") that the API
 * server refuses for endpoints
 * (`validateNonSpecialIP`: unspecified, loopback, link-local unicast, link-local multicast), or undefined.
 */
export function specialIpRange(ip: ParsedIp): string | undefined {
  const b = ip.bytes;
  if (ip.family === 4 || ip.ipv4Mapped) {
    const v4 = ip.family === 4 ? b : b.slice(12);
    if (v4.every((x) => x === 0)) return 'is the unspecified address 0.0.0.0';
    if (v4[0] === 127) return 'is in the loopback range 127.0.0.0/8';
    if (v4[0] === 169 && v4[1] === 254) {
      return v4[2] === 169 && v4[3] === 254
        ? 'is in the link-local range 169.254.0.0/16 (169.254.169.254 is the cloud metadata service: routing cluster traffic to it would expose node credentials)'
        : 'is in the link-local range 169.254.0.0/16';
    }
    if (v4[0] === 224 && v4[1] === 0 && v4[2] === 0) return 'is in the link-local multicast range 224.0.0.0/24';
    return undefined;
  }
  if (b.every((x) => x === 0)) return 'is the unspecified address ::';
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'is the loopback address ::1';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'is in the link-local range fe80::/10';
  if (b[0] === 0xff && (b[1] & 0x0f) === 0x02) return 'is in the link-local multicast range ff02::/16';
  return undefined;
}

/**
 * A parsed CIDR.
 */
export interface ParsedCidr {
  readonly ip: ParsedIp;
  readonly prefixLength: number;
  /** True when no host bits are set (the form the API server stores). */
  readonly isNetworkAddress: boolean;
  /** The network in canonical form, host bits cleared. */
  readonly canonical: string;
}

/**
 * Parses a CIDR such as `10.0.0.0/8` or `2001:db8::/32`. Returns undefined when `text` is not one.
 */
export function parseCidr(text: unknown): ParsedCidr | undefined {
  if (!isString(text)) return undefined;
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefixLength = Number(prefixText);
  const bits = ip.family === 4 ? 32 : 128;
  if (prefixLength > bits) return undefined;
  const network = ip.bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefixLength - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    return byte & mask;
  });
  const isNetworkAddress = network.every((byte, i) => byte === ip.bytes[i]);
  const networkText = ip.family === 4 ? network.join('.') : formatIpv6(network);
  return { ip, prefixLength, isNetworkAddress, canonical: `${networkText}/${prefixLength}` };
}

/**
 * Returns a rule violation unless `value` is a CIDR in canonical form: a network address (no host bits set),
 * not IPv4-mapped. Recent API servers refuse other forms and cloud controllers read them differently.
 */
export function checkCidr(value: unknown): string | undefined {
  const cidr = parseCidr(value);
  if (cidr === undefined) return 'must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32"';
  if (cidr.ip.ipv4Mapped) return 'must not be an IPv4-mapped IPv6 CIDR; write the IPv4 CIDR';
  if (!cidr.isNetworkAddress) return `has host bits set; the network is ${JSON.stringify(cidr.canonical)}`;
  return undefined;
}


/** The first and last address of a CIDR's network, as integers. */
function cidrBounds(cidr: ParsedCidr): [bigint, bigint] {
  const bits = BigInt(cidr.ip.bytes.length * 8);
  let value = 0n;
  for (const byte of cidr.ip.bytes) value = (value << 8n) | BigInt(byte);
  const hostBits = bits - BigInt(cidr.prefixLength);
  const start = (value >> hostBits) << hostBits;
  return [start, start + (1n << hostBits) - 1n];
}

/**
 * Whether the CIDRs of `family` in `cidrs` together cover every address of the family (`0.0.0.0/1` and
 * `128.0.0.0/1` cover IPv4). IPv4-mapped IPv6 CIDRs count for neither. Sorts and merges the ranges:
 * O(n log n).
 */
export function cidrsCoverFamily(cidrs: readonly ParsedCidr[], family: 4 | 6): boolean {
  const ranges = cidrs.filter((c) => c.ip.family === family && !c.ip.ipv4Mapped).map(cidrBounds)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const last = (1n << BigInt(family === 4 ? 32 : 128)) - 1n;
  let next = 0n; // the first address not covered yet
  for (const [start, end] of ranges) {
    if (start > next) return false;
    if (end + 1n > next) next = end + 1n;
    if (next > last) return true;
  }
  return false;
}
