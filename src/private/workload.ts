/**
 * Workload helpers for the constructs that front pods: the pods a Service selects, the container ports its
 * target ports name, and building a cdk8s-plus workload without crashing midway.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { DEFAULT_NAMESPACE } from './facts';
import { FindingCollector, formatValue } from './findings';
import { PodsFacts, podsOfManifest } from './pods';
import { checkIanaSvcName } from './rules/names';
import { checkPortNumber, checkProtocol } from './rules/ports';

/** Where a Service port sends traffic in the pods: a container port name or number. */
export interface PodPortTarget {
  /** The field that chose the target, for messages (e.g. `ports[0].targetPort`). */
  readonly field: string;
  readonly target: string | number;
  readonly protocol?: string;
}

/**
 * Whether JSON patches were added to a construct's ApiObject: then only its resolved manifest says what is
 * emitted, and a typed API would tell another story. (cdk8s keeps them in a private field; a cdk8s that keeps them
 * elsewhere is taken as patched: the manifest is right either way.)
 */
export function isPatched(workload: IConstruct): boolean {
  let obj: ApiObject;
  try {
    obj = ApiObject.of(workload);
  } catch {
    return false;
  }
  const patches: unknown = (obj as unknown as { patches?: unknown }).patches;
  return !Array.isArray(patches) || patches.length > 0;
}

/**
 * The pods of a cdk8s-plus-27 workload, read through its typed API (from its resolved manifest once it was
 * patched: the checks read what is emitted).
 */
export function podsOfWorkload(workload: kplus.Workload, kind: string, name = workload.name): PodsFacts {
  if (isPatched(workload)) {
    const fromManifest = podsOfConstruct(workload);
    if (fromManifest !== undefined) return fromManifest;
  }
  const templateLabels: { [key: string]: string } = {};
  for (const key of Object.keys(workload.matchLabels)) {
    const value = workload.podMetadata.getLabel(key);
    if (value !== undefined) templateLabels[key] = value;
  }
  return {
    label: `${kind} ${JSON.stringify(name)}`,
    source: workload.node.path,
    kind,
    namespace: workload.metadata.namespace ?? DEFAULT_NAMESPACE,
    matchLabels: { ...workload.matchLabels },
    hasMatchExpressions: workload.matchExpressions.length > 0,
    templateLabels,
    containers: workload.containers.map((c) => ({ name: c.name, ports: c.ports })),
  };
}

/** The resolved manifest of a construct's ApiObject; undefined when it holds none that renders. */
export function manifestOfConstruct(workload: IConstruct): any | undefined {
  try {
    return ApiObject.of(workload).toJson();
  } catch {
    return undefined; // reported by the checks (SP_WORKLOAD_OBJECT)
  }
}

/** The pods of a workload of any kind, from its resolved manifest; undefined when it holds no ApiObject that renders. */
export function podsOfConstruct(workload: IConstruct): PodsFacts | undefined {
  const manifest = manifestOfConstruct(workload);
  return manifest === undefined ? undefined : podsOfManifest(manifest, workload.node.path);
}

/**
 * Checks that a workload's pods can be selected by a Service selector: same namespace, labels only, not empty,
 * carried by the pod template.
 */
export function collectWorkloadSelectorFindings(
  findings: FindingCollector, pods: PodsFacts, workloadField: string, serviceNamespace: string): void {
  if (pods.namespace !== undefined && pods.namespace !== serviceNamespace) {
    findings.add('SP_NAMESPACE_MISMATCH', `${workloadField}.metadata.namespace`, pods.namespace,
      `the ${pods.kind} is in another namespace than its Service (${formatValue(serviceNamespace)}), and a Service selects pods of its own namespace only`,
      'put the Service and the workload in the same namespace');
  }
  if (pods.hasMatchExpressions) {
    findings.add('SP_SELECTOR_EXPRESSIONS', 'selector', pods.source,
      'the workload selects its pods with matchExpressions, which a Service selector cannot express',
      'select the workload\'s pods with labels only (workload.select(kplus.LabelSelector.of({ labels })))');
  }
  if (Object.keys(pods.matchLabels).length === 0) {
    findings.add('SP_SELECTOR_EMPTY', 'selector', pods.source,
      'the workload has no matchLabels, so the Service would select no pods (or every pod of the namespace)',
      'create the workload with `select: true` (the cdk8s-plus default) or give it labels with workload.select()');
  }
  if (pods.templateLabels === undefined) return;
  for (const [key, value] of Object.entries(pods.matchLabels)) {
    if (pods.templateLabels[key] === value) continue;
    findings.add('SP_SELECTOR_TEMPLATE_MISMATCH', `${workloadField}.selector`, `${key}=${value}`,
      `the ${pods.kind} selects pods with this label and its pod template does not carry it: the API server refuses the ${pods.kind} (selector does not match template labels), and the Service would select no pods`,
      `add the label to the pods (${workloadField}.podMetadata.addLabel(${JSON.stringify(key)}, ${JSON.stringify(value)})) or select a label they carry`);
  }
}

