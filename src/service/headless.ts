import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { AppLabelsProps, appLabels, collectAppLabelFindings, defaultAppName } from './app-labels';
import { RenderedServicePort, ServicePatternBase, ServicePatternProps, ServicePortOptions } from './service-base';
import { TargetPort } from './target-port';
import { FindingCollector } from '../private/findings';
import { guardProps, instanceOf, rebase, req } from '../private/guards';
import { copyModel } from '../private/model';
import { PodsFacts, podsOfAnyManifest } from '../private/pods';
import { HEADLESS_SERVICE_PORT, HEADLESS_SERVICE_PROPS, HEADLESS_STATEFUL_SERVICE_PROPS } from '../private/prop-shapes';
import { checkDns1123Label, checkIanaSvcName, collectLabelFindings, nameFromId, suggestDns1123Label } from '../private/rules/names';
import { checkPortNumber } from '../private/rules/ports';
import { checkReplicas } from '../private/rules/values';
import {
  collectPodTargetFindings, collectWorkloadSelectorFindings, createWorkload, isPatched, manifestOfConstruct, podsOfConstruct, podsOfWorkload,
} from '../private/workload';

/** A port of a headless Service. */
export interface HeadlessServicePort extends ServicePortOptions {
  /**
   * The container port the Service port targets (`targetPort`): `TargetPort.named('pg')` or
   * `TargetPort.number(5432)`. Targeting the port by name lets the container's port number change without
   * touching the Service.
   *
   * @default - the Service port's `name`; for an unnamed port, the `port` number itself
   */
  readonly targetPort?: TargetPort;
}

