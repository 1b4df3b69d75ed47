/**
 * Property-based fuzzing of every construct: generated props, valid, invalid and hostile (./hostile.ts). The
 * invariant for every case (./case.ts): synth either throws the library's ServicePatternsValidationError whose findings each name their
 * field (and never quote private-key material), or emits manifests that pass schema validation (unknown
 * fields rejected) and an independent oracle of the API server's rules. Anything else — a TypeError, another
 * error class, an invalid manifest — is a failure.
 *
 * Used by test/fuzz.test.ts (a bounded number of runs in `npm test`) and test/fuzz/run.ts (`npm run fuzz`).
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { FuzzProperty, MUST_EMIT } from './case';
import { annotationsArb, enumOrTypo, hostile, hostileArray, hostileValue, labelsArb, UNICODE_HOSTS, YAML_TEXT } from './hostile';
import { FuzzWorkspace } from './workspace';
import {
  AliasTarget,
  EndpointObjects,
  ExposedApp,
  ExposureType,
  ExternalAlias,
  ExternalTrafficPolicy,
  HeadlessService,
  HeadlessStatefulService,
  IpFamily,
  IpFamilyPolicy,
  ManualEndpointService,
  PathType,
  ServiceBackend,
  SessionAffinity,
  TargetPort,
  TlsIngress,
  TlsSource,
} from '../../src';
export { InvariantViolation, MUST_EMIT, runCase } from './case';
export type { FuzzProperty, Outcome } from './case';
export { allViolations, crossObjectViolations, oracleViolations } from './oracle';

// ---------------------------------------------------------------------------------------------------------
// Arbitraries: mostly plausible values, with the invalid ones users really type mixed in
// ---------------------------------------------------------------------------------------------------------

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/);
const nameArb = fc.oneof(
  { weight: 6, arbitrary: label },
  { weight: 1, arbitrary: fc.constantFrom('', 'Web', '1web', 'web-', 'a_b', 'a.b', 'a'.repeat(64), 'x'.repeat(53)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...YAML_TEXT, ...UNICODE_HOSTS) },
  { weight: 1, arbitrary: hostileValue as fc.Arbitrary<string> },
);
const portArb = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 65536, 80.5, 30000) },
  { weight: 1, arbitrary: hostileValue as fc.Arbitrary<number> },
);
const portNameArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('http', 'https', 'grpc', 'metrics', 'web', 'admin', 'peer') },
  { weight: 1, arbitrary: fc.constantFrom('', 'HTTP', 'a--b', '8080', 'metrics-endpoint-port', '-x') },
);
const protocolArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(kplus.Protocol.TCP, kplus.Protocol.TCP, kplus.Protocol.UDP, kplus.Protocol.SCTP) },
  { weight: 1, arbitrary: fc.constantFrom('ICMP', 'tcp', 'TCP ', 'UPD', null) as fc.Arbitrary<unknown> as fc.Arbitrary<kplus.Protocol> },
);
const ipArb = fc.oneof(
  { weight: 4, arbitrary: fc.ipV4() },
  { weight: 2, arbitrary: fc.ipV6() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('127.0.0.1', '169.254.169.254', '0.0.0.0', '::', '::1', 'fe80::1', 'ff02::1', '224.0.0.1',
      '::ffff:10.0.0.1', '010.0.0.1', 'db.example.com', '1.2.3', '2001:db8::1%eth0', ''),
  },
);
const hostArb = fc.oneof(
  { weight: 6, arbitrary: fc.domain() },
  { weight: 1, arbitrary: fc.constantFrom('*.example.com', 'a.*.example.com', '203.0.113.1', 'Shop.example.com', 'exa mple.com', '*') },
  { weight: 1, arbitrary: fc.constantFrom(...UNICODE_HOSTS) },
);
const pathArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/', '/api', '/api/v1', '/static/', '/a-b_c.d~e') },
  { weight: 2, arbitrary: fc.webPath() },
  { weight: 1, arbitrary: fc.constantFrom('', 'relative', '/a//b', '/a/./b', '/a/../b', '/a%2fb', '/a/.', '/a/..', '/api(/|$)(.*)') },
);
const pathTypeArb = fc.constantFrom(PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC, undefined);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const namespaceArb = maybe(hostile(fc.oneof({ weight: 5, arbitrary: label }, { weight: 1, arbitrary: fc.constantFrom('Prod', 'a.b', '', 'yes', 'ńs') })));
/** Labels and annotations of a construct (hostile ones included). */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const metaArb = { labels: rarely(hostile(labelsArb)), annotations: rarely(hostile(annotationsArb)) };

