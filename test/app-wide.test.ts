import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  ExposedApp,
  ExposureType,
  ExternalAlias,
  ExternalTrafficPolicy,
  FindingSeverity,
  HeadlessService,
  HeadlessStatefulService,
  AliasTarget,
  ServiceBackend,
  ManualEndpointService,
  ServicePatternsValidation,
  ServicePatternsValidationError,
  TlsIngress,
  TlsSource,
} from '../src';
import { makeCertificate } from './support/certs';
import { synthAppValidated, synthError, synthErrors } from './support/synth';

const KUBIA = { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] };

function twoCharts(): { app: App; a: Chart; b: Chart } {
  const app = Testing.app();
  return { app, a: new Chart(app, 'a', { namespace: 'shop' }), b: new Chart(app, 'b', { namespace: 'shop' }) };
}

describe('App-wide checks', () => {
  test('the same node port in two Services anywhere in the App, naming both', () => {
    const { a, b } = twoCharts();
    new ExposedApp(a, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30123 }], container: KUBIA });
    new ExposedApp(b, 'Api', { serviceName: 'api', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30123 }], container: KUBIA });
    // a health check node port is a node port too
    new ExposedApp(b, 'Lb', {
      serviceName: 'lb',
      type: ExposureType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80 }],
      container: KUBIA,
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
      healthCheckNodePort: 30123,
    });
    expect(synthErrors(a)).toEqual([
      '[b/Api] nodePort 30123: node port 30123 (TCP) is also claimed by a/Web (TCP); a node port is one number cluster-wide, whatever the protocol, so the second Service is refused. Fix: give one of the Services another node port, or leave nodePort out to let the cluster allocate one (SP_APP_NODE_PORT_CONFLICT)',
      '[b/Lb] nodePort 30123: node port 30123 (TCP) is also claimed by a/Web (TCP); a node port is one number cluster-wide, whatever the protocol, so the second Service is refused. Fix: give one of the Services another node port, or leave nodePort out to let the cluster allocate one (SP_APP_NODE_PORT_CONFLICT)',
    ]);
  });

  test('two objects of the same kind, name and namespace', () => {
    const { a, b } = twoCharts();
    new ManualEndpointService(a, 'Db', { serviceName: 'db', ports: [{ port: 5432 }] });
    new ManualEndpointService(b, 'Db', { serviceName: 'db', ports: [{ port: 5432 }] });
    // other namespace, other kind: fine
    new ManualEndpointService(new Chart(a.node.scope as App, 'c', { namespace: 'other' }), 'Db', { serviceName: 'db', ports: [{ port: 5432 }] });
    new kplus.ConfigMap(b, 'Cm', { metadata: { name: 'db' } });
    expect(synthErrors(a)).toEqual([
      '[b/Db] metadata.name "db": Service "db" in namespace "shop" is also emitted by a/Db; one would overwrite the other on apply. Fix: give one of them another name or namespace (SP_APP_DUPLICATE_OBJECT)',
    ]);
  });

  test('the same host + path + pathType in one ingress class, and one host with two Secrets', () => {
    const { a, b } = twoCharts();
    const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
    const rules = [{ host: 'shop.example.com', paths: [{ path: '/', backend }] }];
    new TlsIngress(a, 'One', { ingressName: 'one', ingressClassName: 'nginx', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('one-tls') }] });
    new TlsIngress(b, 'Two', { ingressName: 'two', ingressClassName: 'nginx', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('two-tls') }] });
    // another class is another controller: fine
    new TlsIngress(b, 'Other', { ingressName: 'other', ingressClassName: 'traefik', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('one-tls') }] });
    expect(synthErrors(a)).toEqual([
      '[b/Two] rules "shop.example.com/": the Prefix route is also claimed by a/One in ingress class nginx; which Ingress serves it is undefined. Fix: route each host + path + pathType from one Ingress of the class (SP_APP_INGRESS_ROUTE_CONFLICT)',
      '[b/Two] tls "shop.example.com": is served with Secret shop/two-tls here and with shop/one-tls by a/One in ingress class nginx; clients get one of the two certificates. Fix: serve each host with one Secret (SP_APP_TLS_SECRET_CONFLICT)',
    ]);
  });

  test('Ingresses not built by this library count too', () => {
    const { a, b } = twoCharts();
    const svc = new kplus.Service(b, 'Svc', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    new kplus.Ingress(b, 'Plain', { className: 'nginx', rules: [{ host: 'shop.example.com', path: '/', backend: kplus.IngressBackend.fromService(svc) }] });
    new TlsIngress(a, 'Ours', {
      ingressName: 'ours',
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
      tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    });
    const errors = synthErrors(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[b\/Plain\] rules "shop\.example\.com\/": the Prefix route is also claimed by a\/Ours in ingress class nginx/);
  });

  test('a governing Service name used by two StatefulSets', () => {
    const { a, b } = twoCharts();
    const hs = new HeadlessStatefulService(a, 'Zk', { serviceName: 'zk', container: { image: 'zk', ports: [{ number: 2181, name: 'client' }] } });
    // another StatefulSet in the same namespace, governed by a cdk8s-plus Service that reuses the name
    const shared = new kplus.Service(new Chart(a.node.scope as App, 'tmp', { namespace: 'shop' }), 'Zk', { metadata: { name: hs.serviceName }, clusterIP: 'None', ports: [{ port: 2181 }] });
    new kplus.StatefulSet(b, 'Other', { metadata: { name: 'other' }, containers: [{ image: 'x', portNumber: 2181 }], service: shared });
    const errors = synthErrors(a);
    expect(errors).toContain('[b/Other] spec.serviceName "zk": is also the governing Service of the StatefulSet a/Zk/StatefulSet; the pods of both would share one DNS subdomain and the Service would select only one set. Fix: give every StatefulSet its own headless Service (SP_APP_GOVERNING_SERVICE_CONFLICT)');
  });

  test('a ManualEndpointService whose name a selector Service also uses', () => {
    const { a, b } = twoCharts();
    new ManualEndpointService(a, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.5' }] });
    new HeadlessService(b, 'Db', { serviceName: 'db', selector: { app: 'db' } });
    expect(synthErrors(a)).toEqual([
      expect.stringMatching(/^\[b\/Db\] metadata\.name "db": Service "db" in namespace "shop" is also emitted by a\/Db/),
      '[b/Db] selector "db": the Service has a selector, and a/Db writes its endpoints by hand (EndpointSlice "db-ipv4"); the endpoints controller would replace them with the selected pods. Fix: rename one of them, or remove the selector from the Service (SP_APP_MANUAL_ENDPOINTS_SELECTOR)',
    ]);
  });

  test('a backend referenced by name that exists in the App without that port', () => {
    const { a, b } = twoCharts();
    new ExposedApp(b, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    new TlsIngress(a, 'Shop', {
      ingressName: 'shop',
      rules: [{
        host: 'shop.example.com',
        paths: [
          { path: '/', backend: ServiceBackend.fromServiceName('web', { portNumber: 8080 }) },
          { path: '/ok', backend: ServiceBackend.fromServiceName('web', { portName: 'http' }) },
        ],
      }],
      tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    });
    expect(synthErrors(a)).toEqual([
      '[a/Shop] spec.rules[0].http.paths[0].backend 8080: Service "web" (b/Web) has no such port (ports: http (80)). Fix: route to a port the Service has (SP_APP_BACKEND_PORT_UNKNOWN)',
    ]);
  });

  test('a consistent App passes', () => {
    const { app, a, b } = twoCharts();
    const web = new ExposedApp(a, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30080 }], container: KUBIA });
    new ExposedApp(b, 'Api', { serviceName: 'api', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30081 }], container: KUBIA });
    new TlsIngress(a, 'Shop', {
      ingressName: 'shop',
      rules: [{ host: 'shop.example.com', paths: [{ backend: ServiceBackend.fromServicePattern(web) }, { path: '/api', backend: ServiceBackend.fromServiceName('api', { portName: 'http' }) }] }],
      tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    });
    expect(synthAppValidated(app).length).toEqual(5);
  });
});