/** Options shared by a headless Service on its own and a headless Service governing a StatefulSet. */
export interface HeadlessServiceOptions extends ServicePatternProps {
  /**
   * Whether DNS publishes the addresses of pods that are not ready. Peers of a clustered database
   * (ZooKeeper, etcd, Kafka) usually need it to find each other before they are ready.
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

/** Properties of a {@link HeadlessService}. */
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
  /** The workloads whose pods the Service selects; `field` and `kind` name them in messages. */
  private readonly selectedWorkloads: Array<{ pods: () => PodsFacts | undefined; source: string; field: string }> = [];
  /** The `publishNotReadyAddresses` prop, rendered only when given. */
  private readonly publishNotReadyAddressesGiven?: boolean;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: HeadlessServiceProps = {}) {
    const guarded = guardProps(props, HEADLESS_SERVICE_PROPS);
    super(scope, id, guarded.value);
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(guarded.value);
    this.ports = model.ports ?? [];
    this.selectorLabels = model.selector ?? {};
    this.publishNotReadyAddressesGiven = model.publishNotReadyAddresses;
    this.publishNotReadyAddresses = model.publishNotReadyAddresses ?? false;
  }

  /**
   * Makes the Service select the pods of a workload: a cdk8s-plus workload of any version, a raw
   * `KubeDeployment` / `KubeStatefulSet`, or any construct whose ApiObject has a pod template. The workload is not
   * copied: its selector is read as it is at synth (from its resolved manifest, but for cdk8s-plus-27's typed API).
   *
   * @param workload the workload whose pods to select
   */
  public selectPodsOf(workload: IConstruct): void {
    const given = this._guard<IConstruct>(workload, req(instanceOf('Construct', () => Construct, 'a workload construct (any cdk8s-plus version, or a KubeDeployment)')), 'selectPodsOf');
    if (given === undefined) return;
    const pods = given instanceof kplus.Workload ? () => podsOfWorkload(given, 'workload') : () => podsOfConstruct(given);
    this._selectPods(pods, given.node.path, 'selectPodsOf');
  }

  /** Adds a port to the Service (a copy of `port`). */
  public addPort(port: HeadlessServicePort): void {
    // a refused port keeps its place (empty), so the next ones keep their index in messages
    this.ports.push(copyModel(this._guard<HeadlessServicePort>(port, req(HEADLESS_SERVICE_PORT), `ports[${this.ports.length}]`) ?? {} as HeadlessServicePort));
  }

  /**
   * The fully qualified DNS name of a pod whose `hostname` is `hostname` and whose `subdomain` is this
   * Service's name: `<hostname>.<service>.<namespace>.svc.<clusterDomain>`.
   */
  public podDnsName(hostname: string): string {
    return `${hostname}.${this._dnsName(this._namespaceFor('podDnsName'))}`;
  }

  /** The Service ports, in order (a copy). */
  public get servicePorts(): HeadlessServicePort[] {
    return copyModel([...this._portModel()]);
  }

  /**
   * The label selector the Service renders: the `selector` prop merged with the selected workloads' labels.
   */
  public get selector(): { [key: string]: string } {
    const labels: { [key: string]: string } = { ...this.selectorLabels };
    for (const { pods } of this.selectedWorkloads) {
      Object.assign(labels, pods()?.matchLabels);
    }
    return labels;
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this._portModel().map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /**
   * Selects the pods `pods` reads at synth (undefined: not a workload); `source` and `field` name them in messages.
   * @internal
   */
  protected _selectPods(pods: () => PodsFacts | undefined, source: string, field: string): void {
    this.selectedWorkloads.push({ pods, source, field });
  }

  /**
   * The Service ports the construct renders and checks, in order.
   * @internal
   */
  protected _portModel(): readonly HeadlessServicePort[] {
    return this.ports;
  }

  /** @internal */
  protected _renderServiceSpec(): { [field: string]: unknown } {
    const selector = this.selector;
    const ports = this._renderPorts(this._portModel().map((p): RenderedServicePort => ({
      port: p.port, name: p.name, protocol: p.protocol, appProtocol: p.appProtocol, targetPort: headlessTargetPort(p),
    })));
    return {
      type: 'ClusterIP',
      clusterIP: 'None',
      ...(Object.keys(selector).length > 0 ? { selector } : {}),
      ...(this.publishNotReadyAddressesGiven !== undefined ? { publishNotReadyAddresses: this.publishNotReadyAddressesGiven } : {}),
      ...(ports !== undefined ? { ports } : {}),
    };
  }

  /** @internal */
  protected _collectServiceFindings(findings: FindingCollector): void {
    const ports = this._portModel();
    this._collectPortFindings(findings, ports);
    ports.forEach((p, i) => {
      rebase(p.targetPort?._guardFindings ?? [], `ports[${i}].targetPort`).forEach((f) => findings.addFinding(f));
      collectTargetPortFindings(findings, p, `ports[${i}].targetPort`);
    });
    collectLabelFindings(findings, 'selector', this.selectorLabels);
    for (const { pods, source, field } of this.selectedWorkloads) {
      const facts = pods();
      if (facts === undefined) {
        findings.add('SP_WORKLOAD_OBJECT', field, source, 'is not a workload: it holds no ApiObject with a pod template',
          'pass a Deployment or StatefulSet construct (any cdk8s-plus version, or a KubeDeployment / KubeStatefulSet)');
      } else {
        collectWorkloadSelectorFindings(findings, facts, field, this.namespace);
      }
    }
  }
}

/** The `targetPort` a headless Service port renders. */
function headlessTargetPort(port: HeadlessServicePort): string | number {
  const explicit = port.targetPort?._value;
  if (explicit !== undefined) return explicit;
  if (port.name !== undefined && port.name !== '') return port.name;
  return port.port;
}

/** Checks a port's target: a number is a port number; a name (given or defaulted) is an IANA service name. */
function collectTargetPortFindings(findings: FindingCollector, port: HeadlessServicePort, field: string): void {
  const target = headlessTargetPort(port);
  if (typeof target === 'number') {
    // A target defaulting to the port number is checked with the port.
    if (port.targetPort !== undefined) {
      findings.check(checkPortNumber(target), 'SP_PORT_NUMBER', field, target, 'target a container port between 1 and 65535');
    }
    return;
  }
  // The target defaults to the port name, which only has to be a DNS-1123 label; a named targetPort must also
  // be an IANA service name, or the API server refuses the Service.
  const violation = checkIanaSvcName(target);
  if (violation !== undefined) {
    findings.add('SP_TARGET_PORT_NAME', field, target,
      `${violation}${port.targetPort === undefined ? ' (it defaults to the port name)' : ''}`,
      'name container ports (and refer to them) with IANA service names such as "http" or "peer"');
  }
}

