/**
 * Property-based fuzzing of every construct: generated props, valid and invalid. The invariant for every
 * case: synth either throws the library's ServicePatternsValidationError whose findings each name their
 * field (and never quote private-key material), or emits manifests that pass schema validation (unknown
 * fields rejected) and an independent oracle of the API server's rules. Anything else — a TypeError, another
 * error class, an invalid manifest — is a failure.
 *
 * Used by test/fuzz.test.ts (a bounded number of runs in `npm test`) and test/fuzz/run.ts (`npm run fuzz`).
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
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
  ServicePatternsValidationError,
  SessionAffinity,
  TargetPort,
  TlsIngress,
  TlsSource,
} from '../../src';
import { makeCertificate, TestCertificate } from '../support/certs';
import { schemaViolations } from '../support/k8s-schema';

/** What a case did: emitted manifests, or was rejected with the library's error. */
export type Outcome = 'emitted' | 'rejected';

/** A fuzz property: an arbitrary of inputs and how to build an App from one. */
export interface FuzzProperty<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Builds the constructs into `chart`; returns strings that must never appear in an error (key material). */
  readonly build: (chart: Chart, input: T) => string[] | void;
}

/** Raised when a case breaks the invariant. */
export class InvariantViolation extends Error {}

/** The rule codes docs/validation.md documents: a finding must carry one of them. */
const KNOWN_CODES = new Set(
  [...fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'validation.md'), 'utf8').matchAll(/^\| `(SP_[A-Z0-9_]+)`/gm)].map((m) => m[1]));

/** Marks inputs that are valid by construction: they must be emitted, not rejected. */
export const MUST_EMIT = 'mustEmit';

