/**
 * The App-wide Gateway API rules, over manifest-shaped facts (gateway-facts.ts): what a controller would only
 * report in a route's status after the apply. A route's parent naming no listener or one that does not take
 * it, hostnames no listener takes, two routes claiming one match on one listener and hostname, references
 * across namespaces without a ReferenceGrant. Pure, one pass, maps keyed by name.
 */
import { GATEWAY_GROUP, GatewayFacts, ListenerFacts, ReferenceGrantFacts, RouteFacts } from './gateway-facts';
import { hostnamesIntersect, routeKindsOfProtocol } from './rules/gateway';

/** What the rules know of a Gateway a route attaches to: its namespace and listeners (from its manifest, or declared). */
export interface KnownGateway {
  readonly namespace: string;
  readonly listeners: ReadonlyArray<Pick<ListenerFacts, 'name' | 'port' | 'protocol' | 'hostname' | 'allowedNamespaces' | 'allowedKinds'>>;
}

/** Why a route cannot attach to a parent. */
export interface ParentProblem {
  readonly code: string;
  /** Relative to the parentRef (`sectionName`, `port`) or the route (`hostnames`). */
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
  readonly fix: string;
}

/** The listeners of a Gateway as messages list them: `http (HTTP 80), https (HTTPS 443 shop.example.com)`. */
function listListeners(listeners: KnownGateway['listeners']): string {
  return listeners.map((l) => `${l.name} (${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''})`).join(', ') || 'none';
}

/** Why `listener` does not take a route of `routeKind` from `routeNamespace` (undefined: it does). */
function refusal(listener: KnownGateway['listeners'][number], gatewayNamespace: string, routeKind: string, routeNamespace: string): string | undefined {
  const kinds = listener.allowedKinds ?? routeKindsOfProtocol(listener.protocol);
  if (!kinds.includes(routeKind)) return `listener ${listener.name} (${listener.protocol}) takes ${kinds.join(', ') || 'no route kind'}, not ${routeKind}`;
  if (listener.allowedNamespaces === 'Same' && routeNamespace !== gatewayNamespace) {
    return `listener ${listener.name} admits routes of namespace ${JSON.stringify(gatewayNamespace)} only (allowedRoutes.namespaces.from: Same)`;
  }
  return undefined; // All, or Selector (namespace labels are not known at synth)
}

/**
 * Whether a route (kind, namespace, hostnames) can attach to a Gateway through a parentRef (sectionName,
 * port): the listeners it names exist, one of them takes the route kind and namespace, and the route's
 * hostnames intersect the hostnames of the listeners that take it. Pure; shared by the App-wide rules (a
 * Gateway of the App) and the routes' own checks (a Gateway the app declares).
 */
export function judgeParent(
  route: { readonly kind: string; readonly namespace: string; readonly hostnames: readonly string[] },
  parent: { readonly gatewayLabel: string; readonly sectionName?: string; readonly port?: number },
  gateway: KnownGateway,
): ParentProblem[] {
  const named = gateway.listeners.filter((l) => (parent.sectionName === undefined || l.name === parent.sectionName)
    && (parent.port === undefined || l.port === parent.port));
  if (named.length === 0) {
    const field = parent.sectionName !== undefined ? 'sectionName' : 'port';
    return [{
      code: 'SP_ROUTE_LISTENER_UNKNOWN',
      field,
      value: parent.sectionName ?? parent.port,
      rule: `${parent.gatewayLabel} has no such listener (listeners: ${listListeners(gateway.listeners)})`,
      fix: 'name a listener of the Gateway, or leave sectionName out to attach to every listener that takes the route',
    }];
  }
  const taking = named.filter((l) => refusal(l, gateway.namespace, route.kind, route.namespace) === undefined);
  if (taking.length === 0) {
    return [{
      code: 'SP_ROUTE_NOT_ADMITTED',
      field: parent.sectionName !== undefined ? 'sectionName' : 'gateway',
      value: parent.sectionName ?? parent.gatewayLabel,
      rule: named.map((l) => refusal(l, gateway.namespace, route.kind, route.namespace)).join('; '),
      fix: `attach to a listener that takes ${route.kind} from namespace ${JSON.stringify(route.namespace)}, or widen the listener's allowedRoutes`,
    }];
  }
  if (route.hostnames.length === 0) return [];
  const intersecting = route.hostnames.filter((h) => taking.some((l) => hostnamesIntersect(h, l.hostname)));
  if (intersecting.length > 0) return [];
  return [{
    code: 'SP_ROUTE_HOSTNAME_UNMATCHED',
    field: 'hostnames',
    value: route.hostnames.join(', '),
    rule: `no hostname of the route is a hostname of the listeners it attaches to at ${parent.gatewayLabel} (${listListeners(taking)}): the route would match no request`,
    fix: 'use a hostname the listener serves, or attach the route to the listener of that hostname',
  }];
}