/**
 * Properties of a {@link HeadlessStatefulService}: an existing StatefulSet (`statefulSet` for cdk8s-plus-27,
 * `workload` for any other), or the options to build one (`container` and/or `statefulSetProps`) — one of them.
 */
export interface HeadlessStatefulServiceProps extends HeadlessServiceOptions, AppLabelsProps {
  /**
   * An existing cdk8s-plus StatefulSet to govern. It must have been created without a `service` of its own:
   * cdk8s-plus then creates a placeholder Service, which this construct replaces (it takes over its name).
   * The StatefulSet is not copied: its labels, namespace and containers are read as they are at synth.
   *
   * @default - a StatefulSet is built from `container` and `statefulSetProps`
   */
  readonly statefulSet?: kplus.StatefulSet;

  /**
   * An existing StatefulSet of any kind to govern: a StatefulSet of any cdk8s-plus version (27 to 34), a raw
   * `KubeStatefulSet`, or any construct whose ApiObject is a StatefulSet. Its name, replicas, selector, pod labels
   * and container ports are read from its resolved manifest at synth. Its `spec.serviceName` becomes the Service
   * name: a cdk8s-plus StatefulSet's own placeholder Service is removed (as for `statefulSet`); a raw
   * StatefulSet's `spec.serviceName` is the default Service name.
   *
   * @default - see `statefulSet` and `container`
   */
  readonly workload?: IConstruct;

  /**
   * The main container of the StatefulSet to build (image, named ports, env, resources, probes...).
   *
   * @default - only the containers of `statefulSetProps`
   */
  readonly container?: kplus.ContainerProps;

  /**
   * Options of the StatefulSet to build: replicas, podManagementPolicy, strategy, volumes, security context,
   * more containers... `service` must not be set (this construct provides the governing Service).
   * `metadata.name` defaults to the Service name (a generated Service name is cut to 52 characters);
   * `metadata.namespace` to the `namespace` prop.
   *
   * @default - cdk8s-plus-27's StatefulSet defaults (1 replica, OrderedReady, RollingUpdate), named after the
   * Service
   */
  readonly statefulSetProps?: kplus.StatefulSetProps;

  /**
   * The Service ports.
   *
   * @default - one port per named container port of the StatefulSet's containers as they are at synth (same
   * name and number, targeting the port by name); pass `[]` for a Service without ports
   */
  readonly ports?: HeadlessServicePort[];
}

/** What the checks and the DNS names read of a governed StatefulSet, as it is now. */
interface StatefulSetFacts {
  /** Undefined: not a workload (no ApiObject with a pod template). */
  readonly pods?: PodsFacts;
  readonly name: string;
  readonly replicas: number;
}

/** A cdk8s-plus-27 StatefulSet, through its typed API (from its resolved manifest once it was patched). */
function typedStatefulSetFacts(sts: kplus.StatefulSet): StatefulSetFacts {
  if (isPatched(sts)) return manifestStatefulSetFacts(sts);
  return { pods: podsOfWorkload(sts, 'StatefulSet'), name: sts.name, replicas: sts.replicas ?? 1 };
}

/** A StatefulSet of any kind, from its resolved manifest. */
function manifestStatefulSetFacts(workload: IConstruct): StatefulSetFacts {
  const manifest = manifestOfConstruct(workload);
  const name: unknown = manifest?.metadata?.name;
  const replicas: unknown = manifest?.spec?.replicas;
  return {
    pods: manifest === undefined ? undefined : podsOfAnyManifest(manifest, workload.node.path),
    name: typeof name === 'string' ? name : '',
    // as written: a value that is not a count is reported by the replicas rule
    replicas: replicas === undefined ? 1 : replicas as number,
  };
}

