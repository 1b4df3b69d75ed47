/**
 * The App-wide consistency rules, over manifest-shaped facts (facts.ts): what no single object can get wrong
 * alone. Pure: the same entries give the same findings, whoever built the objects. One pass, maps keyed by
 * name: O(n).
 */
import { IngressFacts, ManifestFacts, ManualEndpointsFacts, ObjectIdentity, ServiceFacts, StatefulSetFacts } from './facts';
import { Finding, formatValue } from './findings';
import { GatewayFacts, ReferenceGrantFacts, RouteFacts } from './gateway-facts';
import { gatewayApiConflicts } from './gateway-rules';
import { parseIp } from './rules/net';

/** One object of the App: who emits it (a construct path, or a file and index), who it is, and its facts. */
export interface FactsEntry {
  /** Where the object comes from, as messages name it: the construct that owns it. */
  readonly source: string;
  readonly identity: ObjectIdentity;
  /** The facts the rules read; undefined for kinds no rule reads. */
  readonly facts?: ManifestFacts;
  /** Whether the object carries a namespace (without one, `identity` assumes `default`). */
  readonly namespaceGiven?: boolean;
}

/** A finding of an App-wide rule, at the source of the object at fault. */
export interface SourcedFinding {
  readonly source: string;
  readonly finding: Finding;
}

interface Sourced<T> {
  readonly source: string;
  readonly facts: T;
}

/** Runs every App-wide rule over `entries` (in the App's order) and returns the findings. */
export function appWideFindings(entries: readonly FactsEntry[]): SourcedFinding[] {
  const out: SourcedFinding[] = [];
  const add = (source: string, code: string, field: string, value: unknown, rule: string, fix: string) => {
    out.push({ source, finding: { code, field, value: formatValue(value), rule, fix } });
  };
  const services: Array<Sourced<ServiceFacts>> = [];
  const ingresses: Array<Sourced<IngressFacts>> = [];
  const statefulSets: Array<Sourced<StatefulSetFacts>> = [];
  const manualEndpoints: Array<Sourced<ManualEndpointsFacts>> = [];
  const gateways: Array<Sourced<GatewayFacts>> = [];
  const routes: Array<Sourced<RouteFacts>> = [];
  const grants: Array<Sourced<ReferenceGrantFacts>> = [];
  /** `<kind> <namespace>/<name>` of every core object of the App (the targets of Gateway API references). */
  const coreObjects = new Set<string>();
  for (const { source, identity, facts } of entries) {
    if (identity.group === 'core') coreObjects.add(`${identity.kind} ${identity.namespace ?? ''}/${identity.name}`);
    if (facts?.kind === 'Service') services.push({ source, facts });
    else if (facts?.kind === 'Ingress') ingresses.push({ source, facts });
    else if (facts?.kind === 'StatefulSet') statefulSets.push({ source, facts });
    else if (facts?.kind === 'ManualEndpoints') manualEndpoints.push({ source, facts });
    else if (facts?.kind === 'Gateway') gateways.push({ source, facts });
    else if (facts?.kind === 'Route') routes.push({ source, facts });
    else if (facts?.kind === 'ReferenceGrant') grants.push({ source, facts });
  }
  duplicateObjects(entries, add);
  nodePortConflicts(services, add);
  clusterIpConflicts(services, add);
  manualEndpointsBehindSelector(services, manualEndpoints, add);
  governingServiceConflicts(statefulSets, add);
  ingressConflicts(ingresses, add);
  backendPorts(services, [
    ...ingresses.map(({ source, facts }) => ({ source, namespace: facts.namespace, backends: facts.backends })),
    ...routes.map(({ source, facts }) => ({ source, namespace: facts.namespace, backends: facts.backends })),
  ], add);
  externalNameLoops(services, add);
  gatewayApiConflicts(gateways, routes, grants, coreObjects, add);
  return out;
}