/** The App-wide code of each parent problem (a Gateway of the App judged from its manifest). */
const APP_CODES: { readonly [code: string]: string } = {
  SP_ROUTE_LISTENER_UNKNOWN: 'SP_APP_ROUTE_LISTENER_UNKNOWN',
  SP_ROUTE_NOT_ADMITTED: 'SP_APP_ROUTE_NOT_ADMITTED',
  SP_ROUTE_HOSTNAME_UNMATCHED: 'SP_APP_ROUTE_HOSTNAME_UNMATCHED',
};

/** One object of the App with its facts, as the App-wide rules get them. */
interface Sourced<T> {
  readonly source: string;
  readonly facts: T;
}

type Add = (source: string, code: string, field: string, value: unknown, rule: string, fix: string) => void;

/** The App-wide Gateway API rules. */
export function gatewayApiConflicts(gateways: ReadonlyArray<Sourced<GatewayFacts>>, routes: ReadonlyArray<Sourced<RouteFacts>>,
  grants: ReadonlyArray<Sourced<ReferenceGrantFacts>>, serviceKeys: ReadonlySet<string>, add: Add): void {
  const gatewayByKey = new Map<string, Sourced<GatewayFacts>>();
  for (const entry of gateways) {
    const key = `${entry.facts.namespace}/${entry.facts.name}`;
    if (!gatewayByKey.has(key)) gatewayByKey.set(key, entry);
  }
  for (const { source, facts } of routes) {
    for (const parent of facts.parents) {
      const gateway = gatewayByKey.get(`${parent.namespace}/${parent.name}`);
      if (gateway === undefined) continue; // a Gateway outside the App: its route's own checks judge what the app declared of it
      const label = `Gateway ${JSON.stringify(parent.name)} (${gateway.source})`;
      for (const p of judgeParent({ kind: facts.routeKind, namespace: facts.namespace, hostnames: facts.hostnames },
        { gatewayLabel: label, sectionName: parent.sectionName, port: parent.port }, gateway.facts)) {
        add(source, APP_CODES[p.code], p.field === 'hostnames' ? 'spec.hostnames' : `${parent.field}.${p.field}`, p.value, p.rule, p.fix);
      }
    }
  }
  routeMatchConflicts(routes, add);
  routeKindConflicts(routes, add);
  missingReferenceGrants(gateways, routes, grants, serviceKeys, add);
}

/**
 * Two routes of one kind claiming the same match (path, headers, query, method) for the same hostname on the
 * same Gateway listener: the spec picks the older route, so which one serves depends on creation order.
 */
function routeMatchConflicts(routes: ReadonlyArray<Sourced<RouteFacts>>, add: Add): void {
  const claimed = new Map<string, string>();
  for (const { source, facts } of routes) {
    const seenHere = new Set<string>();
    for (const parent of facts.parents) {
      const listener = `${facts.routeKind} ${parent.namespace}/${parent.name}/${parent.sectionName ?? '*'}`;
      for (const hostname of facts.hostnames.length > 0 ? facts.hostnames : ['*']) {
        for (const match of facts.matches) {
          const key = `${listener} ${hostname} ${match.key}`;
          if (seenHere.has(key)) continue;
          seenHere.add(key);
          const owner = claimed.get(key);
          if (owner === undefined) {
            claimed.set(key, source);
          } else if (owner !== source) {
            add(source, 'SP_APP_ROUTE_CONFLICT', match.field, match.label,
              `hostname ${hostname} on Gateway ${parent.namespace}/${parent.name}${parent.sectionName ? ` listener ${parent.sectionName}` : ''} is also routed for this match by ${owner}; the Gateway would serve the older route and ignore the other`,
              'route each hostname + match from one route of the listener (PathPrefix "/api" and "/api/" are the same match)');
          }
        }
      }
    }
  }
}

/**
 * An HTTPRoute and a GRPCRoute on one Gateway listener with intersecting hostnames: the spec lets
 * implementations refuse the GRPCRoute, and they serve gRPC and HTTP on a hostname unpredictably otherwise.
 */
