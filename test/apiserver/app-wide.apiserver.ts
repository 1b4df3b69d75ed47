/**
 * What only a real create shows: the App-wide rules against a real kube-apiserver. Each App is built with the
 * public API, its findings read from the library's error, then its objects are created for real, in the App's
 * order, in scratch namespaces: the server must refuse exactly the objects the library flags, and accept
 * everything of an App the library accepts. Where they disagreed (node ports across protocols, cluster IPs), the
 * server won: the rules were fixed, and these tests keep them in step.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { connect, createForReal, RealCreate, scratchNamespace } from './support';
import {
  ExposedApp,
  ExposureType,
  ExternalTrafficPolicy,
  HeadlessService,
  HeadlessStatefulService,
  ManualEndpointService,
  ServiceBackend,
  TlsIngress,
  TlsSource,
} from '../../src';

const kube = connect();
afterAll(() => kube.close());

const WEB = { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] };
const DNS = { image: 'coredns/coredns', ports: [{ number: 5353, name: 'dns', protocol: kplus.Protocol.UDP }, { number: 5353, name: 'dns-tcp' }] };

/** Two charts of one App in one scratch namespace. */
function twoCharts(app: App, ns: string): { a: Chart; b: Chart } {
  return { a: new Chart(app, 'a', { namespace: ns }), b: new Chart(app, 'b', { namespace: ns }) };
}

function codes(result: RealCreate): string[] {
  return result.findings.map((f) => `${f.path} ${f.code}`);
}

describe('SP_APP_NODE_PORT_CONFLICT: node ports are cluster-wide', () => {
  test('TCP/TCP, and a health check node port: the server refuses exactly the Services the library flags', async () => {
    const ns = scratchNamespace('np');
    const result = await createForReal(kube, (app) => {
      const { a, b } = twoCharts(app, ns);
      new ExposedApp(a, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30123 }], container: WEB });
      new ExposedApp(b, 'Api', { serviceName: 'api', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30123 }], container: WEB });
      new ExposedApp(b, 'Lb', {
        serviceName: 'lb',
        type: ExposureType.LOAD_BALANCER,
        ports: [{ name: 'http', port: 80 }],
        container: WEB,
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheckNodePort: 30123,
      });
    });
    expect(codes(result)).toEqual(['b/Api SP_APP_NODE_PORT_CONFLICT', 'b/Lb SP_APP_NODE_PORT_CONFLICT']);
    expect(result.refusedByServer.map((r) => r.object)).toEqual(result.flaggedByLibrary);
    expect(result.refusedByServer).toEqual([
      { object: 'b/Api/Resource Service/api', message: expect.stringContaining('spec.ports[0].nodePort: Invalid value: 30123: provided port is already allocated') },
      // (the server answers a taken health check node port with a 500 InternalError, not a 422)
      { object: 'b/Lb/Resource Service/lb', message: expect.stringContaining('failed to allocate requested HealthCheck NodePort 30123: provided port is already allocated') },
    ]);
  });

  test('accepted by the library, accepted by the server: distinct node ports and cluster-allocated ones', async () => {
    const ns = scratchNamespace('np');
    const result = await createForReal(kube, (app) => {
      const { a, b } = twoCharts(app, ns);
      new ExposedApp(a, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30124 }], container: WEB });
      new ExposedApp(b, 'Api', { serviceName: 'api', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30125 }], container: WEB });
      new ExposedApp(b, 'Auto', { serviceName: 'auto', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: WEB });
      new ExposedApp(b, 'Lb', {
        serviceName: 'lb',
        type: ExposureType.LOAD_BALANCER,
        ports: [{ name: 'http', port: 80 }],
        container: WEB,
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheckNodePort: 30126,
      });
    });
    expect(codes(result)).toEqual([]);
    expect(result.refusedByServer).toEqual([]);
  });

  test('TCP and UDP on the same node port in two Services: the server refuses the second, and so does the library', async () => {
    const ns = scratchNamespace('np');
    const result = await createForReal(kube, (app) => {
      const { a, b } = twoCharts(app, ns);
      new ExposedApp(a, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30127 }], container: WEB });
      new ExposedApp(b, 'Dns', { serviceName: 'dns', type: ExposureType.NODE_PORT, ports: [{ name: 'dns', port: 53, protocol: kplus.Protocol.UDP, nodePort: 30127 }], container: DNS });
      // a health check node port against a UDP node port
      new ExposedApp(b, 'Dns2', { serviceName: 'dns2', type: ExposureType.NODE_PORT, ports: [{ name: 'dns', port: 53, protocol: kplus.Protocol.UDP, nodePort: 30128 }], container: DNS });
      new ExposedApp(b, 'Lb', {
        serviceName: 'lb',
        type: ExposureType.LOAD_BALANCER,
        ports: [{ name: 'http', port: 80 }],
        container: WEB,
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheckNodePort: 30128,
      });
    });
    // (this was a disagreement: the rule keyed node ports by number + protocol; the server proved it wrong)
    expect(codes(result)).toEqual(['b/Dns SP_APP_NODE_PORT_CONFLICT', 'b/Lb SP_APP_NODE_PORT_CONFLICT']);
    expect(result.refusedByServer.map((r) => r.object)).toEqual(result.flaggedByLibrary);
    expect(result.refusedByServer).toEqual([
      { object: 'b/Dns/Resource Service/dns', message: expect.stringContaining('spec.ports[0].nodePort: Invalid value: 30127: provided port is already allocated') },
      { object: 'b/Lb/Resource Service/lb', message: expect.stringContaining('failed to allocate requested HealthCheck NodePort 30128: provided port is already allocated') },
    ]);
  });
});

