import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { appLabels, collectAppLabelFindings, defaultAppName } from './app-labels';
import {
  ExposedAppProps, ExposedPort, ExposureType, ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, NodePortRange,
  SessionAffinity, TrafficDistribution,
} from './exposed-app-props';
import { ServicePatternBase } from './service-base';
import { FindingCollector } from '../private/findings';
import { guardProps, rebase, req } from '../private/guards';
import { copyModel } from '../private/model';
import { PodsFacts } from '../private/pods';
import { EXPOSED_APP_PROPS, EXPOSED_PORT } from '../private/prop-shapes';
import { AppReport } from '../private/report';
import { checkIanaSvcName, checkQualifiedName } from '../private/rules/names';
import { checkCidr, cidrsCoverFamily, parseCidr, ParsedCidr } from '../private/rules/net';
import {
  checkNodePort, checkNodePortRange, checkPortNumber, checkSessionAffinityTimeout, collectNodePortFindings, DEFAULT_NODE_PORT_RANGE,
} from '../private/rules/ports';
import { overriddenInternalAnnotation } from '../private/rules/security';
import { checkFieldDeprecation, checkFieldVersion, FIELD_DEPRECATIONS } from '../private/rules/versions';
import { collectPodTargetFindings, collectWorkloadSelectorFindings, createWorkload, podsOfConstruct, podsOfWorkload } from '../private/workload';

/** The annotation older cloud providers read instead of `loadBalancerSourceRanges`; LoadBalancer only. */
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** The model of an ExposedApp: its Service, copied from the props at construction. */
interface ExposedAppModel {
  readonly ports: ExposedPort[];
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  readonly healthCheckNodePort?: number;
  readonly sessionAffinity?: SessionAffinity;
  readonly sessionAffinityTimeoutSeconds?: number;
  readonly loadBalancerSourceRanges?: string[];
  readonly loadBalancerClass?: string;
  readonly allocateLoadBalancerNodePorts?: boolean;
  /** The preset's name (its annotations are merged into the Service's at construction). */
  readonly loadBalancerPreset?: string;
  /** The preset's annotations, to tell whether the user's annotations overrode it to a public load balancer. */
  readonly loadBalancerPresetAnnotations: { [key: string]: string };
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  readonly ipFamilies?: IpFamily[];
  readonly nodePortRange: NodePortRange;
  readonly internalTrafficPolicy?: InternalTrafficPolicy;
  readonly trafficDistribution?: TrafficDistribution;
  readonly publishNotReadyAddresses?: boolean;
}

/**
 * An app and its Service: a Deployment (cdk8s-plus-27) and a ClusterIP, NodePort or LoadBalancer Service that
 * selects exactly that Deployment's pods, with every knob of the Service API reachable and emitted only where
 * it is valid. ClusterIP is the Service most apps use internally (in front of a Gateway route or an Ingress);
 * NodePort and LoadBalancer also open it outside the cluster.
 */
export class ExposedApp extends ServicePatternBase {
  /**
   * The cdk8s-plus-27 Deployment (built by this construct or passed in), read as it is at synth.
   *
   * @default - none: the pods come from `workload` or `pods`
   */
  public readonly deployment?: kplus.Deployment;

  /**
   * The workload whose pods the Service selects (the Deployment, or the `workload` given).
   *
   * @default - none: the pods are the `pods` the app does not own
   */
  public readonly workload?: IConstruct;

  /** ClusterIP, NodePort or LoadBalancer. */
  public readonly type: ExposureType;

  /** Names of the containers that received the default TCP readiness probe. */
  public readonly defaultReadinessProbeContainers: string[] = [];

