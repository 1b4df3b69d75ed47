/**
 * Hostile input (issue 11): what JavaScript callers, code holding `any` (values read from JSON or YAML) and jsii
 * hosts pass. Every case seen in the wild is a finding with its code at its field: never a TypeError, a
 * RangeError, "is not iterable", a cdk8s serializer error, or a string 'false' taken as true.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AliasTarget,
  ExposedApp,
  ExposureType,
  ExternalAlias,
  HeadlessService,
  HeadlessStatefulService,
  ManualEndpointService,
  ServiceBackend,
  TargetPort,
  TlsIngress,
  TlsSource,
} from '../src';
import { makeCertificate } from './support/certs';
import { newChart, synthError, synthErrors } from './support/synth';

/** Untyped: what a JavaScript caller (or a value read from JSON) passes. */
const untyped = (value: unknown): any => value;

/** `[field, code]` of every finding of the chart's failed synth. */
function findingsOf(chart: Chart): Array<[string, string]> {
  return synthError(chart).findings.map((f) => [f.field, f.code]);
}

function exposedApp(chart: Chart, extra: object, id = 'App'): ExposedApp {
  return new ExposedApp(chart, id, {
    serviceName: 'web',
    type: ExposureType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80 }],
    container: { image: 'web:1', ports: [{ number: 8080, name: 'http' }] },
    loadBalancerSourceRanges: ['10.0.0.0/8'],
    ...untyped(extra),
  });
}

function ingress(chart: Chart, extra: object): TlsIngress {
  return new TlsIngress(chart, 'Ingress', {
    ingressName: 'web',
    rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
    tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    ...untyped(extra),
  });
}

