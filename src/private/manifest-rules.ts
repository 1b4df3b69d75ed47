/**
 * Rules over the manifests of a whole app that the validation plugin adds to the App-wide rules (app-rules.ts):
 * Services and the pods they select, and backends that name no Service of the manifests. The constructs check
 * the same things on their own model (a construct knows the workload it fronts); for any other app only the
 * manifests tell. Pure: entries in, findings out.
 */
import { FactsEntry, SourcedFinding } from './app-rules';
import { IngressFacts, ServiceFacts } from './facts';
import { formatValue } from './findings';
import { RouteFacts } from './gateway-facts';
import { PodsFacts } from './pods';

/** An object of the manifests with its pods (a workload's template, or a Pod). */
export interface PodsEntry {
  readonly source: string;
  readonly pods: PodsFacts;
}

/** The ports a Service targets by name (`targetPort: "http"`), in its facts' raw manifest form. */
export interface NamedTargets {
  readonly source: string;
  readonly namespace: string;
  readonly serviceName: string;
  /** `[field, targetPort name]`. */
  readonly targets: ReadonlyArray<readonly [string, string]>;
}

/**
 * Services that select no pod of the manifests (SP_APP_SERVICE_NO_PODS), Service ports that target a port name
 * no selected container declares (SP_APP_TARGET_PORT_UNKNOWN), Ingress and route backends naming a Service the
 * manifests do not hold (SP_APP_BACKEND_UNKNOWN).
 */
export function manifestFindings(entries: readonly FactsEntry[], pods: readonly PodsEntry[],
  namedTargets: readonly NamedTargets[]): SourcedFinding[] {
  const out: SourcedFinding[] = [];
  const add = (source: string, code: string, field: string, value: unknown, rule: string, fix: string) => {
    out.push({ source, finding: { code, field, value: formatValue(value), rule, fix } });
  };
  const services = entries.filter((e) => e.facts?.kind === 'Service') as Array<FactsEntry & { facts: ServiceFacts }>;
  const selected = new Map<string, PodsFacts[]>();
  for (const { source, facts } of services) {
    const selector = Object.entries(facts.selector);
    if (selector.length === 0 || facts.type === 'ExternalName') continue;
    const matching = pods.filter(({ pods: p }) => (p.namespace ?? 'default') === facts.namespace
      && selector.every(([key, value]) => p.templateLabels?.[key] === value)).map((p) => p.pods);
    selected.set(`${facts.namespace}/${facts.name}`, matching);
    if (matching.length === 0) {
      add(source, 'SP_APP_SERVICE_NO_PODS', 'spec.selector', selector.map(([k, v]) => `${k}=${v}`).join(','),
        'no pod template of the manifests carries these labels: the Service has no endpoints',
        'select the labels of the workload\'s pod template, or annotate the Service if its pods are deployed elsewhere');
    }
  }
  for (const { source, namespace, serviceName, targets } of namedTargets) {
    const matching = selected.get(`${namespace}/${serviceName}`) ?? [];
    if (matching.length === 0) continue;
    for (const [field, name] of targets) {
      const declared = matching.flatMap((p) => p.containers.flatMap((c) => c.ports.map((port) => port.name)))
        .filter((n): n is string => n !== undefined);
      if (declared.includes(name)) continue;
      add(source, 'SP_APP_TARGET_PORT_UNKNOWN', field, name,
        `no container of the selected pods (${matching.map((p) => p.label).join(', ')}) declares a port of this name (declared: ${[...new Set(declared)].join(', ') || 'none'})`,
        'name a container port that exists, or add the port to the container');
    }
  }
  const serviceKeys = new Set(services.map(({ facts }) => `${facts.namespace}/${facts.name}`));
  for (const { source, facts } of entries) {
    if (facts?.kind !== 'Ingress' && facts?.kind !== 'Route') continue;
    const backends = facts.kind === 'Ingress'
      ? (facts as IngressFacts).backends.map((b) => ({ ...b, namespace: facts.namespace }))
      : (facts as RouteFacts).backends;
    for (const backend of backends) {
      if (serviceKeys.has(`${backend.namespace}/${backend.serviceName}`)) continue;
      add(source, 'SP_APP_BACKEND_UNKNOWN', backend.field, `${backend.namespace}/${backend.serviceName}`,
        'no Service of this name is in the manifests: the controller answers 503 unless it is deployed elsewhere',
        'route to a Service of the app, or lower the rule to a warning (or suppress it) when the Service lives elsewhere');
    }
  }
  return out;
}

/** The Service ports of a manifest that target a container port by name. */
export function namedTargetsOf(manifest: any, source: string): NamedTargets | undefined {
  if (manifest?.kind !== 'Service' || manifest?.apiVersion !== 'v1') return undefined;
  const ports: any[] = Array.isArray(manifest.spec?.ports) ? manifest.spec.ports : [];
  const targets = ports.flatMap((p, i): Array<readonly [string, string]> => (typeof p?.targetPort === 'string' ? [[`spec.ports[${i}].targetPort`, p.targetPort]] : []));
  return {
    source,
    namespace: typeof manifest.metadata?.namespace === 'string' ? manifest.metadata.namespace : 'default',
    serviceName: String(manifest.metadata?.name ?? ''),
    targets,
  };
}