describe('the report', () => {
  test('one error of an exported class lists every finding of the App, grouped by construct path', () => {
    const { a, b } = twoCharts();
    new ManualEndpointService(a, 'Db', { serviceName: 'Db', ports: [{ port: 0 }] });
    new ManualEndpointService(b, 'Vm', { serviceName: 'vm', ports: [{ port: 22 }], members: [{ address: '127.0.0.1' }] });
    const error = synthError(a);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ServicePatternsValidationError);
    expect(ServicePatternsValidationError.isServicePatternsValidationError(error)).toBe(true);
    expect(ServicePatternsValidationError.isServicePatternsValidationError(new Error('x'))).toBe(false);
    expect(error.findings.map((f) => [f.path, f.field, f.code, f.severity])).toEqual([
      ['a/Db', 'serviceName', 'SP_SERVICE_NAME', FindingSeverity.ERROR],
      ['a/Db', 'ports[0].port', 'SP_PORT_NUMBER', FindingSeverity.ERROR],
      ['b/Vm', 'members[0].address', 'SP_MEMBER_ADDRESS_SPECIAL', FindingSeverity.ERROR],
    ]);
    expect(error.findings[1]).toEqual({
      path: 'a/Db',
      field: 'ports[0].port',
      code: 'SP_PORT_NUMBER',
      value: '0',
      rule: 'must be an integer between 1 and 65535',
      fix: 'use a port between 1 and 65535',
      message: 'ports[0].port 0: must be an integer between 1 and 65535. Fix: use a port between 1 and 65535 (SP_PORT_NUMBER)',
      severity: FindingSeverity.ERROR,
    });
    expect(error.message.split('\n')).toEqual([
      'cdk8s-service-patterns: 3 problems found at synth',
      '  [a/Db]',
      `    ${error.findings[0].message}`,
      `    ${error.findings[1].message}`,
      '  [b/Vm]',
      `    ${error.findings[2].message}`,
    ]);
    // no stack trace for user errors: one line in the form of a frame, so Node prints no brackets around it
    expect(error.stack).toEqual(`${error.message}\n    at cdk8s synth (fix the problems above; this synth wrote no manifest)`);
    expect(String(error)).toEqual(error.message);
  });

  test('App.synth throws it too, and other constructs\' validation errors are included', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ManualEndpointService(chart, 'Db', { serviceName: 'db', ports: [] });
    chart.node.addValidation({ validate: () => ['something else is wrong'] });
    let caught: unknown;
    try {
      app.synth();
    } catch (err) {
      caught = err;
    }
    expect(ServicePatternsValidationError.isServicePatternsValidationError(caught)).toBe(true);
    const error = caught as ServicePatternsValidationError;
    expect(error.findings.map((f) => `${f.path} ${f.code}`)).toEqual(['c/Db SP_PORTS_REQUIRED', 'c EXTERNAL']);
    expect(error.findings[1].message).toEqual('something else is wrong');
  });

  describe('warnings and strict mode', () => {
    const build = () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      const cert = makeCertificate(['self.example.com'], { selfSigned: true });
      new TlsIngress(chart, 'Self', {
        ingressName: 'self',
        rules: [{ host: 'self.example.com', paths: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
        tls: [{ hosts: ['self.example.com'], source: TlsSource.fromPem({ ...cert }) }],
      });
      return { app, chart };
    };

    test('warnings are printed once per synth and do not fail it', () => {
      const { app, chart } = build();
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        Testing.synth(chart);
        const printed = stderr.mock.calls.map((c) => String(c[0])).filter((line) => line.startsWith('[WARNING]'));
        expect(printed.map((l) => l.match(/\((SP_[A-Z_]+)\)\n$/)?.[1])).toEqual(['SP_TLS_SELF_SIGNED', 'SP_TLS_INLINE_KEY']);
      } finally {
        stderr.mockRestore();
      }
      expect(ServicePatternsValidation.warnings(app).map((w) => [w.path, w.code, w.severity])).toEqual([
        ['c/Self', 'SP_TLS_SELF_SIGNED', FindingSeverity.WARNING],
        ['c/Self', 'SP_TLS_INLINE_KEY', FindingSeverity.WARNING],
      ]);
    });

    test('strict mode turns warnings into errors (explicit call)', () => {
      const { chart } = build();
      ServicePatternsValidation.enableStrictMode(chart);
      expect(ServicePatternsValidation.isStrictMode(chart)).toBe(true);
      const error = synthError(chart);
      expect(error.findings.map((f) => [f.code, f.severity])).toEqual([
        ['SP_TLS_SELF_SIGNED', FindingSeverity.WARNING],
        ['SP_TLS_INLINE_KEY', FindingSeverity.WARNING],
      ]);
      expect(error.message).toContain('(warning, strict mode) tls[0].source.certificate');
    });

    test('strict mode from the environment', () => {
      const { chart } = build();
      process.env.CDK8S_SERVICE_PATTERNS_STRICT = 'true';
      try {
        expect(synthError(chart).findings).toHaveLength(2);
      } finally {
        delete process.env.CDK8S_SERVICE_PATTERNS_STRICT;
      }
      expect(ServicePatternsValidation.isStrictMode(chart)).toBe(false);
    });
  });
});

