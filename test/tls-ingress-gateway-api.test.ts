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
