/* eslint-disable no-bitwise */ // IP addresses and CIDR masks are bit arithmetic.
/**
 * The one validation module of the library.
 *
 * Every rule a construct enforces lives here, written after the API server's create validation
 * (k8s.io/apimachinery/pkg/util/validation, pkg/apis/core/validation, pkg/apis/discovery/validation)
 * plus the runtime facts that bite after a successful apply. Rule checks return `undefined` when the value
 * is fine and a short description of the violated rule otherwise; constructs turn violations into findings
 * with {@link FindingCollector}; report.ts gathers them for the whole App (one validation on the App node),
 * so a single `cdk8s synth` lists every problem of the App at once.
 *
 * This module is internal: it is not exported from the package entry point.
 */
import * as crypto from 'crypto';

// ---------------------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------------------

/**
 * A problem found in a construct's configuration.
 * @internal
 */
export interface Finding {
  /** Stable machine-readable code, e.g. `SP_SERVICE_NAME`. */
  readonly code: string;
  /** The field at fault, e.g. `ports[1].name` or `spec.externalName`. */
  readonly field: string;
  /** The offending value (already formatted for display), or undefined when the field is missing. */
  readonly value?: string;
  /** The rule that was violated. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Longest value echoed back in a message. */
const MAX_VALUE_CHARS = 80;

/**
 * Formats a user value for an error message: JSON-quoted, truncated, never multi-line.
 * @internal
 */
export function formatValue(value: unknown): string {
  let text: string;
  if (value === undefined) {
    text = 'undefined';
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length > MAX_VALUE_CHARS) {
    text = `${text.slice(0, MAX_VALUE_CHARS)}... (${text.length} characters)`;
  }
  return text;
}

/**
 * Renders a finding as one line. cdk8s prefixes it with the construct path (`[chart/construct]`).
 * @internal
 */
export function renderFinding(f: Finding): string {
  const value = f.value === undefined ? '' : ` ${f.value}`;
  return `${f.field}${value}: ${f.rule}. Fix: ${f.fix} (${f.code})`;
}

/**
 * Collects findings during one validation pass: errors (which fail synth) and warnings (which are printed).
 * @internal
 */
export class FindingCollector {
  private readonly items: Finding[] = [];
  private readonly warningItems: Finding[] = [];

  /** Records a warning: printed at synth, does not fail it. */
  public warn(code: string, field: string, value: unknown, rule: string, fix: string): void {
    this.warningItems.push({ code, field, value: value === undefined ? undefined : formatValue(value), rule, fix });
  }

  /** All warnings so far. */
  public get warningFindings(): Finding[] {
    return [...this.warningItems];
  }

  /** Records a finding; `value` is formatted with {@link formatValue}. */
  public add(code: string, field: string, value: unknown, rule: string, fix: string): void {
    this.items.push({ code, field, value: formatValue(value), rule, fix });
  }

  /** Records a finding about a field that is missing or about a combination of fields (no single value). */
  public addWithoutValue(code: string, field: string, rule: string, fix: string): void {
    this.items.push({ code, field, rule, fix });
  }

  /**
   * Records `violation` (the result of a rule check) when it is defined. Returns whether it was recorded.
   * `fix` may be a function, called only on a violation (for fixes that cost something to compute).
   */
  public check(violation: string | undefined, code: string, field: string, value: unknown, fix: string | (() => string)): boolean {
    if (violation === undefined) {
      return false;
    }
    this.add(code, field, value, violation, typeof fix === 'function' ? fix() : fix);
    return true;
  }

  /** All findings so far. */
  public get findings(): Finding[] {
    return [...this.items];
  }

