/**
 * Manifest-shaped facts of the Gateway API kinds (gateway.networking.k8s.io): Gateway listeners, route parents,
 * hostnames, matches and backends, ReferenceGrants. Read from manifests like every other fact (facts.ts), so the
 * App-wide rules judge Gateway API objects whoever built them.
 */
import { asArray, asObject, optString } from './json';
import { grpcMatchKey, httpMatchKey } from './rules/gateway';

/** The API group of Gateway API. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** A Secret (or other object) a listener's TLS refers to. */
export interface CertificateRefFacts {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined: the Gateway's namespace. */
  readonly namespace?: string;
  /** Where in the manifest. */
  readonly field: string;
}

/** A listener of a Gateway. */
export interface ListenerFacts {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  /** Undefined: every hostname. */
  readonly hostname?: string;
  /** `Same` (default), `All` or `Selector`. */
  readonly allowedNamespaces: string;
  /** The route kinds listed in `allowedRoutes.kinds`; undefined: the protocol's kinds. */
  readonly allowedKinds?: readonly string[];
  readonly certificateRefs: readonly CertificateRefFacts[];
}

/** A Gateway. */
export interface GatewayFacts {
  readonly kind: 'Gateway';
  readonly name: string;
  readonly namespace: string;
  readonly listeners: readonly ListenerFacts[];
}

/** A parentRef of a route that names a Gateway. */
export interface RouteParentFacts {
  readonly name: string;
  /** Resolved: the route's namespace when the ref has none. */
  readonly namespace: string;
  readonly sectionName?: string;
  readonly port?: number;
  readonly field: string;
}

/** A backendRef of a route that names a Service. */
export interface RouteBackendFacts {
  readonly serviceName: string;
  /** Resolved: the route's namespace when the ref has none. */
  readonly namespace: string;
  readonly portNumber?: number;
  readonly field: string;
}

/** A match of a route, by the key two equal matches share. */
export interface RouteMatchFacts {
  readonly key: string;
  /** How messages show it, e.g. `PathPrefix /api`. */
  readonly label: string;
  readonly field: string;
}

/** An HTTPRoute (later GRPCRoute). */
export interface RouteFacts {
  readonly kind: 'Route';
  /** `HTTPRoute`. */
  readonly routeKind: string;
  readonly name: string;
  readonly namespace: string;
  readonly parents: readonly RouteParentFacts[];
  /** Empty: every hostname of the listener. */
  readonly hostnames: readonly string[];
  readonly matches: readonly RouteMatchFacts[];
  readonly backends: readonly RouteBackendFacts[];
}

/** A ReferenceGrant. */
export interface ReferenceGrantFacts {
  readonly kind: 'ReferenceGrant';
  readonly name: string;
  readonly namespace: string;
  readonly from: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly namespace: string }>;
  readonly to: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly name?: string }>;
}

/** The facts of a Gateway API object. */
export type GatewayApiFacts = GatewayFacts | RouteFacts | ReferenceGrantFacts;

/** The Gateway API kinds facts are read of. */
export const GATEWAY_KINDS_WITH_FACTS: readonly string[] = ['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'];

/** The facts of a Gateway API manifest of `kind` (one of {@link GATEWAY_KINDS_WITH_FACTS}), or undefined for another group. */
export function gatewayApiFacts(manifest: any, kind: string, name: string, namespace: string): GatewayApiFacts | undefined {
  if (typeof manifest.apiVersion !== 'string' || !manifest.apiVersion.startsWith(`${GATEWAY_GROUP}/`)) return undefined;
  const spec = asObject(manifest.spec);
  if (kind === 'Gateway') return { kind, name, namespace, listeners: asArray(spec.listeners).map(listenerFacts).filter((l): l is ListenerFacts => l !== undefined) };
  if (kind === 'HTTPRoute' || kind === 'GRPCRoute') return routeFacts(kind, name, namespace, spec);
  return {
    kind: 'ReferenceGrant',
    name,
    namespace,
    from: asArray(spec.from).map(asObject).filter((f) => typeof f.kind === 'string' && typeof f.namespace === 'string')
      .map((f) => ({ group: optString(f.group) ?? '', kind: f.kind, namespace: f.namespace })),
    to: asArray(spec.to).map(asObject).filter((t) => typeof t.kind === 'string')
      .map((t) => ({ group: optString(t.group) ?? '', kind: t.kind, ...(typeof t.name === 'string' ? { name: t.name } : {}) })),
  };
}

/** The value matches of headers or query parameters (`type` defaults to Exact). */
function valueMatches(list: unknown): Array<{ type: string; name: string; value: string }> {
  return asArray(list).map(asObject).map((h) => ({ type: optString(h.type) ?? 'Exact', name: optString(h.name) ?? '', value: optString(h.value) ?? '' }));
}

