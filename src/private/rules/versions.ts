/**
 * Kubernetes versions: the target an App states, and the first version that accepts each field this library
 * can emit. Pure.
 */

/** A Kubernetes minor version. */
export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

/**
 * The default target: the oldest Kubernetes minor version still supported upstream on this library's release
 * (1.35 from 2026-10-28, when 1.34 reached its end of life).
 */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** The oldest target this library emits for: EndpointSlice `discovery.k8s.io/v1` (1.21) and Ingress `networking.k8s.io/v1` (1.19). */
export const OLDEST_KUBERNETES_VERSION = '1.21';

/** The first Kubernetes version that accepts a field (GA, or beta enabled by default), by the field as messages name it. */
export const FIELD_MIN_VERSIONS: { readonly [field: string]: string } = {
  'spec.ipFamilyPolicy': '1.23',
  'spec.loadBalancerClass': '1.24',
  'spec.allocateLoadBalancerNodePorts': '1.24',
  'spec.internalTrafficPolicy': '1.26',
  'spec.trafficDistribution: PreferClose': '1.33',
  'spec.trafficDistribution: PreferSameZone': '1.34',
  'spec.trafficDistribution: PreferSameNode': '1.34',
};

/** Fields (values) the API server deprecates from a version on, and what replaces them. */
export const FIELD_DEPRECATIONS: { readonly [field: string]: { readonly since: string; readonly use: string } } = {
  'spec.trafficDistribution: PreferClose': { since: '1.35', use: 'PreferSameZone' },
};

/** Why `field` is deprecated for `target` (undefined: it is not). */
export function checkFieldDeprecation(field: string, target: KubernetesVersion): string | undefined {
  const deprecation = FIELD_DEPRECATIONS[field];
  if (deprecation === undefined || olderThan(target, parseKubernetesVersion(deprecation.since)!)) return undefined;
  return `is deprecated from Kubernetes ${deprecation.since} (the API server warns at every apply); ${deprecation.use} means the same`;
}

/** Parses `1.33`, `v1.33` or `1.33.2`. */
export function parseKubernetesVersion(text: unknown): KubernetesVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^v?(\d{1,3})\.(\d{1,3})(\.\d{1,3})?$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** Whether `a` is older than `b`. */
export function olderThan(a: KubernetesVersion, b: KubernetesVersion): boolean {
  return a.major !== b.major ? a.major < b.major : a.minor < b.minor;
}

/** The target as a rule reads it: a violation when it is not a version or older than this library supports. */
export function checkKubernetesVersion(text: unknown): string | undefined {
  const version = parseKubernetesVersion(text);
  if (version === undefined) return 'must be a Kubernetes version such as "1.33"';
  return olderThan(version, parseKubernetesVersion(OLDEST_KUBERNETES_VERSION)!)
    ? `is older than ${OLDEST_KUBERNETES_VERSION}, the first version with EndpointSlice discovery.k8s.io/v1 this library emits`
    : undefined;
}

/** Why `field` cannot be emitted for `target` (undefined: it can, or the field has no minimum). */
export function checkFieldVersion(field: string, target: KubernetesVersion): string | undefined {
  const min = FIELD_MIN_VERSIONS[field];
  if (min === undefined) return undefined;
  return olderThan(target, parseKubernetesVersion(min)!) ? `needs Kubernetes ${min}, and the App targets ${target.major}.${target.minor}` : undefined;
}