type Add = (source: string, code: string, field: string, value: unknown, rule: string, fix: string) => void;

function keyOf(identity: ObjectIdentity): string {
  return `${identity.group}/${identity.kind}/${identity.namespace ?? ''}/${identity.name}`;
}

/** Two objects of one kind, name and namespace: one overwrites the other on apply. */
function duplicateObjects(entries: readonly FactsEntry[], add: Add): void {
  const first = new Map<string, string>();
  for (const { source, identity } of entries) {
    const key = keyOf(identity);
    const owner = first.get(key);
    if (owner === undefined) {
      first.set(key, source);
      continue;
    }
    add(source, 'SP_APP_DUPLICATE_OBJECT', 'metadata.name', identity.name,
      `${identity.kind} ${JSON.stringify(identity.name)}${identity.namespace !== undefined ? ` in namespace ${JSON.stringify(identity.namespace)}` : ''} is also emitted by ${owner}; one would overwrite the other on apply`,
      'give one of them another name or namespace');
  }
}

/**
 * Node ports are cluster-wide, one number whatever the protocol: the API server's allocator refuses a second
 * Service asking for a taken one even if one is TCP and the other UDP (checked against kube-apiserver v1.35).
 * One Service may use one node port for TCP and UDP of the same port number: that is its own finding's business.
 */
function nodePortConflicts(services: ReadonlyArray<Sourced<ServiceFacts>>, add: Add): void {
  const claimed = new Map<number, { source: string; protocol: string }>();
  for (const { source, facts } of services) {
    if (facts.type !== 'NodePort' && facts.type !== 'LoadBalancer') continue;
    const claims = facts.ports.filter((p) => p.nodePort !== undefined).map((p) => ({ nodePort: p.nodePort!, protocol: p.protocol }));
    if (facts.healthCheckNodePort !== undefined) claims.push({ nodePort: facts.healthCheckNodePort, protocol: 'TCP' });
    const claimedHere = new Set<number>();
    for (const claim of claims) {
      if (claimedHere.has(claim.nodePort)) continue;
      claimedHere.add(claim.nodePort);
      const owner = claimed.get(claim.nodePort);
      if (owner === undefined) {
        claimed.set(claim.nodePort, { source, protocol: claim.protocol });
      } else if (owner.source !== source) {
        add(source, 'SP_APP_NODE_PORT_CONFLICT', 'nodePort', claim.nodePort,
          `node port ${claim.nodePort} (${claim.protocol}) is also claimed by ${owner.source} (${owner.protocol}); a node port is one number cluster-wide, whatever the protocol, so the second Service is refused`,
          'give one of the Services another node port, or leave nodePort out to let the cluster allocate one');
      }
    }
  }
}

/** A cluster IP asked for by two Services: the API server's allocator refuses the second (kube-apiserver v1.35). */
function clusterIpConflicts(services: ReadonlyArray<Sourced<ServiceFacts>>, add: Add): void {
  const claimed = new Map<string, string>();
  for (const { source, facts } of services) {
    for (const ip of facts.clusterIPs) {
      const key = parseIp(ip)?.canonical ?? ip;
      const owner = claimed.get(key);
      if (owner === undefined) {
        claimed.set(key, source);
      } else if (owner !== source) {
        add(source, 'SP_APP_CLUSTER_IP_CONFLICT', 'spec.clusterIP', ip,
          `is also the cluster IP of ${owner}; a cluster IP belongs to one Service, so the second Service is refused`,
          'leave clusterIP out to let the cluster allocate one, or give each Service its own address');
      }
    }
  }
}