  private readonly model: ExposedAppModel;
  /** The recommended labels of everything the construct emits, and the selector of the pods it builds. */
  private readonly appLabels: { readonly labels: { [key: string]: string }; readonly selector: { [key: string]: string } };
  /** The label props, for their checks. */
  private readonly appLabelProps: Pick<ExposedAppProps, 'appName' | 'appInstance' | 'appComponent' | 'appPartOf' | 'selectorLabels'>;
  /** Where the pods come from: read at synth (a workload's manifest may change until then). */
  private readonly podsSource: () => PodsFacts | undefined;
  private readonly workloadFindings: Array<(findings: FindingCollector) => void> = [];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: ExposedAppProps) {
    const guarded = guardProps(props, EXPOSED_APP_PROPS);
    const sanitized = guarded.value;
    // The preset's annotations and the user's (which win) are the Service's: emitted and checked alike.
    super(scope, id, { ...sanitized, annotations: { ...sanitized.loadBalancerPreset?.annotations, ...sanitized.annotations } });
    this._keepGuardFindings(guarded.findings);
    const given = copyModel(sanitized);
    this.type = given.type;
    this.appLabelProps = {
      appName: given.appName,
      appInstance: given.appInstance,
      appComponent: given.appComponent,
      appPartOf: given.appPartOf,
      selectorLabels: given.selectorLabels,
    };
    this.appLabels = appLabels(given, defaultAppName(given.serviceName, id));
    for (const [key, value] of Object.entries(this.appLabels.labels)) {
      if (!(key in this._labels)) this.service.metadata.addLabel(key, value);
    }
    this.model = {
      ports: given.ports ?? [],
      externalTrafficPolicy: given.externalTrafficPolicy,
      healthCheckNodePort: given.healthCheckNodePort,
      sessionAffinity: given.sessionAffinity,
      sessionAffinityTimeoutSeconds: given.sessionAffinityTimeoutSeconds,
      loadBalancerSourceRanges: given.loadBalancerSourceRanges,
      loadBalancerClass: given.loadBalancerClass,
      allocateLoadBalancerNodePorts: given.allocateLoadBalancerNodePorts,
      loadBalancerPreset: given.loadBalancerPreset?.name,
      loadBalancerPresetAnnotations: { ...given.loadBalancerPreset?.annotations },
      ipFamilyPolicy: given.ipFamilyPolicy,
      ipFamilies: given.ipFamilies,
      nodePortRange: given.nodePortRange ?? { ...DEFAULT_NODE_PORT_RANGE },
      internalTrafficPolicy: given.internalTrafficPolicy,
      trafficDistribution: given.trafficDistribution,
      publishNotReadyAddresses: given.publishNotReadyAddresses,
    };
    const sources = (['deployment', 'workload', 'pods'] as const).filter((k) => given[k] !== undefined);
    const buildOptions = given.container !== undefined || given.deploymentProps !== undefined;
    if (sources.length + (buildOptions ? 1 : 0) > 1) {
      const named = [...sources, ...(buildOptions ? ['container/deploymentProps'] : [])].join(', ');
      this.workloadFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_CONFLICT', sources[0],
        `the pods are given more than once (${named})`, 'pass one of `deployment`, `workload`, `pods`, or `container`/`deploymentProps`'));
    }
    if (given.deployment !== undefined) {
      const deployment = given.deployment;
      this.deployment = deployment;
      this.workload = deployment;
      this.podsSource = () => podsOfWorkload(deployment, 'Deployment');
      // An existing Deployment was created before the Service; a built one comes after it in the output anyway.
      deployment.node.addDependency(this.service);
    } else if (given.workload !== undefined) {
      const workload = given.workload;
      this.workload = workload;
      this.podsSource = () => podsOfConstruct(workload);
      workload.node.addDependency(this.service);
    } else if (given.pods !== undefined) {
      const pods = given.pods;
      this.podsSource = () => ({
        label: 'the selected pods',
        source: `${this.node.path}.pods`,
        kind: 'pods',
        matchLabels: { ...pods.labels },
        hasMatchExpressions: false,
        containers: [{ name: '(declared)', ports: (pods.ports ?? []).filter((p) => p !== undefined) }],
      });
    } else {
      const deployment = this.buildDeployment(given);
      this.deployment = deployment;
      this.workload = deployment;
      this.podsSource = () => podsOfWorkload(deployment, 'Deployment');
    }
  }

  /** The Service ports, in order (a copy). */
  public get servicePorts(): ExposedPort[] {
    return copyModel(this.model.ports);
  }

  /** The node ports this construct declares (ports without a `nodePort` are allocated by the cluster). */
  public get nodePorts(): number[] {
    return this.model.ports.map((p) => p.nodePort).filter((n): n is number => n !== undefined);
  }

  /**
   * Adds a port to the Service. The default readiness probe is not revisited: it was chosen at construction.
   *
   * @param port the port
   */
  public addPort(port: ExposedPort): void {
    // a refused port keeps its place (empty), so the next ones keep their index in messages
    this.model.ports.push(copyModel(this._guard<ExposedPort>(port, req(EXPOSED_PORT), `ports[${this.model.ports.length}]`) ?? {} as ExposedPort));
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this.model.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /** @internal */
  protected _renderServiceSpec(): { [field: string]: unknown } {
    const m = this.model;
    const lb = this.type === ExposureType.LOAD_BALANCER;
    return {
      type: this.type,
      selector: { ...this.podsSource()?.matchLabels },
      ports: this._renderPorts(m.ports.map((p) => ({ ...p, targetPort: targetOf(p) }))),
      ...defined('externalTrafficPolicy', m.externalTrafficPolicy),
      // a health check node port exists only for LoadBalancer + Local (else it is this app's own finding)
      ...(lb && m.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL ? defined('healthCheckNodePort', m.healthCheckNodePort) : {}),
      ...defined('sessionAffinity', m.sessionAffinity),
      ...(m.sessionAffinityTimeoutSeconds !== undefined
        ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: m.sessionAffinityTimeoutSeconds } } } : {}),
      ...(lb ? defined('loadBalancerSourceRanges', m.loadBalancerSourceRanges && [...m.loadBalancerSourceRanges]) : {}),
      ...(lb ? defined('loadBalancerClass', m.loadBalancerClass) : {}),
      ...(lb ? defined('allocateLoadBalancerNodePorts', m.allocateLoadBalancerNodePorts) : {}),
      ...defined('ipFamilyPolicy', m.ipFamilyPolicy),
      ...defined('ipFamilies', m.ipFamilies && [...m.ipFamilies]),
      ...defined('internalTrafficPolicy', m.internalTrafficPolicy),
      ...defined('trafficDistribution', m.trafficDistribution),
      ...(m.publishNotReadyAddresses === true ? { publishNotReadyAddresses: true } : {}),
    };
  }

  /** @internal */
  protected _collectServiceFindings(findings: FindingCollector): void {
    for (const collect of this.workloadFindings) collect(findings);
    collectAppLabelFindings(findings, this.appLabelProps);
    if (!Object.values(ExposureType).includes(this.type)) {
      findings.add('SP_EXPOSURE_TYPE', 'type', this.type, 'must be ClusterIP, NodePort or LoadBalancer',
        'use ExposureType.CLUSTER_IP, ExposureType.NODE_PORT or ExposureType.LOAD_BALANCER');
    }
    this.collectPortsFindings(findings);
    this.collectPodFindings(findings);
    this.collectHealthCheckFindings(findings);
    this.collectLoadBalancerFindings(findings);
    this.collectSessionAffinityFindings(findings);
    this.collectDualStackFindings(findings);
    this.collectVersionFindings(findings);
  }

  /** Fields the App's target Kubernetes version does not accept. */
  private collectVersionFindings(findings: FindingCollector): void {
    const m = this.model;
    const used: Array<[string, string, unknown]> = [
      ['spec.ipFamilyPolicy', 'ipFamilyPolicy', m.ipFamilyPolicy],
      ['spec.loadBalancerClass', 'loadBalancerClass', this.type === ExposureType.LOAD_BALANCER ? m.loadBalancerClass : undefined],
      ['spec.allocateLoadBalancerNodePorts', 'allocateLoadBalancerNodePorts', this.type === ExposureType.LOAD_BALANCER ? m.allocateLoadBalancerNodePorts : undefined],
      ['spec.internalTrafficPolicy', 'internalTrafficPolicy', m.internalTrafficPolicy],
      [`spec.trafficDistribution: ${m.trafficDistribution}`, 'trafficDistribution', m.trafficDistribution],
    ];
    const target = AppReport.of(this).targetVersion;
    for (const [key, field, value] of used) {
      if (value === undefined) continue;
      findings.check(checkFieldVersion(key, target), 'SP_KUBERNETES_VERSION', field, value,
        'leave the field out, or raise the App\'s target with ServicePatternsValidation.setKubernetesVersion(app, "...") if every cluster it goes to is that recent');
      const deprecated = checkFieldDeprecation(key, target);
      if (deprecated !== undefined) findings.warn('SP_KUBERNETES_DEPRECATED', field, value, deprecated, `use ${FIELD_DEPRECATIONS[key].use}`);
    }
  }

  /** The ports: their fields, node ports and targets. */
  private collectPortsFindings(findings: FindingCollector): void {
    const ports = this.model.ports;
    if (ports.length === 0) {
      findings.addWithoutValue('SP_PORTS_REQUIRED', 'ports', 'an exposed app needs at least one port', 'add a port ({ name: "http", port: 80 })');
    }
    this._collectPortFindings(findings, ports);
    const range = this.model.nodePortRange;
    if (!findings.check(checkNodePortRange(range), 'SP_NODE_PORT_RANGE_INVALID', 'nodePortRange', range,
      'give the cluster\'s --service-node-port-range, e.g. { min: 30000, max: 32767 }')) {
      collectNodePortFindings(findings, 'ports', this.type, ports, range);
    }
    ports.forEach((port, i) => {
      const target = targetOf(port);
      const field = `ports[${i}].targetPort`;
      rebase(port.targetPort?._guardFindings ?? [], field).forEach((f) => findings.addFinding(f));
      if (target === undefined) {
        findings.add('SP_TARGET_PORT_REQUIRED', field, port.port,
          'the Service port targets the container port of its name, and this port has neither a name nor a targetPort',
          'name the port ({ name: "http", ... }) or give targetPort: TargetPort.named("http") or TargetPort.number(8080)');
      } else if (typeof target === 'number') {
        findings.check(checkPortNumber(target), 'SP_PORT_NUMBER', field, target, 'target a container port between 1 and 65535');
      } else {
        findings.check(checkIanaSvcName(target), 'SP_TARGET_PORT_NAME', field, target,
          'name container ports (and refer to them) with IANA service names such as "http" or "metrics"');
      }
    });
  }

  /** The pods: selectable by the Service, declaring the ports it targets. */
  private collectPodFindings(findings: FindingCollector): void {
    const pods = this.podsSource();
    if (pods === undefined) {
      findings.add('SP_WORKLOAD_OBJECT', 'workload', this.workload?.node.path,
        'is not a workload: it holds no ApiObject with a pod template (ApiObject.of found none, or it cannot be rendered)',
        'pass a Deployment or StatefulSet construct (any cdk8s-plus version, or a KubeDeployment / KubeStatefulSet)');
      return;
    }
    const field = this.deployment !== undefined ? 'deployment' : this.workload !== undefined ? 'workload' : 'pods';
    collectWorkloadSelectorFindings(findings, pods, field, this.namespace);
    collectPodTargetFindings(findings, pods,
      this.model.ports.flatMap((port, i) => {
        const target = targetOf(port);
        return target === undefined ? [] : [{ field: `ports[${i}].targetPort`, target, protocol: port.protocol }];
      }));
  }

  /** The traffic policy and the health check node port. */
  private collectHealthCheckFindings(findings: FindingCollector): void {
    const { healthCheckNodePort: port, externalTrafficPolicy: policy, nodePortRange: range } = this.model;
    if (this.model.internalTrafficPolicy === InternalTrafficPolicy.LOCAL) {
      findings.warn('SP_TRAFFIC_POLICY_LOCAL', 'internalTrafficPolicy', InternalTrafficPolicy.LOCAL,
        'traffic from inside the cluster reaches only pods on the client\'s node, and is dropped on nodes without a ready local pod',
        'run a pod on every node that sends traffic (a DaemonSet), or use trafficDistribution: TrafficDistribution.PREFER_SAME_ZONE to prefer, not require, nearby pods');
    }
    if (policy !== undefined && this.type === ExposureType.CLUSTER_IP) {
      findings.add('SP_EXTERNAL_TRAFFIC_POLICY', 'externalTrafficPolicy', policy, 'is only valid for a NodePort or LoadBalancer Service, and this one is ClusterIP',
        'remove externalTrafficPolicy (use internalTrafficPolicy for traffic from inside the cluster), or use type NodePort or LoadBalancer');
      return;
    }
    if (port !== undefined) {
      if (this.type !== ExposureType.LOAD_BALANCER || policy !== ExternalTrafficPolicy.LOCAL) {
        findings.add('SP_HEALTH_CHECK_NODE_PORT', 'healthCheckNodePort', port,
          'is only valid for a LoadBalancer Service with externalTrafficPolicy Local',
          'remove healthCheckNodePort, or use type LoadBalancer with externalTrafficPolicy: ExternalTrafficPolicy.LOCAL');
      } else if (!findings.check(checkNodePort(port, range), 'SP_NODE_PORT_RANGE', 'healthCheckNodePort', port,
        () => `pick a port between ${range.min} and ${range.max}, or leave it out to let the cluster allocate one`)) {
        const clash = this.model.ports.findIndex((p) => p.nodePort === port);
        if (clash >= 0) {
          findings.add('SP_NODE_PORT_DUPLICATE', 'healthCheckNodePort', port, `is already used by ports[${clash}].nodePort`,
            'use another node port for the health check');
        }
      }
    }
    if (policy === ExternalTrafficPolicy.LOCAL) {
      findings.warn('SP_TRAFFIC_POLICY_LOCAL', 'externalTrafficPolicy', policy,
        'only nodes with a ready local pod answer, and traffic is spread per node rather than per pod',
        'spread the pods over the nodes (topology spread constraints) and keep enough replicas, or use Cluster when the client IP does not matter');
    }
  }

  /** The load balancer: open to any address (warning), LoadBalancer-only fields, CIDRs and class. */
  private collectLoadBalancerFindings(findings: FindingCollector): void {
    const m = this.model;
    const ranges = m.loadBalancerSourceRanges ?? [];
    const annotation = this._annotations[LB_SOURCE_RANGES_ANNOTATION];
    const annotationRanges = (annotation ?? '').split(',').map((r) => r.trim()).filter((r) => r);
    const annotationField = `annotations["${LB_SOURCE_RANGES_ANNOTATION}"]`;
    if (this.type !== ExposureType.LOAD_BALANCER) {
      const lbOnly: Array<[string, unknown]> = [
        ['loadBalancerSourceRanges', ranges.length > 0 ? ranges : undefined],
        [annotationField, annotation],
        ['loadBalancerClass', m.loadBalancerClass],
        ['allocateLoadBalancerNodePorts', m.allocateLoadBalancerNodePorts],
        ['loadBalancerPreset', m.loadBalancerPreset],
      ];
      for (const [field, value] of lbOnly.filter(([, v]) => v !== undefined)) {
        findings.add('SP_LOAD_BALANCER_ONLY', field, value, `is only valid for a LoadBalancer Service, and this one is ${this.type}`,
          `remove ${field}, or use type: ExposureType.LOAD_BALANCER`);
      }
      return;
    }
    this.collectOpenLoadBalancerFindings(findings, [...ranges, ...annotationRanges]);
    ranges.forEach((cidr, i) => {
      findings.check(checkCidr(cidr), 'SP_CIDR', `loadBalancerSourceRanges[${i}]`, cidr, 'give a network CIDR such as "203.0.113.0/24"');
    });
    if (annotation !== undefined) {
      for (const cidr of annotation.split(',').map((r) => r.trim())) {
        findings.check(checkCidr(cidr), 'SP_CIDR', annotationField, cidr, 'give comma-separated network CIDRs, or use the loadBalancerSourceRanges prop');
      }
    }
    if (m.loadBalancerClass !== undefined) {
      findings.check(checkQualifiedName(m.loadBalancerClass), 'SP_LOAD_BALANCER_CLASS', 'loadBalancerClass', m.loadBalancerClass,
        'use a prefixed name such as "service.k8s.aws/nlb"');
    }
  }

  /**
   * Open to any address (warning): the source ranges given for an IP family cover the whole family, or no
   * ranges are given and the load balancer is not internal (no preset, or one the annotations overrode).
   */
  private collectOpenLoadBalancerFindings(findings: FindingCollector, all: readonly string[]): void {
    const rule = 'the load balancer accepts connections from any address (on most clouds: the internet)';
    const fix = 'list the client CIDRs in loadBalancerSourceRanges, or use an internal load balancer (loadBalancerPreset)';
    const parsed = all.map((text) => ({ text, cidr: parseCidr(text) }))
      .filter((r): r is { text: string; cidr: ParsedCidr } => r.cidr !== undefined);
    for (const family of [4, 6] as const) {
      if (!cidrsCoverFamily(parsed.map((r) => r.cidr), family)) continue;
      const own = parsed.filter((r) => r.cidr.ip.family === family && !r.cidr.ip.ipv4Mapped);
      const whole = own.find((r) => r.cidr.prefixLength === 0);
      findings.warn('SP_LOAD_BALANCER_OPEN', 'loadBalancerSourceRanges', whole?.text ?? own.map((r) => r.text),
        whole !== undefined ? rule : `together cover every IPv${family} address: ${rule}`, fix);
    }
    if (all.length > 0) return;
    const m = this.model;
    if (m.loadBalancerPreset === undefined) {
      findings.warn('SP_LOAD_BALANCER_OPEN', 'loadBalancerSourceRanges', [], rule, fix);
      return;
    }
    const key = overriddenInternalAnnotation(m.loadBalancerPresetAnnotations, this._annotations);
    if (key !== undefined) {
      findings.warn('SP_LOAD_BALANCER_OPEN', `annotations["${key}"]`, this._annotations[key],
        `overrides the internal load balancer preset ${m.loadBalancerPreset} to a public value: ${rule}`,
        'remove the annotation to keep the load balancer internal, or list the client CIDRs in loadBalancerSourceRanges');
    }
  }

  /** The ClientIP session affinity timeout. */
  private collectSessionAffinityFindings(findings: FindingCollector): void {
    const timeout = this.model.sessionAffinityTimeoutSeconds;
    if (timeout === undefined) return;
    if (this.model.sessionAffinity !== SessionAffinity.CLIENT_IP) {
      findings.add('SP_SESSION_AFFINITY_TIMEOUT', 'sessionAffinityTimeoutSeconds', timeout,
        'is only valid with sessionAffinity ClientIP', 'set sessionAffinity: SessionAffinity.CLIENT_IP, or remove the timeout');
    } else {
      findings.check(checkSessionAffinityTimeout(timeout), 'SP_SESSION_AFFINITY_TIMEOUT', 'sessionAffinityTimeoutSeconds', timeout,
        'use between 1 and 86400 seconds (one day)');
    }
  }

  /** IP families and their policy. */
  private collectDualStackFindings(findings: FindingCollector): void {
    const families = this.model.ipFamilies ?? [];
    const policy = this.model.ipFamilyPolicy;
    if (families.length > 2 || new Set(families).size !== families.length) {
      findings.add('SP_IP_FAMILIES', 'ipFamilies', families, 'must list at most two distinct families', 'use [IpFamily.IPV4], [IpFamily.IPV6] or both once');
    } else if (families.length === 2 && (policy === undefined || policy === IpFamilyPolicy.SINGLE_STACK)) {
      findings.add('SP_IP_FAMILY_POLICY', 'ipFamilyPolicy', policy ?? 'SingleStack (default)',
        'two IP families need a dual-stack policy', 'set ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK');
    }
  }

  /** Builds the Deployment, adding the default readiness probe where the probed container has none. */
  private buildDeployment(props: ExposedAppProps): kplus.Deployment {
    const deploymentProps = props.deploymentProps ?? {};
    const containers = [...(props.container ? [props.container] : []), ...(deploymentProps.containers ?? [])];
    if (containers.length === 0) {
      this.workloadFindings.push((findings) => findings.addWithoutValue('SP_WORKLOAD_MISSING', 'container',
        'neither an existing Deployment nor a container to build one was given',
        'pass `container: { image, ports }` (or `deploymentProps.containers`), or `deployment`'));
    }
    const probe = defaultProbe(containers, this.model.ports);
    const withProbes = containers.map((c, i) => (i === probe?.container
      ? { ...c, readiness: kplus.Probe.fromTcpSocket({ port: probe.port }) } : c));
    const { labels, selector } = this.appLabels;
    const deployment = createWorkload(this, 'Deployment', (withContainers) => new kplus.Deployment(this, 'Deployment', {
      ...deploymentProps,
      // selected by stable labels, not by cdk8s-plus's label hashed from the construct path: spec.selector is
      // immutable, and moving the construct must not change it
      select: false,
      podMetadata: { ...deploymentProps.podMetadata, labels: { ...labels, ...selector, ...deploymentProps.podMetadata?.labels } },
      metadata: {
        ...deploymentProps.metadata,
        labels: { ...labels, ...deploymentProps.metadata?.labels },
        name: deploymentProps.metadata?.name ?? this.serviceName,
        // An explicit deploymentProps namespace is kept (and reported if it differs from the Service's).
        ...(props.namespace !== undefined && deploymentProps.metadata?.namespace === undefined ? { namespace: props.namespace } : {}),
      },
      containers: withContainers ? withProbes : [],
    }), this.workloadFindings);
    deployment.select(kplus.LabelSelector.of({ labels: selector }));
    const probed = probe !== undefined ? deployment.containers[probe.container] : undefined;
    if (probed !== undefined) this.defaultReadinessProbeContainers.push(probed.name);
    return deployment;
  }
}

