import { Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { noteChange, ServiceFacts } from './report';
import {
  collectPodTargetFindings,
  collectWorkloadSelectorFindings,
  createWorkload,
  RenderedServicePort,
  ServicePatternBase,
  ServicePatternProps,
  ServicePortOptions,
} from './service-base';
import {
  checkDns1123Label,
  checkIanaSvcName,
  checkNonNegativeInteger,
  collectLabelFindings,
  FindingCollector,
  suggestDns1123Label,
} from './validation';

/**
 * A port of a headless Service.
 */
export interface HeadlessServicePort extends ServicePortOptions {
  /**
   * The name of the container port the Service port targets (`targetPort`). Targeting the port by name
   * lets the container's port number change without touching the Service.
   *
   * @default - the Service port's `name`; for an unnamed port, the `port` number itself
   */
  readonly containerPort?: string;
}

/**
 * Options shared by a headless Service on its own and a headless Service governing a StatefulSet.
 */
export interface HeadlessServiceOptions extends ServicePatternProps {
  /**
   * Whether DNS publishes the addresses of pods that are not ready. Peers of a clustered database
   * (ZooKeeper, etcd, Kafka) usually need it to find each other before they are ready.
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

/**
 * Properties of a {@link HeadlessService}.
 */
export interface HeadlessServiceProps extends HeadlessServiceOptions {
  /**
   * The Service ports. A headless Service needs no ports: DNS alone gives clients the pod addresses.
   *
   * @default - no ports
   */
  readonly ports?: HeadlessServicePort[];

  /**
   * Labels of the pods the Service selects. Use `selectPodsOf()` to select the pods of a cdk8s-plus workload.
   *
   * @default - no labels; add some or call `selectPodsOf()`, or the Service selects no pods
   */
  readonly selector?: { [key: string]: string };
}

/**
 * A headless Service (`type: ClusterIP`, `clusterIP: None`): cluster DNS answers its name with the addresses
 * of the selected pods, and a pod whose `subdomain` is the Service name and whose `hostname` is set gets its
 * own DNS name `<hostname>.<service>.<namespace>.svc.<clusterDomain>`.
 *
 * Use it on its own for pods that set `hostname`/`subdomain`; `HeadlessStatefulService` builds on it to govern
 * a StatefulSet.
 */
export class HeadlessService extends ServicePatternBase {
  /** Whether not-ready pod addresses are published. */
  public readonly publishNotReadyAddresses: boolean;

  private readonly ports: HeadlessServicePort[];
  private readonly selectorLabels: { [key: string]: string };
  private readonly selectedWorkloads: Array<{ workload: kplus.Workload; field: string; kind: string }> = [];
  private readonly publishNotReadyAddressesSet: boolean;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: HeadlessServiceProps = {}) {
    super(scope, id, props);
    this.ports = [...(props.ports ?? [])];
    this.selectorLabels = { ...(props.selector ?? {}) };
    this.publishNotReadyAddressesSet = props.publishNotReadyAddresses !== undefined;
    this.publishNotReadyAddresses = props.publishNotReadyAddresses ?? false;
  }

  /**
   * Makes the Service select the pods of a cdk8s-plus workload (its `matchLabels`, read at synth time).
   */
  public selectPodsOf(workload: kplus.Workload): void {
    this._selectPods(workload, 'selectPodsOf', 'workload');
  }

  /**
   * Selects the pods of `workload`; `field` and `kind` name it in messages.
   * @internal
   */
  protected _selectPods(workload: kplus.Workload, field: string, kind: string): void {
    this.selectedWorkloads.push({ workload, field, kind });
    noteChange();
  }

  /**
   * Adds a port to the Service.
   */
  public addPort(port: HeadlessServicePort): void {
    this.ports.push(port);
    noteChange();
  }

  /**
   * The fully qualified DNS name of a pod whose `hostname` is `hostname` and whose `subdomain` is this
   * Service's name: `<hostname>.<service>.<namespace>.svc.<clusterDomain>`.
   */
  public podDnsName(hostname: string): string {
    return `${hostname}.${this.dnsName}`;
  }

  /** @internal */
  public _serviceFacts(): Omit<ServiceFacts, 'kind' | 'name' | 'namespace'> {
    return { type: 'ClusterIP', hasSelector: Object.keys(this.selector).length > 0, manualEndpoints: false, ports: this.ports.map((p) => ({ ...p })) };
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /** The Service ports, in order. */
  public get servicePorts(): HeadlessServicePort[] {
    return [...this.ports];
  }

  /**
   * The label selector the Service renders: the `selector` prop merged with the selected workloads' labels.
   */
  public get selector(): { [key: string]: string } {
    const labels: { [key: string]: string } = { ...this.selectorLabels };
    for (const { workload } of this.selectedWorkloads) {
      Object.assign(labels, workload.matchLabels);
    }
    return labels;
  }

  /** @internal */
  protected _renderServiceSpec(): kplus.k8s.ServiceSpec {
    const selector = this.selector;
    return {
      type: 'ClusterIP',
      clusterIp: 'None',
      ...(Object.keys(selector).length > 0 ? { selector } : {}),
      ...(this.publishNotReadyAddressesSet ? { publishNotReadyAddresses: this.publishNotReadyAddresses } : {}),
      ports: this._renderPorts(this.ports.map((p): RenderedServicePort => ({ ...p, targetPort: headlessTargetPort(p) }))),
    };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    this._collectPortFindings(findings, this.ports);
    this.ports.forEach((p, i) => {
      const target = headlessTargetPort(p);
      if (typeof target === 'string' && checkIanaSvcName(target) !== undefined) {
        // The target defaults to the port name, which only has to be a DNS-1123 label; a named targetPort must
        // also be an IANA service name, or the API server refuses the Service.
        findings.add('SP_TARGET_PORT_NAME', `ports[${i}].containerPort`, target,
          `${checkIanaSvcName(target)}${p.containerPort === undefined ? ' (it defaults to the port name)' : ''}`,
          'name container ports (and refer to them) with IANA service names such as "http" or "peer"');
      }
    });
    collectLabelFindings(findings, 'selector', this.selectorLabels);
    this.selectedWorkloads.forEach(({ workload, field, kind }) => collectWorkloadSelectorFindings(findings, workload, field, this.namespace, kind));
  }
}

/** The `targetPort` a headless Service port renders. */
function headlessTargetPort(port: HeadlessServicePort): string | number {
  if (port.containerPort !== undefined) return port.containerPort;
  if (port.name !== undefined && port.name !== '') return port.name;
  return port.port;
}

/**
 * Properties of a {@link HeadlessStatefulService}: either an existing cdk8s-plus StatefulSet, or the options
 * to build one (`container` and/or `statefulSetProps`) — not both.
 */
export interface HeadlessStatefulServiceProps extends HeadlessServiceOptions {
  /**
   * An existing cdk8s-plus StatefulSet to govern. It must have been created without a `service` of its own:
   * cdk8s-plus then creates a placeholder Service, which this construct replaces (it takes over its name).
   *
   * @default - a StatefulSet is built from `container` and `statefulSetProps`
   */
  readonly statefulSet?: kplus.StatefulSet;

  /**
   * The main container of the StatefulSet to build (image, named ports, env, resources, probes...).
   *
   * @default - only the containers of `statefulSetProps`
   */
  readonly container?: kplus.ContainerProps;

  /**
   * Options of the StatefulSet to build: replicas, podManagementPolicy, strategy, volumes, security context,
   * more containers... `service` must not be set (this construct provides the governing Service).
   * `metadata.name` defaults to the Service name.
   *
   * @default - one replica, cdk8s-plus defaults
   */
  readonly statefulSetProps?: kplus.StatefulSetProps;

  /**
   * The Service ports.
   *
   * @default - one port per named container port of the StatefulSet's containers (same number, targeting
   * the port by name); pass `[]` for a Service without ports
   */
  readonly ports?: HeadlessServicePort[];
}

/** The longest StatefulSet name whose pods' controller-revision-hash label still fits in 63 characters. */
const MAX_STATEFUL_SET_NAME = 52;

/**
 * A headless Service governing a StatefulSet: the StatefulSet's `spec.serviceName` is the Service name, the
 * Service selects exactly the StatefulSet's pods, and every pod gets a stable DNS name
 * `<statefulSet>-<ordinal>.<service>.<namespace>.svc.<clusterDomain>` — what databases and consensus peers
 * (ZooKeeper, Kafka, etcd) use to find each other.
 */
export class HeadlessStatefulService extends HeadlessService {
  /** The StatefulSet (built by this construct or passed in). */
  public readonly statefulSet: kplus.StatefulSet;

  /** The StatefulSet's name. */
  public readonly statefulSetName: string;

  /** The number of replicas the DNS names below are computed for. */
  public readonly replicas: number;

  /** The pods' hostnames, by ordinal: `<statefulSet>-0`, `<statefulSet>-1`, ... */
  public readonly podHostnames: string[];

  /**
   * The pods' fully qualified DNS names, by ordinal:
   * `<statefulSet>-<ordinal>.<service>.<namespace>.svc.<clusterDomain>`.
   */
  public readonly podDnsNames: string[];

  private readonly propsFindings: Array<(findings: FindingCollector) => void> = [];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: HeadlessStatefulServiceProps) {
    const existing = props.statefulSet;
    super(scope, id, {
      ...props,
      ports: [],
      serviceName: props.serviceName ?? existing?.service.name,
    });

    const buildOptionsGiven = props.container !== undefined || props.statefulSetProps !== undefined;
    if (existing !== undefined) {
      this.statefulSet = existing;
      this.adoptStatefulSet(existing, props, buildOptionsGiven);
    } else {
      this.statefulSet = this.buildStatefulSet(props);
    }
    this.statefulSetName = this.statefulSet.name;
    this._selectPods(this.statefulSet, 'statefulSet', 'StatefulSet');
    // The governing Service should exist before the StatefulSet's pods start resolving peers. A built
    // StatefulSet comes after the Service in the output anyway (creation order); an existing one needs the edge.
    if (existing !== undefined) this.statefulSet.node.addDependency(this.service);

    for (const port of props.ports ?? this.defaultPorts()) {
      this.addPort(port);
    }

    const replicas = this.statefulSet.replicas ?? 1;
    this.replicas = replicas;
    const count = Number.isInteger(replicas) && replicas > 0 ? replicas : 0;
    this.podHostnames = Array.from({ length: count }, (_, i) => `${this.statefulSetName}-${i}`);
    this.podDnsNames = this.podHostnames.map((hostname) => this.podDnsName(hostname));
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    super._collectFindings(findings);
    for (const collect of this.propsFindings) collect(findings);

    const stsName = this.statefulSetName;
    if (!findings.check(checkDns1123Label(stsName), 'SP_STATEFULSET_NAME', 'statefulSet.name', stsName,
      () => `pod hostnames are "<name>-<ordinal>", so use a DNS-1123 label such as ${JSON.stringify(suggestDns1123Label(stsName).slice(0, MAX_STATEFUL_SET_NAME))}`)
      && stsName.length > MAX_STATEFUL_SET_NAME) {
      findings.add('SP_STATEFULSET_NAME_LENGTH', 'statefulSet.name', stsName,
        `is ${stsName.length} characters long; StatefulSet names over ${MAX_STATEFUL_SET_NAME} characters make the pods' controller-revision-hash label exceed 63 characters and the controller fails to create pods`,
        `shorten it to ${MAX_STATEFUL_SET_NAME} characters or fewer`);
    }

    findings.check(checkNonNegativeInteger(this.replicas), 'SP_REPLICAS', 'replicas', this.replicas, 'use 0 or more replicas');

    collectPodTargetFindings(findings, `StatefulSet ${JSON.stringify(this.statefulSetName)}`, this.statefulSet,
      this.servicePorts.map((p, i) => ({ field: `ports[${i}].containerPort`, target: headlessTargetPort(p), protocol: p.protocol })));
  }

  /** The default Service ports: one per named container port. */
  private defaultPorts(): HeadlessServicePort[] {
    const ports: HeadlessServicePort[] = [];
    const unnamed: number[] = [];
    for (const container of this.statefulSet.containers) {
      for (const port of container.ports) {
        if (port.name === undefined) {
          unnamed.push(port.number);
        } else {
          ports.push({ name: port.name, port: port.number, containerPort: port.name, protocol: port.protocol });
        }
      }
    }
    if (unnamed.length > 0) {
      this.propsFindings.push((findings) => findings.add('SP_CONTAINER_PORT_UNNAMED', 'ports', unnamed,
        'the Service ports default to the named container ports, and these container ports have no name',
        'name the container ports (ports: [{ number: 80, name: "http" }]) or pass `ports` explicitly ([] for none)'));
    }
    return ports;
  }

  /** Builds the StatefulSet from container options, governed by this Service. */
  private buildStatefulSet(props: HeadlessStatefulServiceProps): kplus.StatefulSet {
    const stsProps = props.statefulSetProps ?? {};
    if (props.container === undefined && (stsProps.containers ?? []).length === 0) {
      this.propsFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_MISSING', 'container',
        'neither an existing StatefulSet nor a container to build one was given',
        'pass `container: { image, ports }` (or `statefulSetProps.containers`), or `statefulSet`'));
    }
    if (stsProps.service !== undefined) {
      this.propsFindings.push((findings) => findings.add('SP_STATEFULSET_SERVICE', 'statefulSetProps.service', stsProps.service?.node.path,
        'this construct provides the governing Service; a second one would be emitted',
        'remove `statefulSetProps.service`'));
    }
    // cdk8s-plus wants a Service object to take the governing Service's name from. Hand it a placeholder with
    // our Service's name and detach it from the tree, so it never reaches the output: the Service this
    // construct emits (with named target ports, publishNotReadyAddresses, ...) is the only one.
    const placeholder = new kplus.Service(this, 'GoverningServiceName', {
      metadata: { name: this.serviceName },
      clusterIP: 'None',
    });
    this.node.tryRemoveChild(placeholder.node.id);
    const explicitNamespace = props.namespace;
    return createWorkload(this, 'StatefulSet', (withContainers) => new kplus.StatefulSet(this, 'StatefulSet', {
      ...stsProps,
      metadata: {
        ...stsProps.metadata,
        // The Service name, unless it was generated: a generated name may be longer than a StatefulSet allows.
        name: stsProps.metadata?.name
          ?? (props.serviceName !== undefined ? this.serviceName : Names.toDnsLabel(this, { maxLen: MAX_STATEFUL_SET_NAME })),
        // An explicit statefulSetProps namespace is kept (and reported if it differs from the Service's).
        ...(explicitNamespace !== undefined && stsProps.metadata?.namespace === undefined ? { namespace: explicitNamespace } : {}),
      },
      containers: withContainers ? [...(props.container ? [props.container] : []), ...(stsProps.containers ?? [])] : [],
      service: placeholder,
    }), this.propsFindings);
  }

  /** Takes over an existing StatefulSet: replaces the placeholder Service cdk8s-plus created for it. */
  private adoptStatefulSet(sts: kplus.StatefulSet, props: HeadlessStatefulServiceProps, buildOptionsGiven: boolean): void {
    if (buildOptionsGiven) {
      this.propsFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_CONFLICT', 'statefulSet',
        'both an existing StatefulSet and options to build one (container / statefulSetProps) were given',
        'pass either `statefulSet` or `container`/`statefulSetProps`, not both'));
    }
    const governing = sts.service;
    if (props.serviceName !== undefined && props.serviceName !== governing.name) {
      this.propsFindings.push((findings) => findings.add('SP_SERVICE_NAME_CONFLICT', 'serviceName', props.serviceName,
        `the existing StatefulSet ${JSON.stringify(sts.name)} is governed by Service name ${JSON.stringify(governing.name)} (its spec.serviceName)`,
        'omit `serviceName` (it is taken from the StatefulSet), or let this construct build the StatefulSet'));
    }
    if (governing.node.scope === sts) {
      // The Service cdk8s-plus created for the StatefulSet: remove it, this construct emits the governing Service.
      sts.node.tryRemoveChild(governing.node.id);
    } else {
      this.propsFindings.push((findings) => findings.add('SP_STATEFULSET_SERVICE', 'statefulSet.service', governing.node.path,
        'the StatefulSet was created with its own Service, which would be emitted next to this construct\'s Service',
        'create the StatefulSet without `service`, or let this construct build it from `container`'));
    }
  }
}
