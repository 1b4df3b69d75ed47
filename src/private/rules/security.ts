/**
 * Security rules: names and addresses that reach the node, the API server or a cloud metadata service, the
 * ingress-nginx annotations that inject raw configuration, and internal load balancer annotations.
 */
import { parseIp } from './net';

/** DNS names of cloud metadata services (GCP, AWS). */
const METADATA_NAMES: ReadonlySet<string> = new Set([
  'metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal',
]);

/** Metadata service addresses outside the link-local ranges (Alibaba Cloud; AWS IMDS over IPv6). */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(['100.100.100.200', 'fd00:ec2::254']);

/** Names that resolve to the host itself. */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** `name` lowercased, one trailing dot removed. */
function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

const METADATA_RULE = 'is a cloud metadata service name: traffic sent to it can read the node\'s credentials';

/** Describes why a cloud metadata name is sensitive, or undefined. */
function metadataName(name: string): string | undefined {
  return METADATA_NAMES.has(normalizeName(name)) ? METADATA_RULE : undefined;
}

/**
 * Returns why an ExternalName target is sensitive (a loopback name, the Kubernetes API server's name, a
 * cloud metadata name), or undefined.
 */
export function checkSensitiveExternalName(name: string): string | undefined {
  const n = normalizeName(name);
  if (LOOPBACK_NAMES.has(n) || n.endsWith('.localhost')) {
    return 'is a loopback name: clients that resolve it reach themselves (or the node), not an outside service';
  }
  if (n === 'kubernetes.default' || n.startsWith('kubernetes.default.')) {
    return 'names the Kubernetes API server: the alias would hand API traffic (and the tokens clients send) to whoever follows it';
  }
  return metadataName(n);
}

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/** Whether an annotation key is an ingress-nginx snippet annotation (`nginx.ingress.kubernetes.io/<name>-snippet`). */
export function isNginxSnippetAnnotation(key: string): boolean {
  return key.startsWith(NGINX_PREFIX) && key.endsWith('-snippet');
}

/** The host of a URL such as `https://host:8080$request_uri` (brackets removed from an IPv6 host). */
export function urlHost(url: string): string {
  const withoutScheme = url.trim().replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const authority = withoutScheme.split(/[/?#$]/, 1)[0];
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    return close < 0 ? hostPort.slice(1) : hostPort.slice(1, close);
  }
  // one colon is a port; more are a bare IPv6 address
  return hostPort.indexOf(':') === hostPort.lastIndexOf(':') ? hostPort.split(':')[0] : hostPort;
}

/**
 * Returns a rule violation when an ingress-nginx `mirror-target` URL points at a link-local address
 * (169.254.0.0/16, fe80::/10), a cloud metadata address or a metadata name, else undefined.
 */
export function checkNginxMirrorTarget(url: string): string | undefined {
  const host = urlHost(url);
  const ip = parseIp(host);
  if (ip === undefined) return metadataName(host) && `mirrors requests to ${JSON.stringify(host)}, which ${METADATA_RULE}`;
  const v4 = ip.family === 4 ? ip.bytes : ip.ipv4Mapped ? ip.bytes.slice(12) : undefined;
  const linkLocal = v4 !== undefined
    ? v4[0] === 169 && v4[1] === 254
    : ip.bytes[0] === 0xfe && (ip.bytes[1] & 0xc0) === 0x80; // eslint-disable-line no-bitwise
  if (linkLocal || METADATA_ADDRESSES.has(ip.canonical) || (v4 !== undefined && METADATA_ADDRESSES.has(v4.join('.')))) {
    return `mirrors requests to ${ip.canonical}, a link-local or cloud metadata address: the mirror can read the node's credentials`;
  }
  return undefined;
}

/** Whether an internal load balancer annotation's value keeps the load balancer internal. */
const INTERNAL_VALUES: { readonly [key: string]: (value: string) => boolean } = {
  'service.beta.kubernetes.io/aws-load-balancer-scheme': (v) => v === 'internal',
  // the in-tree AWS provider: any value but "false" means internal
  'service.beta.kubernetes.io/aws-load-balancer-internal': (v) => v !== '' && v !== 'false',
  'networking.gke.io/load-balancer-type': (v) => v === 'Internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': (v) => v === 'true',
};

/**
 * The first annotation of an internal load balancer preset that `annotations` (the Service's, the user's
 * winning) set to a public value, or undefined when the load balancer stays internal.
 */
export function overriddenInternalAnnotation(preset: { readonly [key: string]: string },
  annotations: { readonly [key: string]: string }): string | undefined {
  return Object.keys(preset).find((key) => {
    const internal = INTERNAL_VALUES[key];
    return internal !== undefined && key in annotations && !internal(annotations[key]);
  });
}
