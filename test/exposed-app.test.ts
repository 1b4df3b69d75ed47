import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import {
  ExposedApp,
  ExposedAppProps,
  ExposureType,
  ExternalTrafficPolicy,
  InternalTrafficPolicy,
  IpFamily,
  IpFamilyPolicy,
  TrafficDistribution,
  LoadBalancerPreset,
  ServicePatternsValidation,
  SessionAffinity,
  TargetPort,
} from '../src';
import { findAll, findOne, newChart, synthErrors, synthValidated, synthQuietly, warningsOf } from './support/synth';

const KUBIA = { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] };

/** The objects this library writes (the cdk8s-plus Deployments are asserted field by field instead). */
function ownObjects(manifests: any[]): any[] {
  return manifests.filter((m) => m.kind !== 'Deployment');
}


describe('ExposedApp', () => {
  test('NodePort with a fixed node port, targeting the named container port', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const app = new ExposedApp(chart, 'Kubia', {
      serviceName: 'kubia-nodeport',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80, nodePort: 30123 }],
      container: KUBIA,
      deploymentProps: { replicas: 3 },
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Service/kubia-nodeport', 'Deployment/kubia-nodeport']);
    const service = findOne(manifests, 'Service');
    const deployment = findOne(manifests, 'Deployment');
    expect(service.spec).toEqual({
      type: 'NodePort',
      selector: deployment.spec.selector.matchLabels,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30123 }],
    });
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(deployment.spec.replicas).toEqual(3);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    // no readiness probe was given: a TCP probe on the exposed port is added
    expect(container.readinessProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8080 } });
    expect(app.defaultReadinessProbeContainers).toEqual(['main']);
    expect(app.nodePorts).toEqual([30123]);
    expect(app.dnsName).toEqual('kubia-nodeport.default.svc.cluster.local');
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('the built Deployment has the cdk8s-plus defaults (two replicas) unless deploymentProps say otherwise', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ExposedApp(chart, 'Kubia', { serviceName: 'kubia', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: KUBIA });

    // THEN
    const deployment = findOne(synthValidated(chart), 'Deployment');
    expect(deployment.metadata).toEqual({ name: 'kubia', labels: { 'app.kubernetes.io/name': 'kubia' } });
    expect(deployment.spec.replicas).toEqual(2);
  });

  test('a numeric targetPort targets the container port of that number, and the default probe follows it', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const app = new ExposedApp(chart, 'Numeric', {
      serviceName: 'numeric',
      type: ExposureType.NODE_PORT,
      ports: [{ port: 80, targetPort: TargetPort.number(8080) }],
      container: { image: 'app', ports: [{ number: 9090, name: 'metrics' }, { number: 8080 }] },
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service').spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
    expect(findOne(manifests, 'Deployment').spec.template.spec.containers[0].readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(app.defaultReadinessProbeContainers).toEqual(['main']);
  });

  test('the default readiness probe: TCP ports only, on the container of the first exposed port only', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const udp = new ExposedApp(chart, 'Udp', {
      serviceName: 'syslog',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'syslog', port: 514, protocol: kplus.Protocol.UDP }],
      container: { image: 'syslog', ports: [{ number: 5514, name: 'syslog', protocol: kplus.Protocol.UDP }] },
    });
    const sidecar = new ExposedApp(chart, 'Sidecar', {
      serviceName: 'sidecar',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }],
      container: { name: 'app', image: 'app', ports: [{ number: 8080, name: 'http' }] },
      deploymentProps: { containers: [{ name: 'exporter', image: 'exporter', ports: [{ number: 9090, name: 'metrics' }] }] },
    });
    const manifests = synthValidated(chart);

    // THEN: a TCP probe of a UDP port would never succeed
    expect(findOne(manifests, 'Deployment', 'syslog').spec.template.spec.containers[0].readinessProbe).toBeUndefined();
    expect(udp.defaultReadinessProbeContainers).toEqual([]);
    const containers = findOne(manifests, 'Deployment', 'sidecar').spec.template.spec.containers;
    expect(containers.map((c: any) => [c.name, c.readinessProbe?.tcpSocket])).toEqual([['app', { port: 8080 }], ['exporter', undefined]]);
    expect(sidecar.defaultReadinessProbeContainers).toEqual(['app']);
  });

  test('a user-given readiness probe is kept untouched', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const app = new ExposedApp(chart, 'Web', {
      serviceName: 'web',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80 }],
      container: { ...KUBIA, readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }) },
    });

    // THEN
    const container = findOne(synthValidated(chart), 'Deployment').spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/healthz', port: 8080 });
    expect(container.readinessProbe.tcpSocket).toBeUndefined();
    expect(app.defaultReadinessProbeContainers).toEqual([]);
  });

  test('LoadBalancer with externalTrafficPolicy Local, a health check node port and source ranges', () => {
    // GIVEN
    const chart = newChart({ namespace: 'shop' });

    // WHEN
    new ExposedApp(chart, 'Kubia', {
      serviceName: 'kubia-loadbalancer',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
      healthCheckNodePort: 32000,
      loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
      loadBalancerClass: 'service.k8s.aws/nlb',
      allocateLoadBalancerNodePorts: false,
    });
    const manifests = synthQuietly(chart);

    // THEN
    const service = findOne(manifests, 'Service');
    expect(service.metadata).toEqual({ name: 'kubia-loadbalancer', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'kubia-loadbalancer' } });
    expect(service.spec).toEqual({
      type: 'LoadBalancer',
      selector: findOne(manifests, 'Deployment').spec.selector.matchLabels,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
      loadBalancerClass: 'service.k8s.aws/nlb',
      allocateLoadBalancerNodePorts: false,
    });
    expect(findOne(manifests, 'Deployment').metadata.namespace).toEqual('shop');
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('an AWS internal NLB; user annotations merge with the preset and override it', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const app = new ExposedApp(chart, 'Internal', {
      serviceName: 'internal-api',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      loadBalancerPreset: LoadBalancerPreset.awsInternalNlb(),
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
        'service.beta.kubernetes.io/aws-load-balancer-internal': 'false',
      },
    });
    const manifests = synthValidated(chart);

    // THEN
    const service = findOne(manifests, 'Service');
    expect(service.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'false',
      'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
    });
    expect(service.spec.type).toEqual('LoadBalancer');
    // the in-tree provider reads aws-load-balancer-internal: "false" overrides the preset to a public load balancer
    expect(ServicePatternsValidation.warnings(app).map((w) => [w.code, w.field]))
      .toEqual([['SP_LOAD_BALANCER_OPEN', 'annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]']]);
    expect(LoadBalancerPreset.gcpInternal().annotations).toEqual({ 'networking.gke.io/load-balancer-type': 'Internal' });
    expect(LoadBalancerPreset.azureInternal().annotations).toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('the preset\'s annotations are checked like the user\'s: the source-ranges annotation from either is judged', () => {
    // GIVEN
    const chart = newChart();

    // WHEN: the merged annotations carry the source ranges of an open load balancer
    const app = new ExposedApp(chart, 'Open', {
      serviceName: 'open',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '0.0.0.0/0' },
    });
    const service = findOne(synthQuietly(chart), 'Service');

    // THEN
    expect(service.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/load-balancer-source-ranges': '0.0.0.0/0' });
    expect(ServicePatternsValidation.warnings(app).map((w) => [w.code, w.value])).toEqual([['SP_LOAD_BALANCER_OPEN', '"0.0.0.0/0"']]);
  });

  test('two ports, session affinity and dual stack', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ExposedApp(chart, 'Two', {
      serviceName: 'two-ports',
      type: ExposureType.NODE_PORT,
      ports: [
        { name: 'http', port: 80, nodePort: 30080 },
        { name: 'metrics', port: 9090, targetPort: TargetPort.named('prom'), appProtocol: 'http' },
      ],
      container: { image: 'app', ports: [{ number: 8080, name: 'http' }, { number: 9100, name: 'prom' }] },
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeoutSeconds: 600,
      ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
      ipFamilies: [IpFamily.IPV4, IpFamily.IPV6],
    });
    const manifests = synthValidated(chart);

    // THEN
    const service = findOne(manifests, 'Service');
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080 },
      { name: 'metrics', port: 9090, protocol: 'TCP', appProtocol: 'http', targetPort: 'prom' },
    ]);
    expect(service.spec.sessionAffinity).toEqual('ClientIP');
    expect(service.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 600 } });
    expect(service.spec.ipFamilyPolicy).toEqual('PreferDualStack');
    expect(service.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    // the readiness probe goes to the first exposed port
    expect(findOne(manifests, 'Deployment').spec.template.spec.containers[0].readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('wraps an existing cdk8s-plus Deployment', () => {
    // GIVEN
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Existing', {
      metadata: { name: 'existing' },
      containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'web' }], readiness: kplus.Probe.fromTcpSocket({ port: 8080 }) }],
    });

    // WHEN
    const app = new ExposedApp(chart, 'Expose', { serviceName: 'existing-np', type: ExposureType.NODE_PORT, ports: [{ name: 'web', port: 80 }], deployment });
    const manifests = synthValidated(chart);

    // THEN
    expect(findAll(manifests, 'Deployment')).toHaveLength(1);
    expect(findAll(manifests, 'Service')).toHaveLength(1);
    expect(findOne(manifests, 'Service').spec.selector).toEqual(findOne(manifests, 'Deployment').spec.selector.matchLabels);
    expect(app.deployment).toBe(deployment);
    expect(app.defaultReadinessProbeContainers).toEqual([]);
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('a patched cdk8s-plus-27 Deployment is judged from its manifest: the port its patch renamed is the one checked', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Existing', { metadata: { name: 'existing' }, containers: [KUBIA] });
    new ExposedApp(chart, 'Expose', { serviceName: 'existing', type: ExposureType.CLUSTER_IP, ports: [{ name: 'http', port: 80 }], deployment });
    ApiObject.of(deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/ports/0/name', 'web'));
    expect(synthErrors(chart)).toEqual([expect.stringContaining('ports[0].targetPort "http": no container of Deployment "existing" declares this port (declared: web)')]);
  });

  test('an existing Deployment is read as it is at synth: labels and containers added later count', () => {
    // GIVEN
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Existing', { metadata: { name: 'existing' }, containers: [KUBIA] });
    new ExposedApp(chart, 'Expose', {
      serviceName: 'existing-np',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }],
      deployment,
    });

    // WHEN
    deployment.podMetadata.addLabel('tier', 'web');
    deployment.select(kplus.LabelSelector.of({ labels: { tier: 'web' } }));
    deployment.addContainer({ name: 'admin', image: 'admin', ports: [{ number: 9000, name: 'admin' }] });
    const manifests = synthValidated(chart);

    // THEN
    const selector = findOne(manifests, 'Service').spec.selector;
    expect(selector).toEqual(findOne(manifests, 'Deployment').spec.selector.matchLabels);
    expect(selector.tier).toEqual('web');
  });

  test('a cluster with another node port range', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ExposedApp(chart, 'Low', {
      serviceName: 'low',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80, nodePort: 8080 }],
      container: KUBIA,
      nodePortRange: { min: 1024, max: 9999 },
    });

    // THEN (only a cluster started with --service-node-port-range=1024-9999 accepts it)
    expect(findOne(synthValidated(chart, { defaultCluster: false }), 'Service').spec.ports[0].nodePort).toEqual(8080);
  });

  test('warns about Local traffic policy caveats and load balancers open to any address', () => {
    // GIVEN
    const chart = newChart();
    const open = new ExposedApp(chart, 'Open', {
      serviceName: 'open',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
      loadBalancerSourceRanges: ['0.0.0.0/0'],
    });
    const internal = new ExposedApp(chart, 'Internal', {
      serviceName: 'internal',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      loadBalancerPreset: LoadBalancerPreset.azureInternal(),
    });

    // WHEN
    synthQuietly(chart);

    // THEN
    expect(warningsOf(open)).toEqual([
      'externalTrafficPolicy "Local": only nodes with a ready local pod answer, and traffic is spread per node rather than per pod. Fix: spread the pods over the nodes (topology spread constraints) and keep enough replicas, or use Cluster when the client IP does not matter (SP_TRAFFIC_POLICY_LOCAL)',
      'loadBalancerSourceRanges "0.0.0.0/0": the load balancer accepts connections from any address (on most clouds: the internet). Fix: list the client CIDRs in loadBalancerSourceRanges, or use an internal load balancer (loadBalancerPreset) (SP_LOAD_BALANCER_OPEN)',
    ]);
    expect(warningsOf(internal)).toEqual([]);
  });

  describe('ClusterIP', () => {
    test('the in-cluster knobs are rendered: internalTrafficPolicy, trafficDistribution, publishNotReadyAddresses, affinity', () => {
      const chart = newChart();
      const app = new ExposedApp(chart, 'Web', {
        serviceName: 'web',
        type: ExposureType.CLUSTER_IP,
        container: KUBIA,
        ports: [{ name: 'http', port: 80 }],
        internalTrafficPolicy: InternalTrafficPolicy.CLUSTER,
        trafficDistribution: TrafficDistribution.PREFER_SAME_ZONE,
        publishNotReadyAddresses: true,
        sessionAffinity: SessionAffinity.CLIENT_IP,
        sessionAffinityTimeoutSeconds: 600,
      });
      const spec = findOne(synthValidated(chart), 'Service', 'web').spec;
      expect(spec).toEqual({
        type: 'ClusterIP',
        selector: app.deployment!.matchLabels,
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
        internalTrafficPolicy: 'Cluster',
        trafficDistribution: 'PreferSameZone',
        publishNotReadyAddresses: true,
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
      });
    });

    test('publishNotReadyAddresses false is left out (the default)', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }], publishNotReadyAddresses: false });
      expect(findOne(synthValidated(chart), 'Service', 'web').spec.publishNotReadyAddresses).toBeUndefined();
    });

    test('externalTrafficPolicy, node ports and load balancer fields are refused on a ClusterIP Service', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', {
        serviceName: 'web',
        type: ExposureType.CLUSTER_IP,
        container: KUBIA,
        ports: [{ name: 'http', port: 80, nodePort: 30080 }],
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        loadBalancerClass: 'service.k8s.aws/nlb',
      });
      expect(synthErrors(chart).map((e) => /\((SP_[A-Z_]+)\)$/.exec(e)![1])).toEqual(['SP_NODE_PORT_TYPE', 'SP_EXTERNAL_TRAFFIC_POLICY', 'SP_LOAD_BALANCER_ONLY']);
    });

    test('internalTrafficPolicy Local is a warning naming what it drops', () => {
      const chart = newChart();
      const app = new ExposedApp(chart, 'Web', {
        serviceName: 'web', type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }], internalTrafficPolicy: InternalTrafficPolicy.LOCAL,
      });
      expect(findOne(synthQuietly(chart), 'Service', 'web').spec.internalTrafficPolicy).toBe('Local');
      expect(warningsOf(app)).toEqual([expect.stringMatching(/^internalTrafficPolicy "Local": traffic from inside the cluster reaches only pods on the client's node.*\(SP_TRAFFIC_POLICY_LOCAL\)$/)]);
    });
  });

  describe('stable labels and selectors', () => {
    test('the recommended labels on the Service, the Deployment and its pods; the selector from stable labels only', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', {
        serviceName: 'web',
        type: ExposureType.CLUSTER_IP,
        container: KUBIA,
        ports: [{ name: 'http', port: 80 }],
        appInstance: 'web-prod',
        appComponent: 'frontend',
        appPartOf: 'shop',
        deploymentProps: { podMetadata: { labels: { 'app.kubernetes.io/version': '1.2.3' } } },
      });
      const manifests = synthValidated(chart);
      const recommended = {
        'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-prod', 'app.kubernetes.io/component': 'frontend', 'app.kubernetes.io/part-of': 'shop',
      };
      const selector = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-prod', 'app.kubernetes.io/component': 'frontend' };
      const service = findOne(manifests, 'Service', 'web');
      const deployment = findOne(manifests, 'Deployment', 'web');
      expect(service.metadata.labels).toEqual(recommended);
      expect(service.spec.selector).toEqual(selector);
      expect(deployment.metadata.labels).toEqual(recommended);
      expect(deployment.spec.selector).toEqual({ matchLabels: selector });
      expect(deployment.spec.template.metadata.labels).toMatchObject({ ...recommended, 'app.kubernetes.io/version': '1.2.3' });
    });

    test('the textbook app: kubia selector, through selectorLabels', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Kubia', {
        serviceName: 'kubia', type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }], selectorLabels: { app: 'kubia' },
      });
      const manifests = synthValidated(chart);
      expect(findOne(manifests, 'Service', 'kubia').spec.selector).toEqual({ app: 'kubia' });
      expect(findOne(manifests, 'Deployment', 'kubia').spec.selector).toEqual({ matchLabels: { app: 'kubia' } });
      expect(findOne(manifests, 'Deployment', 'kubia').spec.template.metadata.labels).toMatchObject({ app: 'kubia' });
    });

    test('moving a construct into another scope changes no selector and no name', () => {
      const synthIn = (nested: boolean) => {
        const chart = newChart();
        const scope = nested ? new Construct(new Construct(chart, 'Team'), 'Apps') : chart;
        new ExposedApp(scope, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }] });
        const app = new ExposedApp(scope, 'Api', { type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }], serviceName: 'api' });
        const manifests = synthValidated(chart);
        return manifests.map((m) => [m.kind, m.metadata.name, m.spec.selector, m.metadata.labels, app.serviceName]);
      };
      expect(synthIn(true)).toEqual(synthIn(false));
    });

    test('label values are checked', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', {
        serviceName: 'web', type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }], appInstance: 'web prod', selectorLabels: {},
      });
      expect(synthErrors(chart).map((e) => /\((SP_[A-Z_]+)\)$/.exec(e)![1])).toEqual(expect.arrayContaining(['SP_LABEL_VALUE', 'SP_SELECTOR_EMPTY']));
    });
  });

  describe('the target Kubernetes version', () => {
    const props = (extra: Partial<ExposedAppProps>): ExposedAppProps => ({ serviceName: 'web', type: ExposureType.CLUSTER_IP, container: KUBIA, ports: [{ name: 'http', port: 80 }], ...extra });

    test('the default (the oldest supported upstream) takes every field; an older target refuses the newer ones', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', props({ trafficDistribution: TrafficDistribution.PREFER_SAME_NODE, internalTrafficPolicy: InternalTrafficPolicy.CLUSTER }));
      expect(ServicePatternsValidation.kubernetesVersion(chart)).toBe('1.35');
      expect(findOne(synthValidated(chart), 'Service', 'web').spec.trafficDistribution).toBe('PreferSameNode');

      const old = newChart();
      ServicePatternsValidation.setKubernetesVersion(old, '1.25');
      new ExposedApp(old, 'Web', props({ trafficDistribution: TrafficDistribution.PREFER_CLOSE, internalTrafficPolicy: InternalTrafficPolicy.CLUSTER }));
      expect(synthErrors(old)).toEqual([
        expect.stringContaining('[test/Web] internalTrafficPolicy "Cluster": needs Kubernetes 1.26, and the App targets 1.25.'),
        expect.stringContaining('[test/Web] trafficDistribution "PreferClose": needs Kubernetes 1.33, and the App targets 1.25.'),
      ]);
    });

    test('PreferClose is deprecated from 1.35 (the default target): a warning naming PreferSameZone; not for 1.34', () => {
      const chart = newChart();
      const app = new ExposedApp(chart, 'Web', props({ trafficDistribution: TrafficDistribution.PREFER_CLOSE }));
      synthQuietly(chart);
      expect(warningsOf(app)).toEqual([expect.stringMatching(/^trafficDistribution "PreferClose": is deprecated from Kubernetes 1\.35.*Fix: use PreferSameZone \(SP_KUBERNETES_DEPRECATED\)$/)]);
      const older = newChart();
      ServicePatternsValidation.setKubernetesVersion(older, '1.34');
      const app34 = new ExposedApp(older, 'Web', props({ trafficDistribution: TrafficDistribution.PREFER_CLOSE }));
      synthQuietly(older);
      expect(warningsOf(app34)).toEqual([]);
    });

    test('a target that is not a version, or older than 1.21, is a finding of the App', () => {
      const chart = newChart();
      ServicePatternsValidation.setKubernetesVersion(chart, 'latest');
      new ExposedApp(chart, 'Web', props({}));
      expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[cdk8s-service-patterns\.Report\] kubernetesVersion "latest": must be a Kubernetes version such as "1\.33".*\(SP_KUBERNETES_VERSION\)$/)]);
    });
  });

  describe('any workload: read from its resolved manifest', () => {
    const NGINX_POD = { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080, name: 'http' }] }] };

    test('a raw KubeDeployment: selector from its manifest, named target port checked against its container ports', () => {
      const chart = newChart({ namespace: 'shop' });
      const raw = new kplus.k8s.KubeDeployment(chart, 'Raw', {
        metadata: { name: 'raw' },
        spec: { selector: { matchLabels: { app: 'raw' } }, template: { metadata: { labels: { app: 'raw', tier: 'web' } }, spec: NGINX_POD } },
      });
      const app = new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: raw, ports: [{ name: 'http', port: 80 }] });
      expect(app.workload).toBe(raw);
      expect(app.deployment).toBeUndefined();
      const service = findOne(synthValidated(chart), 'Service', 'web');
      expect(service.spec.selector).toEqual({ app: 'raw' });
      expect(service.spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]);

      const wrong = newChart({ namespace: 'shop' });
      const rawWrong = new kplus.k8s.KubeDeployment(wrong, 'Raw', {
        metadata: { name: 'raw' },
        spec: { selector: { matchLabels: { app: 'raw' } }, template: { metadata: { labels: { app: 'other' } }, spec: NGINX_POD } },
      });
      new ExposedApp(wrong, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: rawWrong, ports: [{ name: 'metrics', port: 9090 }] });
      expect(synthErrors(wrong)).toEqual([
        expect.stringContaining('[test/Web] workload.selector "app=raw": the Deployment selects pods with this label and its pod template does not carry it'),
        expect.stringContaining('[test/Web] ports[0].targetPort "metrics": no container of Deployment "raw" declares this port (declared: http)'),
      ]);
    });

    test('a cdk8s-plus-33 Deployment (what cdk8s init scaffolds today): named target port checked against its ports', () => {
      const chart = newChart({ namespace: 'shop' });
      const deployment = new kplus33.Deployment(chart, 'Web', { containers: [{ image: 'web:1', ports: [{ number: 8080, name: 'http' }] }] });
      new ExposedApp(chart, 'Svc', { serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: deployment, ports: [{ name: 'http', port: 80 }] });
      const manifests = synthValidated(chart);
      expect(findOne(manifests, 'Service', 'web').spec.selector).toEqual(deployment.matchLabels);
      expect(Object.keys(deployment.matchLabels)).toHaveLength(1);

      const wrong = newChart({ namespace: 'shop' });
      const other = new kplus33.Deployment(wrong, 'Web', { containers: [{ image: 'web:1', ports: [{ number: 8080, name: 'http' }] }] });
      new ExposedApp(wrong, 'Svc', { serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: other, ports: [{ name: 'web', port: 80, targetPort: TargetPort.named('htpp') }] });
      expect(synthErrors(wrong)).toEqual([expect.stringContaining('ports[0].targetPort "htpp": no container of Deployment')]);
    });

    test('a StatefulSet as an ApiObject; a workload in another namespace', () => {
      const chart = newChart();
      const sts = new ApiObject(chart, 'Sts', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'data' },
        spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: NGINX_POD } },
      });
      new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: sts, ports: [{ name: 'http', port: 80 }] });
      expect(synthErrors(chart)).toEqual([
        expect.stringContaining('[test/Web] workload.metadata.namespace "data": the StatefulSet is in another namespace than its Service ("default")'),
      ]);
    });

    test('a construct that is no workload is a finding, not a crash', () => {
      const chart = newChart();
      const notAWorkload = new Construct(chart, 'Nothing');
      new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: notAWorkload, ports: [{ name: 'http', port: 80 }] });
      expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[test\/Web\] workload "test\/Nothing": is not a workload.*\(SP_WORKLOAD_OBJECT\)$/)]);
    });

    test('pods the app does not own: selected by labels, target ports checked against the declared ports', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', {
        serviceName: 'web',
        type: ExposureType.CLUSTER_IP,
        pods: { labels: { 'app.kubernetes.io/name': 'grafana' }, ports: [{ number: 3000, name: 'grafana' }] },
        ports: [{ name: 'http', port: 80, targetPort: TargetPort.named('grafana') }],
      });
      expect(findOne(synthValidated(chart), 'Service', 'web').spec.selector).toEqual({ 'app.kubernetes.io/name': 'grafana' });

      const wrong = newChart();
      new ExposedApp(wrong, 'Web', {
        serviceName: 'web',
        type: ExposureType.CLUSTER_IP,
        pods: { labels: {}, ports: [{ number: 3000, name: 'grafana' }] },
        ports: [{ name: 'http', port: 80 }],
      });
      expect(synthErrors(wrong).map((e) => /\((SP_[A-Z_]+)\)$/.exec(e)![1])).toEqual(['SP_SELECTOR_EMPTY', 'SP_TARGET_PORT_UNKNOWN']);
    });

    test('two sources of pods are a conflict', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, pods: { labels: { app: 'x' } }, container: KUBIA, ports: [{ name: 'http', port: 80 }] });
      expect(synthErrors(chart)).toContainEqual(expect.stringContaining('[test/Web] pods: the pods are given more than once (pods, container/deploymentProps)'));
    });
  });

  describe('the model', () => {
    /** Props that synthesize cleanly, with warnings, and reach every kind of value (arrays, maps, nested objects). */
    function props(): ExposedAppProps {
      return {
        serviceName: 'web',
        type: ExposureType.LOAD_BALANCER,
        labels: { app: 'web' },
        annotations: { team: 'shop' },
        ports: [{ name: 'http', port: 80, nodePort: 30080 }],
        container: { image: 'web', ports: [{ number: 8080, name: 'http' }] },
        deploymentProps: { replicas: 3 },
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheckNodePort: 30081,
        sessionAffinity: SessionAffinity.CLIENT_IP,
        sessionAffinityTimeoutSeconds: 600,
        loadBalancerSourceRanges: ['0.0.0.0/0'],
        ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
        ipFamilies: [IpFamily.IPV4],
        nodePortRange: { min: 30000, max: 32767 },
      };
    }

    test('props changed after construction change neither the output nor the findings', () => {
      // GIVEN
      const baselineChart = newChart();
      const baseline = new ExposedApp(baselineChart, 'Web', props());
      const chart = newChart();
      const given: any = props();
      const app = new ExposedApp(chart, 'Web', given);

      // WHEN: every kind of value is changed, in ways that would be errors or would silence a warning
      given.ports[0].port = 0;
      given.ports[0].targetPort = TargetPort.named('nope');
      given.ports.push({ name: 'HTTP', port: 80 });
      given.labels['bad key!'] = 'y';
      delete given.labels.app;
      delete given.annotations.team;
      given.annotations['service.beta.kubernetes.io/load-balancer-source-ranges'] = 'nope';
      given.container.ports[0].number = 9999;
      given.container.ports.push({ number: 9999, name: 'http' });
      given.loadBalancerSourceRanges[0] = '10.0.0.0/8';
      given.loadBalancerSourceRanges.push('not a cidr');
      given.ipFamilies.push(IpFamily.IPV4);
      given.nodePortRange.min = 31000;
      given.type = 'ClusterIP';
      given.healthCheckNodePort = 1;
      given.sessionAffinity = SessionAffinity.NONE;
      given.loadBalancerPreset = LoadBalancerPreset.gcpInternal();
      (app.servicePorts as any)[0].port = 1;
      app.servicePorts.push({ name: 'extra', port: 1 });

      // THEN
      const expected = synthQuietly(baselineChart);
      expect(synthQuietly(chart)).toEqual(expected);
      expect(findOne(expected, 'Service').spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080 }]);
      expect(warningsOf(app).length).toEqual(2);
      expect(warningsOf(app)).toEqual(warningsOf(baseline));
      expect(app.nodePorts).toEqual([30080]);
    });

    test('addPort is emitted', () => {
      // GIVEN
      const chart = newChart();
      const app = new ExposedApp(chart, 'Web', {
        serviceName: 'web',
        type: ExposureType.NODE_PORT,
        ports: [{ name: 'http', port: 80 }],
        container: { image: 'web', ports: [{ number: 8080, name: 'http' }, { number: 9100, name: 'metrics' }] },
      });

      // WHEN
      app.addPort({ name: 'metrics', port: 9090, nodePort: 30090 });

      // THEN
      expect(findOne(synthValidated(chart), 'Service').spec.ports).toEqual([
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 'metrics', nodePort: 30090 },
      ]);
      expect(app.nodePorts).toEqual([30090]);
      expect(app.servicePorts.map((p) => p.name)).toEqual(['http', 'metrics']);
    });

    test('addPort is checked', () => {
      // GIVEN
      const chart = newChart();
      const app = new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: KUBIA });

      // WHEN
      app.addPort({ name: 'metrics', port: 9090, targetPort: TargetPort.number(9100) });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Web] ports[1].targetPort 9100: no container of Deployment "web" declares this port (declared: http). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
      ]);
    });
  });

  describe('rejects', () => {
    const base = { type: ExposureType.NODE_PORT, container: KUBIA };

    test('node ports outside the range, and the same node port twice', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'A', {
        ...base,
        serviceName: 'a',
        container: { image: 'x', ports: [{ number: 8080, name: 'http' }, { number: 8443, name: 'https' }, { number: 9000, name: 'admin' }] },
        ports: [
          { name: 'http', port: 80, nodePort: 80 },
          { name: 'https', port: 443, nodePort: 30443 },
          { name: 'admin', port: 9000, nodePort: 30443 },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/A] ports[0].nodePort 80: must be an integer within the cluster\'s node port range 30000-32767 (--service-node-port-range). Fix: pick a port between 30000 and 32767, leave it out to let the cluster allocate one, or set nodePortRange to the cluster\'s range (SP_NODE_PORT_RANGE)',
        '[test/A] ports[2].nodePort 30443: is already used by ports[1].nodePort for another port number (a node port may only be shared by one port number over TCP and UDP). Fix: give every port its own node port (SP_NODE_PORT_DUPLICATE)',
      ]);
    });

    test('a type other than ClusterIP, NodePort or LoadBalancer (untyped callers); node ports on a ClusterIP Service', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Name', { ...base, type: 'ExternalName' as ExposureType, serviceName: 'name', ports: [{ name: 'http', port: 80 }] });
      new ExposedApp(chart, 'Ip', { ...base, type: ExposureType.CLUSTER_IP, serviceName: 'ip', ports: [{ name: 'http', port: 80, nodePort: 30001 }] });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Name] type "ExternalName": must be ClusterIP, NodePort or LoadBalancer. Fix: use ExposureType.CLUSTER_IP, ExposureType.NODE_PORT or ExposureType.LOAD_BALANCER (SP_EXPOSURE_TYPE)',
        '[test/Ip] ports[0].nodePort 30001: a ClusterIP Service has no node ports. Fix: remove the nodePort, or use a NodePort or LoadBalancer Service (SP_NODE_PORT_TYPE)',
      ]);
    });

    test('LoadBalancer-only fields on a NodePort app', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Np', {
        ...base,
        serviceName: 'np',
        ports: [{ name: 'http', port: 80 }],
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        loadBalancerClass: 'example.com/lb',
        allocateLoadBalancerNodePorts: false,
        loadBalancerPreset: LoadBalancerPreset.gcpInternal(),
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Np] loadBalancerSourceRanges ["10.0.0.0/8"]: is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove loadBalancerSourceRanges, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
        '[test/Np] loadBalancerClass "example.com/lb": is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove loadBalancerClass, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
        '[test/Np] allocateLoadBalancerNodePorts false: is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove allocateLoadBalancerNodePorts, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
        '[test/Np] loadBalancerPreset "gcpInternal": is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove loadBalancerPreset, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
      ]);
    });

    test('healthCheckNodePort without LoadBalancer + Local, or clashing with a node port', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Np', { ...base, serviceName: 'np', ports: [{ name: 'http', port: 80 }], healthCheckNodePort: 30100, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL });
      new ExposedApp(chart, 'Cluster', { ...base, type: ExposureType.LOAD_BALANCER, serviceName: 'lb', ports: [{ name: 'http', port: 80 }], healthCheckNodePort: 30100 });
      new ExposedApp(chart, 'Clash', {
        ...base,
        type: ExposureType.LOAD_BALANCER,
        serviceName: 'clash',
        ports: [{ name: 'http', port: 80, nodePort: 30100 }],
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheckNodePort: 30100,
      });

      // THEN
      const fix = 'remove healthCheckNodePort, or use type LoadBalancer with externalTrafficPolicy: ExternalTrafficPolicy.LOCAL (SP_HEALTH_CHECK_NODE_PORT)';
      expect(synthErrors(chart)).toEqual([
        `[test/Np] healthCheckNodePort 30100: is only valid for a LoadBalancer Service with externalTrafficPolicy Local. Fix: ${fix}`,
        `[test/Cluster] healthCheckNodePort 30100: is only valid for a LoadBalancer Service with externalTrafficPolicy Local. Fix: ${fix}`,
        '[test/Clash] healthCheckNodePort 30100: is already used by ports[0].nodePort. Fix: use another node port for the health check (SP_NODE_PORT_DUPLICATE)',
      ]);
    });

    test('a session affinity timeout outside 1-86400 or without ClientIP', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Long', { ...base, serviceName: 'long', ports: [{ name: 'http', port: 80 }], sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 86401 });
      new ExposedApp(chart, 'Zero', { ...base, serviceName: 'zero', ports: [{ name: 'http', port: 80 }], sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 0 });
      new ExposedApp(chart, 'NoAffinity', { ...base, serviceName: 'none', ports: [{ name: 'http', port: 80 }], sessionAffinityTimeoutSeconds: 60 });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Long] sessionAffinityTimeoutSeconds 86401: must be an integer number of seconds between 1 and 86400. Fix: use between 1 and 86400 seconds (one day) (SP_SESSION_AFFINITY_TIMEOUT)',
        '[test/Zero] sessionAffinityTimeoutSeconds 0: must be an integer number of seconds between 1 and 86400. Fix: use between 1 and 86400 seconds (one day) (SP_SESSION_AFFINITY_TIMEOUT)',
        '[test/NoAffinity] sessionAffinityTimeoutSeconds 60: is only valid with sessionAffinity ClientIP. Fix: set sessionAffinity: SessionAffinity.CLIENT_IP, or remove the timeout (SP_SESSION_AFFINITY_TIMEOUT)',
      ]);
    });

    test('invalid CIDRs and load balancer classes', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Lb', {
        ...base,
        type: ExposureType.LOAD_BALANCER,
        serviceName: 'lb',
        ports: [{ name: 'http', port: 80 }],
        loadBalancerSourceRanges: ['10.0.0.0/8', '10.0.0.0', '300.0.0.0/8'],
        loadBalancerClass: 'not a class',
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Lb] loadBalancerSourceRanges[1] "10.0.0.0": must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32". Fix: give a network CIDR such as "203.0.113.0/24" (SP_CIDR)',
        '[test/Lb] loadBalancerSourceRanges[2] "300.0.0.0/8": must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32". Fix: give a network CIDR such as "203.0.113.0/24" (SP_CIDR)',
        expect.stringMatching(/^\[test\/Lb\] loadBalancerClass "not a class": must be a qualified name.*\(SP_LOAD_BALANCER_CLASS\)$/),
      ]);
    });

    test('port names that are not DNS-1123 labels or repeat, container port names that are not IANA names', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Names', {
        ...base,
        serviceName: 'names',
        container: { image: 'x', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'metrics-exporter' }] },
        ports: [
          { name: 'HTTP', port: 80, targetPort: TargetPort.named('http') },
          { name: 'web', port: 81, targetPort: TargetPort.named('http') },
          { name: 'web', port: 82, targetPort: TargetPort.named('http') },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Names] ports[0].name "HTTP": must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit. Fix: use a name such as "http" (SP_PORT_NAME)',
        '[test/Names] ports[2].name "web": is already used by ports[1]. Fix: give every port a distinct name (SP_PORT_NAME_DUPLICATE)',
        '[test/Names] container "main" port 9090 name "metrics-exporter": is 16 characters long; must be an IANA service name: 1-15 characters, lowercase letters, digits and \'-\', at least one letter, no leading, trailing or double \'-\'. Fix: name container ports with IANA service names such as "http", "client" or "peer" (SP_CONTAINER_PORT_NAME)',
      ]);
    });

    test('a named targetPort that is not an IANA service name', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Long', { ...base, serviceName: 'long', ports: [{ name: 'http', port: 80, targetPort: TargetPort.named('metrics-endpoint-port') }] });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Long] ports[0].targetPort "metrics-endpoint-port": is 21 characters long; must be an IANA service name: 1-15 characters, lowercase letters, digits and \'-\', at least one letter, no leading, trailing or double \'-\'. Fix: name container ports (and refer to them) with IANA service names such as "http" or "metrics" (SP_TARGET_PORT_NAME)',
        '[test/Long] ports[0].targetPort "metrics-endpoint-port": no container of Deployment "long" declares this port (declared: http). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
      ]);
    });

    test('a target port that names no container port, and an unnamed port without targetPort', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Target', { ...base, serviceName: 'target', ports: [{ name: 'https', port: 443 }] });
      new ExposedApp(chart, 'Unnamed', { ...base, serviceName: 'unnamed', ports: [{ port: 80 }] });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Target] ports[0].targetPort "https": no container of Deployment "target" declares this port (declared: http). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
        '[test/Unnamed] ports[0].targetPort 80: the Service port targets the container port of its name, and this port has neither a name nor a targetPort. Fix: name the port ({ name: "http", ... }) or give targetPort: TargetPort.named("http") or TargetPort.number(8080) (SP_TARGET_PORT_REQUIRED)',
      ]);
    });

    test('a numeric target port that no container declares, or that is no port number', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Missing', { ...base, serviceName: 'missing', ports: [{ port: 80, targetPort: TargetPort.number(9090) }] });
      new ExposedApp(chart, 'Zero', { ...base, serviceName: 'zero', ports: [{ port: 80, targetPort: TargetPort.number(0) }] });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Missing] ports[0].targetPort 9090: no container of Deployment "missing" declares this port (declared: http). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
        '[test/Zero] ports[0].targetPort 0: must be an integer between 1 and 65535. Fix: target a container port between 1 and 65535 (SP_PORT_NUMBER)',
        '[test/Zero] ports[0].targetPort 0: no container of Deployment "zero" declares this port (declared: http). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
      ]);
    });

    test('a target container port of another protocol', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Dns', {
        ...base,
        serviceName: 'dns',
        container: { image: 'coredns', ports: [{ number: 5353, name: 'dns', protocol: kplus.Protocol.UDP }] },
        ports: [{ port: 53, targetPort: TargetPort.number(5353) }],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Dns] ports[0].protocol "TCP": the target container port 5353 uses UDP. Fix: use the same protocol on the Service port and the container port (SP_TARGET_PORT_PROTOCOL)',
      ]);
    });

    test('both an existing Deployment and container options; neither', () => {
      // GIVEN
      const chart = newChart();
      const deployment = new kplus.Deployment(chart, 'Existing', { metadata: { name: 'existing' }, containers: [KUBIA] });

      // WHEN
      new ExposedApp(chart, 'Both', { ...base, serviceName: 'both', ports: [{ name: 'http', port: 80 }], deployment });
      new ExposedApp(chart, 'Neither', { type: ExposureType.NODE_PORT, serviceName: 'neither', ports: [{ name: 'http', port: 80 }] });

      // THEN
      const errors = synthErrors(chart);
      expect(errors).toContain('[test/Both] deployment: the pods are given more than once (deployment, container/deploymentProps). Fix: pass one of `deployment`, `workload`, `pods`, or `container`/`deploymentProps` (SP_WORKLOAD_CONFLICT)');
      expect(errors).toContain('[test/Neither] container: neither an existing Deployment nor a container to build one was given. Fix: pass `container: { image, ports }` (or `deploymentProps.containers`), or `deployment` (SP_WORKLOAD_MISSING)');
    });

    test('the same node port for one port number over TCP and UDP is fine', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Dns', {
        serviceName: 'dns',
        type: ExposureType.NODE_PORT,
        container: { image: 'coredns', ports: [{ number: 53, name: 'dns-tcp' }, { number: 53, name: 'dns-udp', protocol: kplus.Protocol.UDP }] },
        ports: [
          { name: 'dns-tcp', port: 53, nodePort: 30053 },
          { name: 'dns-udp', port: 53, nodePort: 30053, protocol: kplus.Protocol.UDP },
        ],
      });

      // THEN
      expect(findOne(synthValidated(chart), 'Service').spec.ports.map((p: any) => [p.protocol, p.nodePort])).toEqual([['TCP', 30053], ['UDP', 30053]]);
    });

    test('CIDRs with host bits, the source-ranges annotation, invalid enum values', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Lb', {
        ...base,
        type: ExposureType.LOAD_BALANCER,
        serviceName: 'lb',
        ports: [{ name: 'http', port: 80 }],
        loadBalancerSourceRanges: ['10.1.2.3/8'],
        annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, nope' },
        externalTrafficPolicy: 'Locale' as ExternalTrafficPolicy,
      });
      new ExposedApp(chart, 'Np', {
        ...base,
        serviceName: 'np',
        ports: [{ name: 'http', port: 80 }],
        loadBalancerSourceRanges: [],
        annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' },
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        // type guards run first (SP_ENUM), the rules after
        '[test/Lb] externalTrafficPolicy "Locale": must be one of Cluster, Local. Fix: use one of Cluster, Local (SP_ENUM)',
        '[test/Lb] loadBalancerSourceRanges[0] "10.1.2.3/8": has host bits set; the network is "10.0.0.0/8". Fix: give a network CIDR such as "203.0.113.0/24" (SP_CIDR)',
        '[test/Lb] annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] "nope": must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32". Fix: give comma-separated network CIDRs, or use the loadBalancerSourceRanges prop (SP_CIDR)',
        '[test/Np] annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] "10.0.0.0/8": is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove annotations["service.beta.kubernetes.io/load-balancer-source-ranges"], or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
      ]);
    });

    test('a Service port targeting a port name two containers declare', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Shared', {
        ...base,
        serviceName: 'shared',
        ports: [{ name: 'http', port: 80 }],
        container: { ...KUBIA, name: 'app' },
        deploymentProps: { containers: [{ image: 'sidecar', name: 'proxy', ports: [{ number: 9090, name: 'http' }] }] },
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Shared] ports[0].targetPort "http": containers "app" and "proxy" of Deployment "shared" both declare a port of this name, and the endpoints controller targets whichever it finds first. Fix: give each container port its own name and target that one (SP_TARGET_PORT_AMBIGUOUS)',
      ]);
    });

    test('a port name two containers declare, targeted by no Service port, is a warning', () => {
      // GIVEN
      const chart = newChart();
      const app = new ExposedApp(chart, 'Shared', {
        ...base,
        serviceName: 'shared',
        ports: [{ name: 'http', port: 80 }],
        container: { ...KUBIA, name: 'app', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'metrics' }] },
        deploymentProps: { containers: [{ image: 'sidecar', name: 'proxy', ports: [{ number: 9091, name: 'metrics' }] }] },
      });

      // WHEN
      synthQuietly(chart);

      // THEN
      expect(warningsOf(app)).toEqual([
        'containers "metrics": containers "app" and "proxy" of Deployment "shared" both declare a port of this name; a Service targeting it reaches whichever the endpoints controller finds first. Fix: give each container port its own name (SP_CONTAINER_PORT_NAME_DUPLICATE)',
      ]);
    });

    test('two containers with the same name', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Twins', {
        ...base,
        serviceName: 'twins',
        ports: [{ name: 'http', port: 80 }],
        container: { ...KUBIA, name: 'app' },
        deploymentProps: { containers: [{ image: 'sidecar', name: 'app' }] },
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Twins] containers "app": two containers of Deployment "twins" have this name. Fix: give every container its own name (ContainerProps.name) (SP_CONTAINER_NAME_DUPLICATE)',
      ]);
    });

    test('a Deployment in another namespace than the Service', () => {
      // GIVEN
      const chart = newChart();
      const deployment = new kplus.Deployment(chart, 'Existing', { metadata: { name: 'existing' }, containers: [KUBIA] });

      // WHEN
      new ExposedApp(chart, 'Shop', { type: ExposureType.NODE_PORT, serviceName: 'shop', namespace: 'shop', ports: [{ name: 'http', port: 80 }], deployment });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Shop] deployment.metadata.namespace "default": the Deployment is in another namespace than its Service ("shop"), and a Service selects pods of its own namespace only. Fix: put the Service and the workload in the same namespace (SP_NAMESPACE_MISMATCH)',
      ]);
    });

    test('two IP families with a single-stack policy', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExposedApp(chart, 'Ds', { ...base, serviceName: 'ds', ports: [{ name: 'http', port: 80 }], ipFamilies: [IpFamily.IPV6, IpFamily.IPV4] });
      new ExposedApp(chart, 'Dup', { ...base, serviceName: 'dup', ports: [{ name: 'http', port: 80 }], ipFamilies: [IpFamily.IPV4, IpFamily.IPV4] });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Ds] ipFamilyPolicy "SingleStack (default)": two IP families need a dual-stack policy. Fix: set ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK (SP_IP_FAMILY_POLICY)',
        '[test/Dup] ipFamilies ["IPv4","IPv4"]: must list at most two distinct families. Fix: use [IpFamily.IPV4], [IpFamily.IPV6] or both once (SP_IP_FAMILIES)',
      ]);
    });
  });
});