/** The container port a Service port targets: its `targetPort`, else its name. */
function targetOf(port: ExposedPort): string | number | undefined {
  if (port.targetPort !== undefined) return port.targetPort._value;
  if (port.name !== undefined && port.name !== '') return port.name;
  return undefined;
}

/**
 * The default readiness probe: a TCP connect to the container port that the first exposed port with a
 * declared target sends traffic to, when that port is TCP (a TCP probe of a UDP or SCTP port would never
 * succeed) and its container has no readiness probe. Returns the container's index and the port number.
 */
function defaultProbe(containers: readonly kplus.ContainerProps[], ports: readonly ExposedPort[]): { container: number; port: number } | undefined {
  for (const port of ports) {
    const target = targetOf(port);
    if (target === undefined) continue;
    const matches = (d: kplus.ContainerPort) => (typeof target === 'number' ? d.number === target : d.name === target);
    const owner = containers.findIndex((c) => (c.ports ?? []).some(matches));
    if (owner < 0) continue;
    const declared = containers[owner].ports!.find(matches)!;
    const tcp = (declared.protocol ?? kplus.Protocol.TCP) === kplus.Protocol.TCP;
    return tcp && containers[owner].readiness === undefined ? { container: owner, port: declared.number } : undefined;
  }
  return undefined;
}

/** `{ [field]: value }`, or `{}` when the value is undefined. */
function defined(field: string, value: unknown): { [field: string]: unknown } {
  return value === undefined ? {} : { [field]: value };
}