  /** The findings rendered as messages for `node.addValidation`. */
  public messages(): string[] {
    return this.items.map(renderFinding);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names (k8s.io/apimachinery/pkg/util/validation)
// ---------------------------------------------------------------------------------------------------------

const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** @internal */
export const DNS1123_LABEL_RULE =
  "must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit";
/** @internal */
export const DNS1123_SUBDOMAIN_RULE =
  "must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and '-'";
/** @internal */
export const DNS1035_LABEL_RULE =
  "must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Checks `value` against a DNS name rule: a string, not empty, at most `max` characters, matching `re`. */
function checkDnsName(value: unknown, max: number, re: RegExp, rule: string): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  if (value.length === 0) return `must not be empty; ${rule}`;
  if (value.length > max) return `is ${value.length} characters long; ${rule}`;
  if (!re.test(value)) return rule;
  return undefined;
}

/** Returns a rule violation unless `value` is a DNS-1123 label. @internal */
export function checkDns1123Label(value: unknown): string | undefined {
  return checkDnsName(value, DNS1123_LABEL_MAX, DNS1123_LABEL_RE, DNS1123_LABEL_RULE);
}

/** Returns a rule violation unless `value` is a DNS-1123 subdomain. @internal */
export function checkDns1123Subdomain(value: unknown): string | undefined {
  return checkDnsName(value, DNS1123_SUBDOMAIN_MAX, DNS1123_SUBDOMAIN_RE, DNS1123_SUBDOMAIN_RULE);
}

/** Returns a rule violation unless `value` is a DNS-1035 label (the rule for Service names). @internal */
export function checkDns1035Label(value: unknown): string | undefined {
  return checkDnsName(value, DNS1123_LABEL_MAX, DNS1035_LABEL_RE, DNS1035_LABEL_RULE);
}

/**
 * Suggests a DNS-1035 label close to `value` (lowercased, invalid characters replaced by '-', trimmed to 63
 * characters, a leading letter added when needed), for use in a fix hint.
 * @internal
 */
export function suggestDns1035Label(value: string): string {
  let s = String(value).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+/, '');
  if (!/^[a-z]/.test(s)) s = `x-${s}`;
  s = s.slice(0, DNS1123_LABEL_MAX).replace(/-+$/, '');
  return s.length === 0 ? 'x' : s;
}

/**
 * Suggests a DNS-1123 label close to `value`, for use in a fix hint.
 * @internal
 */
export function suggestDns1123Label(value: string): string {
  const s = String(value).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-')
    .replace(/^-+/, '').slice(0, DNS1123_LABEL_MAX).replace(/-+$/, '');
  return s.length === 0 ? 'x' : s;
}

const IANA_SVC_NAME_MAX = 15;
/** @internal */
export const IANA_SVC_NAME_RULE =
  "must be an IANA service name: 1-15 characters, lowercase letters, digits and '-', at least one letter, no leading, trailing or double '-'";

/**
 * Returns a rule violation unless `value` is an IANA service name (the rule for container port names and for
 * named `targetPort`s; k8s `IsValidPortName`).
 * @internal
 */
export function checkIanaSvcName(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  if (value.length === 0 || value.length > IANA_SVC_NAME_MAX) {
    return `is ${value.length} characters long; ${IANA_SVC_NAME_RULE}`;
  }
  if (!/^[-a-z0-9]+$/.test(value) || !/[a-z]/.test(value) || value.includes('--') || value.startsWith('-') || value.endsWith('-')) {
    return IANA_SVC_NAME_RULE;
  }
  return undefined;
}

const QUALIFIED_NAME_PART_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Returns a rule violation unless `value` is a qualified name (`[prefix/]name`), the rule for label and
 * annotation keys.
 * @internal
 */
export function checkQualifiedName(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  const rule =
    "must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    if (parts[0].length === 0 || checkDns1123Subdomain(parts[0]) !== undefined) return rule;
    name = parts[1];
  } else if (parts.length > 2) {
    return rule;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART_RE.test(name)) return rule;
  return undefined;
}