/** A target port by name (mostly) or by number. */
const targetPortArb = fc.oneof(
  { weight: 4, arbitrary: portNameArb.map((name) => TargetPort.named(name)) },
  { weight: 1, arbitrary: portArb.map((port) => TargetPort.number(port)) },
);

const containerPortsArb = fc.array(fc.record({ number: portArb, name: maybe(portNameArb), protocol: maybe(protocolArb) }), { maxLength: 3 });

// ---------------------------------------------------------------------------------------------------------
// The properties, one per construct
// ---------------------------------------------------------------------------------------------------------

const headlessStatefulService: FuzzProperty<any> = {
  name: 'HeadlessStatefulService',
  arbitrary: fc.record({
    serviceName: maybe(nameArb),
    namespace: namespaceArb,
    clusterDomain: maybe(fc.constantFrom('cluster.local', 'corp.internal', 'Bad_Domain')),
    containerPorts: containerPortsArb,
    ports: maybe(fc.array(
      fc.record({ name: portNameArb, port: portArb, targetPort: maybe(targetPortArb), protocol: maybe(protocolArb) }), { maxLength: 3 })),
    replicas: maybe(fc.integer({ min: -2, max: 5 })),
    stsName: maybe(nameArb),
    publishNotReadyAddresses: maybe(hostile(fc.boolean())),
    wrapExisting: fc.boolean(),
    ...metaArb,
  }),
  build: (chart, input) => {
    const container = { image: 'app:1', ports: input.containerPorts };
    if (input.wrapExisting) {
      if (input.containerPorts.length === 0) return; // cdk8s-plus itself refuses a port-less StatefulSet without a Service
      let sts: kplus.StatefulSet;
      try {
        // (an explicit `name: undefined` makes cdk8s drop the whole metadata: a cdk8s quirk, not this library's input)
        sts = new kplus.StatefulSet(chart, 'Existing', {
          containers: [container],
          replicas: input.replicas,
          ...(input.stsName !== undefined ? { metadata: { name: input.stsName } } : {}),
        });
      } catch {
        return; // cdk8s-plus refused the input before this library saw it
      }
      new HeadlessStatefulService(chart, 'Hs', { statefulSet: sts, namespace: input.namespace, ports: input.ports, publishNotReadyAddresses: input.publishNotReadyAddresses });
      return;
    }
    new HeadlessStatefulService(chart, 'Hs', {
      serviceName: input.serviceName,
      namespace: input.namespace,
      clusterDomain: input.clusterDomain,
      container,
      ports: input.ports,
      publishNotReadyAddresses: input.publishNotReadyAddresses,
      labels: input.labels,
      annotations: input.annotations,
      statefulSetProps: { replicas: input.replicas, ...(input.stsName !== undefined ? { metadata: { name: input.stsName } } : {}) },
    });
  },
};

const headlessService: FuzzProperty<any> = {
  name: 'HeadlessService',
  arbitrary: fc.record({
    serviceName: maybe(nameArb),
    selector: maybe(fc.dictionary(fc.constantFrom('app', 'tier', 'app.kubernetes.io/name', 'Bad Key', 'a/b/c'), fc.constantFrom('web', 'db', 'not ok!', ''))),
    ports: maybe(hostileArray(
      fc.record({ name: maybe(portNameArb), port: portArb, targetPort: maybe(targetPortArb), protocol: maybe(protocolArb) }))),
    ...metaArb,
  }),
  build: (chart, input) => {
    new HeadlessService(chart, 'Hs', input);
  },
};

