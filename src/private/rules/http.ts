/**
 * HTTP routing rules (pkg/apis/networking/validation): Ingress hosts (wildcards, no IPs) and paths per
 * pathType, and how a TLS host pattern covers a host.
 */
import { DNS1123_SUBDOMAIN_RULE, checkDns1123Subdomain } from './names';
import { parseIp } from './net';
import { isString } from './values';

const DNS1123_SUBDOMAIN_MAX = 253;

/**
 * Returns a rule violation unless `value` is an Ingress host: a DNS-1123 subdomain, optionally a wildcard
 * (`*.` followed by a subdomain), never an IP address.
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

const DNS_LABEL_MAX_OCTETS = 63;

/**
 * Returns a rule violation unless every label of DNS name `name` is at most 63 octets (RFC 1035): the API
 * server's DNS-1123 subdomain check bounds only the whole name, and a resolver never resolves a longer label.
 */
export function checkDnsLabelLengths(name: string): string | undefined {
  const labels = name.split('.');
  const index = labels.findIndex((label) => Buffer.byteLength(label, 'utf8') > DNS_LABEL_MAX_OCTETS);
  if (index < 0) return undefined;
  const octets = Buffer.byteLength(labels[index], 'utf8');
  return `label ${index + 1} is ${octets} octets long; a DNS label has at most ${DNS_LABEL_MAX_OCTETS}, and a longer one never resolves`;
}

/** Whether TLS host `pattern` (possibly `*.` wildcard) covers rule host `host`. */
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

/** The parent domain a wildcard `*.<parent>` pattern would need to cover `host`; undefined for wildcard hosts. */
function wildcardParentOf(host: string): string | undefined {
  if (host.startsWith('*.')) return undefined;
  const dot = host.indexOf('.');
  return dot > 0 ? host.slice(dot + 1) : undefined;
}

/**
 * Indexes TLS host patterns once, for {@link hostCovers} lookups in O(1) each (exact hosts in a set, wildcard
 * patterns by their parent domain): whether some pattern covers `host`.
 */
export function indexHostPatterns(patterns: Iterable<string>): (host: string) => boolean {
  const exact = new Set<string>();
  const wildcardParents = new Set<string>();
  for (const pattern of patterns) {
    const p = pattern.toLowerCase();
    exact.add(p);
    if (p.startsWith('*.')) wildcardParents.add(p.slice(2));
  }
  return (host) => {
    const h = host.toLowerCase();
    const parent = wildcardParentOf(h);
    return exact.has(h) || (parent !== undefined && wildcardParents.has(parent));
  };
}

/**
 * Indexes rule hosts once, for {@link hostCovers} lookups in O(1) each (exact hosts in a set, and the parent
 * domain a wildcard would need): whether `pattern` covers some host.
 */
export function indexCoveredHosts(hosts: Iterable<string>): (pattern: string) => boolean {
  const exact = new Set<string>();
  const parents = new Set<string>();
  for (const host of hosts) {
    const h = host.toLowerCase();
    exact.add(h);
    const parent = wildcardParentOf(h);
    if (parent !== undefined) parents.add(parent);
  }
  return (pattern) => {
    const p = pattern.toLowerCase();
    return exact.has(p) || (p.startsWith('*.') && parents.has(p.slice(2)));
  };
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/**
 * Returns a rule violation unless `path` is valid for `pathType` (API server rules: Exact and Prefix paths
 * are absolute and free of `//`, `/./`, `/../`, `%2f` and a trailing `/.` or `/..`; ImplementationSpecific
 * paths are empty or absolute).
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
