/**
 * Garbage in every guarded prop of every construct, and in every argument of every static factory, driven from
 * the shapes (src/private/prop-shapes.ts): each wrong-typed value, in otherwise valid props, fails the synth
 * with the library's error and a finding naming that field — never a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AliasTarget, EndpointObjects, ExposedApp, ExposureType, ExternalAlias, ExternalTrafficPolicy, Gateway, HeadlessService,
  GrpcRoute, HeadlessStatefulService, HttpMethod, HttpPathType, HttpRoute, HttpRouteFilter, HttpValueMatchType, InternalTrafficPolicy, IpFamily,
  IpFamilyPolicy, ListenerProtocol, LoadBalancerPreset, ManualEndpointService, PathType, RedirectScheme, ReferenceGrant, RouteKind,
  RouteNamespaces, RouteParent, ServiceBackend, SessionAffinity, TargetPort, TlsIngress, TlsSource, TrafficDistribution,
} from '../src';
import { makeCertificate } from './support/certs';
import { newChart, synthError, synthQuietly } from './support/synth';
import { Shape, StructShape } from '../src/private/guards';
import { CONSTRUCT_PROPS, FACTORY_ARGS } from '../src/private/prop-shapes';

/** A step of a path into props: a field, an array index, or a map key. */
type Step = string | number | { readonly key: string };

interface Target {
  readonly path: readonly Step[];
  readonly shape: Shape;
}

/** Every place of a struct a guard checks: its fields, the first entry of its arrays, a key of its maps. */
function targets(shape: StructShape, prefix: readonly Step[] = []): Target[] {
  return Object.entries(shape.fields).flatMap(([name, field]) => within([...prefix, name], field.shape));
}

function within(at: readonly Step[], shape: Shape): Target[] {
  const here: Target[] = [{ path: at, shape }];
  if (shape.kind === 'struct') return [...here, ...targets(shape, at)];
  if (shape.kind === 'array') return [...here, ...within([...at, 0], shape.of)];
  if (shape.kind === 'map') return [...here, { path: [...at, { key: 'k' }], shape: { kind: 'string' } }];
  return here;
}