const externalAlias: FuzzProperty<any> = {
  name: 'ExternalAlias',
  arbitrary: fc.record({
    serviceName: maybe(nameArb),
    externalName: maybe(fc.oneof(fc.domain(), fc.domain().map((d) => `${d}.`), fc.constantFrom('10.0.0.1', '2001:db8::1', 'UPPER.example.com', 'a..b', 'x.'.repeat(130)))),
    target: maybe(fc.record({ service: nameArb, namespace: nameArb })),
    ports: maybe(hostileArray(fc.record({ name: maybe(portNameArb), port: portArb, protocol: maybe(protocolArb) }))),
    ...metaArb,
  }),
  build: (chart, input) => {
    // no target at all is what an untyped caller can pass: refused with SP_ALIAS_TARGET
    const target = input.externalName !== undefined ? AliasTarget.fromDnsName(input.externalName)
      : input.target ? AliasTarget.fromServiceName(input.target.service, input.target.namespace) : undefined;
    new ExternalAlias(chart, 'Alias', { serviceName: input.serviceName, target: target as AliasTarget, ports: input.ports, labels: input.labels, annotations: input.annotations });
  },
};

/** ManualEndpointService props that are consistent by construction (so the emitting path is exercised as much). */
const validManualEndpoints = fc.record({
  serviceName: maybe(label),
  headless: maybe(fc.boolean()),
  endpointObjects: maybe(fc.constantFrom(EndpointObjects.ENDPOINT_SLICES, EndpointObjects.ENDPOINTS, EndpointObjects.BOTH)),
  ports: fc.uniqueArray(fc.constantFrom('http', 'https', 'pg'), { minLength: 1, maxLength: 3 })
    .map((names) => names.map((name, i) => ({ name: names.length > 1 ? name : undefined, port: 80 + i, targetPort: 8080 + i }))),
  members: fc.uniqueArray(fc.oneof(fc.constantFrom('10.0.0.1', '192.0.2.7', '2001:db8::1', '2001:db8::2'), fc.integer({ min: 1, max: 250 }).map((n) => `10.1.0.${n}`)), { maxLength: 6 })
    .map((addresses) => addresses.map((address) => ({ address }))),
  later: fc.constant([] as string[]),
}).map((v) => ({ ...v, [MUST_EMIT]: true }));

const manualEndpointService: FuzzProperty<any> = {
  name: 'ManualEndpointService',
  arbitrary: fc.oneof(validManualEndpoints, fc.record({
    serviceName: maybe(nameArb),
    headless: maybe(hostile(fc.boolean())),
    endpointObjects: maybe(enumOrTypo([EndpointObjects.ENDPOINT_SLICES, EndpointObjects.ENDPOINTS, EndpointObjects.BOTH], ['endpointslices', 'Both', 'EndpointSlice'])),
    ports: maybe(hostileArray(
      fc.record({ name: maybe(portNameArb), port: portArb, targetPort: maybe(portArb), protocol: maybe(protocolArb) }))),
    members: hostileArray(fc.record({ address: hostile(ipArb), hostname: maybe(fc.oneof(label, fc.constantFrom('Host_1', ''))) }), 6),
    later: fc.array(ipArb, { maxLength: 2 }),
    ...metaArb,
  })),
  build: (chart, input) => {
    delete input[MUST_EMIT];
    const svc = new ManualEndpointService(chart, 'Manual', {
      serviceName: input.serviceName,
      headless: input.headless,
      endpointObjects: input.endpointObjects,
      ports: input.ports,
      members: input.members,
      labels: input.labels,
      annotations: input.annotations,
    });
    for (const address of input.later) svc.addMember({ address });
  },
};

