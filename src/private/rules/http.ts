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