describe('SP_NODE_PORT_DUPLICATE: node ports inside one Service', () => {
  test('one port number over TCP and UDP may share a node port; two port numbers may not — library and server agree', async () => {
    const ns = scratchNamespace('np');
    const result = await createForReal(kube, (app) => {
      const { a } = twoCharts(app, ns);
      new ExposedApp(a, 'Dns', {
        serviceName: 'dns',
        type: ExposureType.NODE_PORT,
        container: DNS,
        ports: [{ name: 'dns', port: 53, protocol: kplus.Protocol.UDP, nodePort: 30129 }, { name: 'dns-tcp', port: 53, nodePort: 30129 }],
      });
      new ExposedApp(a, 'Two', {
        serviceName: 'two',
        type: ExposureType.NODE_PORT,
        container: DNS,
        ports: [{ name: 'dns', port: 53, protocol: kplus.Protocol.UDP, nodePort: 30130 }, { name: 'dns-tcp', port: 54, targetPort: undefined, nodePort: 30130 }],
      });
    });
    expect(codes(result)).toEqual(['a/Two SP_NODE_PORT_DUPLICATE']);
    expect(result.refusedByServer.map((r) => r.object)).toEqual(result.flaggedByLibrary);
    expect(result.refusedByServer).toEqual([
      { object: 'a/Two/Resource Service/two', message: expect.stringMatching(/spec\.ports\[1\]\.nodePort: (Duplicate value|Invalid value): .*30130/) },
    ]);
  });
});