/** The field a finding names for `path`, as the constructs name fields. */
function fieldName(steps: readonly Step[]): string {
  return steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : typeof s === 'object' ? `[${JSON.stringify(s.key)}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Values of the wrong type for a shape (null and holes included where a value is expected). */
function wrongValues(shape: Shape): unknown[] {
  switch (shape.kind) {
    case 'string': return [42, null, {}, ['a']];
    case 'integer': return ['80', null, NaN, Infinity, 1.5, 1e21];
    case 'number': return ['1', null, NaN, -Infinity];
    case 'boolean': return ['false', 'true', 0, null];
    case 'enum': return ['Bogus', 42, null];
    case 'array': return ['str', {}, null, [null], [undefined]];
    case 'map': return ['str', ['a'], null, new Map([['k', 'v']]), { k: 1 }];
    case 'struct': return ['str', 42, [], null];
    case 'instance': return ['str', {}, null, 42];
    case 'any': return [];
  }
}

/** A deep copy of `props` (class instances by reference) with `value` at `path` (missing steps created). */
function withValue(props: any, steps: readonly Step[], value: unknown): any {
  if (steps.length === 0) return value;
  const [step, ...rest] = steps;
  const key = typeof step === 'object' ? step.key : step;
  const container = Array.isArray(props) ? [...props] : { ...(props ?? (typeof step === 'number' ? [] : {})) };
  const next = (container as any)[key] ?? (typeof rest[0] === 'number' ? [] : {});
  (container as any)[key] = withValue(next, rest, value);
  return Array.isArray(props) || typeof step === 'number' ? Object.assign([], container) : container;
}

function under(field: string, parent: string): boolean {
  return field === parent || ['.', '[', ' '].some((sep) => field.startsWith(parent + sep));
}

/** Runs `build` with garbage: a problem line unless the synth fails with a finding at (or under) `field`. */
function judge(build: (chart: Chart) => void, field: string, value: unknown, checkedBy?: string): string | undefined {
  const what = `${field} = ${show(value)}`;
  try {
    const chart = newChart();
    build(chart);
    const findings = synthError(chart).findings;
    const named = findings.some((f) => f.code.startsWith('SP_') && (under(f.field, field) || (checkedBy !== undefined && f.code === checkedBy)));
    return named ? undefined : `${what}: no finding names the field (${findings.map((f) => `${f.field} ${f.code}`).join('; ')})`;
  } catch (err) {
    return `${what}: ${(err as Error).message.split('\n')[0]}`;
  }
}

function show(value: unknown): string {
  if (value instanceof Map) return 'a Map';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v)) ?? String(value);
}

const cert = makeCertificate(['shop.example.com']);

/** Valid props of every construct, with one entry in each array and every optional field set. */
const VALID: { readonly [construct: string]: (chart: Chart) => any } = {
  HeadlessService: () => ({
    serviceName: 'db',
    namespace: 'data',
    clusterDomain: 'cluster.local',
    labels: { tier: 'db' },
    annotations: { note: 'x' },
    publishNotReadyAddresses: true,
    selector: { app: 'db' },
    ports: [{ name: 'pg', port: 5432, protocol: kplus.Protocol.TCP, appProtocol: 'postgresql', targetPort: TargetPort.named('pg') }],
  }),
  HeadlessStatefulService: () => ({
    serviceName: 'db',
    namespace: 'data',
    clusterDomain: 'cluster.local',
    labels: { tier: 'db' },
    annotations: { note: 'x' },
    publishNotReadyAddresses: true,
    container: { image: 'db:1', ports: [{ number: 5432, name: 'pg', protocol: kplus.Protocol.TCP }] },
    statefulSetProps: { replicas: 3, metadata: { name: 'db', namespace: 'data' }, containers: [{ name: 'side', image: 'side:1', ports: [{ number: 9000, name: 'metrics' }] }] },
    ports: [{ name: 'pg', port: 5432, protocol: kplus.Protocol.TCP, appProtocol: 'postgresql', targetPort: TargetPort.named('pg') }],
  }),
  ExternalAlias: () => ({
    serviceName: 'db',
    namespace: 'data',
    clusterDomain: 'cluster.local',
    labels: { tier: 'db' },
    annotations: { note: 'x' },
    target: AliasTarget.fromDnsName('db.example.com'),
    ports: [{ name: 'pg', port: 5432, protocol: kplus.Protocol.TCP, appProtocol: 'postgresql' }],
  }),
  ManualEndpointService: () => ({
    serviceName: 'db',
    namespace: 'data',
    clusterDomain: 'cluster.local',
    labels: { tier: 'db' },
    annotations: { note: 'x' },
    ports: [{ name: 'pg', port: 5432, targetPort: 15432, protocol: kplus.Protocol.TCP, appProtocol: 'postgresql' }],
    members: [{ address: '10.0.0.1', hostname: 'db-0' }],
    headless: false,
    endpointObjects: EndpointObjects.BOTH,
  }),
  ExposedApp: () => ({
    serviceName: 'web',
    namespace: 'shop',
    clusterDomain: 'cluster.local',
    labels: { tier: 'web' },
    annotations: { note: 'x' },
    type: ExposureType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80, protocol: kplus.Protocol.TCP, appProtocol: 'http', targetPort: TargetPort.named('http'), nodePort: 30080 }],
    container: { image: 'web:1', ports: [{ number: 8080, name: 'http', protocol: kplus.Protocol.TCP }] },
    deploymentProps: { replicas: 2, metadata: { name: 'web', namespace: 'shop' }, containers: [{ name: 'side', image: 'side:1', ports: [{ number: 9000, name: 'metrics' }] }] },
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    healthCheckNodePort: 30081,
    sessionAffinity: SessionAffinity.CLIENT_IP,
    sessionAffinityTimeoutSeconds: 600,
    loadBalancerSourceRanges: ['10.0.0.0/8'],
    loadBalancerClass: 'service.k8s.aws/nlb',
    allocateLoadBalancerNodePorts: true,
    loadBalancerPreset: LoadBalancerPreset.awsInternalNlb(),
    ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
    ipFamilies: [IpFamily.IPV4],
    nodePortRange: { min: 30000, max: 32767 },
    internalTrafficPolicy: InternalTrafficPolicy.CLUSTER,
    trafficDistribution: TrafficDistribution.PREFER_CLOSE,
    publishNotReadyAddresses: false,
  }),
  TlsIngress: () => ({
    ingressName: 'web',
    namespace: 'shop',
    ingressClassName: 'nginx',
    labels: { tier: 'web' },
    annotations: { note: 'x' },
    rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: PathType.PREFIX, backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
    defaultBackend: ServiceBackend.fromServiceName('web', { portNumber: 80 }),
    tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    plainHttpHosts: [],
    nginx: { sslRedirect: true, forceSslRedirect: false, rewriteTarget: '/', useRegex: false },
    gatewayApi: {
      parents: [RouteParent.fromExternalGateway({
        gatewayName: 'shared',
        namespace: 'infra',
        sectionName: 'https',
        listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', allowedNamespaces: RouteNamespaces.ALL }],
      })],
      redirectParents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'infra', sectionName: 'http' })],
      keepIngress: true,
    },
  }),
  Gateway: () => ({
    gatewayName: 'shared',
    namespace: 'infra',
    gatewayClassName: 'eg',
    labels: { tier: 'edge' },
    annotations: { note: 'x' },
    infrastructureLabels: { team: 'platform' },
    infrastructureAnnotations: { note: 'x' },
    listeners: [{
      name: 'https',
      protocol: ListenerProtocol.HTTPS,
      port: 443,
      hostname: 'shop.example.com',
      tls: TlsSource.fromExistingSecret('shop-tls'),
      allowedNamespaces: RouteNamespaces.SELECTOR,
      namespaceSelector: { access: 'yes' },
      allowedKinds: [RouteKind.HTTP_ROUTE],
    }],
  }),
  HttpRoute: () => ({
    routeName: 'web',
    namespace: 'web',
    labels: { tier: 'web' },
    annotations: { note: 'x' },
    parents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'infra', sectionName: 'https' })],
    hostnames: ['shop.example.com'],
    rules: [{
      name: 'main',
      matches: [{
        path: '/',
        pathType: HttpPathType.PATH_PREFIX,
        method: HttpMethod.GET,
        headers: [{ name: 'X-A', value: '1', type: HttpValueMatchType.EXACT }],
        queryParams: [{ name: 'q', value: '1', type: HttpValueMatchType.EXACT }],
      }],
      filters: [HttpRouteFilter.requestHeaderModifier({ set: { 'X-B': '1' } })],
      backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }), weight: 1 }],
      requestTimeout: '10s',
      backendRequestTimeout: '5s',
    }],
  }),
  GrpcRoute: () => ({
    routeName: 'cart',
    namespace: 'web',
    labels: { tier: 'web' },
    annotations: { note: 'x' },
    parents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'infra', sectionName: 'https' })],
    hostnames: ['grpc.example.com'],
    rules: [{
      name: 'cart',
      matches: [{ method: { service: 'shop.v1.Cart', method: 'AddItem', type: HttpValueMatchType.EXACT }, headers: [{ name: 'x-tenant', value: 'a', type: HttpValueMatchType.EXACT }] }],
      filters: [HttpRouteFilter.requestHeaderModifier({ set: { 'x-b': '1' } })],
      backends: [{ backend: ServiceBackend.fromServiceName('cart', { portNumber: 50051 }), weight: 1 }],
    }],
  }),
  ReferenceGrant: () => ({
    grantName: 'allow',
    namespace: 'data',
    labels: { tier: 'data' },
    annotations: { note: 'x' },
    from: [{ kind: 'HTTPRoute', namespace: 'web', group: 'gateway.networking.k8s.io' }],
    to: [{ kind: 'Service', name: 'api', group: '' }],
  }),
};

const CONSTRUCTS: { readonly [construct: string]: (chart: Chart, props: any) => void } = {
  HeadlessService: (chart, props) => new HeadlessService(chart, 'Subject', props),
  HeadlessStatefulService: (chart, props) => new HeadlessStatefulService(chart, 'Subject', props),
  ExternalAlias: (chart, props) => new ExternalAlias(chart, 'Subject', props),
  ManualEndpointService: (chart, props) => new ManualEndpointService(chart, 'Subject', props),
  ExposedApp: (chart, props) => new ExposedApp(chart, 'Subject', props),
  TlsIngress: (chart, props) => new TlsIngress(chart, 'Subject', props),
  Gateway: (chart, props) => new Gateway(chart, 'Subject', props),
  HttpRoute: (chart, props) => new HttpRoute(chart, 'Subject', props),
  GrpcRoute: (chart, props) => new GrpcRoute(chart, 'Subject', props),
  ReferenceGrant: (chart, props) => new ReferenceGrant(chart, 'Subject', props),
};

describe('garbage in every guarded prop of every construct', () => {
  test('the valid props are valid', () => {
    for (const [name, build] of Object.entries(CONSTRUCTS)) {
      const chart = newChart();
      build(chart, VALID[name](chart));
      expect([name, synthQuietly(chart).length > 0]).toEqual([name, true]);
    }
  });

  for (const [name, shape] of Object.entries(CONSTRUCT_PROPS)) {
    test(name, () => {
      const problems: string[] = [];
      let cases = 0;
      for (const target of targets(shape)) {
        const checkedBy = target.shape.kind === 'enum' ? target.shape.checkedBy : undefined;
        for (const value of wrongValues(target.shape)) {
          cases++;
          const build = (chart: Chart) => CONSTRUCTS[name](chart, withValue(VALID[name](chart), target.path, value));
          const problem = judge(build, fieldName(target.path), value, checkedBy);
          if (problem !== undefined) problems.push(problem);
        }
      }
      expect(problems).toEqual([]);
      expect(cases).toBeGreaterThan(30);
    }, 60_000);
  }
});

/** How each factory is called with valid arguments, and bound into a construct (`holder`: the field holding it). */
interface FactoryCase {
  readonly valid: (chart: Chart) => unknown[];
  readonly bind: (chart: Chart, made: unknown) => void;
  readonly holder: string;
  /** Each argument's field under the holder ('' for the holder itself: an options struct's fields are the holder's). */
  readonly args: readonly string[];
  readonly separator?: string;
}

const webApp = (chart: Chart) => new ExposedApp(chart, 'Web', {
  serviceName: 'web',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80 }],
  container: { image: 'web:1', ports: [{ number: 8080, name: 'http' }] },
});
const asTargetPort = (chart: Chart, made: unknown) => new ExposedApp(chart, 'Subject', {
  serviceName: 'web',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80, targetPort: made as TargetPort }],
  container: { image: 'web:1', ports: [{ number: 8080, name: 'http' }] },
});
const asAlias = (chart: Chart, made: unknown) => new ExternalAlias(chart, 'Subject', { serviceName: 'alias', target: made as AliasTarget });
const asDefaultBackend = (chart: Chart, made: unknown) => new TlsIngress(chart, 'Subject', { defaultBackend: made as ServiceBackend });
const asTlsSource = (chart: Chart, made: unknown) => new TlsIngress(chart, 'Subject', {
  rules: [{ host: 'shop.example.com', paths: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
  tls: [{ hosts: ['shop.example.com'], source: made as TlsSource }],
});

const anyBackend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
const asParent = (chart: Chart, made: unknown) => new HttpRoute(chart, 'Subject', {
  parents: [made as RouteParent], rules: [{ backends: [{ backend: anyBackend }] }],
});
const asFilter = (withBackends: boolean) => (chart: Chart, made: unknown) => new HttpRoute(chart, 'Subject', {
  parents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'infra' })],
  rules: [{ filters: [made as HttpRouteFilter], ...(withBackends ? { backends: [{ backend: anyBackend }] } : {}) }],
});

const pemDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guarded-props-'));
const pemFile = (name: string, text: string) => {
  const file = path.join(pemDir, name);
  fs.writeFileSync(file, text);
  return file;
};
afterAll(() => fs.rmSync(pemDir, { recursive: true, force: true }));

const FACTORIES: { readonly [factory: string]: FactoryCase } = {
  'TargetPort.named': { valid: () => ['http'], bind: asTargetPort, holder: 'ports[0].targetPort', args: [''] },
  'TargetPort.number': { valid: () => [8080], bind: asTargetPort, holder: 'ports[0].targetPort', args: [''] },
  'AliasTarget.fromDnsName': { valid: () => ['db.example.com'], bind: asAlias, holder: 'target', args: [''] },
  'AliasTarget.fromServiceName': {
    valid: () => ['db', 'data', 'cluster.local'], bind: asAlias, holder: 'target service', separator: ' ', args: ['serviceName', 'namespace', 'clusterDomain'],
  },
  'AliasTarget.fromServicePattern': { valid: (chart) => [webApp(chart)], bind: asAlias, holder: 'target', args: [''] },
  'ServiceBackend.fromServicePattern': {
    valid: (chart) => [webApp(chart), { portName: 'http' }], bind: asDefaultBackend, holder: 'defaultBackend', args: ['', ''],
  },
  'ServiceBackend.fromService': {
    valid: (chart) => [new kplus.Service(chart, 'Plain', { metadata: { name: 'plain' }, ports: [{ port: 80 }] }), { portNumber: 80 }],
    bind: asDefaultBackend,
    holder: 'defaultBackend',
    args: ['', ''],
  },
  'ServiceBackend.fromServiceName': { valid: () => ['web', { portNumber: 80 }], bind: asDefaultBackend, holder: 'defaultBackend', args: ['serviceName', ''] },
  'TlsSource.fromPem': {
    valid: () => [{ certificate: cert.certificate, privateKey: cert.privateKey, caCertificate: cert.certificate, secretName: 'shop-tls', acknowledgeKeyInManifest: true }],
    bind: asTlsSource,
    holder: 'tls[0].source',
    args: [''],
  },
  'TlsSource.fromPemFiles': {
    valid: () => [pemFile('tls.crt', cert.certificate), pemFile('tls.key', cert.privateKey),
      { caCertificatePath: pemFile('ca.crt', cert.certificate), secretName: 'shop-tls', acknowledgeKeyInManifest: true }],
    bind: asTlsSource,
    holder: 'tls[0].source',
    args: ['certificatePath', 'privateKeyPath', ''],
  },
  'TlsSource.fromExistingSecret': { valid: () => ['shop-tls', { namespace: 'default' }], bind: asTlsSource, holder: 'tls[0].source', args: ['secretName', ''] },
  'TlsSource.fromCertManager': {
    valid: () => [{ clusterIssuer: 'letsencrypt', secretName: 'shop-tls' }], bind: asTlsSource, holder: 'tls[0].source', args: [''],
  },
  'RouteParent.fromGateway': {
    valid: (chart) => [new Gateway(chart, 'Gw', { gatewayName: 'shared', gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: ListenerProtocol.HTTP }] }), { sectionName: 'http' }],
    bind: asParent,
    holder: 'parents[0]',
    args: ['', ''],
  },
  'RouteParent.fromExternalGateway': {
    valid: () => [{
      gatewayName: 'shared',
      namespace: 'infra',
      sectionName: 'https',
      listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, port: 443, hostname: '*.example.com', allowedNamespaces: RouteNamespaces.ALL }],
    }],
    bind: asParent,
    holder: 'parents[0]',
    args: [''],
  },
  'HttpRouteFilter.requestRedirect': {
    valid: () => [{ scheme: RedirectScheme.HTTPS, hostname: 'new.example.com', port: 443, statusCode: 301, replaceFullPath: '/x' }],
    bind: asFilter(false),
    holder: 'rules[0].filters[0]',
    args: [''],
  },
  'HttpRouteFilter.urlRewrite': { valid: () => [{ hostname: 'internal.example.com', replacePrefixMatch: '/x' }], bind: asFilter(true), holder: 'rules[0].filters[0]', args: [''] },
  'HttpRouteFilter.requestHeaderModifier': {
    valid: () => [{ set: { 'X-A': '1' }, add: { 'X-B': '2' }, remove: ['X-C'] }], bind: asFilter(true), holder: 'rules[0].filters[0]', args: [''],
  },
  'HttpRouteFilter.responseHeaderModifier': {
    valid: () => [{ set: { 'X-A': '1' }, add: { 'X-B': '2' }, remove: ['X-C'] }], bind: asFilter(true), holder: 'rules[0].filters[0]', args: [''],
  },
  'HttpRouteFilter.requestMirror': {
    valid: () => [ServiceBackend.fromServiceName('mirror', { portNumber: 80 }), { percent: 10 }], bind: asFilter(true), holder: 'rules[0].filters[0]', args: ['backend', ''],
  },
};

/** Calls a factory by its `Class.method` name. */
function call(factory: string, args: unknown[]): unknown {
  const [className, method] = factory.split('.');
  const classes: { [name: string]: any } = { TargetPort, AliasTarget, ServiceBackend, TlsSource, RouteParent, HttpRouteFilter };
  return classes[className][method](...args);
}

describe('garbage in every argument of every static factory, reported by the construct it is bound to', () => {
  test('the valid arguments are valid', () => {
    for (const [factory, c] of Object.entries(FACTORIES)) {
      const chart = newChart();
      c.bind(chart, call(factory, c.valid(chart)));
      expect([factory, synthQuietly(chart).length > 0]).toEqual([factory, true]);
    }
  });

  const withArgs = Object.entries(FACTORY_ARGS).filter(([, args]) => args.length > 0);
  test('every factory with arguments has a case', () => {
    expect(withArgs.map(([factory]) => factory).sort()).toEqual(Object.keys(FACTORIES).sort());
  });

  for (const [factory, args] of withArgs) {
    test(factory, () => {
      const c = FACTORIES[factory];
      const problems: string[] = [];
      args.forEach((arg, i) => {
        const base = c.args[i] === '' ? c.holder : `${c.holder}${c.separator ?? '.'}${c.args[i]}`;
        const places = [{ path: [] as Step[], shape: arg.shape, required: !arg.optional },
          ...(arg.shape.kind === 'struct' ? targets(arg.shape).map((t) => ({ ...t, required: false })) : [])];
        for (const place of places) {
          const field = place.path.length === 0 ? base : `${c.holder}${c.args[i] === '' ? '.' : `${c.separator ?? '.'}${c.args[i]}.`}${fieldName(place.path)}`;
          const checkedBy = place.shape.kind === 'enum' ? place.shape.checkedBy : undefined;
          for (const value of [...wrongValues(place.shape), ...(place.required ? [undefined] : [])]) {
            const problem = judge((chart) => {
              const valid = c.valid(chart);
              valid[i] = withValue(valid[i], place.path, value);
              c.bind(chart, call(factory, valid));
            }, field, value, checkedBy);
            if (problem !== undefined) problems.push(problem);
          }
        }
      });
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