/** ExposedApp props that are consistent by construction. */
const validExposedApp = fc.record({
  serviceName: maybe(label),
  type: fc.constantFrom(ExposureType.NODE_PORT, ExposureType.LOAD_BALANCER),
  names: fc.uniqueArray(fc.constantFrom('http', 'https', 'grpc', 'metrics', 'admin'), { minLength: 1, maxLength: 3 }),
  nodePorts: fc.uniqueArray(fc.integer({ min: 30000, max: 32767 }), { minLength: 4, maxLength: 4 }),
  fixNodePorts: fc.boolean(),
  local: fc.boolean(),
  affinity: maybe(fc.integer({ min: 1, max: 86400 })),
  ranges: maybe(fc.uniqueArray(fc.constantFrom('10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32'), { maxLength: 2 })),
  dualStack: fc.boolean(),
  readiness: fc.boolean(),
}).map((v) => {
  const isLb = v.type === ExposureType.LOAD_BALANCER;
  return {
    serviceName: v.serviceName,
    type: v.type,
    containerPorts: v.names.map((name, i) => ({ number: 8080 + i, name })),
    ports: v.names.map((name, i) => ({ name, port: 80 + i, ...(v.fixNodePorts ? { nodePort: v.nodePorts[i] } : {}) })),
    ...(v.local ? { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL } : {}),
    ...(v.local && isLb ? { healthCheckNodePort: v.nodePorts[3] } : {}),
    ...(v.affinity !== undefined ? { sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: v.affinity } : {}),
    ...(isLb && v.ranges !== undefined ? { loadBalancerSourceRanges: v.ranges } : {}),
    ...(v.dualStack ? { ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6] } : {}),
    readiness: v.readiness,
    [MUST_EMIT]: true,
  };
});

const exposedApp: FuzzProperty<any> = {
  name: 'ExposedApp',
  arbitrary: fc.oneof(validExposedApp, fc.record({
    serviceName: maybe(nameArb),
    type: enumOrTypo([ExposureType.NODE_PORT, ExposureType.LOAD_BALANCER], ['ClusterIP', 'nodeport', 'LoadBalancer ', 'NodePort\u200b']),
    containerPorts: containerPortsArb,
    ports: hostileArray(fc.record({
      name: maybe(portNameArb),
      port: portArb,
      targetPort: maybe(targetPortArb),
      protocol: maybe(protocolArb),
      nodePort: maybe(hostile(fc.oneof(fc.integer({ min: 30000, max: 32767 }), fc.constantFrom(80, 29999, 32768, 30080)))),
    })),
    externalTrafficPolicy: maybe(fc.constantFrom(ExternalTrafficPolicy.CLUSTER, ExternalTrafficPolicy.LOCAL, 'Locale' as ExternalTrafficPolicy)),
    healthCheckNodePort: maybe(fc.integer({ min: 29990, max: 32770 })),
    sessionAffinity: maybe(fc.constantFrom(SessionAffinity.NONE, SessionAffinity.CLIENT_IP)),
    sessionAffinityTimeoutSeconds: maybe(hostile(fc.integer({ min: -1, max: 90000 }))),
    loadBalancerSourceRanges: maybe(fc.array(fc.constantFrom('10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32', '10.1.2.3/8', '10.0.0.0', 'x'), { maxLength: 2 })),
    loadBalancerClass: maybe(fc.constantFrom('service.k8s.aws/nlb', 'not a class')),
    allocateLoadBalancerNodePorts: maybe(hostile(fc.boolean())),
    ipFamilyPolicy: maybe(fc.constantFrom(IpFamilyPolicy.SINGLE_STACK, IpFamilyPolicy.PREFER_DUAL_STACK, IpFamilyPolicy.REQUIRE_DUAL_STACK)),
    ipFamilies: maybe(hostileArray(enumOrTypo([IpFamily.IPV4, IpFamily.IPV6], ['ipv4', 'IPv5']))),
    readiness: fc.boolean(),
    ...metaArb,
  })),
  build: (chart, input) => {
    const { containerPorts, readiness, [MUST_EMIT]: _valid, ...props } = input;
    new ExposedApp(chart, 'App', {
      ...props,
      container: {
        image: 'app:1',
        ports: containerPorts,
        ...(readiness ? { readiness: kplus.Probe.fromTcpSocket({ port: 8080 }) } : {}),
      },
    });
  },
};

