import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AliasTarget,
  BackendPortOptions,
  ExposedApp,
  ExposureType,
  ExternalAlias,
  HeadlessStatefulService,
  ManualEndpointService,
  PathType,
  PemTlsOptions,
  ServiceBackend,
  TlsEntry,
  TlsIngress,
  TlsIngressProps,
  TlsIngressRule,
  TlsSource,
} from '../src';
import { makeCertificate } from './support/certs';
import { findAll, findOne, newChart, synthErrors, synthValidated, synthQuietly, warningsOf } from './support/synth';

/** A cdk8s-plus Service with one port, as a simple backend. */
function plainService(chart: Chart, name: string, ports: kplus.ServicePort[] = [{ port: 8888 }]): kplus.Service {
  const service = new kplus.Service(chart, name, { metadata: { name }, ports });
  service.selectLabel('app', name);
  return service;
}

function webApp(chart: Chart, name: string): ExposedApp {
  return new ExposedApp(chart, name, {
    serviceName: name,
    type: ExposureType.NODE_PORT,
    ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }],
    container: { image: 'web', ports: [{ number: 8080, name: 'http' }, { number: 9000, name: 'admin' }] },
  });
}


/** The certificate bytes are generated per run: snapshot everything of a Secret but them. */
function stableSecrets(manifests: any[]): any[] {
  return manifests.map((m) => (m.kind === 'Secret' ? { ...m, data: Object.fromEntries(Object.keys(m.data).map((k) => [k, '<generated>'])) } : m));
}

const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });

describe('TlsIngress', () => {
  test('several hosts and paths, a default backend, class nginx, TLS from an existing Secret', () => {
    // GIVEN
    const chart = newChart();
    const svc1 = plainService(chart, 'svc-1');
    const svc2 = plainService(chart, 'svc-2');
    const fallback = plainService(chart, 'sample-ingress-default');

    // WHEN
    const ingress = new TlsIngress(chart, 'Sample', {
      ingressName: 'sample-ingress',
      ingressClassName: 'nginx',
      rules: [{
        host: 'sample.example.com',
        paths: [
          { path: '/path1', backend: ServiceBackend.fromService(svc1) },
          { path: '/path2', backend: ServiceBackend.fromService(svc2, { portNumber: 8888 }) },
        ],
      }],
      defaultBackend: ServiceBackend.fromService(fallback),
      tls: [{ hosts: ['sample.example.com'], source: TlsSource.fromExistingSecret('tls-sample') }],
    });
    const manifests = synthValidated(chart);

    // THEN
    const obj = findOne(manifests, 'Ingress', 'sample-ingress');
    expect(obj.apiVersion).toEqual('networking.k8s.io/v1');
    expect(obj.metadata.annotations).toBeUndefined(); // no deprecated class annotation, no presets asked for
    expect(obj.spec).toEqual({
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'sample-ingress-default', port: { number: 8888 } } },
      tls: [{ hosts: ['sample.example.com'], secretName: 'tls-sample' }],
      rules: [{
        host: 'sample.example.com',
        http: {
          paths: [
            { path: '/path1', pathType: 'Prefix', backend: { service: { name: 'svc-1', port: { number: 8888 } } } },
            { path: '/path2', pathType: 'Prefix', backend: { service: { name: 'svc-2', port: { number: 8888 } } } },
          ],
        },
      }],
    });
    expect(findAll(manifests, 'Secret')).toEqual([]);
    expect(ingress.ingress!.name).toEqual('sample-ingress');
    expect(ingress.hosts).toEqual(['sample.example.com']);
    expect(ingress.urls).toEqual(['https://sample.example.com/path1', 'https://sample.example.com/path2']);
    expect(findAll(manifests, 'Ingress')).toMatchSnapshot();
  });

  test('routes to every kind of backend, by port name and by port number, in the order written', () => {
    // GIVEN
    const chart = newChart({ namespace: 'shop' });
    const web = webApp(chart, 'web');
    const db = new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', container: { image: 'db', ports: [{ number: 5432, name: 'pg' }] } });
    const legacy = new ManualEndpointService(chart, 'Legacy', { serviceName: 'legacy', ports: [{ port: 80 }], members: [{ address: '192.0.2.10' }] });
    const alias = new ExternalAlias(chart, 'Payments', {
      serviceName: 'payments', target: AliasTarget.fromDnsName('payments.example.net'), ports: [{ name: 'https', port: 443 }],
    });

    // WHEN
    const ingress = new TlsIngress(chart, 'Shop', {
      ingressName: 'shop',
      rules: [{
        host: 'shop.example.com',
        paths: [
          { path: '/', backend: ServiceBackend.fromServicePattern(web, { portName: 'http' }) },
          { path: '/admin', pathType: PathType.EXACT, backend: ServiceBackend.fromServicePattern(web, { portNumber: 9000 }) },
          { path: '/legacy', backend: ServiceBackend.fromServicePattern(legacy) },
          { path: '/pay', backend: ServiceBackend.fromServicePattern(alias) },
          { path: '/db', backend: ServiceBackend.fromServicePattern(db) },
          { path: '/outside', backend: ServiceBackend.fromServiceName('made-elsewhere', { portName: 'http' }) },
        ],
      }],
      tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    });
    const manifests = synthValidated(chart);

    // THEN
    const obj = findOne(manifests, 'Ingress');
    expect(obj.metadata.namespace).toEqual('shop');
    expect(obj.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType, p.backend.service])).toEqual([
      ['/', 'Prefix', { name: 'web', port: { name: 'http' } }],
      ['/admin', 'Exact', { name: 'web', port: { number: 9000 } }],
      ['/legacy', 'Prefix', { name: 'legacy', port: { number: 80 } }],
      ['/pay', 'Prefix', { name: 'payments', port: { number: 443 } }],
      ['/db', 'Prefix', { name: 'db', port: { number: 5432 } }],
      ['/outside', 'Prefix', { name: 'made-elsewhere', port: { name: 'http' } }],
    ]);
    expect(ingress.urls[0]).toEqual('https://shop.example.com/');
    expect(findAll(manifests, 'Ingress')).toMatchSnapshot();
  });

  test('a single host with one path', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const ingress = new TlsIngress(chart, 'Single', {
      ingressName: 'single',
      ingressClassName: 'nginx',
      rules: [{ host: 'www.example.com', paths: [{ backend: ServiceBackend.fromServiceName('www', { portName: 'http' }) }] }],
      tls: [{ hosts: ['www.example.com'], source: TlsSource.fromExistingSecret('www-tls') }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Ingress').spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['www.example.com'], secretName: 'www-tls' }],
      rules: [{ host: 'www.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'www', port: { name: 'http' } } } }] } }],
    });
    expect(ingress.urls).toEqual(['https://www.example.com/']);
    expect(manifests).toMatchSnapshot();
  });

  test('TLS from cert-manager: the issuer annotation and the Secret name cert-manager fills', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new TlsIngress(chart, 'Cm', {
      ingressName: 'cm',
      ingressClassName: 'nginx',
      rules: [
        { host: 'a.example.com', paths: [{ backend: ServiceBackend.fromServiceName('a', { portNumber: 80 }) }] },
        { host: 'b.example.com', paths: [{ backend: ServiceBackend.fromServiceName('b', { portNumber: 80 }) }] },
      ],
      tls: [
        { hosts: ['a.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt-prod' }) },
        { hosts: ['b.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt-prod', secretName: 'b-cert' }) },
      ],
    });
    const manifests = synthValidated(chart);

    // THEN
    const obj = findOne(manifests, 'Ingress');
    expect(obj.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(obj.spec.tls).toEqual([
      { hosts: ['a.example.com'], secretName: 'cm-tls' },
      { hosts: ['b.example.com'], secretName: 'b-cert' },
    ]);
    expect(findAll(manifests, 'Secret')).toEqual([]);
    expect(manifests).toMatchSnapshot();
  });

  test('TLS from cert-manager with a namespaced Issuer', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new TlsIngress(chart, 'Cm', {
      ingressName: 'cm',
      rules: [{ host: 'a.example.com', paths: [{ backend }] }],
      tls: [{ hosts: ['a.example.com'], source: TlsSource.fromCertManager({ issuer: 'local-ca' }) }],
    });

    // THEN
    expect(findOne(synthValidated(chart), 'Ingress').metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'local-ca' });
  });

  test('TLS from PEM text: a kubernetes.io/tls Secret, checked, with a warning about the key in Git', () => {
    // GIVEN
    const cert = makeCertificate(['shop.example.com', '*.shop.example.com']);
    const chart = newChart();

    // WHEN
    const ingress = new TlsIngress(chart, 'Pem', {
      ingressName: 'pem',
      rules: [
        { host: 'shop.example.com', paths: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] },
        { host: 'api.shop.example.com', paths: [{ backend: ServiceBackend.fromServiceName('api', { portNumber: 80 }) }] },
      ],
      tls: [{ hosts: ['shop.example.com', 'api.shop.example.com'], source: TlsSource.fromPem({ ...cert }) }],
    });
    const manifests = synthQuietly(chart);

    // THEN
    const secret = findOne(manifests, 'Secret', 'pem-tls');
    expect(secret.type).toEqual('kubernetes.io/tls');
    expect(Object.keys(secret.data).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    expect(Buffer.from(secret.data['tls.crt'], 'base64').toString()).toEqual(cert.certificate);
    expect(Buffer.from(secret.data['tls.key'], 'base64').toString()).toEqual(cert.privateKey);
    expect(Buffer.from(secret.data['ca.crt'], 'base64').toString()).toEqual(cert.caCertificate);
    expect(findOne(manifests, 'Ingress').spec.tls).toEqual([{ hosts: ['shop.example.com', 'api.shop.example.com'], secretName: 'pem-tls' }]);
    expect(manifests.map((m) => m.kind)).toEqual(['Secret', 'Ingress']);
    expect(ingress.secrets.map((s) => s.name)).toEqual(['pem-tls']);
    expect(stableSecrets(manifests)).toMatchSnapshot();
    expect(warningsOf(ingress)).toEqual([
      'tls[0].source: the private key is written into Secret "pem-tls" of the synthesized YAML, and so into Git. Fix: use TlsSource.fromExistingSecret (sealed-secrets, external-secrets) or TlsSource.fromCertManager; or set acknowledgeKeyInManifest: true (SP_TLS_INLINE_KEY)',
    ]);
  });

  test('TLS from PEM files; the key warning can be acknowledged', () => {
    // GIVEN
    const cert = makeCertificate(['files.example.com']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-'));
    fs.writeFileSync(path.join(dir, 'tls.crt'), cert.certificate);
    fs.writeFileSync(path.join(dir, 'tls.key'), cert.privateKey);
    const chart = newChart();

    // WHEN
    const ingress = new TlsIngress(chart, 'Files', {
      ingressName: 'files',
      rules: [{ host: 'files.example.com', paths: [{ backend }] }],
      tls: [{
        hosts: ['files.example.com'],
        source: TlsSource.fromPemFiles(path.join(dir, 'tls.crt'), path.join(dir, 'tls.key'), { secretName: 'files-cert', acknowledgeKeyInManifest: true }),
      }],
    });
    const secret = findOne(synthValidated(chart), 'Secret', 'files-cert');

    // THEN
    expect(Object.keys(secret.data).sort()).toEqual(['tls.crt', 'tls.key']);
    expect(Buffer.from(secret.data['tls.crt'], 'base64').toString()).toEqual(cert.certificate);
    expect(warningsOf(ingress)).toEqual([]);
  });

  test('PEM files are read when the source is made', () => {
    // GIVEN
    const cert = makeCertificate(['files.example.com']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-'));
    fs.writeFileSync(path.join(dir, 'tls.crt'), cert.certificate);
    fs.writeFileSync(path.join(dir, 'tls.key'), cert.privateKey);
    const source = TlsSource.fromPemFiles(path.join(dir, 'tls.crt'), path.join(dir, 'tls.key'), { acknowledgeKeyInManifest: true });
    const chart = newChart();
    new TlsIngress(chart, 'Files', {
      ingressName: 'files',
      rules: [{ host: 'files.example.com', paths: [{ backend }] }],
      tls: [{ hosts: ['files.example.com'], source }],
    });

    // WHEN
    fs.rmSync(dir, { recursive: true });
    const secret = findOne(synthValidated(chart), 'Secret', 'files-tls');

    // THEN
    expect(Buffer.from(secret.data['tls.key'], 'base64').toString()).toEqual(cert.privateKey);
  });

  test('labels go on the Ingress and its Secrets; annotations on the Ingress only', () => {
    // GIVEN
    const cert = makeCertificate(['shop.example.com']);
    const chart = newChart({ namespace: 'shop' });

    // WHEN
    new TlsIngress(chart, 'Labelled', {
      ingressName: 'labelled',
      labels: { team: 'shop' },
      annotations: { 'example.com/owner': 'shop' },
      rules: [{ host: 'shop.example.com', paths: [{ backend }] }],
      tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem({ ...cert, acknowledgeKeyInManifest: true }) }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Ingress').metadata).toEqual({
      name: 'labelled', namespace: 'shop', labels: { team: 'shop' }, annotations: { 'example.com/owner': 'shop' },
    });
    expect(findOne(manifests, 'Secret').metadata).toEqual({ name: 'labelled-tls', namespace: 'shop', labels: { team: 'shop' } });
  });

  test('ingress-nginx presets: redirect on with TLS, force redirect, rewrite with regex', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new TlsIngress(chart, 'Rewrite', {
      ingressName: 'rewrite',
      ingressClassName: 'nginx',
      nginx: { forceSslRedirect: true, rewriteTarget: '/$2' },
      rules: [{
        host: 'rewrite.example.com',
        paths: [{ path: '/api(/|$)(.*)', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend: ServiceBackend.fromServiceName('api', { portNumber: 80 }) }],
      }],
      tls: [{ hosts: ['rewrite.example.com'], source: TlsSource.fromExistingSecret('rewrite-tls') }],
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
    });
    new TlsIngress(chart, 'NoRedirect', {
      ingressName: 'no-redirect',
      nginx: { sslRedirect: false },
      rules: [{ host: 'plain.example.com', paths: [{ backend }] }],
      plainHttpHosts: ['plain.example.com'],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Ingress', 'rewrite').metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    });
    expect(findOne(manifests, 'Ingress', 'no-redirect').metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' });
    expect(manifests).toMatchSnapshot();
  });

  test('annotations of the user override the presets and cert-manager', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new TlsIngress(chart, 'Override', {
      ingressName: 'override',
      nginx: { forceSslRedirect: true },
      rules: [{ host: 'a.example.com', paths: [{ backend }] }],
      tls: [{ hosts: ['a.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) }],
      annotations: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'false', 'cert-manager.io/cluster-issuer': 'staging' },
    });

    // THEN
    expect(findOne(synthValidated(chart), 'Ingress').metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'staging',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'false',
    });
  });

  test('plain HTTP hosts are an explicit opt-out; URLs say which scheme', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const ingress = new TlsIngress(chart, 'Mixed', {
      ingressName: 'mixed',
      rules: [
        { host: 'secure.example.com', paths: [{ path: '/', backend }] },
        { host: 'legacy.example.com', paths: [{ path: '/old', backend }] },
      ],
      tls: [{ hosts: ['secure.example.com'], source: TlsSource.fromExistingSecret('secure-tls') }],
      plainHttpHosts: ['legacy.example.com'],
    });
    synthValidated(chart);

    // THEN
    expect(ingress.urls).toEqual(['https://secure.example.com/', 'http://legacy.example.com/old']);
  });

  test('an Ingress can route to an alias of a Service in another namespace', () => {
    // GIVEN
    const chart = newChart({ namespace: 'web' });
    const alias = new ExternalAlias(chart, 'Db', { serviceName: 'db-admin', target: AliasTarget.fromServiceName('db-admin', 'data'), ports: [{ name: 'http', port: 8080 }] });

    // WHEN
    new TlsIngress(chart, 'Admin', {
      ingressName: 'admin',
      rules: [{ host: 'admin.example.com', paths: [{ backend: ServiceBackend.fromServicePattern(alias) }] }],
      tls: [{ hosts: ['admin.example.com'], source: TlsSource.fromExistingSecret('admin-tls') }],
    });

    // THEN
    expect(findOne(synthValidated(chart), 'Ingress').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'db-admin', port: { number: 8080 } } });
  });

  describe('the model', () => {
    /** Props with every kind of value: arrays, maps, nested objects, options objects of backends and sources. */
    function mutableProps(): { props: TlsIngressProps; portOptions: BackendPortOptions; pem: PemTlsOptions } {
      const cert = makeCertificate(['shop.example.com']);
      const portOptions: BackendPortOptions = { portNumber: 80 };
      const pem = { certificate: cert.certificate, privateKey: cert.privateKey };
      const props: TlsIngressProps = {
        ingressName: 'shop',
        ingressClassName: 'nginx',
        labels: { team: 'shop' },
        annotations: { 'example.com/owner': 'shop' },
        nginx: { rewriteTarget: '/' },
        rules: [
          { host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServiceName('web', portOptions) }] },
          { host: 'plain.example.com', paths: [{ path: '/', backend }] },
        ],
        defaultBackend: backend,
        tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem(pem) }],
        plainHttpHosts: ['plain.example.com'],
      };
      return { props, portOptions, pem };
    }

    /** Changes every kind of value of `mutableProps()` after construction. */
    function mutate({ props, portOptions, pem }: ReturnType<typeof mutableProps>): void {
      const m = props as any;
      m.ingressName = 'other';
      m.ingressClassName = 'Bad Class';
      m.labels.team = 'other';
      m.labels.extra = 'x';
      delete m.annotations['example.com/owner'];
      m.annotations['kubernetes.io/ingress.class'] = 'nginx';
      m.nginx.rewriteTarget = '/$1';
      m.nginx.useRegex = false;
      m.rules[0].host = 'Bad Host';
      m.rules[0].paths[0].path = 'relative';
      m.rules[0].paths.push({ path: '/more', backend });
      m.rules.push({ host: 'new.example.com', paths: [] });
      m.defaultBackend = undefined;
      m.tls[0].hosts.push('new.example.com');
      m.tls[0].source = TlsSource.fromExistingSecret('other');
      m.tls.push({ hosts: [], source: TlsSource.fromCertManager({}) });
      m.plainHttpHosts.length = 0;
      (portOptions as any).portNumber = 0;
      (pem as any).certificate = 'garbage';
      (pem as any).privateKey = 'garbage';
    }

    test('changing the props after construction changes neither the output nor the findings', () => {
      // GIVEN
      const given = mutableProps();
      const untouched = mutableProps();
      const chart = newChart({}, 'a');
      const expectedChart = newChart({}, 'a');
      const ingress = new TlsIngress(chart, 'Shop', given.props);
      const expected = new TlsIngress(expectedChart, 'Shop', untouched.props);
      const expectedManifests = stableSecrets(synthQuietly(expectedChart));
      const expectedWarnings = warningsOf(expected);

      // WHEN
      mutate(given);
      const manifests = stableSecrets(synthQuietly(chart));

      // THEN
      expect(manifests).toEqual(expectedManifests);
      expect(warningsOf(ingress)).toEqual(expectedWarnings);
      expect(expectedWarnings.map((w) => w.match(/\((SP_[A-Z_]+)\)$/)?.[1])).toEqual(['SP_TLS_INLINE_KEY']);
      expect(ingress.hosts).toEqual(['shop.example.com', 'plain.example.com']);
      expect(ingress.urls).toEqual(['https://shop.example.com/', 'http://plain.example.com/']);
    });

    test('changing the props after construction does not fix the errors found', () => {
      // GIVEN
      const rules: TlsIngressRule[] = [{ host: 'Bad Host', paths: [{ path: 'relative', backend }] }];
      const tls: TlsEntry[] = [{ hosts: ['other.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }];
      const props = { ingressName: 'shop', rules, tls, plainHttpHosts: [] as string[], annotations: { 'kubernetes.io/ingress.class': 'nginx' } };
      const chart = newChart();
      new TlsIngress(chart, 'Shop', props);
      const before = synthErrors(chart);

      // WHEN
      (rules[0] as any).host = 'shop.example.com';
      (rules[0].paths[0] as any).path = '/';
      tls[0].hosts[0] = 'shop.example.com';
      props.plainHttpHosts.push('Bad Host');
      delete (props.annotations as any)['kubernetes.io/ingress.class'];

      // THEN
      expect(synthErrors(chart)).toEqual(before);
      expect(before.map((e) => e.match(/\((SP_[A-Z_]+)\)$/)?.[1])).toEqual([
        'SP_INGRESS_CLASS_ANNOTATION', 'SP_INGRESS_HOST', 'SP_INGRESS_PATH', 'SP_TLS_HOST_UNUSED',
      ]);
    });
  });

  describe('rejects', () => {
    test('an Ingress name that is not a DNS-1123 subdomain', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Named', { ingressName: 'Shop_Ingress', rules: [{ host: 'a.example.com', paths: [{ backend }] }], plainHttpHosts: ['a.example.com'] });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Named] ingressName "Shop_Ingress": must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and \'-\'. Fix: use a lowercase name such as "web" (SP_INGRESS_NAME)',
      ]);
    });

    test('bad hosts: IPs, misplaced wildcards, uppercase; TLS hosts that are not rule hosts; uncovered hosts', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Hosts', {
        ingressName: 'hosts',
        rules: [
          { host: '203.0.113.10', paths: [{ backend }] },
          { host: 'a.*.example.com', paths: [{ backend }] },
          { host: 'Shop.example.com', paths: [{ backend }] },
          { host: '*.example.com', paths: [{ backend }] },
          { host: 'plain.example.org', paths: [{ backend }] },
        ],
        tls: [{ hosts: ['*.example.com', 'other.example.net'], source: TlsSource.fromExistingSecret('wild') }],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Hosts] rules[0].host "203.0.113.10": must be a DNS name, not an IP address. Fix: use a DNS name such as "shop.example.com" or "*.example.com" (SP_INGRESS_HOST)',
        '[test/Hosts] rules[1].host "a.*.example.com": may contain a wildcard only as its first label (\'*.example.com\'). Fix: use a DNS name such as "shop.example.com" or "*.example.com" (SP_INGRESS_HOST)',
        '[test/Hosts] rules[2].host "Shop.example.com": must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and \'-\'. Fix: use a DNS name such as "shop.example.com" or "*.example.com" (SP_INGRESS_HOST)',
        '[test/Hosts] tls[0].hosts[1] "other.example.net": matches no rule host (rules: 203.0.113.10, a.*.example.com, Shop.example.com, *.example.com, plain.example.org). Fix: add a rule for the host, or remove it from the TLS entry (SP_TLS_HOST_UNUSED)',
        '[test/Hosts] tls "plain.example.org": is a rule host without TLS, and a TlsIngress serves every host over HTTPS by default. Fix: add the host to a TLS entry, or list it in plainHttpHosts to keep it plain HTTP (SP_TLS_HOST_UNCOVERED)',
      ]);
    });

    test('invalid paths and the same host + path + pathType twice', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Paths', {
        ingressName: 'paths',
        rules: [{
          host: 'p.example.com',
          paths: [
            { path: 'api', backend },
            { path: '/a//b', backend },
            { path: '/a/./b', backend },
            { path: '/a/../b', backend },
            { path: '/a%2Fb', backend },
            { path: '/a/..', pathType: PathType.EXACT, backend },
            { path: '/a/.', backend },
            { path: 'regex', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend },
            { path: '/ok', backend },
            { path: '/ok', backend },
            { path: '/ok', pathType: PathType.EXACT, backend },
          ],
        }],
        plainHttpHosts: ['p.example.com'],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Paths] rules[0].paths[0].path "api": must be an absolute path (start with \'/\'). Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[1].path "/a//b": must not contain \'//\' in a Prefix path. Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[2].path "/a/./b": must not contain \'/./\' in a Prefix path. Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[3].path "/a/../b": must not contain \'/../\' in a Prefix path. Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[4].path "/a%2Fb": must not contain \'%2F\' in a Prefix path. Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[5].path "/a/..": must not end with \'/..\' in a Exact path. Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[6].path "/a/.": must not end with \'/.\' in a Prefix path. Fix: use a normalised absolute path such as "/api" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[7].path "regex": must be empty or start with \'/\'. Fix: start the path with "/" (SP_INGRESS_PATH)',
        '[test/Paths] rules[0].paths[9].path "/ok": host "p.example.com" already routes this Prefix path at rules[0].paths[8]. Fix: route each host + path + pathType once (SP_INGRESS_ROUTE_DUPLICATE)',
      ]);
    });

    test('backends in another namespace, missing ports, multi-port backends without a chosen port', () => {
      // GIVEN
      const app = newChart({ namespace: 'web' });
      const other = new Chart(app.node.scope as any, 'other', { namespace: 'data' });
      const remote = new ManualEndpointService(other, 'Remote', { serviceName: 'remote', ports: [{ port: 80 }], members: [{ address: '192.0.2.10' }] });
      const web = webApp(app, 'web');

      // WHEN
      new TlsIngress(app, 'Bad', {
        ingressName: 'bad',
        rules: [{
          host: 'bad.example.com',
          paths: [
            { path: '/remote', backend: ServiceBackend.fromServicePattern(remote) },
            { path: '/web', backend: ServiceBackend.fromServicePattern(web) },
            { path: '/grpc', backend: ServiceBackend.fromServicePattern(web, { portName: 'grpc' }) },
            { path: '/name', backend: ServiceBackend.fromServiceName('elsewhere', {}) },
          ],
        }],
        plainHttpHosts: ['bad.example.com'],
      });

      // THEN
      expect(synthErrors(app)).toEqual([
        '[test/Bad] rules[0].paths[0].backend "other/Remote (Service \\"remote\\")": is in namespace "data", and an Ingress in "web" can only route to Services of its own namespace. Fix: create the Ingress in the Service\'s namespace, or alias the Service into this one with ExternalAlias (SP_BACKEND_NAMESPACE)',
        '[test/Bad] rules[0].paths[1].backend.port "test/web (Service \\"web\\")": the Service has 2 ports: http (80), admin (9000). Fix: choose one with { portName } or { portNumber } (SP_BACKEND_PORT_AMBIGUOUS)',
        '[test/Bad] rules[0].paths[2].backend.port "grpc": test/web (Service "web") has no such port (ports: http (80), admin (9000)). Fix: route to a port the Service has (SP_BACKEND_PORT_UNKNOWN)',
        '[test/Bad] rules[0].paths[3].backend.port "elsewhere": a Service referenced by name needs a port. Fix: pass { portNumber } or { portName } (SP_BACKEND_PORT_REQUIRED)',
      ]);
    });

    test('a backend port given both by number and by name, or out of range', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Ports', {
        ingressName: 'ports',
        rules: [{
          host: 'a.example.com',
          paths: [
            { path: '/both', backend: ServiceBackend.fromServiceName('web', { portNumber: 80, portName: 'http' }) },
            { path: '/range', backend: ServiceBackend.fromServiceName('web', { portNumber: 70000 }) },
          ],
        }],
        plainHttpHosts: ['a.example.com'],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Ports] rules[0].paths[0].backend.port: both portNumber and portName were given. Fix: give one of them (SP_BACKEND_PORT)',
        '[test/Ports] rules[0].paths[1].backend.portNumber 70000: must be an integer between 1 and 65535. Fix: use the Service port number (SP_BACKEND_PORT)',
      ]);
    });

    test('an Ingress with neither rules nor a default backend', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Empty', { ingressName: 'empty' });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Empty] rules: an Ingress needs rules or a defaultBackend. Fix: add a rule or a defaultBackend (SP_INGRESS_EMPTY)',
      ]);
    });

    test('the deprecated ingress class annotation', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Old', { ingressName: 'old', defaultBackend: backend, annotations: { 'kubernetes.io/ingress.class': 'nginx' } });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Old] annotations["kubernetes.io/ingress.class"] "nginx": is deprecated and conflicts with spec.ingressClassName. Fix: use ingressClassName instead (SP_INGRESS_CLASS_ANNOTATION)',
      ]);
    });

    test('a bad annotation of the user is reported once, also next to presets', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Annotated', {
        ingressName: 'annotated',
        nginx: { forceSslRedirect: true },
        defaultBackend: backend,
        annotations: { 'bad key!': 'x' },
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Annotated] annotations key "bad key!": must be a qualified name: an optional DNS-1123 subdomain prefix and \'/\', then at most 63 characters of letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit. Fix: use a key such as "example.com/owner" (SP_ANNOTATION_KEY)',
      ]);
    });

    test('regex paths with Prefix pathType when use-regex is on', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Regex', {
        ingressName: 'regex',
        nginx: { rewriteTarget: '/$1' },
        rules: [{ host: 'a.example.com', paths: [{ path: '/api/(.*)', backend }] }],
        plainHttpHosts: ['a.example.com'],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Regex] rules[0].paths[0].pathType "Prefix": path "/api/(.*)" has characters ingress-nginx refuses in Prefix paths (only letters, digits, \'.\', \'_\', \'-\' and \'/\'); use-regex is on. Fix: use pathType: PathType.IMPLEMENTATION_SPECIFIC for regular expressions and special characters (SP_INGRESS_NGINX_PATH)',
      ]);
    });

    test('two cert-manager issuers in one Ingress', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Issuers', {
        ingressName: 'issuers',
        rules: [{ host: 'a.example.com', paths: [{ backend }] }, { host: 'b.example.com', paths: [{ backend }] }],
        tls: [
          { hosts: ['a.example.com'], source: TlsSource.fromCertManager({ issuer: 'local-ca' }) },
          { hosts: ['b.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Issuers] tls "Issuer local-ca, ClusterIssuer letsencrypt": cert-manager reads one issuer annotation per Ingress. Fix: use one issuer for every cert-manager entry, or split the Ingress (SP_CERT_MANAGER_ISSUERS)',
      ]);
    });

    test('a cert-manager source with no issuer, or with both kinds', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Issuer', {
        ingressName: 'issuer',
        rules: [{ host: 'a.example.com', paths: [{ backend }] }, { host: 'b.example.com', paths: [{ backend }] }],
        tls: [
          { hosts: ['a.example.com'], source: TlsSource.fromCertManager({}) },
          { hosts: ['b.example.com'], source: TlsSource.fromCertManager({ issuer: 'ca', clusterIssuer: 'ca' }) },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Issuer] tls[0].source: give exactly one of issuer and clusterIssuer. Fix: e.g. TlsSource.fromCertManager({ clusterIssuer: "letsencrypt" }) (SP_CERT_MANAGER_ISSUER)',
        '[test/Issuer] tls[1].source: give exactly one of issuer and clusterIssuer. Fix: e.g. TlsSource.fromCertManager({ clusterIssuer: "letsencrypt" }) (SP_CERT_MANAGER_ISSUER)',
      ]);
    });

    test('cert-manager mixed with other sources in one Ingress', () => {
      // GIVEN
      const cert = makeCertificate(['a.example.com']);
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Mixed', {
        ingressName: 'mixed',
        rules: [{ host: 'a.example.com', paths: [{ backend }] }, { host: 'b.example.com', paths: [{ backend }] }],
        tls: [
          { hosts: ['a.example.com'], source: TlsSource.fromPem({ ...cert, acknowledgeKeyInManifest: true }) },
          { hosts: ['b.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Mixed] tls "pem, cert-manager": cert-manager issues a certificate for every TLS entry of an Ingress with its issuer annotation, and would overwrite the other entries\' Secrets. Fix: put the cert-manager hosts and the other hosts in separate TlsIngresses (SP_CERT_MANAGER_MIXED)',
      ]);
    });

    test('two TLS entries naming one Secret', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new TlsIngress(chart, 'Same', {
        ingressName: 'same',
        rules: [{ host: 'c.example.com', paths: [{ backend }] }, { host: 'd.example.com', paths: [{ backend }] }],
        tls: [
          { hosts: ['c.example.com'], source: TlsSource.fromExistingSecret('shared') },
          { hosts: ['d.example.com'], source: TlsSource.fromExistingSecret('shared') },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Same] tls[1].secretName "shared": is also the Secret of tls[0]; one Secret holds one certificate. Fix: give each TLS entry its own Secret (or list all its hosts in one entry) (SP_TLS_SECRET_DUPLICATE)',
      ]);
    });

    test('a TLS Secret of another namespace: an Ingress reads its own namespace only (its own namespace, named, is fine)', () => {
      // GIVEN
      const chart = newChart({ namespace: 'shop' });

      // WHEN
      new TlsIngress(chart, 'Elsewhere', {
        ingressName: 'elsewhere',
        rules: [{ host: 'c.example.com', paths: [{ backend }] }, { host: 'd.example.com', paths: [{ backend }] }],
        tls: [
          { hosts: ['c.example.com'], source: TlsSource.fromExistingSecret('c-tls', { namespace: 'certs' }) },
          { hosts: ['d.example.com'], source: TlsSource.fromExistingSecret('d-tls', { namespace: 'shop' }) },
        ],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        expect.stringContaining('[test/Elsewhere] tls[0].source.namespace "certs": an Ingress reads its TLS Secrets from its own namespace ("shop") only. Fix: copy the Secret'),
      ]);
      expect(synthErrors(chart)[0]).toMatch(/\(SP_TLS_SECRET_NAMESPACE\)$/);
    });

    test('backend names the API server refuses; IP hosts with leading zeros; over-long wildcard hosts; nginx path characters', () => {
      // GIVEN
      const chart = newChart();
      const long = `*.${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(61)}.example`; // 254 characters

      // WHEN
      new TlsIngress(chart, 'Names', {
        ingressName: 'names',
        ingressClassName: 'nginx',
        rules: [
          { host: '010.1.1.1', paths: [{ backend: ServiceBackend.fromServiceName('1web', { portName: 'metrics-endpoint-x' }) }] },
          { host: long, paths: [{ path: '/~user', backend }] },
        ],
        plainHttpHosts: ['010.1.1.1', long],
      });

      // THEN
      expect(synthErrors(chart).map((e) => e.match(/\((SP_[A-Z_]+)\)$/)?.[1])).toEqual([
        'SP_INGRESS_HOST', 'SP_BACKEND_SERVICE', 'SP_BACKEND_PORT', 'SP_INGRESS_HOST', 'SP_INGRESS_NGINX_PATH',
      ]);
    });

    describe('PEM material', () => {
      const rules = [{ host: 'shop.example.com', paths: [{ backend }] }];

      test('a certificate that does not cover its hosts (wildcards match one label only)', () => {
        // GIVEN
        const cert = makeCertificate(['*.example.com']);
        const chart = newChart();

        // WHEN
        new TlsIngress(chart, 'Cover', {
          ingressName: 'cover',
          rules: [{ host: 'shop.example.com', paths: [{ backend }] }, { host: 'a.b.example.com', paths: [{ backend }] }],
          tls: [{ hosts: ['shop.example.com', 'a.b.example.com'], source: TlsSource.fromPem({ ...cert, acknowledgeKeyInManifest: true }) }],
        });

        // THEN
        expect(synthErrors(chart)).toEqual([
          '[test/Cover] tls[0].source.hosts "a.b.example.com": is not covered by the certificate\'s DNS names (*.example.com); clients would reject the connection. Fix: issue a certificate whose subjectAltName covers the host, or move the host to another TLS entry (SP_TLS_HOST_NOT_COVERED)',
        ]);
      });

      test('a key that does not match, an expired certificate, garbage PEM; never the key text', () => {
        // GIVEN
        const cert = makeCertificate(['shop.example.com'], { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
        const other = makeCertificate(['shop.example.com']);
        const garbageKey = '-----BEGIN PRIVATE KEY-----\nTUlJRXZ3SUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2t3Z2dTbEFnRUFBb0lC\n-----END PRIVATE KEY-----\n';
        const chart = newChart();
        const chart2 = newChart();

        // WHEN
        new TlsIngress(chart, 'Mismatch', {
          ingressName: 'mismatch',
          rules,
          tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem({ certificate: cert.certificate, privateKey: other.privateKey, acknowledgeKeyInManifest: true }) }],
        });
        new TlsIngress(chart2, 'Garbage', {
          ingressName: 'garbage',
          rules,
          tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem({ certificate: 'not a certificate', privateKey: garbageKey, acknowledgeKeyInManifest: true }) }],
        });
        const errors = [...synthErrors(chart), ...synthErrors(chart2)];

        // THEN
        expect(errors).toEqual([
          '[test/Mismatch] tls[0].source.privateKey: does not belong to the certificate (subject "CN=shop.example.com"). Fix: give the private key the certificate was issued for (SP_TLS_KEY_MISMATCH)',
          '[test/Mismatch] tls[0].source.certificate "CN=shop.example.com": expired on 2021-01-01T00:00:00.000Z. Fix: renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager) (SP_TLS_EXPIRED)',
          '[test/Garbage] tls[0].source.certificate: does not parse as a PEM X.509 certificate. Fix: give the PEM text that starts with -----BEGIN CERTIFICATE----- (SP_TLS_CERTIFICATE)',
          '[test/Garbage] tls[0].source.privateKey: does not parse as a PEM private key. Fix: give the unencrypted PEM private key (PKCS#8, or the RSA or EC form of OpenSSL) (SP_TLS_PRIVATE_KEY)',
        ]);
        const keyBodies = [other.privateKey, garbageKey].flatMap((k) => k.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
        for (const line of keyBodies) {
          expect(errors.join('\n')).not.toContain(line);
        }
      });

      test('PEM text passed as a file path is never repeated', () => {
        // GIVEN
        const cert = makeCertificate(['shop.example.com']);
        const chart = newChart();

        // WHEN
        new TlsIngress(chart, 'Swapped', {
          ingressName: 'swapped',
          rules,
          tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPemFiles(cert.certificate, cert.privateKey) }],
        });
        const errors = synthErrors(chart);

        // THEN
        expect(errors).toEqual([
          '[test/Swapped] tls[0].source.certificatePath: is PEM text or key material, not a file path. Fix: pass the PEM text with TlsSource.fromPem({ certificate, privateKey }), or give the paths of the files (SP_TLS_FILE)',
          '[test/Swapped] tls[0].source.privateKeyPath: is PEM text or key material, not a file path. Fix: pass the PEM text with TlsSource.fromPem({ certificate, privateKey }), or give the paths of the files (SP_TLS_FILE)',
        ]);
        expect(errors.join('\n')).not.toContain('PRIVATE KEY');
      });

      test('unreadable PEM files name the path', () => {
        // GIVEN
        const chart = newChart();

        // WHEN
        new TlsIngress(chart, 'Missing', {
          ingressName: 'missing',
          rules,
          tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPemFiles('/nonexistent/tls.crt', '/nonexistent/tls.key') }],
        });

        // THEN
        expect(synthErrors(chart)).toEqual([
          '[test/Missing] tls[0].source.certificatePath "/nonexistent/tls.crt": cannot be read. Fix: check the path (relative paths are resolved from the working directory) (SP_TLS_FILE)',
          '[test/Missing] tls[0].source.privateKeyPath "/nonexistent/tls.key": cannot be read. Fix: check the path (relative paths are resolved from the working directory) (SP_TLS_FILE)',
        ]);
      });

      test('self-signed and soon-expiring certificates are warnings; default Secret names never collide', () => {
        // GIVEN
        const selfSigned = makeCertificate(['shop.example.com'], { selfSigned: true });
        const soon = makeCertificate(['soon.example.com'], { validDays: 10 });
        const chart = newChart();

        // WHEN
        const ingress = new TlsIngress(chart, 'Warn', {
          ingressName: 'warn',
          rules: [...rules, { host: 'soon.example.com', paths: [{ backend }] }],
          tls: [
            { hosts: ['shop.example.com'], source: TlsSource.fromPem({ ...selfSigned, acknowledgeKeyInManifest: true }) },
            { hosts: ['soon.example.com'], source: TlsSource.fromPem({ ...soon, acknowledgeKeyInManifest: true }) },
          ],
        });
        const manifests = synthQuietly(chart);

        // THEN
        expect(findAll(manifests, 'Secret').map((s) => s.metadata.name)).toEqual(['warn-tls', 'warn-tls-2']);
        expect(findOne(manifests, 'Ingress').spec.tls.map((t: any) => t.secretName)).toEqual(['warn-tls', 'warn-tls-2']);
        expect(ingress.secrets).toHaveLength(2);
        const warnings = warningsOf(ingress);
        expect(warnings).toHaveLength(2);
        expect(warnings[0]).toEqual('tls[0].source.certificate "CN=shop.example.com": is self-signed; browsers and most clients reject it. Fix: use a certificate from a CA the clients trust, e.g. via cert-manager (SP_TLS_SELF_SIGNED)');
        expect(warnings[1]).toMatch(/^tls\[1\]\.source\.certificate "CN=soon\.example\.com": expires on .*, in less than 30 days\. Fix: renew the certificate \(SP_TLS_EXPIRES_SOON\)$/);
      });
    });
  });
});