describe('regressions: each input seen in the wild is a finding with its code', () => {
  test("pathType: 'prefix' (was emitted as is; the API server refuses it)", () => {
    const chart = newChart();
    ingress(chart, {
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'prefix', backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
    });
    const error = synthError(chart);
    expect(error.findings.map((f) => [f.field, f.code])).toEqual([['rules[0].paths[0].pathType', 'SP_ENUM']]);
    expect(error.findings[0].message).toEqual(
      'rules[0].paths[0].pathType "prefix": must be one of Prefix, Exact, ImplementationSpecific. Fix: use one of Prefix, Exact, ImplementationSpecific (SP_ENUM)');
  });

  test("endpointObjects: 'EndpointSlice' (was a Service without endpoint objects: no error, no traffic)", () => {
    const chart = newChart();
    new ManualEndpointService(chart, 'Db', { ports: [{ port: 5432 }], members: [{ address: '10.0.0.1' }], endpointObjects: untyped('EndpointSlice') });
    const error = synthError(chart);
    expect(error.findings.map((f) => [f.field, f.code])).toEqual([['endpointObjects', 'SP_ENUM']]);
    expect(error.findings[0].rule).toEqual('must be one of EndpointSlices, Endpoints, Both');
  });

  test("headless: 'false' (was emitted as clusterIP: None)", () => {
    const chart = newChart();
    const svc = new ManualEndpointService(chart, 'Db', { ports: [{ port: 5432 }], members: [{ address: '10.0.0.1' }], headless: untyped('false') });
    expect(svc.headless).toBe(false);
    const error = synthError(chart);
    expect(error.findings.map((f) => [f.field, f.code])).toEqual([['headless', 'SP_PROP_TYPE']]);
    expect(error.findings[0].message).toEqual('headless "false": must be true or false, got a string. Fix: pass true or false, or leave it out (SP_PROP_TYPE)');
  });

  test("publishNotReadyAddresses: 'false' and allocateLoadBalancerNodePorts: 'false' (were emitted as strings)", () => {
    const chart = newChart();
    const headless = new HeadlessService(chart, 'Peers', { selector: { app: 'db' }, publishNotReadyAddresses: untyped('false') });
    exposedApp(chart, { allocateLoadBalancerNodePorts: 'false' });
    expect(headless.publishNotReadyAddresses).toBe(false);
    expect(findingsOf(chart)).toEqual([['publishNotReadyAddresses', 'SP_PROP_TYPE'], ['allocateLoadBalancerNodePorts', 'SP_PROP_TYPE']]);
  });

  test('ports: [null] (was a crash) in every Service construct', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Headless', { selector: { app: 'db' }, ports: untyped([null]) });
    new ManualEndpointService(chart, 'Manual', { ports: untyped([null]), members: [{ address: '10.0.0.1' }] });
    new ExternalAlias(chart, 'Alias', { target: AliasTarget.fromDnsName('db.example.com'), ports: untyped([null]) });
    exposedApp(chart, { ports: [null] });
    new HeadlessStatefulService(chart, 'Sts', { container: { image: 'db:1' }, ports: untyped([null]) });
    expect(synthError(chart).findings.map((f) => [f.path, f.field, f.code])).toEqual([
      ['test/Headless', 'ports[0]', 'SP_PROP_TYPE'],
      ['test/Manual', 'ports[0]', 'SP_PROP_TYPE'],
      ['test/Alias', 'ports[0]', 'SP_PROP_TYPE'],
      ['test/App', 'ports[0]', 'SP_PROP_TYPE'],
      ['test/Sts', 'ports[0]', 'SP_PROP_TYPE'],
    ]);
  });

  test('tls[0].hosts: [null] (was a crash)', () => {
    const chart = newChart();
    ingress(chart, { tls: [{ hosts: [null], source: TlsSource.fromExistingSecret('shop-tls') }], plainHttpHosts: ['shop.example.com'] });
    expect(findingsOf(chart)).toEqual([['tls[0].hosts[0]', 'SP_PROP_TYPE']]);
  });

  test('loadBalancerSourceRanges: null (was a crash)', () => {
    const chart = newChart();
    exposedApp(chart, { loadBalancerSourceRanges: null });
    const error = synthError(chart);
    expect(error.findings.map((f) => [f.field, f.code])).toEqual([['loadBalancerSourceRanges', 'SP_PROP_TYPE']]);
    expect(error.warnings).toEqual([]); // not "open to the internet": the value was refused
  });

  test('replicas: 1e21 (was a RangeError), in the props and on an existing StatefulSet', () => {
    const chart = newChart();
    new HeadlessStatefulService(chart, 'Built', { container: { image: 'db:1', ports: [{ number: 5432, name: 'pg' }] }, statefulSetProps: { replicas: 1e21 } });
    const existing = new kplus.StatefulSet(chart, 'Existing', { containers: [{ image: 'db:1', ports: [{ number: 5432, name: 'pg' }] }], replicas: 1e21 });
    const adopted = new HeadlessStatefulService(chart, 'Adopted', { statefulSet: existing });
    expect(adopted.podHostnames).toEqual([]);
    expect(synthError(chart).findings.map((f) => [f.path, f.field, f.code])).toEqual([
      ['test/Built', 'statefulSetProps.replicas', 'SP_PROP_TYPE'],
      ['test/Adopted', 'replicas', 'SP_REPLICAS'],
    ]);
  });

  test('targetPort: null (was containerPort: null, a crash)', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Headless', { selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: untyped(null) }] });
    new ManualEndpointService(chart, 'Manual', { ports: [{ port: 5432, targetPort: untyped(null) }], members: [{ address: '10.0.0.1' }] });
    exposedApp(chart, { ports: [{ name: 'http', port: 80, targetPort: null }] });
    expect(findingsOf(chart)).toEqual([
      ['ports[0].targetPort', 'SP_PROP_TYPE'],
      ['ports[0].targetPort', 'SP_PROP_TYPE'],
      ['ports[0].targetPort', 'SP_PROP_TYPE'],
    ]);
  });

  test('certificate: 42 (was a crash); a PEM value is never echoed', () => {
    const chart = newChart();
    const cert = makeCertificate(['shop.example.com']);
    ingress(chart, { tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem({ certificate: untyped(42), privateKey: cert.privateKey }) }] });
    new TlsIngress(chart, 'Swapped', {
      rules: [{ host: 'api.example.com', paths: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
      // PEM options where the TlsSource belongs
      tls: [{ hosts: ['api.example.com'], source: untyped({ certificate: cert.certificate, privateKey: cert.privateKey }) }],
    });
    const error = synthError(chart);
    expect(error.findings.map((f) => [f.path, f.field, f.code, f.value])).toEqual([
      ['test/Ingress', 'tls[0].source.certificate', 'SP_PROP_TYPE', undefined],
      ['test/Swapped', 'tls[0].source', 'SP_PROP_TYPE', undefined],
    ]);
    expect(error.message).not.toContain('PRIVATE KEY');
    expect(error.message).not.toContain(cert.privateKey.split('\n')[1]);
  });

  test('a ports, rules, tls or members that is not an array (was "is not iterable")', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Headless', { selector: { app: 'db' }, ports: untyped({ port: 80 }) });
    new ManualEndpointService(chart, 'Manual', { ports: [{ port: 5432 }], members: untyped('10.0.0.1') });
    ingress(chart, { rules: { host: 'shop.example.com' }, tls: 'shop-tls', defaultBackend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) });
    expect(findingsOf(chart)).toEqual([
      ['ports', 'SP_PROP_TYPE'],
      ['members', 'SP_PROP_TYPE'],
      ['rules', 'SP_PROP_TYPE'],
      ['tls', 'SP_PROP_TYPE'],
    ]);
  });

  test('ipFamilies: [undefined], loadBalancerSourceRanges: [,] and paths: [,] (were null entries in the YAML)', () => {
    const chart = newChart();
    // eslint-disable-next-line no-sparse-arrays
    exposedApp(chart, { ipFamilies: [undefined], loadBalancerSourceRanges: [, '10.0.0.0/8'] });
    // eslint-disable-next-line no-sparse-arrays
    ingress(chart, { rules: [{ host: 'shop.example.com', paths: [,] }] });
    const error = synthError(chart);
    expect(error.findings.map((f) => [f.field, f.code])).toEqual([
      ['loadBalancerSourceRanges[0]', 'SP_PROP_TYPE'],
      ['ipFamilies[0]', 'SP_PROP_TYPE'],
      ['rules[0].paths[0]', 'SP_PROP_TYPE'],
    ]);
    expect(error.findings[2].message).toEqual(
      'rules[0].paths[0] undefined: must be an object (TlsIngressPath), got undefined. Fix: remove the entry, or make it an object (TlsIngressPath) (SP_PROP_TYPE)');
  });

  test("labels: 'str' (was emitted as {\"0\":\"s\",\"1\":\"t\",\"2\":\"r\"})", () => {
    const chart = newChart();
    new HeadlessService(chart, 'Headless', { selector: { app: 'db' }, labels: untyped('str') });
    new HeadlessService(chart, 'Values', { selector: { app: 'db' }, labels: untyped({ tier: 1 }), annotations: untyped(['a']) });
    expect(findingsOf(chart)).toEqual([['labels', 'SP_PROP_TYPE'], ['labels["tier"]', 'SP_PROP_TYPE'], ['annotations', 'SP_PROP_TYPE']]);
  });

  test('ExternalAlias ports: a targetPort (no field of theirs) is refused, not dropped silently', () => {
    const chart = newChart();
    new ExternalAlias(chart, 'Alias', { serviceName: 'db', target: AliasTarget.fromDnsName('db.example.com'), ports: [untyped({ port: 5432, targetPort: { x: 1 } })] });
    expect(synthErrors(chart)).toEqual([
      '[test/Alias] ports[0].targetPort: is not a field of ServicePortOptions, so it would be ignored. Fix: remove it, or use one of port, name, protocol, appProtocol (SP_PROP_UNKNOWN)',
    ]);
  });

  test('a misspelt prop name is refused, naming the known ones (and never showing its value)', () => {
    const chart = newChart();
    new ExternalAlias(chart, 'Alias', untyped({ serviceName: 'db', target: AliasTarget.fromDnsName('db.example.com'), lables: { secret: 'do-not-echo' } }));
    expect(synthErrors(chart)).toEqual([
      '[test/Alias] lables: is not a field of ExternalAliasProps, so it would be ignored. Fix: remove it, or use one of serviceName, namespace, clusterDomain, labels, annotations, target, ports (SP_PROP_UNKNOWN)',
    ]);
  });
});