/** The TLS sources a case can name: PEM text (with a CA), PEM files, existing Secrets, cert-manager, and broken ones. */
const TLS_SOURCES = ['secret', 'cert-manager', 'cluster-issuer', 'pem', 'pem-ca', 'pem-files', 'pem-files-ca', 'pem-mismatch', 'pem-garbage',
  'pem-ca-garbage', 'pem-files-mismatch', 'pem-files-missing', 'pem-files-directory', 'pem-files-empty', 'pem-files-oversized',
  'pem-files-garbage', 'pem-swapped', 'pem-hostile'] as const;

/** The TlsSource `kind` names, built from `workspace`'s certificates and files. */
function tlsSource(kind: string, workspace: FuzzWorkspace, odd: unknown): TlsSource {
  const { good, other } = workspace.certificates();
  const garbageKey = '-----BEGIN PRIVATE KEY-----\nFUZZSECRETFUZZSECRETFUZZSECRETFUZZSECRET\n-----END PRIVATE KEY-----\n';
  const pem = { certificate: good.certificate, privateKey: good.privateKey };
  const files = () => workspace.pemFiles();
  switch (kind) {
    case 'secret': return TlsSource.fromExistingSecret('shop-tls');
    case 'cert-manager': return TlsSource.fromCertManager({ issuer: 'local-ca' });
    case 'cluster-issuer': return TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' });
    case 'pem': return TlsSource.fromPem(pem);
    case 'pem-ca': return TlsSource.fromPem({ ...pem, caCertificate: good.caCertificate });
    case 'pem-ca-garbage': return TlsSource.fromPem({ ...pem, caCertificate: garbageKey });
    case 'pem-mismatch': return TlsSource.fromPem({ certificate: good.certificate, privateKey: other.privateKey });
    case 'pem-swapped': return TlsSource.fromPem({ certificate: good.privateKey, privateKey: good.certificate });
    case 'pem-hostile': return TlsSource.fromPem({ certificate: odd as string, privateKey: good.privateKey });
    case 'pem-files': return TlsSource.fromPemFiles(files().certificate, files().privateKey);
    case 'pem-files-ca': return TlsSource.fromPemFiles(files().certificate, files().privateKey, { caCertificatePath: files().caCertificate });
    case 'pem-files-mismatch': return TlsSource.fromPemFiles(files().certificate, files().otherKey);
    case 'pem-files-missing': return TlsSource.fromPemFiles(files().certificate, files().missing);
    case 'pem-files-directory': return TlsSource.fromPemFiles(files().directory, files().privateKey);
    case 'pem-files-empty': return TlsSource.fromPemFiles(files().certificate, files().empty);
    case 'pem-files-oversized': return TlsSource.fromPemFiles(files().certificate, files().oversized);
    case 'pem-files-garbage': return TlsSource.fromPemFiles(files().garbage, files().privateKey, { caCertificatePath: files().garbage });
    default: return TlsSource.fromPem({ certificate: 'garbage', privateKey: garbageKey });
  }
}

