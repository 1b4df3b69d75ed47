import { ApiObjectMetadata, Chart, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { registerPattern, ServiceFacts } from './report';
import {
  checkDns1035Label,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkIanaSvcName,
  checkPortNumber,
  checkProtocol,
  collectAnnotationFindings,
  collectLabelFindings,
  collectServicePortFindings,
  FindingCollector,
  formatValue,
  suggestDns1035Label,
} from './validation';

/** The cluster domain Kubernetes clusters use unless the kubelet is configured otherwise. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** The namespace objects without an explicit namespace land in when applied with a default kubectl context. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * A port of a Service, common to every pattern of this library.
 */
export interface ServicePortOptions {
  /**
   * The port the Service listens on.
   */
  readonly port: number;

  /**
   * The port's name: a DNS-1123 label. Required when the Service has more than one port; Endpoints and
   * EndpointSlice ports, SRV records (`_<name>._<protocol>.<service>...`) and Ingress backends refer to it.
   *
   * @default - no name (allowed only for a single-port Service)
   */
  readonly name?: string;

  /**
   * The IP protocol of the port.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * The application protocol of the port (`appProtocol`), e.g. `http`, `https`, `kubernetes.io/h2c`.
   * Some ingress controllers and service meshes read it.
   *
   * @default - not set
   */
  readonly appProtocol?: string;
}

/**
 * Properties every Service pattern of this library accepts.
 */
export interface ServicePatternProps {
  /**
   * The name of the Service: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter,
   * at most 63 characters). Clients reach the Service at `<serviceName>.<namespace>.svc.<clusterDomain>`.
   *
   * @default - a stable name derived from the construct path
   */
  readonly serviceName?: string;

  /**
   * The namespace of the Service (and of every object the pattern emits).
   *
   * @default - the chart's namespace; DNS names assume `default` when neither is set
   */
  readonly namespace?: string;

  /**
   * The cluster's DNS domain, used to compute the fully qualified DNS names this construct exposes.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;

  /**
   * Extra labels for the Service.
   *
   * @default - no extra labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations for the Service.
   *
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A port as rendered into a Service, with its target.
 * @internal
 */
export interface RenderedServicePort {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly appProtocol?: string;
  /** A container port name, or a number. */
  readonly targetPort?: string | number;
}

/**
 * The shared base of every Service pattern: the Service object, its name, namespace and DNS name, and the
 * validation of what every Service has in common.
 */
export abstract class ServicePatternBase extends Construct {
  /**
   * The Service object this construct emits (typed `k8s.KubeService`; every field of the API is reachable
   * through `addJsonPatch` when needed).
   */
  public readonly service: kplus.k8s.KubeService;

  /** The Service's name. */
  public readonly serviceName: string;

  /**
   * The namespace the Service lives in, as used in DNS names: the `namespace` prop, else the chart's
   * namespace, else `default`.
   */
  public readonly namespace: string;

  /** The cluster DNS domain used in the DNS names this construct exposes. */
  public readonly clusterDomain: string;

  /** The Service's fully qualified cluster DNS name: `<serviceName>.<namespace>.svc.<clusterDomain>`. */
  public readonly dnsName: string;

  /** The namespace as given by the user or the chart (undefined when neither set one). */
  private readonly explicitNamespace?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  protected constructor(scope: Construct, id: string, props: ServicePatternProps) {
    super(scope, id);
    this.serviceName = props.serviceName ?? Names.toDnsLabel(this);
    this.explicitNamespace = props.namespace ?? Chart.of(this).namespace;
    this.namespace = this.explicitNamespace ?? DEFAULT_NAMESPACE;
    this.clusterDomain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    this.dnsName = `${this.serviceName}.${this.namespace}.svc.${this.clusterDomain}`;

    this.service = new kplus.k8s.KubeService(this, 'Resource', {
      metadata: this._objectMetadata(this.serviceName, props.labels, props.annotations),
      spec: Lazy.any({ produce: () => this._renderServiceSpec() }),
    });

    registerPattern(this, {
      apiObject: this.service,
      facts: () => ({ kind: 'service', name: this.serviceName, namespace: this.namespace, ...this._serviceFacts() }),
      collect: (findings) => {
        findings.check(checkDns1035Label(this.serviceName), 'SP_SERVICE_NAME', 'serviceName', this.serviceName,
          () => `use a name such as ${JSON.stringify(suggestDns1035Label(this.serviceName))}`);
        if (this.explicitNamespace !== undefined) {
          findings.check(checkDns1123Label(this.explicitNamespace), 'SP_NAMESPACE', 'namespace', this.explicitNamespace,
            'use a lowercase namespace name such as "apps"');
        }
        findings.check(checkDns1123Subdomain(this.clusterDomain), 'SP_CLUSTER_DOMAIN', 'clusterDomain', this.clusterDomain,
          'use the kubelet\'s --cluster-domain, usually "cluster.local"');
        collectLabelFindings(findings, 'labels', props.labels);
        collectAnnotationFindings(findings, 'annotations', props.annotations);
        this._collectFindings(findings);
      },
    });
  }

  /**
   * Renders the Service's `spec`. Called at synth time.
   * @internal
   */
  protected abstract _renderServiceSpec(): kplus.k8s.ServiceSpec;

  /**
   * What App-wide checks need to know of the Service. Called at synth time.
   * @internal
   */
  public abstract _serviceFacts(): Omit<ServiceFacts, 'kind' | 'name' | 'namespace'>;

  /**
   * The Service's ports (number and name), for Ingress backends. Called at synth time.
   * @internal
   */
  public abstract _backendPorts(): Array<{ readonly port: number; readonly name?: string }>;

  /**
   * Records the pattern-specific findings. Called at synth time.
   * @internal
   */
  protected abstract _collectFindings(findings: FindingCollector): void;

  /**
   * Metadata for an object this pattern emits: the given name, the explicit namespace (if any), labels and
   * annotations.
   * @internal
   */
  protected _objectMetadata(name: string, labels?: { [key: string]: string }, annotations?: { [key: string]: string }): ApiObjectMetadata {
    return {
      name,
      ...(this.explicitNamespace !== undefined ? { namespace: this.explicitNamespace } : {}),
      ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    };
  }

  /**
   * Validates a Service port list (names, numbers, protocols, duplicates).
   * @internal
   */
  protected _collectPortFindings(findings: FindingCollector, ports: readonly ServicePortOptions[], field = 'ports'): void {
    collectServicePortFindings(findings, field, ports);
  }

  /**
   * Renders Service ports in the order given, omitting unset optional fields.
   * @internal
   */
  protected _renderPorts(ports: readonly RenderedServicePort[]): kplus.k8s.ServicePort[] | undefined {
    if (ports.length === 0) {
      return undefined;
    }
    return ports.map((p) => ({
      ...(p.name !== undefined && p.name !== '' ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol ?? kplus.Protocol.TCP,
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
      ...(p.targetPort !== undefined
        ? { targetPort: typeof p.targetPort === 'number' ? kplus.k8s.IntOrString.fromNumber(p.targetPort) : kplus.k8s.IntOrString.fromString(p.targetPort) }
        : {}),
    }));
  }
}

/**
 * Where a Service port sends traffic in the pods: a container port name or number.
 * @internal
 */
export interface PodPortTarget {
  /** The field that chose the target, for messages (e.g. `ports[0].containerPort`). */
  readonly field: string;
  readonly target: string | number;
  readonly protocol?: string;
}

/**
 * Checks that a workload's pods can be selected by a Service selector: same namespace, labels only, not empty.
 * @internal
 */
export function collectWorkloadSelectorFindings(
  findings: FindingCollector, workload: kplus.Workload, workloadField: string, serviceNamespace: string, workloadKind: string): void {
  const workloadNamespace = workload.metadata.namespace ?? DEFAULT_NAMESPACE;
  if (workloadNamespace !== serviceNamespace) {
    findings.add('SP_NAMESPACE_MISMATCH', `${workloadField}.metadata.namespace`, workloadNamespace,
      `the ${workloadKind} is in another namespace than its Service (${formatValue(serviceNamespace)}), and a Service selects pods of its own namespace only`,
      'put the Service and the workload in the same namespace');
  }
  if (workload.matchExpressions.length > 0) {
    findings.add('SP_SELECTOR_EXPRESSIONS', 'selector', workload.node.path,
      'the workload selects its pods with matchExpressions, which a Service selector cannot express',
      'select the workload\'s pods with labels only (workload.select(kplus.LabelSelector.of({ labels })))');
  }
  if (Object.keys(workload.matchLabels).length === 0) {
    findings.add('SP_SELECTOR_EMPTY', 'selector', workload.node.path,
      'the workload has no matchLabels, so the Service would select no pods (or every pod of the namespace)',
      'create the workload with `select: true` (the cdk8s-plus default) or give it labels with workload.select()');
  }
}

/**
 * Checks the containers of a workload's pods (unique names, IANA port names) and that every Service port
 * target names a container port that exists, with the same protocol.
 * @internal
 */
export function collectPodTargetFindings(
  findings: FindingCollector, workloadLabel: string, pod: kplus.AbstractPod, targets: readonly PodPortTarget[]): void {
  const names = new Set<string>();
  for (const container of pod.containers) {
    if (names.has(container.name)) {
      findings.add('SP_CONTAINER_NAME_DUPLICATE', 'containers', container.name, `two containers of ${workloadLabel} have this name`,
        'give every container its own name (ContainerProps.name)');
    }
    names.add(container.name);
  }
  const containerPorts = pod.containers.flatMap((c) => c.ports.map((p) => ({ container: c.name, port: p })));
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
  const declared = containerPorts.map(({ port }) => `${port.name ?? port.number}`).join(', ') || 'none';
  for (const { field, target, protocol } of targets) {
    const match = containerPorts.find(({ port }) => (typeof target === 'number' ? port.number === target : port.name === target));
    if (match === undefined) {
      findings.add('SP_TARGET_PORT_UNKNOWN', field, target,
        `no container of ${workloadLabel} declares this port (declared: ${declared})`,
        'name a container port that exists, or add the port to the container (ports: [{ number, name }])');
    } else if ((match.port.protocol ?? kplus.Protocol.TCP) !== (protocol ?? kplus.Protocol.TCP)) {
      findings.add('SP_TARGET_PORT_PROTOCOL', field.replace(/\.[a-zA-Z]+$/, '.protocol'), protocol ?? kplus.Protocol.TCP,
        `the target container port ${formatValue(target)} uses ${match.port.protocol ?? kplus.Protocol.TCP}`,
        'use the same protocol on the Service port and the container port');
    }
  }
}

/**
 * Creates a cdk8s-plus workload. cdk8s-plus throws for some options (two container ports with one name or
 * number, ...); then the refusal becomes a finding and the workload is created without containers instead,
 * so the synth lists it with every other problem rather than crashing midway.
 * @internal
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