/** The longest StatefulSet name whose pods' controller-revision-hash label still fits in 63 characters. */
const MAX_STATEFUL_SET_NAME = 52;

/** The props of the headless Service a HeadlessStatefulService is (its own ports are added or derived later). */
function serviceOptionsOf(props: HeadlessStatefulServiceProps): HeadlessServiceProps {
  const { statefulSet, workload, container, statefulSetProps, appName, appInstance, appComponent, appPartOf, selectorLabels, ...options } = props;
  const governing = statefulSet?.service.name ?? (workload !== undefined ? governingServiceOf(workload).name : undefined);
  return { ...options, serviceName: props.serviceName ?? governing, ports: props.ports ?? [] };
}

/**
 * The Service governing a StatefulSet of any kind: a cdk8s-plus StatefulSet's `service` (any version: the
 * construct and its name), else the `spec.serviceName` of its manifest (a raw KubeStatefulSet).
 */
function governingServiceOf(workload: IConstruct): { readonly construct?: IConstruct; readonly name?: string } {
  const service: unknown = (workload as { service?: unknown }).service;
  if (Construct.isConstruct(service)) {
    const name: unknown = (service as { name?: unknown }).name;
    return { construct: service, ...(typeof name === 'string' ? { name } : {}) };
  }
  const declared = manifestOfConstruct(workload)?.spec?.serviceName;
  return typeof declared === 'string' ? { name: declared } : {};
}

/**
 * A headless Service governing a StatefulSet: the StatefulSet's `spec.serviceName` is the Service name, the
 * Service selects exactly the StatefulSet's pods, and every pod gets a stable DNS name
 * `<statefulSet>-<ordinal>.<service>.<namespace>.svc.<clusterDomain>` — what databases and consensus peers
 * (ZooKeeper, Kafka, etcd) use to find each other.
 */
export class HeadlessStatefulService extends HeadlessService {
  /**
   * The cdk8s-plus-27 StatefulSet (built by this construct or passed as `statefulSet`), read as it is at synth.
   *
   * @default - none: the StatefulSet is the `workload` given (of another kind)
   */
  public readonly statefulSet?: kplus.StatefulSet;

  /** The StatefulSet, whatever its kind (built, `statefulSet` or `workload`). */
  public readonly workload: IConstruct;