function routeKindConflicts(routes: ReadonlyArray<Sourced<RouteFacts>>, add: Add): void {
  const http = routes.filter((r) => r.facts.routeKind === 'HTTPRoute');
  for (const { source, facts } of routes.filter((r) => r.facts.routeKind === 'GRPCRoute')) {
    for (const parent of facts.parents) {
      const conflict = http.find((h) => h.facts.parents.some((p) => p.namespace === parent.namespace && p.name === parent.name
        && (p.sectionName === undefined || parent.sectionName === undefined || p.sectionName === parent.sectionName))
        && hostnamesOverlap(h.facts.hostnames, facts.hostnames));
      if (conflict === undefined) continue;
      add(source, 'SP_APP_ROUTE_KIND_CONFLICT', 'spec.hostnames', facts.hostnames.join(', ') || '(every hostname)',
        `the HTTPRoute ${conflict.source} serves the same hostnames on Gateway ${parent.namespace}/${parent.name}${parent.sectionName ? ` listener ${parent.sectionName}` : ''}; implementations refuse a GRPCRoute that shares a hostname with an HTTPRoute`,
        'serve gRPC on its own hostname (or listener), or route it with the HTTPRoute');
      break;
    }
  }
}

/** Whether two hostname lists (empty: every hostname) have a host in common. */
function hostnamesOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((x) => b.some((y) => hostnamesIntersect(x, y)));
}

/** Whether some ReferenceGrant in `toNamespace` lets objects of `fromKind` in `fromNamespace` refer to `toKind` `toName`. */
function granted(grants: ReadonlyArray<Sourced<ReferenceGrantFacts>>, fromKind: string, fromNamespace: string,
  toGroup: string, toKind: string, toName: string, toNamespace: string): boolean {
  return grants.some(({ facts }) => facts.namespace === toNamespace
    && facts.from.some((f) => f.group === GATEWAY_GROUP && f.kind === fromKind && f.namespace === fromNamespace)
    && facts.to.some((t) => t.group === toGroup && t.kind === toKind && (t.name === undefined || t.name === toName)));
}

/**
 * A route's backend or a listener's certificate in another namespace of the App with no ReferenceGrant there:
 * the controller refuses the reference (ResolvedRefs: RefNotPermitted). Only references to objects the App
 * emits are judged: a grant for an object outside the App lives outside it too.
 */
function missingReferenceGrants(gateways: ReadonlyArray<Sourced<GatewayFacts>>, routes: ReadonlyArray<Sourced<RouteFacts>>,
  grants: ReadonlyArray<Sourced<ReferenceGrantFacts>>, objectKeys: ReadonlySet<string>, add: Add): void {
  const fix = (fromKind: string, fromNamespace: string, toKind: string, toNamespace: string) =>
    `add a ReferenceGrant in namespace ${JSON.stringify(toNamespace)} from ${fromKind} of ${JSON.stringify(fromNamespace)} to ${toKind} (the ReferenceGrant construct)`
    + (toKind === 'Service' ? ', or make the backend with ServiceBackend.fromServicePattern or fromService, which adds the grant' : '');
  for (const { source, facts } of routes) {
    for (const backend of facts.backends) {
      if (backend.namespace === facts.namespace || !objectKeys.has(`Service ${backend.namespace}/${backend.serviceName}`)) continue;
      if (granted(grants, facts.routeKind, facts.namespace, '', 'Service', backend.serviceName, backend.namespace)) continue;
      add(source, 'SP_APP_REFERENCE_GRANT_MISSING', backend.field, `${backend.namespace}/${backend.serviceName}`,
        `the Service is in another namespace and no ReferenceGrant there allows ${facts.routeKind} of ${JSON.stringify(facts.namespace)} to refer to it; the controller refuses the backend`,
        fix(facts.routeKind, facts.namespace, 'Service', backend.namespace));
    }
  }
  for (const { source, facts } of gateways) {
    for (const ref of facts.listeners.flatMap((l) => l.certificateRefs)) {
      const namespace = ref.namespace ?? facts.namespace;
      if (namespace === facts.namespace || !objectKeys.has(`${ref.kind} ${namespace}/${ref.name}`)) continue;
      if (granted(grants, 'Gateway', facts.namespace, ref.group, ref.kind, ref.name, namespace)) continue;
      add(source, 'SP_APP_REFERENCE_GRANT_MISSING', ref.field, `${namespace}/${ref.name}`,
        `the ${ref.kind} is in another namespace and no ReferenceGrant there allows Gateways of ${JSON.stringify(facts.namespace)} to refer to it; the listener gets no certificate`,
        fix('Gateway', facts.namespace, ref.kind, namespace));
    }
  }
}
