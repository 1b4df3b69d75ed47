/**
 * TlsIngress emitted as Gateway API routes (`gatewayApi`): each gap of the mapping handled on purpose.
 */
import { Chart } from 'cdk8s';
import {
  Gateway, GatewayListener, IngressGatewayApiOptions, ListenerProtocol, PathType, RouteNamespaces, RouteParent, ServiceBackend, TlsIngress,
  TlsIngressProps, TlsSource,
} from '../src';
import { findAll, findOne, newChart, synthErrors, synthValidated } from './support/synth';

const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
const HTTPS: GatewayListener = { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: TlsSource.fromExistingSecret('wild') };

function gateway(chart: Chart, listeners: GatewayListener[] = [{ name: 'http', protocol: ListenerProtocol.HTTP }, HTTPS]): Gateway {
  return new Gateway(chart, 'gw', { gatewayName: 'shared', gatewayClassName: 'eg', listeners });
}

function ingress(chart: Chart, props: Partial<TlsIngressProps>, gatewayApi: IngressGatewayApiOptions): TlsIngress {
  return new TlsIngress(chart, 'ing', {
    ingressName: 'shop',
    rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend }] }],
    tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
    ...props,
    gatewayApi,
  });
}

const codes = (chart: Chart) => synthErrors(chart).map((e) => /\((SP_[A-Z0-9_]+)\)$/.exec(e)?.[1] ?? e);

test('per host one route, rules without host one route without hostnames; the Ingress is replaced unless kept', () => {
  const chart = newChart();
  const gw = gateway(chart);
  const ing = ingress(chart, {
    rules: [
      { host: 'a.example.com', paths: [{ path: '/', backend }, { path: '/api', pathType: PathType.EXACT, backend }] },
      { host: 'b.example.com', paths: [{ path: '/', backend }] },
      { paths: [{ path: '/health', backend }] },
    ],
    tls: [{ hosts: ['a.example.com', 'b.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
  }, { parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })] });
  expect(ing.ingress).toBeUndefined();
  const manifests = synthValidated(chart);
  expect(findAll(manifests, 'Ingress')).toEqual([]);
  const routes = findAll(manifests, 'HTTPRoute');
  expect(routes.map((r) => [r.metadata.name, r.spec.hostnames])).toEqual([['shop-0', ['a.example.com']], ['shop-1', ['b.example.com']], ['shop-2', undefined]]);
  expect(routes[0].spec.rules).toEqual([
    { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] },
    { matches: [{ path: { type: 'Exact', value: '/api' } }], backendRefs: [{ name: 'web', port: 80 }] },
  ]);
});

test('rewrite-target without capture groups becomes URLRewrite; with them, a finding', () => {
  const chart = newChart();
  const gw = gateway(chart);
  ingress(chart, { nginx: { rewriteTarget: '/', sslRedirect: false } }, { parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })], keepIngress: true });
  const route = findOne(synthValidated(chart), 'HTTPRoute', 'shop');
  expect(route.spec.rules[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);

  const captures = newChart();
  ingress(captures, {
    rules: [{ host: 'shop.example.com', paths: [{ path: '/api(/|$)(.*)', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend }] }],
    nginx: { rewriteTarget: '/$2', sslRedirect: false },
  }, { parents: [RouteParent.fromGateway(gateway(captures), { sectionName: 'https' })], keepIngress: true });
  expect(codes(captures)).toEqual(['SP_MIGRATION_REWRITE']);
});

test('ImplementationSpecific paths: a RegularExpression match with use-regex, else a finding', () => {
  const chart = newChart();
  ingress(chart, {
    rules: [{ host: 'shop.example.com', paths: [{ path: '/legacy', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend }] }],
  }, { parents: [RouteParent.fromGateway(gateway(chart), { sectionName: 'https' })] });
  expect(codes(chart)).toEqual(['SP_MIGRATION_PATH_TYPE']);

  const regex = newChart();
  ingress(regex, {
    rules: [{ host: 'shop.example.com', paths: [{ path: '/v[0-9]+', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend }] }],
    nginx: { useRegex: true, sslRedirect: false },
  }, { parents: [RouteParent.fromGateway(gateway(regex), { sectionName: 'https' })] });
  expect(findOne(synthValidated(regex), 'HTTPRoute').spec.rules[0].matches).toEqual([{ path: { type: 'RegularExpression', value: '/v[0-9]+' } }]);
});