/** TlsIngress props that are consistent by construction. */
const validTlsIngress = fc.record({
  ingressName: maybe(label),
  ingressClassName: maybe(fc.constantFrom('nginx', 'traefik')),
  hosts: fc.uniqueArray(fc.constantFrom('shop.example.com', 'api.example.com', 'www.example.com'), { minLength: 1, maxLength: 3 }),
  paths: fc.uniqueArray(fc.constantFrom('/', '/api', '/static', '/v1/items'), { minLength: 1, maxLength: 3 }),
  pathType: fc.constantFrom(PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC),
  portName: fc.constantFrom('http', 'admin'),
  source: fc.constantFrom('secret', 'cert-manager', 'cluster-issuer', 'pem', 'pem-ca', 'pem-files', 'pem-files-ca'),
  labels: maybe(fc.constantFrom({ 'app': 'shop', 'app.kubernetes.io/part-of': 'shop' }, { team: '' })),
  annotations: maybe(fc.constantFrom({ 'example.com/note': 'yes' }, { 'example.com/yaml': ': - # {a} &b *c', 'example.com/unicode': 'ѕhop ✓' })),
  plainLast: fc.boolean(),
  defaultBackend: fc.boolean(),
  nginx: maybe(fc.record({ forceSslRedirect: maybe(fc.boolean()) })),
}).map((v) => {
  const tlsHosts = v.plainLast && v.hosts.length > 1 ? v.hosts.slice(0, -1) : v.hosts;
  return {
    ingressName: v.ingressName,
    ingressClassName: v.ingressClassName,
    rules: v.hosts.map((host) => ({ host, paths: v.paths.map((p) => ({ path: p, pathType: v.pathType, backend: { kind: 'app', portName: v.portName } })) })),
    defaultBackend: v.defaultBackend,
    tls: [{ hosts: tlsHosts, source: v.source }],
    plainHttpHosts: v.hosts.filter((h) => !tlsHosts.includes(h)),
    nginx: v.nginx,
    labels: v.labels,
    annotations: v.annotations,
    [MUST_EMIT]: true,
  };
});

const tlsIngress: FuzzProperty<any> = {
  name: 'TlsIngress',
  arbitrary: fc.oneof(validTlsIngress, fc.record({
    ingressName: maybe(nameArb),
    ingressClassName: maybe(fc.constantFrom('nginx', 'traefik', 'Bad Class')),
    rules: fc.array(fc.record({
      host: maybe(hostile(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('shop.example.com', 'api.example.com') }, { weight: 2, arbitrary: hostArb }))),
      paths: fc.array(fc.record({
        path: maybe(pathArb),
        pathType: pathTypeArb,
        backend: fc.oneof(
          fc.record({ kind: fc.constant('name'), service: nameArb, portNumber: maybe(portArb), portName: maybe(portNameArb) }),
          fc.record({ kind: fc.constant('app'), portName: maybe(fc.constantFrom('http', 'admin', 'grpc')) }),
        ),
      }), { maxLength: 3 }),
    }), { maxLength: 3 }),
    defaultBackend: fc.boolean(),
    tls: fc.array(fc.record({
      hosts: fc.array(fc.oneof(fc.constantFrom('shop.example.com', 'api.example.com', '*.example.com'), hostArb), { maxLength: 2 }),
      source: fc.constantFrom(...TLS_SOURCES),
      hostileValue,
    }), { maxLength: 2 }),
    labels: maybe(hostile(labelsArb)),
    annotations: maybe(hostile(annotationsArb)),
    plainHttpHosts: maybe(fc.array(fc.constantFrom('shop.example.com', 'api.example.com', 'plain.example.com'), { maxLength: 2 })),
    nginx: maybe(fc.record({ sslRedirect: maybe(fc.boolean()), forceSslRedirect: maybe(fc.boolean()), rewriteTarget: maybe(fc.constantFrom('/', '/$2', '/$1')) })),
  })),
  build: (chart, input, given) => {
    const workspace = given ?? new FuzzWorkspace();
    try {
      buildTlsIngress(chart, input, workspace);
    } finally {
      if (given === undefined) workspace.dispose();
    }
  },
};