describe('factories keep what they refused; the construct they are bound to reports it', () => {
  test('ServiceBackend and TargetPort arguments, under the field that holds them', () => {
    const chart = newChart();
    const app = exposedApp(chart, { ports: [{ name: 'http', port: 80, targetPort: TargetPort.number(untyped('8080')) }] });
    ingress(chart, {
      rules: [{
        host: 'shop.example.com',
        paths: [
          { path: '/', backend: ServiceBackend.fromServicePattern(app) },
          { path: '/api', backend: ServiceBackend.fromServiceName('web', { portNumber: untyped('80') }) },
          { path: '/old', backend: ServiceBackend.fromServicePattern(untyped('web')) },
        ],
      }],
    });
    expect(synthError(chart).findings.map((f) => [f.path, f.field, f.code])).toEqual([
      ['test/App', 'ports[0].targetPort', 'SP_PROP_TYPE'],
      ['test/Ingress', 'rules[0].paths[1].backend.portNumber', 'SP_PROP_TYPE'],
      ['test/Ingress', 'rules[0].paths[2].backend', 'SP_PROP_TYPE'],
    ]);
  });

  test('AliasTarget and TlsSource arguments', () => {
    const chart = newChart();
    new ExternalAlias(chart, 'Dns', { target: AliasTarget.fromDnsName(untyped(undefined)) });
    new ExternalAlias(chart, 'Svc', { target: AliasTarget.fromServiceName('db', untyped(null)) });
    new ExternalAlias(chart, 'Pattern', { target: AliasTarget.fromServicePattern(untyped({ serviceName: 'db' })) });
    ingress(chart, { tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromCertManager(untyped({ clusterIssuer: ['letsencrypt'] })) }] });
    new TlsIngress(chart, 'Files', {
      rules: [{ host: 'api.example.com', paths: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
      tls: [
        { hosts: ['api.example.com'], source: TlsSource.fromPemFiles(untyped(42), '/tmp/key.pem', untyped({ acknowledgeKeyInManifest: 'true' })) },
        { hosts: [], source: TlsSource.fromExistingSecret(untyped(undefined)) },
      ],
    });
    expect(synthError(chart).findings.map((f) => [f.path, f.field, f.code])).toEqual([
      ['test/Dns', 'target', 'SP_PROP_TYPE'],
      ['test/Svc', 'target service namespace', 'SP_PROP_TYPE'],
      ['test/Pattern', 'target', 'SP_PROP_TYPE'],
      ['test/Ingress', 'tls[0].source.clusterIssuer', 'SP_PROP_TYPE'],
      ['test/Files', 'tls[0].source.certificatePath', 'SP_PROP_TYPE'],
      ['test/Files', 'tls[0].source.acknowledgeKeyInManifest', 'SP_PROP_TYPE'],
      ['test/Files', 'tls[1].hosts', 'SP_TLS_HOSTS'],
      ['test/Files', 'tls[1].source.secretName', 'SP_PROP_TYPE'],
    ]);
  });
});