  /** Whether the ports come from the StatefulSet's named container ports (no `ports` prop). */
  private readonly portsFromWorkload: boolean;
  /** Findings about the props, decided at construction (conflicts, a refused workload). */
  private readonly propsFindings: Array<(findings: FindingCollector) => void> = [];
  /** The recommended labels of what the construct emits, and the selector of a StatefulSet it builds. */
  private readonly appLabels: { readonly labels: { [key: string]: string }; readonly selector: { [key: string]: string } };
  /** The StatefulSet's pods, name and replicas as they are now (typed for cdk8s-plus-27, else from its manifest). */
  private readonly read: () => StatefulSetFacts;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: HeadlessStatefulServiceProps) {
    const guarded = guardProps(props, HEADLESS_STATEFUL_SERVICE_PROPS);
    super(scope, id, serviceOptionsOf(guarded.value));
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(guarded.value);
    this.portsFromWorkload = model.ports === undefined;
    this.appLabels = appLabels(model, defaultAppName(model.serviceName, id));
    for (const [key, value] of Object.entries(this.appLabels.labels)) {
      if (!(key in this._labels)) this.service.metadata.addLabel(key, value);
    }
    this.propsFindings.push((findings) => collectAppLabelFindings(findings, model));
    const buildOptionsGiven = model.container !== undefined || model.statefulSetProps !== undefined;
    const given = (['statefulSet', 'workload'] as const).filter((k) => model[k] !== undefined);
    if (given.length + (buildOptionsGiven ? 1 : 0) > 1) {
      const named = [...given, ...(buildOptionsGiven ? ['container/statefulSetProps'] : [])].join(', ');
      this.propsFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_CONFLICT', given[0],
        `the StatefulSet is given more than once (${named})`, 'pass one of `statefulSet`, `workload`, or `container`/`statefulSetProps`'));
    }
    const existing = model.statefulSet ?? (model.workload instanceof kplus.StatefulSet ? model.workload : undefined);
    if (existing !== undefined) {
      this.statefulSet = existing;
      this.workload = existing;
      this.adoptStatefulSet(existing, model.serviceName);
      this.read = () => typedStatefulSetFacts(existing);
    } else if (model.workload !== undefined) {
      const workload = model.workload;
      this.workload = workload;
      this.adoptWorkload(workload, model.serviceName);
      this.read = () => manifestStatefulSetFacts(workload);
    } else {
      const built = this.buildStatefulSet(model);
      this.statefulSet = built;
      this.workload = built;
      this.read = () => typedStatefulSetFacts(built);
    }
    this._selectPods(() => this.read().pods, this.workload.node.path, given[0] ?? 'statefulSet');
    // The governing Service should exist before the StatefulSet's pods start resolving peers. A built
    // StatefulSet comes after the Service in the output anyway (creation order); an existing one needs the edge.
    if (given.length > 0) this.workload.node.addDependency(this.service);
  }

  /** The StatefulSet's name, as it is now (read from its manifest for a `workload` of another kind). */
  public get statefulSetName(): string {
    return this.read().name;
  }

  /** The number of replicas the DNS names below are computed for, as it is now (default 1). */
  public get replicas(): number {
    return this.read().replicas;
  }

  /** The pods' hostnames, by ordinal: `<statefulSet>-0`, `<statefulSet>-1`, ... */
  public get podHostnames(): string[] {
    const count = checkReplicas(this.replicas) === undefined ? this.replicas : 0;
    return Array.from({ length: count }, (_, i) => `${this.statefulSetName}-${i}`);
  }

  /**
   * The pods' fully qualified DNS names, by ordinal:
   * `<statefulSet>-<ordinal>.<service>.<namespace>.svc.<clusterDomain>`.
   */
  public get podDnsNames(): string[] {
    return this.podHostnames.map((hostname) => this.podDnsName(hostname));
  }

  /**
   * The ports given (or added), after the StatefulSet's named container ports when no `ports` were given.
   * @internal
   */
  protected _portModel(): readonly HeadlessServicePort[] {
    const added = super._portModel();
    return this.portsFromWorkload ? [...this.workloadPorts().named, ...added] : added;
  }

  /** @internal */
  protected _collectServiceFindings(findings: FindingCollector): void {
    super._collectServiceFindings(findings);
    for (const collect of this.propsFindings) collect(findings);
    const unnamed = this.portsFromWorkload ? this.workloadPorts().unnamed : [];
    if (unnamed.length > 0) {
      findings.add('SP_CONTAINER_PORT_UNNAMED', 'ports', unnamed,
        'the Service ports default to the named container ports, and these container ports have no name',
        'name the container ports (ports: [{ number: 80, name: "http" }]) or pass `ports` explicitly ([] for none)');
    }
    const facts = this.read();
    if (facts.pods === undefined) return; // not a workload: SP_WORKLOAD_OBJECT
    if (facts.pods.kind !== 'StatefulSet') {
      findings.add('SP_WORKLOAD_KIND', 'workload', `${facts.pods.kind} ${this.workload.node.path}`,
        'a headless Service governs a StatefulSet (its pods get stable DNS names from it); this workload is of another kind',
        'pass a StatefulSet, or front the workload with HeadlessService.selectPodsOf() or ExposedApp');
      return;
    }
    this.collectStatefulSetNameFindings(findings);
    findings.check(checkReplicas(facts.replicas), 'SP_REPLICAS', 'replicas', facts.replicas, 'use 0 or more replicas');
    collectPodTargetFindings(findings, facts.pods,
      this._portModel().map((p, i) => ({ field: `ports[${i}].targetPort`, target: headlessTargetPort(p), protocol: p.protocol })));
  }

  /** The StatefulSet name is a DNS-1123 label of at most 52 characters. */
  private collectStatefulSetNameFindings(findings: FindingCollector): void {
    const stsName = this.statefulSetName;
    if (!findings.check(checkDns1123Label(stsName), 'SP_STATEFULSET_NAME', 'statefulSet.name', stsName,
      () => `pod hostnames are "<name>-<ordinal>", so use a DNS-1123 label such as ${JSON.stringify(suggestDns1123Label(stsName).slice(0, MAX_STATEFUL_SET_NAME))}`)
      && stsName.length > MAX_STATEFUL_SET_NAME) {
      findings.add('SP_STATEFULSET_NAME_LENGTH', 'statefulSet.name', stsName,
        `is ${stsName.length} characters long; StatefulSet names over ${MAX_STATEFUL_SET_NAME} characters make the pods' controller-revision-hash label exceed 63 characters and the controller fails to create pods`,
        `shorten it to ${MAX_STATEFUL_SET_NAME} characters or fewer`);
    }
  }

  /** The StatefulSet's container ports as they are now: a Service port per named one, and the unnamed numbers. */
  private workloadPorts(): { named: HeadlessServicePort[]; unnamed: number[] } {
    const ports = (this.read().pods?.containers ?? []).flatMap((c) => c.ports);
    return {
      named: ports.flatMap((p) => (p.name === undefined ? []
        : [{ name: p.name, port: p.number, targetPort: TargetPort.named(p.name), protocol: p.protocol }])),
      unnamed: ports.filter((p) => p.name === undefined).map((p) => p.number),
    };
  }

  /** Builds the StatefulSet from container options, governed by this Service. */
  private buildStatefulSet(props: HeadlessStatefulServiceProps): kplus.StatefulSet {
    const stsProps = props.statefulSetProps ?? {};
    if (props.container === undefined && (stsProps.containers ?? []).length === 0) {
      this.propsFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_MISSING', 'container',
        'neither an existing StatefulSet nor a container to build one was given',
        'pass `container: { image, ports }` (or `statefulSetProps.containers`), or `statefulSet`'));
    }
    const ownService = stsProps.service;
    if (ownService !== undefined) {
      this.propsFindings.push((findings) => findings.add('SP_STATEFULSET_SERVICE', 'statefulSetProps.service', ownService.node.path,
        'this construct provides the governing Service; a second one would be emitted',
        'remove `statefulSetProps.service`'));
    }
    // cdk8s-plus wants a Service object to take the governing Service's name from. Hand it a placeholder with
    // our Service's name and detach it from the tree, so it never reaches the output: the Service this
    // construct emits (with named target ports, publishNotReadyAddresses, ...) is the only one.
    const placeholder = new kplus.Service(this, 'GoverningServiceName', { metadata: { name: this.serviceName }, clusterIP: 'None' });
    this.node.tryRemoveChild(placeholder.node.id);
    const namespace = props.namespace;
    const { labels, selector } = this.appLabels;
    const statefulSet = createWorkload(this, 'StatefulSet', (withContainers) => new kplus.StatefulSet(this, 'StatefulSet', {
      ...stsProps,
      // selected by stable labels, not by cdk8s-plus's label hashed from the construct path (spec.selector is immutable)
      select: false,
      podMetadata: { ...stsProps.podMetadata, labels: { ...labels, ...selector, ...stsProps.podMetadata?.labels } },
      metadata: {
        ...stsProps.metadata,
        labels: { ...labels, ...stsProps.metadata?.labels },
        // The Service name, unless it was generated: a generated name may be longer than a StatefulSet allows.
        name: stsProps.metadata?.name
          ?? (props.serviceName !== undefined ? this.serviceName : nameFromId(this.node.id).slice(0, MAX_STATEFUL_SET_NAME).replace(/-+$/, '')),
        // An explicit statefulSetProps namespace is kept (and reported if it differs from the Service's).
        ...(namespace !== undefined && stsProps.metadata?.namespace === undefined ? { namespace } : {}),
      },
      containers: withContainers ? [...(props.container ? [props.container] : []), ...(stsProps.containers ?? [])] : [],
      service: placeholder,
    }), this.propsFindings);
    statefulSet.select(kplus.LabelSelector.of({ labels: selector }));
    return statefulSet;
  }

  /**
   * Takes over a StatefulSet of another kind. A cdk8s-plus StatefulSet (any version): its own placeholder Service
   * is removed and its spec.serviceName follows this Service's name. A raw one: its spec.serviceName is the
   * default name, and a chosen name must agree with it (it is what the user wrote).
   */
  private adoptWorkload(workload: IConstruct, serviceName: string | undefined): void {
    const governing = governingServiceOf(workload);
    const followName = () => {
      const manifest = manifestOfConstruct(workload);
      if (manifest === undefined) return; // not a workload: SP_WORKLOAD_OBJECT
      ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/serviceName', this.serviceName));
    };
    const own = governing.construct;
    if (own !== undefined && own.node.scope === workload) {
      workload.node.tryRemoveChild(own.node.id);
      if (governing.name !== this.serviceName) followName();
      return;
    }
    if (own !== undefined) {
      const ownPath = own.node.path;
      this.propsFindings.push((findings) => findings.add('SP_STATEFULSET_SERVICE', 'workload.service', ownPath,
        'the StatefulSet was created with its own Service, which would be emitted next to this construct\'s Service',
        'create the StatefulSet without `service`, or let this construct build it from `container`'));
    }
    if (governing.name === undefined) {
      followName(); // a raw StatefulSet without spec.serviceName: it gets this Service's
    } else if (serviceName !== undefined && serviceName !== governing.name) {
      const declared = governing.name;
      this.propsFindings.push((findings) => findings.add('SP_SERVICE_NAME_CONFLICT', 'serviceName', serviceName,
        `the existing StatefulSet is governed by ${JSON.stringify(declared)} (its spec.serviceName), and pod DNS names follow that one`,
        'omit `serviceName` (it is taken from the StatefulSet), or set the StatefulSet\'s spec.serviceName to it'));
    }
  }

  /** Takes over an existing StatefulSet: replaces the placeholder Service cdk8s-plus created for it. */
  private adoptStatefulSet(sts: kplus.StatefulSet, serviceName: string | undefined): void {
    const governing = sts.service;
    const governingName = governing.name;
    if (governing.node.scope === sts) {
      // The Service cdk8s-plus created for the StatefulSet: remove it, this construct emits the governing Service.
      sts.node.tryRemoveChild(governing.node.id);
      if (serviceName !== undefined && serviceName !== governingName) {
        // The chosen name governs the StatefulSet: its spec.serviceName follows (the generated placeholder name
        // would change whenever the construct tree is refactored, and pod DNS names with it).
        ApiObject.of(sts).addJsonPatch(JsonPatch.replace('/spec/serviceName', serviceName));
      }
    } else {
      if (serviceName !== undefined && serviceName !== governingName) {
        this.propsFindings.push((findings) => findings.add('SP_SERVICE_NAME_CONFLICT', 'serviceName', serviceName,
          `the existing StatefulSet ${JSON.stringify(sts.name)} is governed by its own Service ${JSON.stringify(governingName)} (its spec.serviceName)`,
          'omit `serviceName` (it is taken from the StatefulSet), or create the StatefulSet without `service`'));
      }
      const governingPath = governing.node.path;
      this.propsFindings.push((findings) => findings.add('SP_STATEFULSET_SERVICE', 'statefulSet.service', governingPath,
        'the StatefulSet was created with its own Service, which would be emitted next to this construct\'s Service',
        'create the StatefulSet without `service`, or let this construct build it from `container`'));
    }
  }
}