test('default Secret names are numbered across sources, skipping entries that name their Secret', () => {
  // GIVEN
  const chart = newChart();

  // WHEN
  new TlsIngress(chart, 'Numbered', {
    ingressName: 'numbered',
    rules: ['a', 'b', 'c'].map((h) => ({ host: `${h}.example.com`, paths: [{ backend }] })),
    tls: [
      { hosts: ['a.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) },
      { hosts: ['b.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt', secretName: 'b-cert' }) },
      { hosts: ['c.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) },
    ],
  });

  // THEN
  expect(findOne(synthValidated(chart), 'Ingress').spec.tls.map((t: any) => t.secretName)).toEqual(['numbered-tls', 'b-cert', 'numbered-tls-2']);
});

test('a TLS host that matches no rule names at most five rule hosts, however many rules there are', () => {
  // GIVEN seven rule hosts, and a TLS host that none of them is
  const chart = newChart();
  const hosts = Array.from({ length: 7 }, (_, i) => `h${i}.example.com`);
  new TlsIngress(chart, 'Many', {
    ingressName: 'many',
    rules: hosts.map((host) => ({ host, paths: [{ backend }] })),
    tls: [{ hosts: [...hosts, 'other.example.net'], source: TlsSource.fromExistingSecret('many-tls') }],
  });

  // THEN
  expect(synthErrors(chart)).toEqual([
    '[test/Many] tls[0].hosts[7] "other.example.net": matches no rule host (rules: h0.example.com, h1.example.com, h2.example.com, h3.example.com, h4.example.com, ... (7 in all)). Fix: add a rule for the host, or remove it from the TLS entry (SP_TLS_HOST_UNUSED)',
  ]);
});