/**
 * Checks the containers of a workload's pods (unique names, IANA port names) and that every Service port
 * target names a container port that exists, with the same protocol.
 */
export function collectPodTargetFindings(findings: FindingCollector, pods: PodsFacts, targets: readonly PodPortTarget[]): void {
  const workloadLabel = pods.label;
  const names = new Set<string>();
  for (const container of pods.containers) {
    if (names.has(container.name)) {
      findings.add('SP_CONTAINER_NAME_DUPLICATE', 'containers', container.name, `two containers of ${workloadLabel} have this name`,
        'give every container its own name (ContainerProps.name)');
    }
    names.add(container.name);
  }
  const containerPorts = pods.containers.flatMap((c) => c.ports.map((p) => ({ container: c.name, port: p })));
  for (const { container, port } of containerPorts) {
    findings.check(checkProtocol(port.protocol ?? 'TCP'), 'SP_CONTAINER_PORT_PROTOCOL', `container ${JSON.stringify(container)} port ${port.number} protocol`,
      port.protocol, 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP');
    findings.check(checkPortNumber(port.number), 'SP_CONTAINER_PORT_NUMBER', `container ${JSON.stringify(container)} port ${port.number}`,
      port.number, 'use a container port between 1 and 65535');
    if (port.name !== undefined) {
      findings.check(checkIanaSvcName(port.name), 'SP_CONTAINER_PORT_NAME', `container ${JSON.stringify(container)} port ${port.number} name`, port.name,
        'name container ports with IANA service names such as "http", "client" or "peer"');
    }
  }
  const shared = collectSharedPortNames(findings, workloadLabel, containerPorts, targets);
  for (const { field, target, protocol } of targets) {
    const sharers = typeof target === 'string' ? shared.get(target) : undefined;
    if (sharers !== undefined) {
      findings.add('SP_TARGET_PORT_AMBIGUOUS', field, target,
        `containers ${sharers.map((c) => JSON.stringify(c)).join(' and ')} of ${workloadLabel} both declare a port of this name, and the endpoints controller targets whichever it finds first`,
        'give each container port its own name and target that one');
      continue;
    }
    const match = containerPorts.find(({ port }) => (typeof target === 'number' ? port.number === target : port.name === target));
    if (match === undefined) {
      findings.add('SP_TARGET_PORT_UNKNOWN', field, target,
        `no container of ${workloadLabel} declares this port (declared: ${containerPorts.map(({ port }) => `${port.name ?? port.number}`).join(', ') || 'none'})`,
        'name a container port that exists, or add the port to the container (ports: [{ number, name }])');
    } else if ((match.port.protocol ?? kplus.Protocol.TCP) !== (protocol ?? kplus.Protocol.TCP)) {
      findings.add('SP_TARGET_PORT_PROTOCOL', field.replace(/\.[a-zA-Z]+$/, '.protocol'), protocol ?? kplus.Protocol.TCP,
        `the target container port ${formatValue(target)} uses ${match.port.protocol ?? kplus.Protocol.TCP}`,
        'use the same protocol on the Service port and the container port');
    }
  }
}

/**
 * Container port names shared by several containers of a pod (the API server accepts them): a warning unless a
 * target names one (then the target's finding says it). Returns the containers declaring each shared name.
 */
function collectSharedPortNames(findings: FindingCollector, workloadLabel: string,
  containerPorts: ReadonlyArray<{ container: string; port: kplus.ContainerPort }>, targets: readonly PodPortTarget[]): Map<string, string[]> {
  const containersByName = new Map<string, string[]>();
  for (const { container, port } of containerPorts) {
    if (port.name === undefined) continue;
    const containers = containersByName.get(port.name) ?? [];
    if (!containers.includes(container)) containers.push(container);
    containersByName.set(port.name, containers);
  }
  const targeted = new Set(targets.map((t) => t.target));
  const shared = new Map([...containersByName].filter(([, containers]) => containers.length > 1));
  for (const [name, containers] of shared) {
    if (targeted.has(name)) continue;
    findings.warn('SP_CONTAINER_PORT_NAME_DUPLICATE', 'containers', name,
      `containers ${containers.map((c) => JSON.stringify(c)).join(' and ')} of ${workloadLabel} both declare a port of this name; a Service targeting it reaches whichever the endpoints controller finds first`,
      'give each container port its own name');
  }
  return shared;
}

/**
 * Creates a cdk8s-plus workload. cdk8s-plus throws for some options (two container ports with one name or
 * number, ...); then the refusal becomes a finding and the workload is created without containers instead,
 * so the synth lists it with every other problem rather than crashing midway.
 */
export function createWorkload<T extends Construct>(
  scope: Construct, id: string, create: (withContainers: boolean) => T, findings: Array<(f: FindingCollector) => void>): T {
  try {
    return create(true);
  } catch (err) {
    scope.node.tryRemoveChild(id);
    const reason = err instanceof Error ? err.message : String(err);
    findings.push((f) => f.add('SP_WORKLOAD_REFUSED', 'container', reason, 'cdk8s-plus refused the container options',
      'fix the container options as the message says (e.g. give every container port its own name and number)'));
    return create(false);
  }
}