/** Rule violations across the emitted objects: one object per kind/namespace/name, one Service per node port. */
export function crossObjectViolations(manifests: any[]): string[] {
  const out: string[] = [];
  const objects = new Set<string>();
  const nodePorts = new Map<string, string>();
  for (const m of manifests) {
    const key = `${m.apiVersion}/${m.kind}/${m.metadata?.namespace ?? 'default'}/${m.metadata?.name}`;
    if (objects.has(key)) out.push(`two objects ${key}`);
    objects.add(key);
    if (m.kind === 'Service') {
      // a node port is one number cluster-wide, whatever the protocol (the API server's allocator)
      const claims = [...(m.spec?.ports ?? []).map((p: any) => p.nodePort), m.spec?.healthCheckNodePort];
      const here = new Set<string>();
      for (const nodePort of claims) {
        if (nodePort === undefined) continue;
        const k = `${nodePort}`;
        if (here.has(k)) continue;
        here.add(k);
        const first = nodePorts.get(k);
        if (first !== undefined) out.push(`node port ${k} claimed by ${first} and ${m.metadata?.name}`);
        nodePorts.set(k, m.metadata?.name);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The oracle: an independent reading of the API server's rules, applied to the emitted manifests
// ---------------------------------------------------------------------------------------------------------

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SPECIAL = new net.BlockList();
SPECIAL.addAddress('0.0.0.0', 'ipv4');
SPECIAL.addSubnet('127.0.0.0', 8, 'ipv4');
SPECIAL.addSubnet('169.254.0.0', 16, 'ipv4');
SPECIAL.addSubnet('224.0.0.0', 24, 'ipv4');
SPECIAL.addAddress('::', 'ipv6');
SPECIAL.addAddress('::1', 'ipv6');
SPECIAL.addSubnet('fe80::', 10, 'ipv6');
SPECIAL.addSubnet('ff02::', 16, 'ipv6');

const isLabel = (s: unknown, re = LABEL) => typeof s === 'string' && s.length <= 63 && re.test(s);
const isSubdomain = (s: unknown) => typeof s === 'string' && s.length <= 253 && SUBDOMAIN.test(s);
const isPort = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
const isIanaName = (s: unknown) => typeof s === 'string' && s.length >= 1 && s.length <= 15 && /^[-a-z0-9]+$/.test(s)
  && /[a-z]/.test(s) && !s.includes('--') && !s.startsWith('-') && !s.endsWith('-');
const INVALID_PATH_PARTS = ['//', '/./', '/../', '%2f', '%2F'];

/** Rule violations of one manifest, as the API server (and the runtime) would see them. */
export function oracleViolations(m: any): string[] {
  const out: string[] = [];
  const what = `${m.kind}/${m.metadata?.name}`;
  const fail = (rule: string) => out.push(`${what}: ${rule}`);
  const name = m.metadata?.name;
  if (m.kind === 'Service' ? !isLabel(name, LABEL_1035) : !isSubdomain(name)) fail(`invalid name ${JSON.stringify(name)}`);
  if (m.metadata?.namespace !== undefined && !isLabel(m.metadata.namespace)) fail('invalid namespace');
  if (m.kind === 'Service') {
    const spec = m.spec ?? {};
    const ports: any[] = spec.ports ?? [];
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && ports.length === 0) fail('a ClusterIP Service without ports');
    const names = new Set<string>();
    const numbers = new Set<string>();
    for (const p of ports) {
      if (!isPort(p.port)) fail(`port ${p.port}`);
      if (ports.length > 1 && !p.name) fail('unnamed port in a multi-port Service');
      if (p.name !== undefined) {
        if (!isLabel(p.name)) fail(`port name ${p.name}`);
        if (names.has(p.name)) fail(`duplicate port name ${p.name}`);
        names.add(p.name);
      }
      const key = `${p.port}/${p.protocol ?? 'TCP'}`;
      if (numbers.has(key)) fail(`duplicate port ${key}`);
      numbers.add(key);
      if (typeof p.targetPort === 'string' && !isIanaName(p.targetPort)) fail(`targetPort name ${p.targetPort}`);
      if (typeof p.targetPort === 'number' && !isPort(p.targetPort)) fail(`targetPort ${p.targetPort}`);
      if (p.nodePort !== undefined && (spec.type === 'ClusterIP' || spec.type === 'ExternalName' || p.nodePort < 30000 || p.nodePort > 32767)) {
        fail(`nodePort ${p.nodePort} on ${spec.type}`);
      }
    }
    if (spec.type === 'ExternalName') {
      if (!isSubdomain(spec.externalName) || net.isIP(spec.externalName) !== 0) fail(`externalName ${spec.externalName}`);
      if (spec.clusterIP !== undefined || spec.selector !== undefined) fail('ExternalName with clusterIP or selector');
    }
    if (spec.healthCheckNodePort !== undefined && !(spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) fail('healthCheckNodePort');
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout !== undefined && (spec.sessionAffinity !== 'ClientIP' || timeout < 1 || timeout > 86400)) fail('sessionAffinity timeout');
    if (spec.type !== 'LoadBalancer' && (spec.loadBalancerSourceRanges || spec.loadBalancerClass || spec.allocateLoadBalancerNodePorts !== undefined)) {
      fail('LoadBalancer field on another type');
    }
  }
  const checkIp = (ip: unknown) => {
    const family = typeof ip === 'string' ? net.isIP(ip) : 0;
    if (family === 0) fail(`invalid IP ${ip}`);
    else if (SPECIAL.check(ip as string, family === 4 ? 'ipv4' : 'ipv6')) fail(`special IP ${ip}`);
  };
  if (m.kind === 'Endpoints') {
    for (const subset of m.subsets ?? []) {
      for (const a of subset.addresses ?? []) {
        checkIp(a.ip);
        if (a.hostname !== undefined && !isLabel(a.hostname)) fail('endpoint hostname');
      }
      if ((subset.ports ?? []).length > 1 && subset.ports.some((p: any) => !p.name)) fail('unnamed endpoint port');
    }
  }
  if (m.kind === 'EndpointSlice') {
    if ((m.endpoints ?? []).length > 1000) fail('more than 1000 endpoints');
    for (const e of m.endpoints ?? []) {
      for (const ip of e.addresses) {
        checkIp(ip);
        if (net.isIP(ip) !== (m.addressType === 'IPv4' ? 4 : 6)) fail(`address ${ip} in an ${m.addressType} slice`);
      }
    }
  }
  if (m.kind === 'Ingress') {
    const spec = m.spec ?? {};
    if (!spec.rules && !spec.defaultBackend) fail('neither rules nor defaultBackend');
    for (const rule of spec.rules ?? []) {
      const host: string | undefined = rule.host;
      if (host !== undefined && (net.isIP(host) !== 0 || !isSubdomain(host.startsWith('*.') ? host.slice(2) : host))) fail(`host ${host}`);
      for (const p of rule.http?.paths ?? []) {
        if (p.pathType === 'ImplementationSpecific') {
          if (p.path !== '' && !p.path.startsWith('/')) fail(`path ${p.path}`);
        } else if (!p.path.startsWith('/') || INVALID_PATH_PARTS.some((s) => p.path.includes(s)) || p.path.endsWith('/.') || p.path.endsWith('/..')) {
          fail(`path ${p.path}`);
        }
        if (!p.backend?.service?.port) fail('backend without port');
      }
    }
  }
  if (m.kind === 'Secret' && m.type === 'kubernetes.io/tls' && !(m.data?.['tls.crt'] && m.data?.['tls.key'])) fail('tls Secret without tls.crt/tls.key');
  return out;
}

/** Runs one case and checks the invariant; throws InvariantViolation when it breaks. */
export function runCase<T>(property: FuzzProperty<T>, input: T): Outcome {
  const app = Testing.app();
  const chart = new Chart(app, 'fuzz');
  let secrets: string[] = [];
  let manifests: any[];
  const stderrWrite = process.stderr.write;
  process.stderr.write = (() => true) as any; // warnings of generated cases are expected; keep the output readable
  try {
    secrets = property.build(chart, input) ?? [];
    manifests = Testing.synth(chart);
  } catch (err) {
    if (!ServicePatternsValidationError.isServicePatternsValidationError(err)) {
      throw new InvariantViolation(`${property.name}: not the library's error: ${(err as any)?.stack ?? err}`);
    }
    const error = err as ServicePatternsValidationError;
    for (const f of error.findings) {
      if (f.code === 'EXTERNAL') {
        throw new InvariantViolation(`${property.name}: a problem the library did not catch itself: ${f.path}: ${f.message}`);
      }
      if (f.field.trim() === '' || !KNOWN_CODES.has(f.code) || f.rule.trim() === '' || f.fix.trim() === '') {
        throw new InvariantViolation(`${property.name}: a finding without field, documented code, rule or fix: ${f.message}`);
      }
    }
    if ((input as any)?.[MUST_EMIT]) {
      throw new InvariantViolation(`${property.name}: an input valid by construction was rejected:\n  ${error.message}`);
    }
    for (const secret of secrets) {
      if (error.message.includes(secret)) throw new InvariantViolation(`${property.name}: key material in an error message`);
    }
    return 'rejected';
  } finally {
    process.stderr.write = stderrWrite;
  }
  const violations = [...manifests.flatMap((m) => [...schemaViolations(m), ...oracleViolations(m)]), ...crossObjectViolations(manifests)];
  if (violations.length > 0) {
    throw new InvariantViolation(`${property.name}: emitted manifests the API server would reject:\n  ${violations.join('\n  ')}`);
  }
  return 'emitted';
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries: mostly plausible values, with the invalid ones users really type mixed in
// ---------------------------------------------------------------------------------------------------------

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/);
const nameArb = fc.oneof(
  { weight: 6, arbitrary: label },
  { weight: 1, arbitrary: fc.constantFrom('', 'Web', '1web', 'web-', 'a_b', 'a.b', 'a'.repeat(64), 'x'.repeat(53)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const portArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 65536, 80.5, 30000) },
);
const portNameArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('http', 'https', 'grpc', 'metrics', 'web', 'admin', 'peer') },
  { weight: 1, arbitrary: fc.constantFrom('', 'HTTP', 'a--b', '8080', 'metrics-endpoint-port', '-x') },
);
const protocolArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(kplus.Protocol.TCP, kplus.Protocol.TCP, kplus.Protocol.UDP, kplus.Protocol.SCTP) },
  { weight: 1, arbitrary: fc.constant('ICMP' as kplus.Protocol) },
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
);
const pathArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/', '/api', '/api/v1', '/static/', '/a-b_c.d~e') },
  { weight: 2, arbitrary: fc.webPath() },
  { weight: 1, arbitrary: fc.constantFrom('', 'relative', '/a//b', '/a/./b', '/a/../b', '/a%2fb', '/a/.', '/a/..', '/api(/|$)(.*)') },
);
const pathTypeArb = fc.constantFrom(PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC, undefined);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const namespaceArb = maybe(fc.oneof({ weight: 5, arbitrary: label }, { weight: 1, arbitrary: fc.constantFrom('Prod', 'a.b', '') }));

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
    publishNotReadyAddresses: maybe(fc.boolean()),
    wrapExisting: fc.boolean(),
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
      statefulSetProps: { replicas: input.replicas, ...(input.stsName !== undefined ? { metadata: { name: input.stsName } } : {}) },
    });
  },
};