test('the checks run once per synth, not once per chart', () => {
  const app = Testing.app();
  const charts = [1, 2, 3].map((i) => new Chart(app, `c${i}`));
  charts.forEach((chart, i) => new ExposedApp(chart, 'Lb', {
    serviceName: `lb${i}`,
    type: ExposureType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80 }],
    container: KUBIA,
  }));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    app.synth();
    const printed = stderr.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('SP_LOAD_BALANCER_OPEN'));
    expect(printed).toHaveLength(3); // one per app, printed once although cdk8s validates 4 times
  } finally {
    stderr.mockRestore();
  }
});

describe('review regressions', () => {
  test('conflicts between raw objects of one chart are found, and named by object', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    for (const id of ['one', 'two']) {
      new kplus.k8s.KubeService(chart, id, { metadata: { name: `svc-${id}` }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] } });
    }
    // (the App-wide checks run in Apps that use this library)
    new ExternalAlias(chart, 'Alias', { serviceName: 'alias', target: AliasTarget.fromDnsName('db.example.net') });
    expect(synthErrors(chart)).toEqual([
      '[c/two] nodePort 30100: node port 30100 (TCP) is also claimed by c/one (TCP); a node port is one number cluster-wide, whatever the protocol, so the second Service is refused. Fix: give one of the Services another node port, or leave nodePort out to let the cluster allocate one (SP_APP_NODE_PORT_CONFLICT)',
    ]);
  });

  test('backends of Ingresses not built by this library are checked too', () => {
    const { a, b } = twoCharts();
    new ExposedApp(a, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    new kplus.k8s.KubeIngress(b, 'Raw', {
      metadata: { name: 'raw' },
      spec: { rules: [{ host: 'raw.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }] },
    });
    expect(synthErrors(a)).toEqual([
      '[b/Raw] spec.rules[0].http.paths[0].backend 8080: Service "web" (a/Web) has no such port (ports: http (80)). Fix: route to a port the Service has (SP_APP_BACKEND_PORT_UNKNOWN)',
    ]);
  });

  test('an ingress-nginx canary Ingress may share its main Ingress routes', () => {
    const { app, a, b } = twoCharts();
    const rules = [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }];
    const tls = [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }];
    new TlsIngress(a, 'Main', { ingressName: 'main', ingressClassName: 'nginx', rules, tls });
    new TlsIngress(b, 'Canary', { ingressName: 'canary', ingressClassName: 'nginx', rules, tls, annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } });
    expect(synthAppValidated(app)).toHaveLength(2);
  });

  test('changes between two synths of one tick are validated again', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const svc = new ManualEndpointService(chart, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.1' }] });
    expect(Testing.synth(chart)).toHaveLength(2);
    svc.addMember({ address: '127.0.0.1' });
    expect(synthErrors(chart).map((e) => e.match(/\((SP_[A-Z_]+)\)$/)?.[1])).toEqual(['SP_MEMBER_ADDRESS_SPECIAL']);
    new kplus.k8s.KubeService(chart, 'Dup', { metadata: { name: 'db' }, spec: { ports: [{ port: 1 }] } });
    expect(synthErrors(chart).map((e) => e.match(/\((SP_[A-Z_]+)\)$/)?.[1])).toEqual(['SP_MEMBER_ADDRESS_SPECIAL', 'SP_APP_DUPLICATE_OBJECT']);
  });

  test('strict mode switched on after a synth applies to the next one', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ExposedApp(chart, 'Lb', { serviceName: 'lb', type: ExposureType.LOAD_BALANCER, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(Testing.synth(chart)).toHaveLength(2);
    } finally {
      stderr.mockRestore();
    }
    ServicePatternsValidation.enableStrictMode(app);
    expect(synthError(chart).findings.map((f) => f.code)).toEqual(['SP_LOAD_BALANCER_OPEN']);
  });

  test('validations added to the App or to this library\'s constructs are reported too', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const db = new ManualEndpointService(chart, 'Db', { serviceName: 'db' });
    app.node.addValidation({ validate: () => ['app-level problem'] });
    db.node.addValidation({ validate: () => ['construct-level problem'] });
    expect(synthError(chart).findings.map((f) => `${f.path}|${f.code}|${f.message}`)).toEqual([
      expect.stringMatching(/^c\/Db\|SP_PORTS_REQUIRED\|/),
      '|EXTERNAL|app-level problem',
      'c/Db|EXTERNAL|construct-level problem',
    ]);
  });

  test('the error has no enumerable fields, so an uncaught one prints as its message', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ManualEndpointService(chart, 'Db', { serviceName: 'db' });
    const error = synthError(chart);
    expect(Object.keys(error)).toEqual([]);
    expect(error.findings).toHaveLength(1);
    expect(error.name).toEqual('ServicePatternsValidationError');
  });

  test('a manual-endpoints name shared with a selector Service is found among several Services of that name', () => {
    const { a, b } = twoCharts();
    new ExternalAliasFor(a);
    new ManualEndpointService(a, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.5' }] });
    new HeadlessService(b, 'Db', { serviceName: 'db', selector: { app: 'db' } });
    expect(synthErrors(a).filter((e) => e.includes('SP_APP_MANUAL_ENDPOINTS_SELECTOR'))).toHaveLength(1);
  });
});

/** An ExternalAlias named db (the first of three Services named db). */
class ExternalAliasFor {
  constructor(chart: Chart) {
    new ExternalAlias(chart, 'DbAlias', { serviceName: 'db', target: AliasTarget.fromDnsName('db.example.net') });
  }
}