/** The TlsIngress of a case, in front of an ExposedApp. */
function buildTlsIngress(chart: Chart, input: any, workspace: FuzzWorkspace): void {
  const app = new ExposedApp(chart, 'Web', {
    serviceName: 'web',
    type: ExposureType.NODE_PORT,
    ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }],
    container: { image: 'web:1', ports: [{ number: 8080, name: 'http' }, { number: 9000, name: 'admin' }] },
  });
  const backend = (b: any) => (b.kind === 'app'
    ? ServiceBackend.fromServicePattern(app, b.portName ? { portName: b.portName } : {})
    : ServiceBackend.fromServiceName(b.service, { portNumber: b.portNumber, portName: b.portName }));
  new TlsIngress(chart, 'Ingress', {
    ingressName: input.ingressName,
    ingressClassName: input.ingressClassName,
    rules: input.rules.map((r: any) => ({
      host: r.host,
      paths: r.paths.map((p: any) => ({ path: p.path, pathType: p.pathType, backend: backend(p.backend) })),
    })),
    defaultBackend: input.defaultBackend ? ServiceBackend.fromServicePattern(app, { portName: 'http' }) : undefined,
    tls: input.tls.map((t: any) => ({ hosts: t.hosts, source: tlsSource(t.source, workspace, t.hostileValue) })),
    plainHttpHosts: input.plainHttpHosts,
    nginx: input.nginx,
    labels: input.labels,
    annotations: input.annotations,
  });
}

/** Several constructs (and raw objects) in one App: the App-wide checks. */
const wholeApp: FuzzProperty<any> = {
  name: 'App-wide',
  arbitrary: fc.record({
    apps: fc.array(fc.record({
      name: fc.constantFrom('web', 'api', 'admin'),
      chart: fc.constantFrom(0, 1),
      nodePort: maybe(fc.constantFrom(30080, 30081, 30082)),
    }), { minLength: 1, maxLength: 3 }),
    manual: maybe(fc.record({ name: fc.constantFrom('web', 'db'), chart: fc.constantFrom(0, 1) })),
    raw: maybe(fc.record({ name: fc.constantFrom('web', 'legacy'), nodePort: fc.constantFrom(30080, 30090) })),
    ingresses: fc.array(fc.record({ host: fc.constantFrom('a.example.com', 'b.example.com'), secret: fc.constantFrom('a-tls', 'b-tls'), backendPort: fc.constantFrom(80, 8080) }), { maxLength: 2 }),
  }),
  build: (chart, input) => {
    const charts = [chart, new Chart(chart.node.scope as any, 'second', { namespace: 'default' })];
    input.apps.forEach((a: any, i: number) => new ExposedApp(charts[a.chart], `App${i}`, {
      serviceName: a.name,
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80, ...(a.nodePort !== undefined ? { nodePort: a.nodePort } : {}) }],
      container: { image: 'app:1', ports: [{ number: 8080, name: 'http' }] },
    }));
    if (input.manual) new ManualEndpointService(charts[input.manual.chart], 'Manual', { serviceName: input.manual.name, ports: [{ port: 80 }] });
    if (input.raw) {
      new kplus.k8s.KubeService(chart, 'Raw', { metadata: { name: input.raw.name }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: input.raw.nodePort }] } });
    }
    input.ingresses.forEach((ing: any, i: number) => new TlsIngress(chart, `Ingress${i}`, {
      ingressName: `ing-${i}`,
      rules: [{ host: ing.host, paths: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: ing.backendPort }) }] }],
      tls: [{ hosts: [ing.host], source: TlsSource.fromExistingSecret(ing.secret) }],
    }));
  },
};

/** Every property, one per construct, and one for the App-wide checks. */
export const PROPERTIES: Array<FuzzProperty<any>> = [
  wholeApp,
  headlessStatefulService,
  headlessService,
  externalAlias,
  manualEndpointService,
  exposedApp,
  tlsIngress,
];