/** Hand-written endpoints for a Service that has a selector: the endpoints controller replaces them. */
function manualEndpointsBehindSelector(
  services: ReadonlyArray<Sourced<ServiceFacts>>, endpoints: ReadonlyArray<Sourced<ManualEndpointsFacts>>, add: Add): void {
  const handWritten = new Map<string, Sourced<ManualEndpointsFacts>>();
  for (const entry of endpoints) {
    const key = `${entry.facts.namespace}/${entry.facts.serviceName}`;
    if (!handWritten.has(key)) handWritten.set(key, entry);
  }
  const reported = new Set<string>();
  for (const { source, facts } of services) {
    const key = `${facts.namespace}/${facts.name}`;
    const manual = handWritten.get(key);
    if (manual === undefined || Object.keys(facts.selector).length === 0 || reported.has(key)) continue;
    reported.add(key);
    add(source, 'SP_APP_MANUAL_ENDPOINTS_SELECTOR', 'selector', facts.name,
      `the Service has a selector, and ${manual.source} writes its endpoints by hand (${manual.facts.objectKind} ${JSON.stringify(manual.facts.name)}); the endpoints controller would replace them with the selected pods`,
      'rename one of them, or remove the selector from the Service');
  }
}

/** Two StatefulSets governed by one Service. */
function governingServiceConflicts(statefulSets: ReadonlyArray<Sourced<StatefulSetFacts>>, add: Add): void {
  const governing = new Map<string, string>();
  for (const { source, facts } of statefulSets) {
    if (facts.serviceName === undefined) continue;
    const key = `${facts.namespace}/${facts.serviceName}`;
    const owner = governing.get(key);
    if (owner === undefined) {
      governing.set(key, source);
    } else if (owner !== source) {
      add(source, 'SP_APP_GOVERNING_SERVICE_CONFLICT', 'spec.serviceName', facts.serviceName,
        `is also the governing Service of the StatefulSet ${owner}; the pods of both would share one DNS subdomain and the Service would select only one set`,
        'give every StatefulSet its own headless Service');
    }
  }
}

/** Ingress routes and TLS hosts per ingress class: controllers merge the Ingresses of a class. */
function ingressConflicts(ingresses: ReadonlyArray<Sourced<IngressFacts>>, add: Add): void {
  const routes = new Map<string, string>();
  const tlsHosts = new Map<string, { source: string; secret: string }>();
  for (const { source, facts } of ingresses) {
    const ingressClass = facts.ingressClass ?? '(default class)';
    const seenHere = new Set<string>();
    for (const route of facts.canary ? [] : facts.routes) {
      const key = `${ingressClass} ${route.host ?? '*'} ${route.path} ${route.pathType}`;
      if (seenHere.has(key)) continue;
      seenHere.add(key);
      const owner = routes.get(key);
      if (owner === undefined) {
        routes.set(key, source);
      } else if (owner !== source) {
        add(source, 'SP_APP_INGRESS_ROUTE_CONFLICT', 'rules', `${route.host ?? '*'}${route.path}`,
          `the ${route.pathType} route is also claimed by ${owner} in ingress class ${ingressClass}; which Ingress serves it is undefined`,
          'route each host + path + pathType from one Ingress of the class');
      }
    }
    for (const { host, secretName } of facts.tls) {
      const key = `${ingressClass} ${host}`;
      const secret = `${facts.namespace}/${secretName}`;
      const owner = tlsHosts.get(key);
      if (owner === undefined) {
        tlsHosts.set(key, { source, secret });
      } else if (owner.secret !== secret) {
        add(source, 'SP_APP_TLS_SECRET_CONFLICT', 'tls', host,
          `is served with Secret ${secret} here and with ${owner.secret} by ${owner.source} in ingress class ${ingressClass}; clients get one of the two certificates`,
          'serve each host with one Secret');
      }
    }
  }
}

/** The backends of an Ingress or a route: Services by name (and namespace, for routes) and port. */
interface BackendsOf {
  readonly source: string;
  readonly namespace: string;
  readonly backends: ReadonlyArray<{
    readonly serviceName: string;
    readonly namespace?: string;
    readonly portNumber?: number;
    readonly portName?: string;
    readonly field: string;
  }>;
}

