import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServiceFacts } from './report';
import {
  collectPodTargetFindings,
  collectWorkloadSelectorFindings,
  createWorkload,
  ServicePatternBase,
  ServicePatternProps,
  ServicePortOptions,
} from './service-base';
import {
  checkCidr,
  checkIanaSvcName,
  checkNodePort,
  checkNodePortRange,
  checkOneOf,
  checkQualifiedName,
  checkSessionAffinityTimeout,
  collectNodePortFindings,
  DEFAULT_NODE_PORT_RANGE,
  FindingCollector,
} from './validation';

/** The annotation older cloud providers read instead of `loadBalancerSourceRanges`; LoadBalancer only. */
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** How an {@link ExposedApp} is reachable from outside the cluster. */
export enum ExposureType {
  /** A port (30000-32767 by default) opened on every node. */
  NODE_PORT = 'NodePort',
  /** A cloud load balancer in front of the node ports. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Where external traffic may be sent. */
export enum ExternalTrafficPolicy {
  /** To any ready pod of the Service, through an extra hop when needed; the client IP is lost. */
  CLUSTER = 'Cluster',
  /**
   * Only to pods on the node that received the traffic: keeps the client IP and avoids the extra hop, but
   * nodes without a local pod do not answer and spreading becomes uneven.
   */
  LOCAL = 'Local',
}

/** Session affinity of a Service (L4 only: by client IP, no cookies). */
export enum SessionAffinity {
  /** No affinity. */
  NONE = 'None',
  /** Connections from one client IP go to the same pod. */
  CLIENT_IP = 'ClientIP',
}

/** IP family policy of a Service (dual stack). */
export enum IpFamilyPolicy {
  /** One IP family. */
  SINGLE_STACK = 'SingleStack',
  /** Two families where the cluster has them, else one. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Two families; the Service is refused on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/** An IP family. */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

/**
 * A port of an {@link ExposedApp}.
 */
export interface ExposedPort extends ServicePortOptions {
  /**
   * The name of the container port the Service port targets. The Service refers to the port by name, so
   * the container's port number can change without touching the Service.
   *
   * @default - the Service port's `name`
   */
  readonly containerPort?: string;

  /**
   * The node port, opened on every node. Must lie within the cluster's node port range, and is
   * cluster-wide: no other Service may use it.
   *
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
}

/**
 * A node port range (the API server's `--service-node-port-range`).
 */
export interface NodePortRange {
  /** The lowest node port. */
  readonly min: number;
  /** The highest node port. */
  readonly max: number;
}

/**
 * Annotations that make a cloud provider create an internal load balancer.
 */
export class LoadBalancerPreset {
  /**
   * An internal AWS Network Load Balancer: `service.beta.kubernetes.io/aws-load-balancer-type: nlb`,
   * `...-scheme: internal` (AWS Load Balancer Controller) and `...-internal: "true"` (in-tree provider).
   */
  public static awsInternalNlb(): LoadBalancerPreset {
    return new LoadBalancerPreset('awsInternalNlb', {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
    });
  }

  /** An internal GCP passthrough Network Load Balancer: `networking.gke.io/load-balancer-type: Internal`. */
  public static gcpInternal(): LoadBalancerPreset {
    return new LoadBalancerPreset('gcpInternal', { 'networking.gke.io/load-balancer-type': 'Internal' });
  }