describe('methods guard their arguments too', () => {
  test('addPort, addMember and selectPodsOf', () => {
    const chart = newChart();
    const headless = new HeadlessService(chart, 'Headless', { selector: { app: 'db' } });
    headless.addPort(untyped(null));
    headless.addPort({ name: 'pg', port: untyped('5432') });
    headless.selectPodsOf(untyped('db'));
    const manual = new ManualEndpointService(chart, 'Manual', { ports: [{ port: 5432 }] });
    manual.addMember(untyped(undefined));
    manual.addMember({ address: untyped(167772161) });
    const app = exposedApp(chart, {});
    app.addPort({ name: 'admin', port: 9000, targetPort: TargetPort.named('http'), nodePort: untyped(NaN) });
    expect(synthError(chart).findings.map((f) => [f.path, f.field, f.code])).toEqual([
      ['test/Headless', 'ports[0]', 'SP_PROP_TYPE'],
      ['test/Headless', 'ports[1].port', 'SP_PROP_TYPE'],
      ['test/Headless', 'selectPodsOf', 'SP_PROP_TYPE'],
      ['test/Manual', 'members[0]', 'SP_PROP_TYPE'],
      ['test/Manual', 'members[1].address', 'SP_PROP_TYPE'],
      ['test/App', 'ports[1].nodePort', 'SP_PROP_TYPE'],
    ]);
  });
});

describe('what stays with the rules that own it', () => {
  test('a protocol or exposure type that is a string keeps its own code', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Headless', { selector: { app: 'db' }, ports: [{ port: 53, protocol: untyped('ICMP') }] });
    exposedApp(chart, { type: 'ExternalName', loadBalancerSourceRanges: undefined });
    expect(findingsOf(chart)).toEqual([['ports[0].protocol', 'SP_PORT_PROTOCOL'], ['type', 'SP_EXPOSURE_TYPE']]);
  });

  test('null props are no props; props that are not an object are a finding', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Null', untyped(null));
    new HeadlessService(chart, 'Str', untyped('db'));
    expect(findingsOf(chart)).toEqual([['props', 'SP_PROP_TYPE']]);
  });
});

test('a brought workload whose name is a Symbol (untyped caller): no TypeError from the App report', () => {
  const chart = newChart();
  const sts = new kplus.StatefulSet(chart, 'Sts', { metadata: { name: Symbol('db') as any }, containers: [{ image: 'db:1', ports: [{ number: 5432, name: 'pg' }] }] });
  new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', statefulSet: sts });
  let error: unknown;
  try {
    Testing.synth(chart);
  } catch (err) {
    error = err;
  }
  // cdk8s refuses to render the object; the report judged the rest without converting the Symbol to a string
  expect(String((error as Error)?.message)).not.toContain('Cannot convert a Symbol value to a string');
});