/** An Ingress or route backend naming a Service of the App that lacks the port. */
function backendPorts(services: ReadonlyArray<Sourced<ServiceFacts>>, referrers: readonly BackendsOf[], add: Add): void {
  const byName = new Map<string, Sourced<ServiceFacts>>();
  for (const entry of services) {
    const key = `${entry.facts.namespace}/${entry.facts.name}`;
    if (!byName.has(key)) byName.set(key, entry);
  }
  for (const { source, namespace, backends } of referrers) {
    for (const backend of backends) {
      if (backend.portNumber === undefined && backend.portName === undefined) continue;
      const target = byName.get(`${backend.namespace ?? namespace}/${backend.serviceName}`);
      if (target === undefined) continue;
      const found = target.facts.ports.some((p) => (backend.portNumber !== undefined ? p.port === backend.portNumber : p.name === backend.portName));
      if (found) continue;
      const listed = target.facts.ports.map((p) => (p.name ? `${p.name} (${p.port})` : `${p.port}`)).join(', ') || 'none';
      add(source, 'SP_APP_BACKEND_PORT_UNKNOWN', backend.field, backend.portNumber ?? backend.portName,
        `Service ${JSON.stringify(backend.serviceName)} (${target.source}) has no such port (ports: ${listed})`,
        'route to a port the Service has');
    }
  }
}

/** The Services a loop's message names at most (a hostile ring of thousands would make every message huge). */
const MAX_CHAIN_SHOWN = 6;

/** The `<namespace>/<name>` of the Service a cluster DNS name `<svc>.<ns>.svc.<cluster domain>` names, if it is one. */
function serviceKeyOfDnsName(dnsName: string): string | undefined {
  const labels = dnsName.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 4 || labels[2] !== 'svc' || labels.slice(0, 2).some((l) => l === '')) return undefined;
  return `${labels[1]}/${labels[0]}`;
}

/**
 * ExternalName Services of the App aliasing each other in a cycle (a → b → a): a CNAME loop that never
 * resolves. Each alias has one target, so following the targets from every Service finds every cycle once:
 * O(n). Self-aliases are the construct's own rule (SP_EXTERNAL_NAME_LOOP); every member of a longer cycle is
 * at fault.
 */
function externalNameLoops(services: ReadonlyArray<Sourced<ServiceFacts>>, add: Add): void {
  const aliases = new Map<string, Sourced<ServiceFacts> & { readonly target?: string }>();
  for (const service of services) {
    const { externalName, namespace, name } = service.facts;
    const key = `${namespace}/${name}`;
    if (externalName === undefined || aliases.has(key)) continue;
    aliases.set(key, { ...service, target: serviceKeyOfDnsName(externalName) });
  }
  const done = new Set<string>();
  for (const start of aliases.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let key: string | undefined = start;
    while (key !== undefined && !done.has(key) && !onPath.has(key) && aliases.has(key)) {
      onPath.set(key, path.length);
      path.push(key);
      key = aliases.get(key)?.target;
    }
    path.forEach((k) => done.add(k));
    if (key === undefined || !onPath.has(key)) continue;
    const cycle = path.slice(onPath.get(key));
    if (cycle.length < 2) continue;
    const shown = cycle.length <= MAX_CHAIN_SHOWN ? cycle : [...cycle.slice(0, MAX_CHAIN_SHOWN - 1), `… (${cycle.length} Services)`];
    const chain = [...shown, cycle[0]].join(' → ');
    for (const member of cycle) {
      const alias = aliases.get(member)!;
      add(alias.source, 'SP_APP_EXTERNAL_NAME_LOOP', 'spec.externalName', alias.facts.externalName,
        `the ExternalName Services ${chain} alias each other in a cycle, a CNAME loop that never resolves`,
        'point one of them at a Service with endpoints or at an outside DNS name');
    }
  }
}