  /** An internal Azure load balancer: `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`. */
  public static azureInternal(): LoadBalancerPreset {
    return new LoadBalancerPreset('azureInternal', { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
  }

  /**
   * @param name the preset's name, for messages
   * @param annotations the Service annotations the preset sets
   */
  private constructor(public readonly name: string, public readonly annotations: { [key: string]: string }) {}
}

/**
 * What an Ingress (or anything else) needs to route to a Service port.
 */
export interface ServiceBackendReference {
  /** The Service's name. */
  readonly serviceName: string;
  /** The Service's namespace. */
  readonly namespace: string;
  /** The Service port number. */
  readonly portNumber: number;
  /**
   * The Service port name.
   *
   * @default - the port has no name
   */
  readonly portName?: string;
}

/**
 * Properties of an {@link ExposedApp}: either an existing cdk8s-plus Deployment, or the options to build one
 * (`container` and/or `deploymentProps`) — not both.
 */
export interface ExposedAppProps extends ServicePatternProps {
  /** NodePort or LoadBalancer. */
  readonly type: ExposureType;

  /**
   * The Service ports. With more than one port every port needs a name.
   */
  readonly ports: ExposedPort[];

  /**
   * An existing cdk8s-plus Deployment whose pods the Service selects.
   *
   * @default - a Deployment is built from `container` and `deploymentProps`
   */
  readonly deployment?: kplus.Deployment;

  /**
   * The main container of the Deployment to build (image, named ports, env, resources, probes...). When
   * the container that declares the first exposed port has no readiness probe and that port is TCP, a TCP
   * readiness probe on it is added, so pods receive traffic only once they accept connections. A probe you
   * give is kept untouched.
   *
   * @default - only the containers of `deploymentProps`
   */
  readonly container?: kplus.ContainerProps;

  /**
   * Options of the Deployment to build: replicas, strategy, volumes, more containers...
   * `metadata.name` defaults to the Service name. The default readiness probe (see `container`) goes to
   * the container that declares the first exposed port.
   *
   * @default - one replica, cdk8s-plus defaults
   */
  readonly deploymentProps?: kplus.DeploymentProps;

  /**
   * Where external traffic may be sent.
   *
   * @default - not set (the API server uses Cluster)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;

  /**
   * The node port the load balancer health-checks (LoadBalancer with externalTrafficPolicy Local only).
   *
   * @default - allocated by the cluster when needed
   */
  readonly healthCheckNodePort?: number;

  /**
   * Session affinity.
   *
   * @default - not set (the API server uses None)
   */
  readonly sessionAffinity?: SessionAffinity;

  /**
   * How long a ClientIP session sticks, in seconds (1-86400). Only with `SessionAffinity.CLIENT_IP`.
   *
   * @default - not set (the API server uses 10800, three hours)
   */
  readonly sessionAffinityTimeoutSeconds?: number;

  /**
   * CIDRs allowed to reach the load balancer (LoadBalancer only).
   *
   * @default - not set: open to every source the cloud allows (usually 0.0.0.0/0)
   */
  readonly loadBalancerSourceRanges?: string[];

  /**
   * The load balancer implementation (LoadBalancer only), e.g. `service.k8s.aws/nlb`.
   *
   * @default - the cluster's default implementation
   */
  readonly loadBalancerClass?: string;

  /**
   * Whether node ports are allocated for a LoadBalancer Service (LoadBalancer only). `false` for load
   * balancers that route to pod IPs directly.
   *
   * @default - not set (the API server uses true)
   */
  readonly allocateLoadBalancerNodePorts?: boolean;

  /**
   * Annotations for an internal load balancer of a cloud provider (LoadBalancer only). `annotations`
   * override the preset's.
   *
   * @default - no preset
   */
  readonly loadBalancerPreset?: LoadBalancerPreset;

  /**
   * The IP family policy (dual stack).
   *
   * @default - not set (the API server uses SingleStack)
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;

  /**
   * The IP families, in order of preference.
   *
   * @default - the cluster's primary family
   */
  readonly ipFamilies?: IpFamily[];

  /**
   * The cluster's node port range, for clusters started with another `--service-node-port-range`.
   *
   * @default { min: 30000, max: 32767 }
   */
  readonly nodePortRange?: NodePortRange;
}

/**
 * An app reachable from outside the cluster: a Deployment (cdk8s-plus-27) and a NodePort or LoadBalancer
 * Service that selects exactly that Deployment's pods, with every knob of the Service API reachable and
 * emitted only where it is valid.
 */
export class ExposedApp extends ServicePatternBase {
  /** The Deployment (built by this construct or passed in). */
  public readonly deployment: kplus.Deployment;

  /** NodePort or LoadBalancer. */
  public readonly type: ExposureType;

  /** The node ports this construct declares (ports without a `nodePort` are allocated by the cluster). */
  public readonly nodePorts: number[];

  /** Names of the containers that received the default TCP readiness probe. */
  public readonly defaultReadinessProbeContainers: string[] = [];

  private readonly props: ExposedAppProps;
  private readonly annotations: { [key: string]: string };
  private readonly ports: ExposedPort[];
  private readonly nodePortRange: NodePortRange;
  private readonly workloadFindings: Array<(findings: FindingCollector) => void> = [];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: ExposedAppProps) {
    const presetAnnotations = props.loadBalancerPreset?.annotations;
    const annotations = { ...presetAnnotations, ...props.annotations };
    super(scope, id, { ...props, annotations });
    this.props = props;
    this.annotations = annotations;
    this.type = props.type;
    this.ports = [...(props.ports ?? [])];
    this.nodePortRange = props.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    this.nodePorts = this.ports.map((p) => p.nodePort).filter((n): n is number => n !== undefined);

    const buildOptionsGiven = props.container !== undefined || props.deploymentProps !== undefined;
    if (props.deployment !== undefined) {
      this.deployment = props.deployment;
      if (buildOptionsGiven) {
        this.workloadFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_CONFLICT', 'deployment',
          'both an existing Deployment and options to build one (container / deploymentProps) were given',
          'pass either `deployment` or `container`/`deploymentProps`, not both'));
      }
    } else {
      this.deployment = this.buildDeployment(props);
    }
    if (props.deployment !== undefined) {
      // An existing Deployment was created before the Service; a built one comes after it in the output anyway.
      this.deployment.node.addDependency(this.service);
    }
  }

