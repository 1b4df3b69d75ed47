/**
 * Pod facts: what a Service needs to know of the pods it fronts, read from any workload's manifest. Pure and
 * free of cdk8s and cdk8s-plus at runtime, so the validation plugin can read any app's manifests with it.
 */
import type { ContainerPort, Protocol } from 'cdk8s-plus-27';
import { DEFAULT_NAMESPACE } from './facts';
import { asArray, asObject, stringMap } from './json';

/**
 * What a Service needs to know of the pods it fronts, read from a cdk8s-plus-27 workload (typed, no resolution)
 * or from any workload's resolved manifest (cdk8s-plus of another version, a raw KubeDeployment, an ApiObject),
 * or declared for pods the app does not own (a selector and the ports they declare).
 */
export interface PodsFacts {
  /** How messages name the workload, e.g. `Deployment "web"`. */
  readonly label: string;
  /** The construct path of the workload (what selector messages point at). */
  readonly source: string;
  /** `Deployment`, `StatefulSet`... */
  readonly kind: string;
  /** The workload's namespace; undefined when it is not known (declared pods: the Service's). */
  readonly namespace?: string;
  /** The labels the workload selects its pods with (the Service selects them too). */
  readonly matchLabels: { readonly [key: string]: string };
  /** Whether the workload's selector also has matchExpressions (a Service selector cannot express them). */
  readonly hasMatchExpressions: boolean;
  /** The labels of the pod template; undefined when not known. */
  readonly templateLabels?: { readonly [key: string]: string };
  /** The containers and their ports (declared pods: one entry). */
  readonly containers: ReadonlyArray<{ readonly name: string; readonly ports: readonly ContainerPort[] }>;
}

/** The pods of a workload from its resolved manifest (`spec.selector`, `spec.template`); `source`: its construct path. */
export function podsOfManifest(manifest: any, source: string): PodsFacts {
  const spec = asObject(manifest?.spec);
  const selector = asObject(spec.selector);
  const template = asObject(spec.template);
  const kind = typeof manifest?.kind === 'string' ? manifest.kind : 'workload';
  const metadata = asObject(manifest?.metadata);
  return {
    label: `${kind} ${JSON.stringify(metadata.name ?? '')}`,
    source,
    kind,
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : DEFAULT_NAMESPACE,
    matchLabels: stringMap(selector.matchLabels),
    hasMatchExpressions: asArray(selector.matchExpressions).length > 0,
    templateLabels: stringMap(asObject(template.metadata).labels),
    containers: asArray(asObject(template.spec).containers).map(asObject).map((c) => ({
      name: typeof c.name === 'string' ? c.name : '',
      ports: asArray(c.ports).map(asObject).filter((p) => typeof p.containerPort === 'number').map((p) => ({
        number: p.containerPort,
        ...(typeof p.name === 'string' ? { name: p.name } : {}),
        ...(typeof p.protocol === 'string' ? { protocol: p.protocol as Protocol } : {}),
      })),
    })),
  };
}


/** The kinds whose manifest holds a pod template (`spec.template`), and Pod itself. */
export const POD_TEMPLATE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** The pods of any manifest that has them (a workload's template, or a Pod), else undefined. */
export function podsOfAnyManifest(manifest: any, source: string): PodsFacts | undefined {
  const kind = manifest?.kind;
  if (kind === 'Pod') {
    const metadata = asObject(manifest.metadata);
    const labels = stringMap(metadata.labels);
    const spec = { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: manifest.spec } };
    return podsOfManifest({ ...manifest, spec }, source);
  }
  if (kind === 'CronJob') return podsOfManifest({ ...manifest, spec: asObject(asObject(manifest.spec).jobTemplate).spec }, source);
  return POD_TEMPLATE_KINDS.has(kind) ? podsOfManifest(manifest, source) : undefined;
}