test('ssl-redirect needs a route on an HTTP listener; annotations without translation are listed', () => {
  const chart = newChart();
  ingress(chart, {
    nginx: {},
    annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'nginx.ingress.kubernetes.io/affinity': 'cookie', 'example.com/owner': 'shop' },
  }, { parents: [RouteParent.fromGateway(gateway(chart), { sectionName: 'https' })] });
  const errors = synthErrors(chart);
  expect(errors.map((e) => /\((SP_[A-Z0-9_]+)\)$/.exec(e)?.[1])).toEqual(['SP_MIGRATION_REDIRECT', 'SP_MIGRATION_ANNOTATION']);
  expect(errors[1]).toContain('annotations: ingress-nginx annotations without a translation to Gateway API would be dropped: nginx.ingress.kubernetes.io/affinity, nginx.ingress.kubernetes.io/proxy-body-size.');
});

test('TLS moves to the listener: an HTTPS listener with a certificate must serve each TLS host', () => {
  const noHttps = newChart();
  ingress(noHttps, {}, { parents: [RouteParent.fromGateway(gateway(noHttps), { sectionName: 'http' })] });
  expect(codes(noHttps)).toEqual(['SP_MIGRATION_TLS']);

  const undeclared = newChart();
  ingress(undeclared, {}, { parents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'infra', sectionName: 'https' })] });
  expect(synthErrors(undeclared)).toEqual([expect.stringContaining('declare the HTTPS listener of the referred Gateway')]);

  const declared = newChart();
  ingress(declared, {}, {
    parents: [RouteParent.fromExternalGateway({
      gatewayName: 'shared',
      namespace: 'infra',
      sectionName: 'https',
      listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', allowedNamespaces: RouteNamespaces.ALL }],
    })],
  });
  expect(findOne(synthValidated(declared), 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'https' }]);
});

test('no parents: one finding of the Ingress, and no route', () => {
  const chart = newChart();
  const ing = ingress(chart, { nginx: { sslRedirect: false } }, { parents: [] });
  expect(ing.gatewayApiRoutes).toEqual([]);
  expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[test\/ing\] gatewayApi\.parents: the routes need the Gateway listeners they attach to.*\(SP_MIGRATION_PARENTS\)$/)]);
});