const headlessService: FuzzProperty<any> = {
  name: 'HeadlessService',
  arbitrary: fc.record({
    serviceName: maybe(nameArb),
    selector: maybe(fc.dictionary(fc.constantFrom('app', 'tier', 'app.kubernetes.io/name', 'Bad Key', 'a/b/c'), fc.constantFrom('web', 'db', 'not ok!', ''))),
    ports: maybe(fc.array(
      fc.record({ name: maybe(portNameArb), port: portArb, targetPort: maybe(targetPortArb), protocol: maybe(protocolArb) }), { maxLength: 3 })),
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
    ports: maybe(fc.array(fc.record({ name: maybe(portNameArb), port: portArb, protocol: maybe(protocolArb) }), { maxLength: 3 })),
  }),
  build: (chart, input) => {
    // no target at all is what an untyped caller can pass: refused with SP_ALIAS_TARGET
    const target = input.externalName !== undefined ? AliasTarget.fromDnsName(input.externalName)
      : input.target ? AliasTarget.fromServiceName(input.target.service, input.target.namespace) : undefined;
    new ExternalAlias(chart, 'Alias', { serviceName: input.serviceName, target: target as AliasTarget, ports: input.ports });
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
    headless: maybe(fc.boolean()),
    endpointObjects: maybe(fc.constantFrom(EndpointObjects.ENDPOINT_SLICES, EndpointObjects.ENDPOINTS, EndpointObjects.BOTH)),
    ports: maybe(fc.array(
      fc.record({ name: maybe(portNameArb), port: portArb, targetPort: maybe(portArb), protocol: maybe(protocolArb) }), { maxLength: 3 })),
    members: fc.array(fc.record({ address: ipArb, hostname: maybe(fc.oneof(label, fc.constantFrom('Host_1', ''))) }), { maxLength: 6 }),
    later: fc.array(ipArb, { maxLength: 2 }),
  })),
  build: (chart, input) => {
    delete input[MUST_EMIT];
    const svc = new ManualEndpointService(chart, 'Manual', {
      serviceName: input.serviceName,
      headless: input.headless,
      endpointObjects: input.endpointObjects,
      ports: input.ports,
      members: input.members,
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
    type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(ExposureType.NODE_PORT, ExposureType.LOAD_BALANCER) }, { weight: 1, arbitrary: fc.constant('ClusterIP' as ExposureType) }),
    containerPorts: containerPortsArb,
    ports: fc.array(fc.record({
      name: maybe(portNameArb),
      port: portArb,
      targetPort: maybe(targetPortArb),
      protocol: maybe(protocolArb),
      nodePort: maybe(fc.oneof(fc.integer({ min: 30000, max: 32767 }), fc.constantFrom(80, 29999, 32768, 30080))),
    }), { maxLength: 3 }),
    externalTrafficPolicy: maybe(fc.constantFrom(ExternalTrafficPolicy.CLUSTER, ExternalTrafficPolicy.LOCAL, 'Locale' as ExternalTrafficPolicy)),
    healthCheckNodePort: maybe(fc.integer({ min: 29990, max: 32770 })),
    sessionAffinity: maybe(fc.constantFrom(SessionAffinity.NONE, SessionAffinity.CLIENT_IP)),
    sessionAffinityTimeoutSeconds: maybe(fc.integer({ min: -1, max: 90000 })),
    loadBalancerSourceRanges: maybe(fc.array(fc.constantFrom('10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32', '10.1.2.3/8', '10.0.0.0', 'x'), { maxLength: 2 })),
    loadBalancerClass: maybe(fc.constantFrom('service.k8s.aws/nlb', 'not a class')),
    allocateLoadBalancerNodePorts: maybe(fc.boolean()),
    ipFamilyPolicy: maybe(fc.constantFrom(IpFamilyPolicy.SINGLE_STACK, IpFamilyPolicy.PREFER_DUAL_STACK, IpFamilyPolicy.REQUIRE_DUAL_STACK)),
    ipFamilies: maybe(fc.array(fc.constantFrom(IpFamily.IPV4, IpFamily.IPV6), { maxLength: 3 })),
    readiness: fc.boolean(),
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

let certificates: { good: TestCertificate; other: TestCertificate } | undefined;
function testCertificates(): { good: TestCertificate; other: TestCertificate } {
  certificates ??= { good: makeCertificate(['shop.example.com', '*.example.com']), other: makeCertificate(['other.example.net']) };
  return certificates;
}

/** TlsIngress props that are consistent by construction. */
const validTlsIngress = fc.record({
  ingressName: maybe(label),
  ingressClassName: maybe(fc.constantFrom('nginx', 'traefik')),
  hosts: fc.uniqueArray(fc.constantFrom('shop.example.com', 'api.example.com', 'www.example.com'), { minLength: 1, maxLength: 3 }),
  paths: fc.uniqueArray(fc.constantFrom('/', '/api', '/static', '/v1/items'), { minLength: 1, maxLength: 3 }),
  pathType: fc.constantFrom(PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC),
  portName: fc.constantFrom('http', 'admin'),
  source: fc.constantFrom('secret', 'cert-manager', 'cluster-issuer', 'pem'),
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
    [MUST_EMIT]: true,
  };
});