function grpcMatchFacts(rule: { [key: string]: any }, r: number, matches: Array<{ [key: string]: any }>): RouteMatchFacts[] {
  return (matches.length > 0 ? matches : [{}]).map((m, j) => {
    const method = m.method === undefined ? undefined : asObject(m.method);
    const facts = {
      ...(method !== undefined ? { method: { type: optString(method.type) ?? 'Exact', service: optString(method.service), method: optString(method.method) } } : {}),
      headers: valueMatches(m.headers),
    };
    return {
      key: grpcMatchKey(facts),
      label: method === undefined ? '*' : `${optString(method.service) ?? '*'}/${optString(method.method) ?? '*'}`,
      field: asArray(rule.matches).length > 0 ? `spec.rules[${r}].matches[${j}]` : `spec.rules[${r}]`,
    };
  });
}

function listenerFacts(value: unknown, i: number): ListenerFacts | undefined {
  const listener = asObject(value);
  if (typeof listener.name !== 'string' || typeof listener.port !== 'number' || typeof listener.protocol !== 'string') return undefined;
  const allowedRoutes = asObject(listener.allowedRoutes);
  const kinds = asArray(allowedRoutes.kinds).map((k) => asObject(k).kind).filter((k): k is string => typeof k === 'string');
  const tls = asObject(listener.tls);
  return {
    name: listener.name,
    port: listener.port,
    protocol: listener.protocol,
    ...(typeof listener.hostname === 'string' ? { hostname: listener.hostname } : {}),
    allowedNamespaces: optString(asObject(allowedRoutes.namespaces).from) ?? 'Same',
    ...(Array.isArray(allowedRoutes.kinds) ? { allowedKinds: kinds } : {}),
    certificateRefs: asArray(tls.certificateRefs).map(asObject).filter((r) => typeof r.name === 'string').map((r, j) => ({
      group: optString(r.group) ?? '',
      kind: optString(r.kind) ?? 'Secret',
      name: r.name,
      ...(typeof r.namespace === 'string' ? { namespace: r.namespace } : {}),
      field: `spec.listeners[${i}].tls.certificateRefs[${j}]`,
    })),
  };
}

function routeFacts(routeKind: string, name: string, namespace: string, spec: { [key: string]: any }): RouteFacts {
  const rules = asArray(spec.rules).map(asObject);
  return {
    kind: 'Route',
    routeKind,
    name,
    namespace,
    parents: asArray(spec.parentRefs).map(asObject).flatMap((p, i): RouteParentFacts[] => {
      const isGateway = (optString(p.group) ?? GATEWAY_GROUP) === GATEWAY_GROUP && (optString(p.kind) ?? 'Gateway') === 'Gateway';
      if (!isGateway || typeof p.name !== 'string') return [];
      return [{
        name: p.name,
        namespace: optString(p.namespace) ?? namespace,
        ...(typeof p.sectionName === 'string' ? { sectionName: p.sectionName } : {}),
        ...(typeof p.port === 'number' ? { port: p.port } : {}),
        field: `spec.parentRefs[${i}]`,
      }];
    }),
    hostnames: asArray(spec.hostnames).filter((h): h is string => typeof h === 'string'),
    matches: rules.flatMap((rule, r) => {
      const matches = asArray(rule.matches).map(asObject);
      if (routeKind === 'GRPCRoute') return grpcMatchFacts(rule, r, matches);
      return (matches.length > 0 ? matches : [{}]).map((m, j): RouteMatchFacts => {
        const path = asObject(m.path);
        const pathType = optString(path.type) ?? 'PathPrefix';
        const pathValue = optString(path.value) ?? '/';
        const headers = valueMatches(m.headers);
        const queryParams = valueMatches(m.queryParams);
        const method = optString(m.method);
        const extra = headers.length + queryParams.length + (method !== undefined ? 1 : 0);
        return {
          key: httpMatchKey({ pathType, path: pathValue, headers, queryParams, method }),
          label: `${pathType} ${pathValue}${extra > 0 ? ' (with header, query or method conditions)' : ''}`,
          field: asArray(rule.matches).length > 0 ? `spec.rules[${r}].matches[${j}]` : `spec.rules[${r}]`,
        };
      });
    }),
    backends: rules.flatMap((rule, r) => asArray(rule.backendRefs).map(asObject).flatMap((b, j): RouteBackendFacts[] => {
      const isService = (optString(b.group) ?? '') === '' && (optString(b.kind) ?? 'Service') === 'Service';
      if (!isService || typeof b.name !== 'string') return [];
      return [{
        serviceName: b.name,
        namespace: optString(b.namespace) ?? namespace,
        ...(typeof b.port === 'number' ? { portNumber: b.port } : {}),
        field: `spec.rules[${r}].backendRefs[${j}]`,
      }];
    })),
  };
}