  /** @internal */
  public _serviceFacts(): Omit<ServiceFacts, 'kind' | 'name' | 'namespace'> {
    return {
      type: this.type,
      hasSelector: true,
      manualEndpoints: false,
      ports: this.ports.map((p) => ({ ...p })),
      // a health check node port is allocated only for LoadBalancer + Local (else it is this app's own finding)
      ...(this.props.healthCheckNodePort !== undefined && this.type === ExposureType.LOAD_BALANCER
        && this.props.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL ? { healthCheckNodePort: this.props.healthCheckNodePort } : {}),
    };
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /** The Service ports, in order. */
  public get servicePorts(): ExposedPort[] {
    return [...this.ports];
  }

  /**
   * What an Ingress needs to route to one of this app's Service ports.
   *
   * @param portName the Service port's name; may be omitted when the Service has a single port
   */
  public backend(portName?: string): ServiceBackendReference {
    const port = portName === undefined
      ? (this.ports.length === 1 ? this.ports[0] : undefined)
      : this.ports.find((p) => p.name === portName);
    if (port === undefined) {
      const names = this.ports.map((p) => p.name ?? String(p.port)).join(', ');
      throw new Error(`${this.node.path}: ${portName === undefined
        ? `the Service has ${this.ports.length} ports (${names}); name the one to route to, e.g. backend(${JSON.stringify(this.ports[0]?.name ?? 'http')})`
        : `the Service has no port named ${JSON.stringify(portName)} (ports: ${names})`}`);
    }
    return {
      serviceName: this.serviceName,
      namespace: this.namespace,
      portNumber: port.port,
      ...(port.name !== undefined ? { portName: port.name } : {}),
    };
  }

  /** @internal */
  protected _renderServiceSpec(): kplus.k8s.ServiceSpec {
    const p = this.props;
    const isLb = this.type === ExposureType.LOAD_BALANCER;
    return {
      type: this.type,
      selector: { ...this.deployment.matchLabels },
      ports: this.ports.map((port) => ({
        ...(port.name !== undefined && port.name !== '' ? { name: port.name } : {}),
        port: port.port,
        protocol: port.protocol ?? kplus.Protocol.TCP,
        ...(port.appProtocol !== undefined ? { appProtocol: port.appProtocol } : {}),
        targetPort: kplus.k8s.IntOrString.fromString(targetOf(port) ?? ''),
        ...(port.nodePort !== undefined ? { nodePort: port.nodePort } : {}),
      })),
      ...(p.externalTrafficPolicy !== undefined ? { externalTrafficPolicy: p.externalTrafficPolicy } : {}),
      ...(p.healthCheckNodePort !== undefined ? { healthCheckNodePort: p.healthCheckNodePort } : {}),
      ...(p.sessionAffinity !== undefined ? { sessionAffinity: p.sessionAffinity } : {}),
      ...(p.sessionAffinityTimeoutSeconds !== undefined
        ? { sessionAffinityConfig: { clientIp: { timeoutSeconds: p.sessionAffinityTimeoutSeconds } } }
        : {}),
      ...(isLb && p.loadBalancerSourceRanges !== undefined ? { loadBalancerSourceRanges: [...p.loadBalancerSourceRanges] } : {}),
      ...(isLb && p.loadBalancerClass !== undefined ? { loadBalancerClass: p.loadBalancerClass } : {}),
      ...(isLb && p.allocateLoadBalancerNodePorts !== undefined ? { allocateLoadBalancerNodePorts: p.allocateLoadBalancerNodePorts } : {}),
      ...(p.ipFamilyPolicy !== undefined ? { ipFamilyPolicy: p.ipFamilyPolicy } : {}),
      ...(p.ipFamilies !== undefined ? { ipFamilies: [...p.ipFamilies] } : {}),
    };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    const p = this.props;
    for (const collect of this.workloadFindings) collect(findings);
    if (p.type !== ExposureType.NODE_PORT && p.type !== ExposureType.LOAD_BALANCER) {
      findings.add('SP_EXPOSURE_TYPE', 'type', p.type, 'must be NodePort or LoadBalancer', 'use ExposureType.NODE_PORT or ExposureType.LOAD_BALANCER');
    }
    const isLb = p.type === ExposureType.LOAD_BALANCER;

    // ports
    if (this.ports.length === 0) {
      findings.addWithoutValue('SP_PORTS_REQUIRED', 'ports', 'an exposed app needs at least one port', 'add a port ({ name: "http", port: 80 })');
    }
    this._collectPortFindings(findings, this.ports);
    const range = this.nodePortRange;
    if (!findings.check(checkNodePortRange(range), 'SP_NODE_PORT_RANGE_INVALID', 'nodePortRange', range,
      'give the cluster\'s --service-node-port-range, e.g. { min: 30000, max: 32767 }')) {
      collectNodePortFindings(findings, 'ports', p.type, this.ports, range);
    }
    this.ports.forEach((port, i) => {
      const target = targetOf(port);
      if (target === undefined) {
        findings.add('SP_TARGET_PORT_REQUIRED', `ports[${i}].containerPort`, port.port,
          'the Service targets container ports by name, and this port names none',
          'name the port ({ name: "http", ... }) or give containerPort: "<container port name>"');
      } else {
        findings.check(checkIanaSvcName(target), 'SP_TARGET_PORT_NAME', `ports[${i}].containerPort`, target,
          'name container ports (and refer to them) with IANA service names such as "http" or "metrics"');
      }
    });

    // the pods
    collectWorkloadSelectorFindings(findings, this.deployment, 'deployment', this.namespace, 'Deployment');
    collectPodTargetFindings(findings, `Deployment ${JSON.stringify(this.deployment.name)}`, this.deployment,
      this.ports.flatMap((port, i) => {
        const target = targetOf(port);
        return target === undefined ? [] : [{ field: `ports[${i}].containerPort`, target, protocol: port.protocol }];
      }));

    // traffic policy and health check node port
    if (p.healthCheckNodePort !== undefined) {
      if (!isLb || p.externalTrafficPolicy !== ExternalTrafficPolicy.LOCAL) {
        findings.add('SP_HEALTH_CHECK_NODE_PORT', 'healthCheckNodePort', p.healthCheckNodePort,
          'is only valid for a LoadBalancer Service with externalTrafficPolicy Local',
          'remove healthCheckNodePort, or use type LoadBalancer with externalTrafficPolicy: ExternalTrafficPolicy.LOCAL');
      } else if (!findings.check(checkNodePort(p.healthCheckNodePort, range), 'SP_NODE_PORT_RANGE', 'healthCheckNodePort', p.healthCheckNodePort,
        `pick a port between ${range.min} and ${range.max}, or leave it out to let the cluster allocate one`)) {
        const clash = this.ports.findIndex((port) => port.nodePort === p.healthCheckNodePort);
        if (clash >= 0) {
          findings.add('SP_NODE_PORT_DUPLICATE', 'healthCheckNodePort', p.healthCheckNodePort, `is already used by ports[${clash}].nodePort`,
            'use another node port for the health check');
        }
      }
    }

    // warnings: behaviour that is valid but often not what was meant
    if (p.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL) {
      findings.warn('SP_TRAFFIC_POLICY_LOCAL', 'externalTrafficPolicy', p.externalTrafficPolicy,
        'only nodes with a ready local pod answer, and traffic is spread per node rather than per pod',
        'spread the pods over the nodes (topology spread constraints) and keep enough replicas, or use Cluster when the client IP does not matter');
    }
    if (isLb) {
      const ranges = [...(p.loadBalancerSourceRanges ?? []), ...(this.annotations[LB_SOURCE_RANGES_ANNOTATION] ?? '').split(',').map((r) => r.trim()).filter((r) => r)];
      const openRange = ranges.find((r) => r === '0.0.0.0/0' || r === '::/0');
      const internal = p.loadBalancerPreset !== undefined;
      if (openRange !== undefined || (ranges.length === 0 && !internal)) {
        findings.warn('SP_LOAD_BALANCER_OPEN', 'loadBalancerSourceRanges', openRange ?? ranges,
          'the load balancer accepts connections from any address (on most clouds: the internet)',
          'list the client CIDRs in loadBalancerSourceRanges, or use an internal load balancer (loadBalancerPreset)');
      }
    }

    // session affinity
    if (p.sessionAffinityTimeoutSeconds !== undefined) {
      if (p.sessionAffinity !== SessionAffinity.CLIENT_IP) {
        findings.add('SP_SESSION_AFFINITY_TIMEOUT', 'sessionAffinityTimeoutSeconds', p.sessionAffinityTimeoutSeconds,
          'is only valid with sessionAffinity ClientIP', 'set sessionAffinity: SessionAffinity.CLIENT_IP, or remove the timeout');
      } else {
        findings.check(checkSessionAffinityTimeout(p.sessionAffinityTimeoutSeconds), 'SP_SESSION_AFFINITY_TIMEOUT',
          'sessionAffinityTimeoutSeconds', p.sessionAffinityTimeoutSeconds, 'use between 1 and 86400 seconds (one day)');
      }
    }

    // LoadBalancer-only fields
    const rangesAnnotation = this.annotations[LB_SOURCE_RANGES_ANNOTATION];
    const lbOnly: Array<[string, unknown]> = [
      ['loadBalancerSourceRanges', (p.loadBalancerSourceRanges ?? []).length > 0 ? p.loadBalancerSourceRanges : undefined],
      [`annotations["${LB_SOURCE_RANGES_ANNOTATION}"]`, rangesAnnotation],
      ['loadBalancerClass', p.loadBalancerClass],
      ['allocateLoadBalancerNodePorts', p.allocateLoadBalancerNodePorts],
      ['loadBalancerPreset', p.loadBalancerPreset?.name],
    ];
    if (!isLb) {
      for (const [field, value] of lbOnly) {
        if (value !== undefined) {
          findings.add('SP_LOAD_BALANCER_ONLY', field, value, `is only valid for a LoadBalancer Service, and this one is ${p.type}`,
            `remove ${field}, or use type: ExposureType.LOAD_BALANCER`);
        }
      }
    } else {
      (p.loadBalancerSourceRanges ?? []).forEach((cidr, i) => {
        findings.check(checkCidr(cidr), 'SP_CIDR', `loadBalancerSourceRanges[${i}]`, cidr, 'give a network CIDR such as "203.0.113.0/24"');
      });
      if (rangesAnnotation !== undefined) {
        rangesAnnotation.split(',').map((cidr) => cidr.trim()).forEach((cidr) => {
          findings.check(checkCidr(cidr), 'SP_CIDR', `annotations["${LB_SOURCE_RANGES_ANNOTATION}"]`, cidr,
            'give comma-separated network CIDRs, or use the loadBalancerSourceRanges prop');
        });
      }
      if (p.loadBalancerClass !== undefined) {
        findings.check(checkQualifiedName(p.loadBalancerClass), 'SP_LOAD_BALANCER_CLASS', 'loadBalancerClass', p.loadBalancerClass,
          'use a prefixed name such as "service.k8s.aws/nlb"');
      }
    }

    // enum values from untyped callers
    const enums: Array<[string, unknown, readonly string[]]> = [
      ['externalTrafficPolicy', p.externalTrafficPolicy, Object.values(ExternalTrafficPolicy)],
      ['sessionAffinity', p.sessionAffinity, Object.values(SessionAffinity)],
      ['ipFamilyPolicy', p.ipFamilyPolicy, Object.values(IpFamilyPolicy)],
      ...(p.ipFamilies ?? []).map((f, i): [string, unknown, readonly string[]] => [`ipFamilies[${i}]`, f, Object.values(IpFamily)]),
    ];
    for (const [field, value, allowed] of enums) {
      if (value !== undefined) findings.check(checkOneOf(value, allowed), 'SP_ENUM', field, value, `use one of ${allowed.join(', ')}`);
    }

    // dual stack
    const families = p.ipFamilies ?? [];
    if (families.length > 2 || new Set(families).size !== families.length) {
      findings.add('SP_IP_FAMILIES', 'ipFamilies', families, 'must list at most two distinct families', 'use [IpFamily.IPV4], [IpFamily.IPV6] or both once');
    } else if (families.length === 2 && (p.ipFamilyPolicy === undefined || p.ipFamilyPolicy === IpFamilyPolicy.SINGLE_STACK)) {
      findings.add('SP_IP_FAMILY_POLICY', 'ipFamilyPolicy', p.ipFamilyPolicy ?? 'SingleStack (default)',
        'two IP families need a dual-stack policy', 'set ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK');
    }
  }

  /** Builds the Deployment, adding the default readiness probe where a container has none. */
  private buildDeployment(props: ExposedAppProps): kplus.Deployment {
    const deploymentProps = props.deploymentProps ?? {};
    const containers = [...(props.container ? [props.container] : []), ...(deploymentProps.containers ?? [])];
    if (containers.length === 0) {
      this.workloadFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_MISSING', 'container',
        'neither an existing Deployment nor a container to build one was given',
        'pass `container: { image, ports }` (or `deploymentProps.containers`), or `deployment`'));
    }
    // The default readiness probe: a TCP connect to the first exposed port that a container declares as a TCP
    // port (a TCP probe of a UDP or SCTP port would never succeed), on that container only, if it has none.
    const withProbes = [...containers];
    let probed: number | undefined;
    for (const port of this.ports) {
      const target = targetOf(port);
      const owner = containers.findIndex((c) => (c.ports ?? []).some((d) => d.name === target));
      if (target === undefined || owner < 0) continue;
      const declared = (containers[owner].ports ?? []).find((d) => d.name === target)!;
      if ((declared.protocol ?? kplus.Protocol.TCP) === kplus.Protocol.TCP && containers[owner].readiness === undefined) {
        withProbes[owner] = { ...containers[owner], readiness: kplus.Probe.fromTcpSocket({ port: declared.number }) };
        probed = owner;
      }
      break;
    }
    const deployment = createWorkload(this, 'Deployment', (withContainers) => new kplus.Deployment(this, 'Deployment', {
      ...deploymentProps,
      metadata: {
        ...deploymentProps.metadata,
        name: deploymentProps.metadata?.name ?? this.serviceName,
        // An explicit deploymentProps namespace is kept (and reported if it differs from the Service's).
        ...(props.namespace !== undefined && deploymentProps.metadata?.namespace === undefined ? { namespace: props.namespace } : {}),
      },
      containers: withContainers ? withProbes : [],
    }), this.workloadFindings);
    if (probed !== undefined && deployment.containers[probed]) this.defaultReadinessProbeContainers.push(deployment.containers[probed].name);
    return deployment;
  }
}

/** The container port name a Service port targets. */
function targetOf(port: ExposedPort): string | undefined {
  if (port.containerPort !== undefined) return port.containerPort;
  if (port.name !== undefined && port.name !== '') return port.name;
  return undefined;
}
