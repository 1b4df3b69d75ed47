/**
 * Gateway API rules (gateway.networking.k8s.io/v1, v1.6): the CRD schema and CEL rules the API server applies
 * to the values users give, and the matching rules of the spec (hostname intersection, path normalisation),
 * as pure functions. Each returns a violation (a sentence completing "the value ...") or undefined.
 */
import { parseIp } from './net';
import { isString } from './values';

/** Gateway API Hostname: a DNS name, optionally with a leading `*.` label; no IP address, no port. */
const GATEWAY_HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Gateway API SectionName (a listener name) and ObjectName-like names: a DNS-1123 subdomain. */
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** An HTTP header name (RFC 7230 token), as HTTPHeaderName's pattern. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
/** Gateway API Duration (GEP-2257): 1 to 4 groups of up to 5 digits and a unit. */
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** The maximum length of a path match value (HTTPPathMatch.value). */
export const MAX_PATH_LENGTH = 1024;
/** The largest weight of a backendRef. */
export const MAX_BACKEND_WEIGHT = 1_000_000;

/** A listener name (`sectionName`): a DNS-1123 subdomain of at most 253 characters. */
export function checkSectionName(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length < 1 || value.length > 253) return 'must be 1 to 253 characters long';
  return SECTION_NAME.test(value) ? undefined : 'must be lowercase letters, digits, "-" and "." (a DNS-1123 subdomain), such as "https"';
}

/** A Gateway API hostname (listener `hostname`, route `hostnames`): a DNS name or `*.` wildcard, not an IP. */
export function checkGatewayHostname(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length < 1 || value.length > 253) return 'must be 1 to 253 characters long';
  if (parseIp(value) !== undefined) return 'is an IP address; Gateway API hostnames are DNS names';
  if (!GATEWAY_HOSTNAME.test(value)) {
    return 'must be a lowercase DNS name such as "shop.example.com", optionally with a leading "*." label (no port, no trailing dot)';
  }
  return value.split('.').some((label) => label.length > 63) ? 'has a label longer than 63 characters' : undefined;
}

/**
 * Whether two Gateway API hostnames (either may be a `*.` wildcard, a suffix match over one or more labels)
 * have a host in common. `undefined` stands for "every hostname".
 */
export function hostnamesIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  const aWild = a.startsWith('*.');
  const bWild = b.startsWith('*.');
  if (aWild && bWild) return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return false;
}

/**
 * The value of an HTTPRoute path match, as the CRD's CEL rules refuse it: Exact and PathPrefix values start with
 * "/" and hold no "//", "/./", "/../", "%2f", "%2F" or "#", nor end with "/." or "/..".
 */
export function checkHttpPathValue(value: unknown, type: string): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (type === 'RegularExpression') return checkRegularExpression(value);
  if (!value.startsWith('/')) return 'must start with "/"';
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (value.includes(bad)) return `must not contain ${JSON.stringify(bad)}`;
  }
  if (value.endsWith('/..') || value.endsWith('/.')) return 'must not end with "/." or "/.."';
  return undefined;
}

/** A regular expression match value: a non-empty expression that compiles (dialects vary by implementation). */
export function checkRegularExpression(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  try {
    new RegExp(value);
  } catch {
    return 'is not a valid regular expression';
  }
  return undefined;
}

/** An HTTP header or query parameter name (an RFC 7230 token of at most 256 characters). */
export function checkHttpHeaderName(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length < 1 || value.length > 256) return 'must be 1 to 256 characters long';
  return HEADER_NAME.test(value) ? undefined : 'must be an HTTP token (letters, digits and !#$%&\'*+-.^_`|~), such as "X-Canary"';
}

/** A header or query parameter value (1 to 4096 characters in Gateway API v1.6). */
export function checkHttpHeaderValue(value: unknown, max = 4096): string | undefined {
  if (!isString(value)) return 'must be a string';
  return value.length < 1 || value.length > max ? `must be 1 to ${max} characters long` : undefined;
}

