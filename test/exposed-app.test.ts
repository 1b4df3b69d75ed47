import * as kplus from 'cdk8s-plus-27';
import {
  ExposedApp,
  ExposureType,
  ExternalTrafficPolicy,
  IpFamily,
  IpFamilyPolicy,
  LoadBalancerPreset,
  SessionAffinity,
} from '../src';
import { warningsOf } from '../src/report';
import { collectNodePortFindings, FindingCollector } from '../src/validation';
import { findAll, findOne, newChart, synthErrors, synthValidated } from './support/synth';

const KUBIA = { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] };

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
    expect(app.backend()).toEqual({ serviceName: 'kubia-nodeport', namespace: 'default', portNumber: 80, portName: 'http' });
    expect(manifests).toMatchSnapshot();
  });

  test('the default readiness probe: TCP ports only, on the container of the first exposed port only', () => {
    const chart = newChart();
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
    // a TCP probe of a UDP port would never succeed
    expect(findOne(manifests, 'Deployment', 'syslog').spec.template.spec.containers[0].readinessProbe).toBeUndefined();
    expect(udp.defaultReadinessProbeContainers).toEqual([]);
    const containers = findOne(manifests, 'Deployment', 'sidecar').spec.template.spec.containers;
    expect(containers.map((c: any) => [c.name, c.readinessProbe?.tcpSocket])).toEqual([['app', { port: 8080 }], ['exporter', undefined]]);
    expect(sidecar.defaultReadinessProbeContainers).toEqual(['app']);
  });

  test('a user-given readiness probe is kept untouched', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'Web', {
      serviceName: 'web',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80 }],
      container: { ...KUBIA, readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }) },
    });
    const container = findOne(synthValidated(chart), 'Deployment').spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/healthz', port: 8080 });
    expect(container.readinessProbe.tcpSocket).toBeUndefined();
    expect(app.defaultReadinessProbeContainers).toEqual([]);
  });

  test('LoadBalancer with externalTrafficPolicy Local, a health check node port and source ranges', () => {
    const chart = newChart({ namespace: 'shop' });
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
    const manifests = synthValidated(chart);
    const service = findOne(manifests, 'Service');
    expect(service.metadata).toEqual({ name: 'kubia-loadbalancer', namespace: 'shop' });
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
    expect(manifests).toMatchSnapshot();
  });

  test('an AWS internal NLB; user annotations override the preset', () => {
    const chart = newChart();
    new ExposedApp(chart, 'Internal', {
      serviceName: 'internal-api',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      loadBalancerPreset: LoadBalancerPreset.awsInternalNlb(),
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true' },
    });
    const service = findOne(synthValidated(chart), 'Service');
    expect(service.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
    });
    expect(service.spec.type).toEqual('LoadBalancer');
    expect(LoadBalancerPreset.gcpInternal().annotations).toEqual({ 'networking.gke.io/load-balancer-type': 'Internal' });
    expect(LoadBalancerPreset.azureInternal().annotations).toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
    expect(synthValidated(chart)).toMatchSnapshot();
  });

  test('two ports, session affinity and dual stack', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'Two', {
      serviceName: 'two-ports',
      type: ExposureType.NODE_PORT,
      ports: [
        { name: 'http', port: 80, nodePort: 30080 },
        { name: 'metrics', port: 9090, containerPort: 'prom', appProtocol: 'http' },
      ],
      container: { image: 'app', ports: [{ number: 8080, name: 'http' }, { number: 9100, name: 'prom' }] },
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeoutSeconds: 600,
      ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
      ipFamilies: [IpFamily.IPV4, IpFamily.IPV6],
    });
    const manifests = synthValidated(chart);
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
    expect(app.backend('metrics')).toEqual({ serviceName: 'two-ports', namespace: 'default', portNumber: 9090, portName: 'metrics' });
    expect(() => app.backend()).toThrow('test/Two: the Service has 2 ports (http, metrics); name the one to route to, e.g. backend("http")');
    expect(() => app.backend('grpc')).toThrow('test/Two: the Service has no port named "grpc" (ports: http, metrics)');
    expect(manifests).toMatchSnapshot();
  });

  test('wraps an existing cdk8s-plus Deployment', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Existing', {
      metadata: { name: 'existing' },
      containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'web' }], readiness: kplus.Probe.fromTcpSocket({ port: 8080 }) }],
    });
    const app = new ExposedApp(chart, 'Expose', { serviceName: 'existing-np', type: ExposureType.NODE_PORT, ports: [{ name: 'web', port: 80 }], deployment });
    const manifests = synthValidated(chart);
    expect(findAll(manifests, 'Deployment')).toHaveLength(1);
    expect(findAll(manifests, 'Service')).toHaveLength(1);
    expect(findOne(manifests, 'Service').spec.selector).toEqual(findOne(manifests, 'Deployment').spec.selector.matchLabels);
    expect(app.deployment).toBe(deployment);
    expect(manifests).toMatchSnapshot();
  });

  test('a cluster with another node port range', () => {
    const chart = newChart();
    new ExposedApp(chart, 'Low', {
      serviceName: 'low',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80, nodePort: 8080 }],
      container: KUBIA,
      nodePortRange: { min: 1024, max: 9999 },
    });
    expect(findOne(synthValidated(chart), 'Service').spec.ports[0].nodePort).toEqual(8080);
  });

  test('warns about Local traffic policy caveats and load balancers open to any address', () => {
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
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      synthValidated(chart);
    } finally {
      stderr.mockRestore();
    }
    expect(warningsOf(open)).toEqual([
      'externalTrafficPolicy "Local": only nodes with a ready local pod answer, and traffic is spread per node rather than per pod. Fix: spread the pods over the nodes (topology spread constraints) and keep enough replicas, or use Cluster when the client IP does not matter (SP_TRAFFIC_POLICY_LOCAL)',
      'loadBalancerSourceRanges "0.0.0.0/0": the load balancer accepts connections from any address (on most clouds: the internet). Fix: list the client CIDRs in loadBalancerSourceRanges, or use an internal load balancer (loadBalancerPreset) (SP_LOAD_BALANCER_OPEN)',
    ]);
    expect(warningsOf(internal)).toEqual([]);
  });

  describe('rejects', () => {
    const base = { type: ExposureType.NODE_PORT, container: KUBIA };

    test('node ports outside the range, and the same node port twice', () => {
      const chart = newChart();
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
      expect(synthErrors(chart)).toEqual([
        '[test/A] ports[0].nodePort 80: must be an integer within the cluster\'s node port range 30000-32767 (--service-node-port-range). Fix: pick a port between 30000 and 32767, leave it out to let the cluster allocate one, or set nodePortRange to the cluster\'s range (SP_NODE_PORT_RANGE)',
        '[test/A] ports[2].nodePort 30443: is already used by ports[1].nodePort for another port number (a node port may only be shared by one port number over TCP and UDP). Fix: give every port its own node port (SP_NODE_PORT_DUPLICATE)',
      ]);
    });

    test('a node port on a ClusterIP Service (shared rule)', () => {
      const findings = new FindingCollector();
      collectNodePortFindings(findings, 'ports', 'ClusterIP', [{ nodePort: 30001 }], { min: 30000, max: 32767 });
      expect(findings.messages()).toEqual([
        'ports[0].nodePort 30001: a ClusterIP Service has no node ports. Fix: remove the nodePort, or use a NodePort or LoadBalancer Service (SP_NODE_PORT_TYPE)',
      ]);
    });

    test('LoadBalancer-only fields on a NodePort app', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Np', {
        ...base,
        serviceName: 'np',
        ports: [{ name: 'http', port: 80 }],
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        loadBalancerClass: 'example.com/lb',
        allocateLoadBalancerNodePorts: false,
        loadBalancerPreset: LoadBalancerPreset.gcpInternal(),
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Np] loadBalancerSourceRanges ["10.0.0.0/8"]: is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove loadBalancerSourceRanges, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
        '[test/Np] loadBalancerClass "example.com/lb": is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove loadBalancerClass, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
        '[test/Np] allocateLoadBalancerNodePorts false: is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove allocateLoadBalancerNodePorts, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
        '[test/Np] loadBalancerPreset "gcpInternal": is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove loadBalancerPreset, or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
      ]);
    });

    test('healthCheckNodePort without LoadBalancer + Local, or clashing with a node port', () => {
      const chart = newChart();
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
      const fix = 'remove healthCheckNodePort, or use type LoadBalancer with externalTrafficPolicy: ExternalTrafficPolicy.LOCAL (SP_HEALTH_CHECK_NODE_PORT)';
      expect(synthErrors(chart)).toEqual([
        `[test/Np] healthCheckNodePort 30100: is only valid for a LoadBalancer Service with externalTrafficPolicy Local. Fix: ${fix}`,
        `[test/Cluster] healthCheckNodePort 30100: is only valid for a LoadBalancer Service with externalTrafficPolicy Local. Fix: ${fix}`,
        '[test/Clash] healthCheckNodePort 30100: is already used by ports[0].nodePort. Fix: use another node port for the health check (SP_NODE_PORT_DUPLICATE)',
      ]);
    });

    test('a session affinity timeout outside 1-86400 or without ClientIP', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Long', { ...base, serviceName: 'long', ports: [{ name: 'http', port: 80 }], sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 86401 });
      new ExposedApp(chart, 'Zero', { ...base, serviceName: 'zero', ports: [{ name: 'http', port: 80 }], sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 0 });
      new ExposedApp(chart, 'NoAffinity', { ...base, serviceName: 'none', ports: [{ name: 'http', port: 80 }], sessionAffinityTimeoutSeconds: 60 });
      expect(synthErrors(chart)).toEqual([
        '[test/Long] sessionAffinityTimeoutSeconds 86401: must be an integer number of seconds between 1 and 86400. Fix: use between 1 and 86400 seconds (one day) (SP_SESSION_AFFINITY_TIMEOUT)',
        '[test/Zero] sessionAffinityTimeoutSeconds 0: must be an integer number of seconds between 1 and 86400. Fix: use between 1 and 86400 seconds (one day) (SP_SESSION_AFFINITY_TIMEOUT)',
        '[test/NoAffinity] sessionAffinityTimeoutSeconds 60: is only valid with sessionAffinity ClientIP. Fix: set sessionAffinity: SessionAffinity.CLIENT_IP, or remove the timeout (SP_SESSION_AFFINITY_TIMEOUT)',
      ]);
    });

    test('invalid CIDRs and load balancer classes', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Lb', {
        ...base,
        type: ExposureType.LOAD_BALANCER,
        serviceName: 'lb',
        ports: [{ name: 'http', port: 80 }],
        loadBalancerSourceRanges: ['10.0.0.0/8', '10.0.0.0', '300.0.0.0/8'],
        loadBalancerClass: 'not a class',
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Lb] loadBalancerSourceRanges[1] "10.0.0.0": must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32". Fix: give a network CIDR such as "203.0.113.0/24" (SP_CIDR)',
        '[test/Lb] loadBalancerSourceRanges[2] "300.0.0.0/8": must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32". Fix: give a network CIDR such as "203.0.113.0/24" (SP_CIDR)',
        expect.stringMatching(/^\[test\/Lb\] loadBalancerClass "not a class": must be a qualified name.*\(SP_LOAD_BALANCER_CLASS\)$/),
      ]);
    });

    test('port names that are not DNS-1123 labels or repeat, container port names that are not IANA names', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Names', {
        ...base,
        serviceName: 'names',
        container: { image: 'x', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'metrics-exporter' }] },
        ports: [
          { name: 'HTTP', port: 80, containerPort: 'http' },
          { name: 'web', port: 81, containerPort: 'http' },
          { name: 'web', port: 82, containerPort: 'http' },
        ],
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Names] ports[0].name "HTTP": must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit. Fix: use a name such as "http" (SP_PORT_NAME)',
        '[test/Names] ports[2].name "web": is already used by ports[1]. Fix: give every port a distinct name (SP_PORT_NAME_DUPLICATE)',
        '[test/Names] container "main" port 9090 name "metrics-exporter": is 16 characters long; must be an IANA service name: 1-15 characters, lowercase letters, digits and \'-\', at least one letter, no leading, trailing or double \'-\'. Fix: name container ports with IANA service names such as "http", "client" or "peer" (SP_CONTAINER_PORT_NAME)',
      ]);
    });

    test('a target port that names no container port, and an unnamed port', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Target', { ...base, serviceName: 'target', ports: [{ name: 'https', port: 443 }] });
      new ExposedApp(chart, 'Unnamed', { ...base, serviceName: 'unnamed', ports: [{ port: 80 }] });
      expect(synthErrors(chart)).toEqual([
        '[test/Target] ports[0].containerPort "https": no container of Deployment "target" declares this port (declared: http). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
        '[test/Unnamed] ports[0].containerPort 80: the Service targets container ports by name, and this port names none. Fix: name the port ({ name: "http", ... }) or give containerPort: "<container port name>" (SP_TARGET_PORT_REQUIRED)',
      ]);
    });

    test('both an existing Deployment and container options; neither', () => {
      const chart = newChart();
      const deployment = new kplus.Deployment(chart, 'Existing', { metadata: { name: 'existing' }, containers: [KUBIA] });
      new ExposedApp(chart, 'Both', { ...base, serviceName: 'both', ports: [{ name: 'http', port: 80 }], deployment });
      new ExposedApp(chart, 'Neither', { type: ExposureType.NODE_PORT, serviceName: 'neither', ports: [{ name: 'http', port: 80 }] });
      const errors = synthErrors(chart);
      expect(errors).toContain('[test/Both] deployment: both an existing Deployment and options to build one (container / deploymentProps) were given. Fix: pass either `deployment` or `container`/`deploymentProps`, not both (SP_WORKLOAD_CONFLICT)');
      expect(errors).toContain('[test/Neither] container: neither an existing Deployment nor a container to build one was given. Fix: pass `container: { image, ports }` (or `deploymentProps.containers`), or `deployment` (SP_WORKLOAD_MISSING)');
    });

    test('the same node port for one port number over TCP and UDP is fine', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Dns', {
        serviceName: 'dns',
        type: ExposureType.NODE_PORT,
        container: { image: 'coredns', ports: [{ number: 53, name: 'dns-tcp' }, { number: 53, name: 'dns-udp', protocol: kplus.Protocol.UDP }] },
        ports: [
          { name: 'dns-tcp', port: 53, nodePort: 30053 },
          { name: 'dns-udp', port: 53, nodePort: 30053, protocol: kplus.Protocol.UDP },
        ],
      });
      expect(findOne(synthValidated(chart), 'Service').spec.ports.map((p: any) => [p.protocol, p.nodePort])).toEqual([['TCP', 30053], ['UDP', 30053]]);
    });

    test('CIDRs with host bits, the source-ranges annotation, invalid enum values', () => {
      const chart = newChart();
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
      expect(synthErrors(chart)).toEqual([
        '[test/Lb] loadBalancerSourceRanges[0] "10.1.2.3/8": has host bits set; the network is "10.0.0.0/8". Fix: give a network CIDR such as "203.0.113.0/24" (SP_CIDR)',
        '[test/Lb] annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] "nope": must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32". Fix: give comma-separated network CIDRs, or use the loadBalancerSourceRanges prop (SP_CIDR)',
        '[test/Lb] externalTrafficPolicy "Locale": must be one of Cluster, Local. Fix: use one of Cluster, Local (SP_ENUM)',
        '[test/Np] annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] "10.0.0.0/8": is only valid for a LoadBalancer Service, and this one is NodePort. Fix: remove annotations["service.beta.kubernetes.io/load-balancer-source-ranges"], or use type: ExposureType.LOAD_BALANCER (SP_LOAD_BALANCER_ONLY)',
      ]);
    });

    test('two containers with the same name', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Twins', {
        ...base,
        serviceName: 'twins',
        ports: [{ name: 'http', port: 80 }],
        container: { ...KUBIA, name: 'app' },
        deploymentProps: { containers: [{ image: 'sidecar', name: 'app' }] },
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Twins] containers "app": two containers of Deployment "twins" have this name. Fix: give every container its own name (ContainerProps.name) (SP_CONTAINER_NAME_DUPLICATE)',
      ]);
    });

    test('a Deployment in another namespace than the Service', () => {
      const chart = newChart();
      const deployment = new kplus.Deployment(chart, 'Existing', { metadata: { name: 'existing' }, containers: [KUBIA] });
      new ExposedApp(chart, 'Shop', { type: ExposureType.NODE_PORT, serviceName: 'shop', namespace: 'shop', ports: [{ name: 'http', port: 80 }], deployment });
      expect(synthErrors(chart)).toEqual([
        '[test/Shop] deployment.metadata.namespace "default": the Deployment is in another namespace than its Service ("shop"), and a Service selects pods of its own namespace only. Fix: put the Service and the workload in the same namespace (SP_NAMESPACE_MISMATCH)',
      ]);
    });

    test('two IP families with a single-stack policy', () => {
      const chart = newChart();
      new ExposedApp(chart, 'Ds', { ...base, serviceName: 'ds', ports: [{ name: 'http', port: 80 }], ipFamilies: [IpFamily.IPV6, IpFamily.IPV4] });
      new ExposedApp(chart, 'Dup', { ...base, serviceName: 'dup', ports: [{ name: 'http', port: 80 }], ipFamilies: [IpFamily.IPV4, IpFamily.IPV4] });
      expect(synthErrors(chart)).toEqual([
        '[test/Ds] ipFamilyPolicy "SingleStack (default)": two IP families need a dual-stack policy. Fix: set ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK (SP_IP_FAMILY_POLICY)',
        '[test/Dup] ipFamilies ["IPv4","IPv4"]: must list at most two distinct families. Fix: use [IpFamily.IPV4], [IpFamily.IPV6] or both once (SP_IP_FAMILIES)',
      ]);
    });
  });
});