describe('a canary Ingress becomes backend weights of its main\'s route', () => {
  const stable = ServiceBackend.fromServiceName('web', { portNumber: 80 });
  const next = ServiceBackend.fromServiceName('web-next', { portNumber: 80 });
  const canaryAnnotations = (extra: { [key: string]: string } = {}) => ({ 'nginx.ingress.kubernetes.io/canary': 'true', ...extra });

  /** The main and canary TlsIngress of one host and path, constructed in `order`. */
  function pairOf(chart: Chart, order: 'main-first' | 'canary-first', canaryExtra: { [key: string]: string }, mainProps: Partial<TlsIngressProps> = {}): void {
    const gw = gateway(chart);
    const gatewayApi = { parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })] };
    const main = () => new TlsIngress(chart, 'main', {
      ingressName: 'shop',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: stable }] }],
      tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
      gatewayApi,
      ...mainProps,
    });
    const canary = () => new TlsIngress(chart, 'canary', {
      ingressName: 'shop-canary',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: next }] }],
      annotations: canaryAnnotations(canaryExtra),
      gatewayApi,
    });
    if (order === 'main-first') {
      main(); canary();
    } else {
      canary(); main();
    }
  }

  test.each(['main-first', 'canary-first'] as const)('canary-weight 10: a 90/10 split in the main\'s route, the canary emits no route (%s)', (order) => {
    const chart = newChart({ namespace: 'shop' });
    pairOf(chart, order, { 'nginx.ingress.kubernetes.io/canary-weight': '10' });
    const routes = findAll(synthValidated(chart), 'HTTPRoute');
    expect(routes.map((r) => r.metadata.name)).toEqual(['shop']);
    expect(routes[0].spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80, weight: 90 }, { name: 'web-next', port: 80, weight: 10 }] },
    ]);
  });

  test('canary-weight-total, and canary-by-header with a value, a pattern, or neither (always / never)', () => {
    const valued = newChart({ namespace: 'shop' });
    pairOf(valued, 'main-first', {
      'nginx.ingress.kubernetes.io/canary-weight': '5',
      'nginx.ingress.kubernetes.io/canary-weight-total': '1000',
      'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'yes',
    });
    expect(findOne(synthValidated(valued), 'HTTPRoute').spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80, weight: 995 }, { name: 'web-next', port: 80, weight: 5 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'yes', type: 'Exact' }] }], backendRefs: [{ name: 'web-next', port: 80 }] },
    ]);

    const pattern = newChart({ namespace: 'shop' });
    pairOf(pattern, 'canary-first', { 'nginx.ingress.kubernetes.io/canary-by-header': 'X-Tenant', 'nginx.ingress.kubernetes.io/canary-by-header-pattern': 'beta-.*' });
    const patternRules = findOne(synthValidated(pattern), 'HTTPRoute').spec.rules;
    expect(patternRules[0].backendRefs).toEqual([{ name: 'web', port: 80, weight: 100 }, { name: 'web-next', port: 80, weight: 0 }]);
    expect(patternRules[1].matches[0].headers).toEqual([{ name: 'X-Tenant', value: 'beta-.*', type: 'RegularExpression' }]);

    const plain = newChart({ namespace: 'shop' });
    pairOf(plain, 'main-first', { 'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary' });
    expect(findOne(synthValidated(plain), 'HTTPRoute').spec.rules.slice(1).map((r: any) => [r.matches[0].headers[0].value, r.backendRefs[0].name]))
      .toEqual([['always', 'web-next'], ['never', 'web']]);
  });

  test('the main\'s rewrite applies to the header rules too', () => {
    const chart = newChart({ namespace: 'shop' });
    pairOf(chart, 'main-first', { 'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary', 'nginx.ingress.kubernetes.io/canary-by-header-value': '1' },
      { nginx: { rewriteTarget: '/', sslRedirect: false } });
    const rules = findOne(synthValidated(chart), 'HTTPRoute').spec.rules;
    expect(rules.map((r: any) => r.filters)).toEqual([
      [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
      [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
    ]);
  });

  test('a canary without a main in the app, two canaries on one path, bad weights, and canary-by-cookie are findings', () => {
    const orphan = newChart({ namespace: 'shop' });
    new TlsIngress(orphan, 'canary', {
      ingressName: 'shop-canary',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: next }] }],
      annotations: canaryAnnotations({ 'nginx.ingress.kubernetes.io/canary-weight': '10' }),
      gatewayApi: { parents: [RouteParent.fromGateway(gateway(orphan), { sectionName: 'https' })] },
    });
    expect(synthErrors(orphan)).toEqual([expect.stringMatching(/^\[test\/canary\] rules\[0\]\.paths\[0\]: a canary becomes backend weights .*\(SP_MIGRATION_CANARY\)$/)]);

    const bad = newChart({ namespace: 'shop' });
    pairOf(bad, 'main-first', {
      'nginx.ingress.kubernetes.io/canary-weight': '120',
      'nginx.ingress.kubernetes.io/canary-weight-total': 'lots',
      'nginx.ingress.kubernetes.io/canary-by-cookie': 'canary',
    });
    const errors = synthErrors(bad);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining('annotations["nginx.ingress.kubernetes.io/canary-weight-total"] "lots": must be a whole number of at least 1'),
      expect.stringContaining('annotations["nginx.ingress.kubernetes.io/canary-weight"] "120": is more than canary-weight-total (100)'),
      expect.stringContaining('ingress-nginx annotations without a translation to Gateway API would be dropped: nginx.ingress.kubernetes.io/canary-by-cookie'),
    ]));
    expect(errors).toHaveLength(3);

    const twice = newChart({ namespace: 'shop' });
    pairOf(twice, 'main-first', { 'nginx.ingress.kubernetes.io/canary-weight': '10' });
    new TlsIngress(twice, 'canary2', {
      ingressName: 'shop-canary-2',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: next }] }],
      annotations: canaryAnnotations({ 'nginx.ingress.kubernetes.io/canary-weight': '20' }),
      gatewayApi: { parents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'shop', sectionName: 'https' })] },
    });
    expect(synthErrors(twice)).toEqual([expect.stringContaining('[test/canary2] rules[0].paths[0] "test/canary": the main path already has this canary')]);
  });
});