/** A Gateway API Duration (`10s`, `1m30s`, `500ms`). */
export function checkDuration(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  return DURATION.test(value) ? undefined : 'must be a Gateway API duration such as "10s", "1m30s" or "500ms" (h, m, s, ms; no fractions)';
}

/** The milliseconds of a valid Gateway API Duration. */
export function durationMillis(value: string): number {
  const units: { [unit: string]: number } = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(amount) * units[unit];
  return total;
}

/**
 * The two timeouts of an HTTPRoute rule together: backendRequest must not exceed request (a request timeout of
 * zero means none, and then anything goes), as the CRD's CEL rule says.
 */
export function checkTimeouts(request: string | undefined, backendRequest: string | undefined): string | undefined {
  if (request === undefined || backendRequest === undefined) return undefined;
  if (checkDuration(request) !== undefined || checkDuration(backendRequest) !== undefined) return undefined;
  const limit = durationMillis(request);
  return limit !== 0 && durationMillis(backendRequest) > limit ? `is longer than the request timeout ${request}` : undefined;
}

/** A backendRef weight: an integer from 0 to 1,000,000. */
export function checkBackendWeight(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_BACKEND_WEIGHT
    ? undefined
    : `must be an integer between 0 and ${MAX_BACKEND_WEIGHT}`;
}

/** A mirror percentage: an integer from 0 to 100. */
export function checkPercent(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? undefined : 'must be an integer between 0 and 100';
}

/**
 * The key two HTTPRoute matches are equal by, for the duplicate rules: a PathPrefix `/api/` is the same match as
 * `/api` (the spec matches prefixes by path element, ignoring a trailing slash); headers and query parameters
 * in any order.
 */
export function httpMatchKey(match: {
  readonly pathType: string;
  readonly path: string;
  readonly headers: ReadonlyArray<{ readonly type: string; readonly name: string; readonly value: string }>;
  readonly queryParams: ReadonlyArray<{ readonly type: string; readonly name: string; readonly value: string }>;
  readonly method?: string;
}): string {
  const path = match.pathType === 'PathPrefix' && match.path.length > 1 ? match.path.replace(/\/+$/, '') || '/' : match.path;
  const pairs = (list: ReadonlyArray<{ type: string; name: string; value: string }>, lower: boolean) =>
    list.map((p) => `${p.type}:${lower ? String(p.name).toLowerCase() : p.name}=${p.value}`).sort().join('&');
  return `${match.pathType} ${path} h[${pairs(match.headers, true)}] q[${pairs(match.queryParams, false)}] ${match.method ?? '*'}`;
}

/** A gRPC service for an Exact match: a fully qualified protobuf service name (the CRD's CEL rule). */
export function checkGrpcServiceName(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length > 1024) return 'is longer than 1024 characters';
  return /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i.test(value) ? undefined : 'must be a fully qualified service name such as "shop.v1.Cart"';
}

/** A gRPC method for an Exact match: an identifier (the CRD's CEL rule). */
export function checkGrpcMethodName(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length > 1024) return 'is longer than 1024 characters';
  return /^[A-Za-z_][A-Za-z_0-9]*$/.test(value) ? undefined : 'must be a method name such as "AddItem" (letters, digits and "_")';
}

/** The key two GRPCRoute matches are equal by: the method (type, service, method) and the headers in any order. */
export function grpcMatchKey(match: {
  readonly method?: { readonly service?: string; readonly method?: string; readonly type: string };
  readonly headers: ReadonlyArray<{ readonly type: string; readonly name: string; readonly value: string }>;
}): string {
  const m = match.method;
  const method = m === undefined ? '*' : `${m.type}:${m.service ?? '*'}/${m.method ?? '*'}`;
  return `grpc ${method} h[${match.headers.map((h) => `${h.type}:${String(h.name).toLowerCase()}=${h.value}`).sort().join('&')}]`;
}

/** The route kinds a listener protocol takes by default (Gateway API core support). */
export function routeKindsOfProtocol(protocol: string): readonly string[] {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return ['TLSRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return [];
  }
}