/** Returns a rule violation unless `value` is a valid label value. @internal */
export function checkLabelValue(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  if (value.length > 63 || !LABEL_VALUE_RE.test(value)) {
    return "must be a label value: empty or at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/**
 * Checks a label map (`metadata.labels` or a selector) and records findings.
 * @internal
 */
export function collectLabelFindings(findings: FindingCollector, field: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    findings.check(checkQualifiedName(key), 'SP_LABEL_KEY', `${field} key`, key,
      'use a key such as "app.kubernetes.io/name" or "tier"');
    findings.check(checkLabelValue(value), 'SP_LABEL_VALUE', `${field}[${JSON.stringify(key)}]`, value,
      'shorten the value to 63 characters and use only letters, digits, "-", "_" and "."');
  }
}

/**
 * Checks an annotation map and records findings.
 * @internal
 */
export function collectAnnotationFindings(findings: FindingCollector, field: string, annotations: Record<string, string> | undefined): void {
  let total = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    findings.check(checkQualifiedName(key.toLowerCase()), 'SP_ANNOTATION_KEY', `${field} key`, key,
      'use a key such as "example.com/owner"');
    if (!isString(value)) {
      findings.add('SP_ANNOTATION_VALUE', `${field}[${JSON.stringify(key)}]`, value, 'must be a string', 'quote the value');
    } else {
      total += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    }
  }
  if (total > 256 * 1024) {
    findings.addWithoutValue('SP_ANNOTATION_SIZE', field, `total size ${total} bytes exceeds the API server's 256 KiB limit`,
      'move large data into a ConfigMap');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Ports and protocols
// ---------------------------------------------------------------------------------------------------------

/** @internal */
export const PORT_NUMBER_RULE = 'must be an integer between 1 and 65535';

/** Returns a rule violation unless `value` is a port number (1-65535). @internal */
export function checkPortNumber(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return PORT_NUMBER_RULE;
  }
  return undefined;
}

/** Protocols a Service, Endpoints or EndpointSlice port may use. @internal */
export const SUPPORTED_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** Returns a rule violation unless `value` is TCP, UDP or SCTP. @internal */
export function checkProtocol(value: unknown): string | undefined {
  if (!isString(value) || !SUPPORTED_PROTOCOLS.includes(value)) {
    return 'must be one of TCP, UDP, SCTP';
  }
  return undefined;
}

/**
 * Returns a rule violation unless `value` is a valid `appProtocol` (an IANA service name, or a qualified
 * name such as `kubernetes.io/h2c`).
 * @internal
 */
export function checkAppProtocol(value: unknown): string | undefined {
  if (checkQualifiedName(value) !== undefined) {
    return 'must be a qualified name such as "http", "https", "kubernetes.io/h2c" or "example.com/proto"';
  }
  return undefined;
}

/** Returns a rule violation unless `value` is an integer >= 0. @internal */
export function checkNonNegativeInteger(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return 'must be an integer >= 0';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// IP addresses and CIDRs
// ---------------------------------------------------------------------------------------------------------

/**
 * A parsed IP address.
 * @internal
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
 * @internal
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
 * @internal
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
 * @internal
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
 * @internal
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
 * @internal
 */
export function checkCidr(value: unknown): string | undefined {
  const cidr = parseCidr(value);
  if (cidr === undefined) return 'must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32"';
  if (cidr.ip.ipv4Mapped) return 'must not be an IPv4-mapped IPv6 CIDR; write the IPv4 CIDR';
  if (!cidr.isNetworkAddress) return `has host bits set; the network is ${JSON.stringify(cidr.canonical)}`;
  return undefined;
}

/** Returns a rule violation unless `value` is one of `allowed`. @internal */
export function checkOneOf(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Service ports (pkg/apis/core/validation: validateServicePort and the duplicate checks of ValidateService)
// ---------------------------------------------------------------------------------------------------------

/**
 * The fields of a Service port this module checks.
 * @internal
 */
export interface CheckedServicePort {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly appProtocol?: string;
}

/**
 * Checks a Service port list: every port number, name and protocol; names required when there are several
 * ports; no name twice; no port number twice for the same protocol.
 * @internal
 */
export function collectServicePortFindings(findings: FindingCollector, field: string, ports: readonly CheckedServicePort[]): void {
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  ports.forEach((p, i) => {
    const at = `${field}[${i}]`;
    findings.check(checkPortNumber(p.port), 'SP_PORT_NUMBER', `${at}.port`, p.port, 'use a port between 1 and 65535');
    const protocol = p.protocol ?? 'TCP';
    findings.check(checkProtocol(protocol), 'SP_PORT_PROTOCOL', `${at}.protocol`, protocol, 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP');
    if (p.appProtocol !== undefined) {
      findings.check(checkAppProtocol(p.appProtocol), 'SP_PORT_APP_PROTOCOL', `${at}.appProtocol`, p.appProtocol,
        'use "http", "https", "h2c" or a prefixed name such as "kubernetes.io/h2c"');
    }
    if (p.name === undefined || p.name === '') {
      if (ports.length > 1) {
        findings.addWithoutValue('SP_PORT_NAME_REQUIRED', `${at}.name`,
          `a Service with ${ports.length} ports needs a name on every port (port ${formatValue(p.port)} has none)`,
          'name every port, e.g. { name: "http", port: 80 }');
      }
    } else {
      if (!findings.check(checkDns1123Label(p.name), 'SP_PORT_NAME', `${at}.name`, p.name,
        () => `use a name such as ${JSON.stringify(suggestDns1123Label(p.name!))}`)) {
        const first = names.get(p.name);
        if (first !== undefined) {
          findings.add('SP_PORT_NAME_DUPLICATE', `${at}.name`, p.name, `is already used by ${field}[${first}]`,
            'give every port a distinct name');
        } else {
          names.set(p.name, i);
        }
      }
    }
    const key = `${p.port}/${protocol}`;
    const firstNumber = numbers.get(key);
    if (firstNumber !== undefined) {
      findings.add('SP_PORT_DUPLICATE', `${at}.port`, p.port, `${protocol} port ${p.port} is already declared by ${field}[${firstNumber}]`,
        'remove the duplicate port or give it another number');
    } else {
      numbers.set(key, i);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Node ports, session affinity, IP families (pkg/apis/core/validation: ValidateService)
// ---------------------------------------------------------------------------------------------------------

/** The node port range of a cluster started without `--service-node-port-range`. @internal */
export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** Returns a rule violation unless `value` is a node port within `range`. @internal */
export function checkNodePort(value: unknown, range: { min: number; max: number }): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    return `must be an integer within the cluster's node port range ${range.min}-${range.max} (--service-node-port-range)`;
  }
  return undefined;
}

/** Returns a rule violation unless `range` is a valid node port range. @internal */
export function checkNodePortRange(range: { min: number; max: number }): string | undefined {
  if (checkPortNumber(range.min) !== undefined || checkPortNumber(range.max) !== undefined || range.min > range.max) {
    return 'must have integer min <= max, both between 1 and 65535';
  }
  return undefined;
}

/**
 * Checks the node ports of a Service: only for NodePort and LoadBalancer Services, within the node port range,
 * no node port twice for the same protocol.
 * @internal
 */
export function collectNodePortFindings(
  findings: FindingCollector,
  field: string,
  serviceType: string,
  ports: ReadonlyArray<{ readonly nodePort?: number; readonly protocol?: string; readonly port?: number }>,
  range: { min: number; max: number },
): void {
  // The API server allocates node ports per Service port number: one node port may serve the same port
  // number over two protocols (DNS on 53/TCP and 53/UDP), never two port numbers.
  const seen = new Map<number, { index: number; port?: number; protocols: Set<string> }>();
  ports.forEach((p, i) => {
    if (p.nodePort === undefined) return;
    const at = `${field}[${i}].nodePort`;
    if (serviceType !== 'NodePort' && serviceType !== 'LoadBalancer') {
      findings.add('SP_NODE_PORT_TYPE', at, p.nodePort, `a ${serviceType} Service has no node ports`,
        'remove the nodePort, or use a NodePort or LoadBalancer Service');
      return;
    }
    if (findings.check(checkNodePort(p.nodePort, range), 'SP_NODE_PORT_RANGE', at, p.nodePort,
      `pick a port between ${range.min} and ${range.max}, leave it out to let the cluster allocate one, or set nodePortRange to the cluster's range`)) {
      return;
    }
    const protocol = p.protocol ?? 'TCP';
    const first = seen.get(p.nodePort);
    if (first === undefined) {
      seen.set(p.nodePort, { index: i, port: p.port, protocols: new Set([protocol]) });
    } else if (first.port !== p.port || first.protocols.has(protocol)) {
      findings.add('SP_NODE_PORT_DUPLICATE', at, p.nodePort,
        `is already used by ${field}[${first.index}].nodePort${first.port !== p.port ? ' for another port number (a node port may only be shared by one port number over TCP and UDP)' : ''}`,
        'give every port its own node port');
    } else {
      first.protocols.add(protocol);
    }
  });
}

/** The longest ClientIP session affinity the API server accepts, in seconds (one day). @internal */
export const MAX_SESSION_AFFINITY_SECONDS = 86400;

/** Returns a rule violation unless `value` is a session affinity timeout (1-86400 seconds). @internal */
export function checkSessionAffinityTimeout(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SESSION_AFFINITY_SECONDS) {
    return `must be an integer number of seconds between 1 and ${MAX_SESSION_AFFINITY_SECONDS}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Ingress hosts and paths (pkg/apis/networking/validation)
// ---------------------------------------------------------------------------------------------------------

/**
 * Returns a rule violation unless `value` is an Ingress host: a DNS-1123 subdomain, optionally a wildcard
 * (`*.` followed by a subdomain), never an IP address.
 * @internal
 */
export function checkIngressHost(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  // sloppy, as the API server parses: 010.1.1.1 is an IP address too
  if (parseIp(value) !== undefined || parseIp(value.replace(/^\[|\]$/g, '')) !== undefined || /^[0-9]+(\.[0-9]+){3}$/.test(value)) {
    return 'must be a DNS name, not an IP address';
  }
  if (value.length > DNS1123_SUBDOMAIN_MAX) return `is ${value.length} characters long; ${DNS1123_SUBDOMAIN_RULE}`;
  const name = value.startsWith('*.') ? value.slice(2) : value;
  if (name.includes('*')) return "may contain a wildcard only as its first label ('*.example.com')";
  const violation = checkDns1123Subdomain(name);
  if (violation !== undefined) return value.startsWith('*.') ? `after '*.', ${violation}` : violation;
  return undefined;
}

/** Whether TLS host `pattern` (possibly `*.` wildcard) covers rule host `host`. @internal */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (p.startsWith('*.') && !h.startsWith('*.')) {
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === p.slice(2);
  }
  return false;
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/**
 * Returns a rule violation unless `path` is valid for `pathType` (API server rules: Exact and Prefix paths
 * are absolute and free of `//`, `/./`, `/../`, `%2f` and a trailing `/.` or `/..`; ImplementationSpecific
 * paths are empty or absolute).
 * @internal
 */
export function checkIngressPath(path: unknown, pathType: string): string | undefined {
  if (!isString(path)) return `must be a string, got ${typeof path}`;
  if (pathType === 'ImplementationSpecific') {
    return path === '' || path.startsWith('/') ? undefined : "must be empty or start with '/'";
  }
  if (!path.startsWith('/')) return "must be an absolute path (start with '/')";
  for (const sequence of INVALID_PATH_SEQUENCES) {
    if (path.includes(sequence)) return `must not contain '${sequence}' in a ${pathType} path`;
  }
  for (const suffix of INVALID_PATH_SUFFIXES) {
    if (path.endsWith(suffix)) return `must not end with '${suffix}' in a ${pathType} path`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// TLS certificates and keys (node:crypto). Key material never appears in a message.
// ---------------------------------------------------------------------------------------------------------

/** A certificate expiring sooner than this is a warning. @internal */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

/** The DNS names of a certificate's subjectAltName extension. */
function certificateDnsNames(cert: crypto.X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length).toLowerCase());
}

/**
 * Checks PEM material for a TLS Secret: the certificate parses as X.509, the key parses and matches it, its
 * DNS names cover every host, and it is valid now. Self-signed and soon-expiring certificates are warnings.
 * Messages describe the certificate (subject, names, dates) but never the key.
 * @internal
 */
export function collectPemFindings(
  findings: FindingCollector, certificatePem: unknown, privateKeyPem: unknown, hosts: readonly string[], now: Date, fieldPrefix: string): void {
  let cert: crypto.X509Certificate | undefined;
  try {
    if (!isString(certificatePem)) throw new Error('not a string');
    cert = new crypto.X509Certificate(certificatePem);
  } catch {
    findings.addWithoutValue('SP_TLS_CERTIFICATE', `${fieldPrefix}.certificate`, 'does not parse as a PEM X.509 certificate',
      'give the PEM text that starts with -----BEGIN CERTIFICATE-----');
  }
  let key: crypto.KeyObject | undefined;
  try {
    if (!isString(privateKeyPem)) throw new Error('not a string');
    key = crypto.createPrivateKey(privateKeyPem);
  } catch {
    // The key text, or a parser message that might quote it, is never echoed.
    findings.addWithoutValue('SP_TLS_PRIVATE_KEY', `${fieldPrefix}.privateKey`, 'does not parse as a PEM private key',
      'give the unencrypted PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----)');
  }
  if (cert === undefined) return;
  const subject = cert.subject.replace(/\n/g, ', ');
  if (key !== undefined && !cert.checkPrivateKey(key)) {
    findings.addWithoutValue('SP_TLS_KEY_MISMATCH', `${fieldPrefix}.privateKey`,
      `does not belong to the certificate (subject ${JSON.stringify(subject)})`, 'give the private key the certificate was issued for');
  }
  const names = certificateDnsNames(cert);
  for (const host of hosts) {
    if (!names.some((name) => hostCovers(name, host))) {
      findings.add('SP_TLS_HOST_NOT_COVERED', `${fieldPrefix}.hosts`, host,
        `is not covered by the certificate's DNS names (${names.length > 0 ? names.join(', ') : 'none: clients ignore the subject CN'}); clients would reject the connection`,
        'issue a certificate whose subjectAltName covers the host, or move the host to another TLS entry');
    }
  }
  const validTo = new Date(cert.validTo);
  const validFrom = new Date(cert.validFrom);
  if (validTo.getTime() <= now.getTime()) {
    findings.add('SP_TLS_EXPIRED', `${fieldPrefix}.certificate`, subject,
      `expired on ${validTo.toISOString()}`, 'renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager)');
  } else if (validTo.getTime() - now.getTime() < CERTIFICATE_EXPIRY_WARNING_DAYS * 24 * 3600 * 1000) {
    findings.warn('SP_TLS_EXPIRES_SOON', `${fieldPrefix}.certificate`, subject,
      `expires on ${validTo.toISOString()}, in less than ${CERTIFICATE_EXPIRY_WARNING_DAYS} days`, 'renew the certificate');
  }
  if (validFrom.getTime() > now.getTime()) {
    findings.add('SP_TLS_NOT_YET_VALID', `${fieldPrefix}.certificate`, subject,
      `is not valid before ${validFrom.toISOString()}`, 'check the certificate dates (and the clock of the machine that issued it)');
  }
  if (cert.issuer === cert.subject && cert.verify(cert.publicKey)) {
    findings.warn('SP_TLS_SELF_SIGNED', `${fieldPrefix}.certificate`, subject,
      'is self-signed; browsers and most clients reject it', 'use a certificate from a CA the clients trust, e.g. via cert-manager');
  }
}