describe('SP_APP_DUPLICATE_OBJECT: one kind, name and namespace', () => {
  test('the second create gets AlreadyExists, exactly on the objects the library flags (any kind, any construct)', async () => {
    const ns = scratchNamespace('dup');
    const result = await createForReal(kube, (app) => {
      const { a, b } = twoCharts(app, ns);
      new ManualEndpointService(a, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.5' }] });
      new ManualEndpointService(b, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.6' }] });
      new kplus.ConfigMap(a, 'Settings', { metadata: { name: 'settings' } });
      new kplus.ConfigMap(b, 'Settings', { metadata: { name: 'settings' } });
    });
    expect(codes(result)).toEqual(['b/Db SP_APP_DUPLICATE_OBJECT', 'b/Db SP_APP_DUPLICATE_OBJECT', 'b/Settings SP_APP_DUPLICATE_OBJECT']);
    expect(result.refusedByServer.map((r) => r.object)).toEqual(result.flaggedByLibrary);
    expect(result.refusedByServer.map((r) => r.message)).toEqual([
      'AlreadyExists (409): services "db" already exists',
      'AlreadyExists (409): endpointslices.discovery.k8s.io "db-ipv4" already exists',
      'AlreadyExists (409): configmaps "settings" already exists',
    ]);
  });

  test('accepted by the library, accepted by the server: the same name in another namespace or of another kind', async () => {
    const ns = scratchNamespace('dup');
    const other = scratchNamespace('dup');
    const result = await createForReal(kube, (app) => {
      const { a, b } = twoCharts(app, ns);
      new ManualEndpointService(a, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.5' }] });
      new ManualEndpointService(new Chart(app, 'c', { namespace: other }), 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.5' }] });
      new kplus.ConfigMap(b, 'Db', { metadata: { name: 'db' } });
    });
    expect(codes(result)).toEqual([]);
    expect(result.refusedByServer).toEqual([]);
  });
});

describe('App-wide rules without a server-side counterpart: the server accepts what the library refuses (stricter by design)', () => {
  test.each<[string, (app: App, ns: string) => void]>([
    ['SP_APP_GOVERNING_SERVICE_CONFLICT', (app, ns) => {
      const { a, b } = twoCharts(app, ns);
      new HeadlessStatefulService(a, 'Zk', { serviceName: 'zk', container: { image: 'zk', ports: [{ number: 2181, name: 'client' }] } });
      // a hand-written StatefulSet governed by zk too
      new ApiObject(b, 'Other', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'other' },
        spec: {
          serviceName: 'zk',
          selector: { matchLabels: { app: 'other' } },
          template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'main', image: 'x' }] } },
        },
      } as any);
    }],
    ['SP_APP_INGRESS_ROUTE_CONFLICT SP_APP_TLS_SECRET_CONFLICT', (app, ns) => {
      const { a, b } = twoCharts(app, ns);
      const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
      const rules = [{ host: 'shop.example.com', paths: [{ path: '/', backend }] }];
      new TlsIngress(a, 'One', { ingressName: 'one', ingressClassName: 'nginx', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('one-tls') }] });
      new TlsIngress(b, 'Two', { ingressName: 'two', ingressClassName: 'nginx', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('two-tls') }] });
    }],
    ['SP_APP_MANUAL_ENDPOINTS_SELECTOR', (app, ns) => {
      const { a, b } = twoCharts(app, ns);
      // a hand-written EndpointSlice for Service "db", and a selector Service "db"
      new ApiObject(a, 'Slice', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'db-manual', labels: { 'kubernetes.io/service-name': 'db' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['192.0.2.5'] }],
        ports: [{ port: 5432 }],
      } as any);
      new HeadlessService(b, 'Db', { serviceName: 'db', selector: { app: 'db' } });
    }],
    ['SP_APP_BACKEND_PORT_UNKNOWN', (app, ns) => {
      const { a, b } = twoCharts(app, ns);
      new ExposedApp(b, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: WEB });
      new TlsIngress(a, 'Shop', {
        ingressName: 'shop',
        rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServiceName('web', { portNumber: 8080 }) }] }],
        tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
      });
    }],
  ])('%s', async (expected, build) => {
    const ns = scratchNamespace('lib');
    const result = await createForReal(kube, (app) => build(app, ns));
    expect([...new Set(result.findings.map((f) => f.code))].sort()).toEqual(expected.split(' '));
    expect(result.refusedByServer).toEqual([]);
  });
});

describe('SP_APP_CLUSTER_IP_CONFLICT: a cluster IP belongs to one Service', () => {
  test('two Services asking for the same cluster IP: the server refuses the second, where the library says so', async () => {
    // (this was a library gap, found by this test: the rule was added)
    const ns = scratchNamespace('cip');
    const result = await createForReal(kube, (app) => {
      const { a, b } = twoCharts(app, ns);
      new kplus.Service(a, 'One', { metadata: { name: 'one' }, clusterIP: '10.96.200.10', ports: [{ port: 80 }] });
      new kplus.Service(b, 'Two', { metadata: { name: 'two' }, clusterIP: '10.96.200.10', ports: [{ port: 80 }] });
      // the App-wide checks run in Apps that use this library
      new HeadlessService(a, 'Anchor', { serviceName: 'anchor', selector: { app: 'anchor' } });
    });
    expect(codes(result)).toEqual(['b/Two SP_APP_CLUSTER_IP_CONFLICT']);
    expect(result.refusedByServer.map((r) => r.object)).toEqual(result.flaggedByLibrary);
    expect(result.refusedByServer).toEqual([
      { object: 'b/Two/Resource Service/two', message: expect.stringContaining('spec.clusterIPs: Invalid value: ["10.96.200.10"]: failed to allocate IP 10.96.200.10: provided IP is already allocated') },
    ]);
  });
});