const tlsIngress: FuzzProperty<any> = {
  name: 'TlsIngress',
  arbitrary: fc.oneof(validTlsIngress, fc.record({
    ingressName: maybe(nameArb),
    ingressClassName: maybe(fc.constantFrom('nginx', 'traefik', 'Bad Class')),
    rules: fc.array(fc.record({
      host: maybe(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('shop.example.com', 'api.example.com') }, { weight: 2, arbitrary: hostArb })),
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
      source: fc.constantFrom('secret', 'cert-manager', 'cluster-issuer', 'pem', 'pem-mismatch', 'pem-garbage'),
    }), { maxLength: 2 }),
    plainHttpHosts: maybe(fc.array(fc.constantFrom('shop.example.com', 'api.example.com', 'plain.example.com'), { maxLength: 2 })),
    nginx: maybe(fc.record({ sslRedirect: maybe(fc.boolean()), forceSslRedirect: maybe(fc.boolean()), rewriteTarget: maybe(fc.constantFrom('/', '/$2', '/$1')) })),
  })),
  build: (chart, input) => {
    const app = new ExposedApp(chart, 'Web', {
      serviceName: 'web',
      type: ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }],
      container: { image: 'web:1', ports: [{ number: 8080, name: 'http' }, { number: 9000, name: 'admin' }] },
    });
    const backend = (b: any) => (b.kind === 'app'
      ? ServiceBackend.fromServicePattern(app, b.portName ? { portName: b.portName } : {})
      : ServiceBackend.fromServiceName(b.service, { portNumber: b.portNumber, portName: b.portName }));
    const { good, other } = testCertificates();
    const garbageKey = '-----BEGIN PRIVATE KEY-----\nFUZZSECRETFUZZSECRETFUZZSECRETFUZZSECRET\n-----END PRIVATE KEY-----\n';
    const source = (s: string) => {
      switch (s) {
        case 'secret': return TlsSource.fromExistingSecret('shop-tls');
        case 'cert-manager': return TlsSource.fromCertManager({ issuer: 'local-ca' });
        case 'cluster-issuer': return TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' });
        case 'pem': return TlsSource.fromPem({ certificate: good.certificate, privateKey: good.privateKey });
        case 'pem-mismatch': return TlsSource.fromPem({ certificate: good.certificate, privateKey: other.privateKey });
        default: return TlsSource.fromPem({ certificate: 'garbage', privateKey: garbageKey });
      }
    };
    new TlsIngress(chart, 'Ingress', {
      ingressName: input.ingressName,
      ingressClassName: input.ingressClassName,
      rules: input.rules.map((r: any) => ({
        host: r.host,
        paths: r.paths.map((p: any) => ({ path: p.path, pathType: p.pathType, backend: backend(p.backend) })),
      })),
      defaultBackend: input.defaultBackend ? ServiceBackend.fromServicePattern(app, { portName: 'http' }) : undefined,
      tls: input.tls.map((t: any) => ({ hosts: t.hosts, source: source(t.source) })),
      plainHttpHosts: input.plainHttpHosts,
      nginx: input.nginx,
    });
    const keyLines = (pem: string) => pem.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'));
    return [...keyLines(good.privateKey), ...keyLines(other.privateKey), 'FUZZSECRET'];
  },
};

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
