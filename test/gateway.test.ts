/**
 * Gateway API: Gateway, RouteParent, HttpRoute, HttpRouteFilter and ReferenceGrant — what they emit (every object
 * validated against the CRD schema and its CEL rules by the test helper) and every rule they check.
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  Gateway, GatewayListener, HeadlessService, HttpMethod, HttpPathType, HttpRoute, HttpRouteFilter, HttpRouteProps,
  HttpValueMatchType, ListenerProtocol, RedirectScheme, ReferenceGrant, RouteKind, RouteNamespaces, RouteParent, ServiceBackend, TlsSource,
} from '../src';
import { makeCertificate } from './support/certs';
import { findAll, findOne, newChart, synthErrors, synthQuietly, synthValidated } from './support/synth';

const HTTPS: GatewayListener = { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromExistingSecret('shop-tls') };
const HTTP: GatewayListener = { name: 'http', protocol: ListenerProtocol.HTTP };

function gateway(chart: Chart, listeners: GatewayListener[] = [HTTP, HTTPS], id = 'gw'): Gateway {
  return new Gateway(chart, id, { gatewayName: 'shared', gatewayClassName: 'eg', listeners });
}

/** A Service of the app with one port `http` (80). */
function web(chart: Chart, id = 'web', namespace?: string): HeadlessService {
  return new HeadlessService(chart, id, { serviceName: id, namespace, selector: { app: id }, ports: [{ name: 'http', port: 80 }] });
}

function route(chart: Chart, props: Partial<HttpRouteProps> & { parents: RouteParent[] }, id = 'route'): HttpRoute {
  return new HttpRoute(chart, id, { rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }], ...props });
}

/** The codes of the findings of a failing synth. */
function codes(chart: Chart): string[] {
  return synthErrors(chart).map((line) => /\((SP_[A-Z0-9_]+)\)$/.exec(line)?.[1] ?? line);
}

describe('Gateway', () => {
  test('listeners, TLS from an existing Secret, defaults left out, infrastructure', () => {
    const chart = newChart({ namespace: 'infra' });
    new Gateway(chart, 'gw', {
      gatewayName: 'shared',
      gatewayClassName: 'eg',
      listeners: [HTTP, HTTPS, { name: 'all', protocol: ListenerProtocol.HTTPS, port: 8443, hostname: '*.example.com', tls: TlsSource.fromExistingSecret('wild-tls'), allowedNamespaces: RouteNamespaces.ALL }],
      infrastructureLabels: { team: 'platform' },
      infrastructureAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
    });
    const gw = findOne(synthValidated(chart), 'Gateway', 'shared');
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gw.metadata.namespace).toBe('infra');
    expect(gw.spec.gatewayClassName).toBe('eg');
    expect(gw.spec.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80 },
      { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-tls' }] } },
      {
        name: 'all',
        protocol: 'HTTPS',
        port: 8443,
        hostname: '*.example.com',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'wild-tls' }] },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ]);
    expect(gw.spec.infrastructure).toEqual({ labels: { team: 'platform' }, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } });
  });

  test('TLS passthrough listener, a namespace selector and route kinds', () => {
    const chart = newChart();
    gateway(chart, [
      { name: 'tls', protocol: ListenerProtocol.TLS, hostname: 'db.example.com' },
      { name: 'http', protocol: ListenerProtocol.HTTP, allowedNamespaces: RouteNamespaces.SELECTOR, namespaceSelector: { 'gateway-access': 'true' }, allowedKinds: [RouteKind.HTTP_ROUTE] },
    ]);
    const [tls, http] = findOne(synthValidated(chart), 'Gateway').spec.listeners;
    expect(tls).toEqual({ name: 'tls', protocol: 'TLS', port: 443, hostname: 'db.example.com', tls: { mode: 'Passthrough' } });
    expect(http.allowedRoutes).toEqual({
      namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } },
      kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
    });
  });

  test('a PEM certificate becomes a kubernetes.io/tls Secret, checked against the listener hostname', () => {
    const good = makeCertificate(['shop.example.com']);
    const chart = newChart();
    gateway(chart, [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromPem({ certificate: good.certificate, privateKey: good.privateKey, acknowledgeKeyInManifest: true }) }]);
    const manifests = synthValidated(chart);
    const secret = findOne(manifests, 'Secret', 'shared-https-tls');
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(secret.data['tls.crt'], 'base64').toString()).toBe(good.certificate);
    expect(findOne(manifests, 'Gateway').spec.listeners[0].tls.certificateRefs[0].name).toBe('shared-https-tls');

    const wrongHost = makeCertificate(['other.example.com']);
    const bad = newChart();
    gateway(bad, [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromPem({ certificate: wrongHost.certificate, privateKey: wrongHost.privateKey, acknowledgeKeyInManifest: true }) }]);
    expect(synthErrors(bad).join('\n')).toMatch(/listeners\[0\]\.tls\.source.*shop\.example\.com.*SP_TLS_HOST_NOT_COVERED|SP_TLS_HOST/);
  });

  test('cert-manager: the issuer annotation on the Gateway; a listener without hostname is refused', () => {
    const chart = newChart();
    new Gateway(chart, 'gw', {
      gatewayName: 'shared',
      gatewayClassName: 'eg',
      listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) }],
    });
    const gw = findOne(synthValidated(chart), 'Gateway');
    expect(gw.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(gw.spec.listeners[0].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'shared-https-tls' }]);

    const bad = newChart();
    gateway(bad, [{ name: 'any', protocol: ListenerProtocol.HTTPS, tls: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }) }, HTTPS]);
    expect(codes(bad).sort()).toEqual(['SP_CERT_MANAGER_MIXED', 'SP_GATEWAY_CERT_MANAGER_HOSTNAME']);
  });

  test('an HTTPS listener without a certificate, an HTTP listener with one', () => {
    const chart = newChart();
    gateway(chart, [{ name: 'https', protocol: ListenerProtocol.HTTPS }, { name: 'http', protocol: ListenerProtocol.HTTP, tls: TlsSource.fromExistingSecret('x') }]);
    const errors = synthErrors(chart);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('listeners[0].tls: an HTTPS listener needs a certificate');
    expect(errors[1]).toContain('listeners[1].tls: an HTTP listener takes no certificate');
  });

  test('listener names unique, port + protocol + hostname unique, names, hostnames, ports, class', () => {
    const chart = newChart();
    new Gateway(chart, 'gw', {
      gatewayName: 'Shared',
      gatewayClassName: 'Envoy Gateway',
      listeners: [HTTP, { ...HTTP }, { name: 'HTTP2', protocol: ListenerProtocol.HTTP, port: 70000, hostname: '10.0.0.1' }],
    });
    expect(codes(chart)).toEqual([
      'SP_GATEWAY_NAME', 'SP_GATEWAY_CLASS', 'SP_GATEWAY_LISTENER_DUPLICATE', 'SP_GATEWAY_LISTENER_DUPLICATE',
      'SP_GATEWAY_LISTENER_NAME', 'SP_PORT_NUMBER', 'SP_GATEWAY_HOSTNAME',
    ]);
  });

  test('no listeners; a selector without SELECTOR and SELECTOR without labels; a route kind the protocol does not take', () => {
    const empty = newChart();
    gateway(empty, []);
    expect(codes(empty)).toEqual(['SP_GATEWAY_LISTENERS']);
    const chart = newChart();
    gateway(chart, [
      { name: 'a', protocol: ListenerProtocol.HTTP, namespaceSelector: { x: 'y' } },
      { name: 'b', protocol: ListenerProtocol.HTTP, port: 81, allowedNamespaces: RouteNamespaces.SELECTOR },
      { name: 'c', protocol: ListenerProtocol.HTTP, port: 82, allowedKinds: [RouteKind.TLS_ROUTE] },
    ]);
    expect(codes(chart)).toEqual(['SP_GATEWAY_NAMESPACE_SELECTOR', 'SP_GATEWAY_NAMESPACE_SELECTOR', 'SP_GATEWAY_ROUTE_KIND']);
  });
});

describe('HttpRoute', () => {
  test('the textbook routes: parentRefs, hostnames, matches, weighted backends, timeouts', () => {
    const chart = newChart({ namespace: 'web' });
    const gw = gateway(chart);
    const app = web(chart);
    const canary = web(chart, 'canary');
    new HttpRoute(chart, 'route', {
      routeName: 'shop',
      parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })],
      hostnames: ['shop.example.com'],
      rules: [
        {
          name: 'api',
          matches: [{ path: '/api', headers: [{ name: 'X-Canary', value: 'yes', type: HttpValueMatchType.EXACT }], queryParams: [{ name: 'v', value: '2' }], method: HttpMethod.GET }],
          backends: [{ backend: ServiceBackend.fromServicePattern(app), weight: 90 }, { backend: ServiceBackend.fromServicePattern(canary, { portName: 'http' }), weight: 10 }],
          requestTimeout: '10s',
          backendRequestTimeout: '2s',
        },
        { matches: [{ path: '/login', pathType: HttpPathType.EXACT }], backends: [{ backend: ServiceBackend.fromServicePattern(app) }] },
        { backends: [{ backend: ServiceBackend.fromServicePattern(app) }] },
      ],
    });
    const r = findOne(synthValidated(chart), 'HTTPRoute', 'shop');
    expect(r.metadata.namespace).toBe('web');
    expect(r.spec.parentRefs).toEqual([{ name: 'shared', sectionName: 'https' }]);
    expect(r.spec.hostnames).toEqual(['shop.example.com']);
    expect(r.spec.rules[0]).toEqual({
      name: 'api',
      matches: [{
        path: { type: 'PathPrefix', value: '/api' },
        headers: [{ name: 'X-Canary', value: 'yes', type: 'Exact' }],
        queryParams: [{ name: 'v', value: '2', type: 'Exact' }],
        method: 'GET',
      }],
      backendRefs: [{ name: 'web', port: 80, weight: 90 }, { name: 'canary', port: 80, weight: 10 }],
      timeouts: { request: '10s', backendRequest: '2s' },
    });
    expect(r.spec.rules[1].matches).toEqual([{ path: { type: 'Exact', value: '/login' } }]);
    expect(r.spec.rules[2]).toEqual({ backendRefs: [{ name: 'web', port: 80 }] });
  });

  test('filters: the HTTPS redirect, a rewrite, header modifiers and a mirror', () => {
    const chart = newChart();
    const gw = gateway(chart);
    const app = web(chart);
    route(chart, { routeName: 'redirect', parents: [RouteParent.fromGateway(gw, { sectionName: 'http' })], rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }] }, 'redirect');
    route(chart, {
      routeName: 'main',
      parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })],
      rules: [{
        matches: [{ path: '/old' }],
        filters: [
          HttpRouteFilter.urlRewrite({ replacePrefixMatch: '/new', hostname: 'internal.example.com' }),
          HttpRouteFilter.requestHeaderModifier({ set: { 'X-Env': 'prod' }, add: { 'X-Trace': '1' }, remove: ['X-Debug'] }),
          HttpRouteFilter.responseHeaderModifier({ remove: ['Server'] }),
          HttpRouteFilter.requestMirror(ServiceBackend.fromServicePattern(app), { percent: 10 }),
        ],
        backends: [{ backend: ServiceBackend.fromServicePattern(app) }],
      }, {
        matches: [{ path: '/moved', pathType: HttpPathType.EXACT }],
        filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, hostname: 'new.example.com', port: 8443, statusCode: 308, replaceFullPath: '/here' })],
      }],
    }, 'main');
    const manifests = synthValidated(chart);
    expect(findOne(manifests, 'HTTPRoute', 'redirect').spec.rules).toEqual([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    ]);
    const main = findOne(manifests, 'HTTPRoute', 'main').spec.rules;
    expect(main[0].filters).toEqual([
      { type: 'URLRewrite', urlRewrite: { hostname: 'internal.example.com', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } } },
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Env', value: 'prod' }], add: [{ name: 'X-Trace', value: '1' }], remove: ['X-Debug'] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['Server'] } },
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'web', port: 80 }, percent: 10 } },
    ]);
    expect(main[1].filters).toEqual([{
      type: 'RequestRedirect',
      requestRedirect: { scheme: 'https', hostname: 'new.example.com', port: 8443, statusCode: 308, path: { type: 'ReplaceFullPath', replaceFullPath: '/here' } },
    }]);
  });

  test('what the CRD and its CEL rules refuse is refused at synth, with the field', () => {
    const chart = newChart();
    const gw = gateway(chart);
    new HttpRoute(chart, 'route', {
      routeName: 'Shop',
      parents: [RouteParent.fromGateway(gw), RouteParent.fromGateway(gw)],
      hostnames: ['10.0.0.1'],
      rules: [{
        name: 'API',
        matches: [{ path: 'api' }, { path: '/a//b', pathType: HttpPathType.EXACT }, { path: '(', pathType: HttpPathType.REGULAR_EXPRESSION },
          { path: '/h', headers: [{ name: 'X Bad', value: 'v' }, { name: 'x-a', value: '' }] }],
        filters: [HttpRouteFilter.httpsRedirect(), HttpRouteFilter.urlRewrite({ replacePrefixMatch: '/x' }), HttpRouteFilter.requestRedirect({ statusCode: 200 })],
        backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }), weight: -1 }],
        requestTimeout: '1s',
        backendRequestTimeout: '1.5s',
      }],
    });
    const errors = synthErrors(chart);
    const expected: Array<[string, string]> = [
      ['routeName "Shop"', 'SP_ROUTE_NAME'],
      ['parents[1] "shared": parents[0] is the same Gateway and listener', 'SP_ROUTE_PARENT_DUPLICATE'],
      ['hostnames[0] "10.0.0.1": is an IP address', 'SP_GATEWAY_HOSTNAME'],
      ['rules[0].name "API"', 'SP_ROUTE_RULE_NAME'],
      ['rules[0].matches[0].path "api": must start with "/"', 'SP_ROUTE_PATH'],
      ['rules[0].matches[1].path "/a//b": must not contain "//"', 'SP_ROUTE_PATH'],
      ['rules[0].matches[2].path "(": is not a valid regular expression', 'SP_ROUTE_PATH'],
      ['rules[0].matches[3].headers[0].name "X Bad"', 'SP_ROUTE_HEADER'],
      ['rules[0].matches[3].headers[1].value ""', 'SP_ROUTE_HEADER'],
      ['rules[0].filters[1]: replacePrefixMatch needs exactly one match', 'SP_ROUTE_REPLACE_PREFIX'],
      ['rules[0].filters[2].statusCode 200', 'SP_ROUTE_REDIRECT_STATUS'],
      ['rules[0].filters[2] "RequestRedirect": rules[0].filters[0] is also a RequestRedirect', 'SP_ROUTE_FILTER_REPEATED'],
      ['rules[0].filters: a rule either redirects the client or rewrites the request', 'SP_ROUTE_FILTER_CONFLICT'],
      ['rules[0].backends: a redirecting rule sends nothing to backends', 'SP_ROUTE_FILTER_CONFLICT'],
      ['rules[0].backends[0].weight -1', 'SP_ROUTE_WEIGHT'],
      ['rules[0].backendRequestTimeout "1.5s"', 'SP_ROUTE_TIMEOUT'],
    ];
    for (const [text, code] of expected) {
      expect([text, errors.some((e) => e.includes(text) && e.endsWith(`(${code})`))]).toEqual([text, true]);
    }
    expect(errors).toHaveLength(expected.length);
  });

  test('timeouts: backendRequest longer than request; "0s" means no request timeout', () => {
    const chart = newChart();
    const gw = gateway(chart);
    route(chart, { parents: [RouteParent.fromGateway(gw)], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }], requestTimeout: '10s', backendRequestTimeout: '1m' }] });
    expect(synthErrors(chart)).toEqual([expect.stringContaining('rules[0].backendRequestTimeout "1m": is longer than the request timeout 10s')]);
    const none = newChart();
    route(none, { parents: [RouteParent.fromGateway(gateway(none))], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }], requestTimeout: '0s', backendRequestTimeout: '1m' }] });
    expect(findOne(synthValidated(none), 'HTTPRoute').spec.rules[0].timeouts).toEqual({ request: '0s', backendRequest: '1m' });
  });

  test('a rule without backends or redirect; every weight 0; empty filters; both path replacements', () => {
    const chart = newChart();
    const gw = gateway(chart);
    route(chart, {
      parents: [RouteParent.fromGateway(gw)],
      rules: [
        { matches: [{ path: '/a' }] },
        { matches: [{ path: '/b' }], backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }), weight: 0 }] },
        {
          matches: [{ path: '/c' }],
          filters: [HttpRouteFilter.urlRewrite({ replaceFullPath: '/x', replacePrefixMatch: '/y' }), HttpRouteFilter.requestHeaderModifier({})],
          backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }],
        },
      ],
    });
    expect(codes(chart)).toEqual(['SP_ROUTE_BACKENDS', 'SP_ROUTE_WEIGHT', 'SP_ROUTE_PATH_MODIFIER', 'SP_ROUTE_FILTER_EMPTY']);
  });

  test('duplicate matches in a route, /api and /api/ PathPrefix included', () => {
    const chart = newChart();
    const gw = gateway(chart);
    const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
    route(chart, { parents: [RouteParent.fromGateway(gw)], rules: [{ matches: [{ path: '/api' }], backends: [{ backend }] }, { matches: [{ path: '/api/' }], backends: [{ backend }] }] });
    expect(synthErrors(chart)).toEqual([expect.stringContaining('rules[1].matches[0] "PathPrefix /api/": rules[0].matches[0] has the same match')]);
    const exact = newChart();
    route(exact, { parents: [RouteParent.fromGateway(gateway(exact))], rules: [{ matches: [{ path: '/api', pathType: HttpPathType.EXACT }], backends: [{ backend }] }, { matches: [{ path: '/api/', pathType: HttpPathType.EXACT }], backends: [{ backend }] }] });
    expect(findAll(synthValidated(exact), 'HTTPRoute')).toHaveLength(1);
  });

  test('backends: the port must exist on a Service of the app; a port name is resolved to its number; by name needs a number', () => {
    const chart = newChart();
    const gw = gateway(chart);
    const app = web(chart);
    const service = new kplus.Service(chart, 'plus', { ports: [{ port: 8080, name: 'metrics' }, { port: 9090 }] });
    route(chart, {
      parents: [RouteParent.fromGateway(gw)],
      rules: [{
        backends: [
          { backend: ServiceBackend.fromServicePattern(app, { portNumber: 81 }) },
          { backend: ServiceBackend.fromService(service) },
          { backend: ServiceBackend.fromServiceName('other', { portName: 'http' }) },
          { backend: ServiceBackend.fromService(service, { portName: 'metrics' }) },
        ],
      }],
    });
    expect(codes(chart)).toEqual(['SP_BACKEND_PORT_UNKNOWN', 'SP_BACKEND_PORT_AMBIGUOUS', 'SP_BACKEND_PORT_NUMBER']);

    const ok = newChart();
    const okService = new kplus.Service(ok, 'plus', { ports: [{ port: 8080, name: 'metrics' }, { port: 9090, name: 'admin' }] });
    route(ok, { parents: [RouteParent.fromGateway(gateway(ok))], rules: [{ backends: [{ backend: ServiceBackend.fromService(okService, { portName: 'metrics' }) }] }] });
    expect(findOne(synthQuietly(ok), 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: okService.name, port: 8080 }]);
  });
});

describe('RouteParent.fromExternalGateway: a platform-owned Gateway, checked against what the app declares of it', () => {
  const platform = (options: { sectionName?: string; listeners?: any[] } = {}) => RouteParent.fromExternalGateway({
    gatewayName: 'shared',
    namespace: 'infra',
    listeners: [
      { name: 'http', protocol: ListenerProtocol.HTTP, allowedNamespaces: RouteNamespaces.ALL },
      { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', allowedNamespaces: RouteNamespaces.ALL },
      { name: 'internal', protocol: ListenerProtocol.HTTPS, port: 8443, hostname: 'internal.example.com' },
    ],
    ...options,
  });

  test('the parentRef names the Gateway in its namespace', () => {
    const chart = newChart({ namespace: 'web' });
    route(chart, { parents: [platform({ sectionName: 'https' })], hostnames: ['shop.example.com'] });
    expect(findOne(synthValidated(chart), 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'https' }]);
  });

  test('a listener it does not have, one that does not admit the namespace, hostnames it does not serve', () => {
    for (const [sectionName, hostnames, code] of [
      ['htps', ['shop.example.com'], 'SP_ROUTE_LISTENER_UNKNOWN'],
      ['internal', ['internal.example.com'], 'SP_ROUTE_NOT_ADMITTED'],
      ['https', ['shop.example.org'], 'SP_ROUTE_HOSTNAME_UNMATCHED'],
    ] as const) {
      const chart = newChart({ namespace: 'web' });
      route(chart, { parents: [platform({ sectionName })], hostnames: [...hostnames] });
      expect([sectionName, codes(chart)]).toEqual([sectionName, [code]]);
    }
  });

  test('without declared listeners only the reference itself is checked', () => {
    const chart = newChart({ namespace: 'web' });
    route(chart, { parents: [RouteParent.fromExternalGateway({ gatewayName: 'shared', namespace: 'infra', sectionName: 'anything' })], hostnames: ['x.example.org'] });
    expect(findOne(synthValidated(chart), 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'anything' }]);
  });
});

describe('App-wide: routes against the Gateways of the App', () => {
  test('a sectionName the Gateway does not have', () => {
    const chart = newChart();
    route(chart, { parents: [RouteParent.fromGateway(gateway(chart), { sectionName: 'htps' })] });
    expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[test\/route\] spec\.parentRefs\[0\]\.sectionName "htps": Gateway "shared" \(test\/gw\) has no such listener \(listeners: http \(HTTP 80\), https \(HTTPS 443 shop\.example\.com\)\).*\(SP_APP_ROUTE_LISTENER_UNKNOWN\)$/)]);
  });

  test('a listener that does not take the route kind, or the route\'s namespace', () => {
    const kinds = newChart();
    route(kinds, { parents: [RouteParent.fromGateway(gateway(kinds, [{ name: 'tls', protocol: ListenerProtocol.TLS }]))] });
    expect(synthErrors(kinds)).toEqual([expect.stringContaining('listener tls (TLS) takes TLSRoute, not HTTPRoute')]);

    const chart = newChart({ namespace: 'web' });
    const gw = new Gateway(chart, 'gw', { gatewayName: 'shared', namespace: 'infra', gatewayClassName: 'eg', listeners: [HTTP] });
    route(chart, { parents: [RouteParent.fromGateway(gw)] });
    expect(synthErrors(chart)).toEqual([expect.stringContaining('listener http admits routes of namespace "infra" only (allowedRoutes.namespaces.from: Same). Fix: attach to a listener that takes HTTPRoute from namespace "web"')]);
    expect(codes(chart)).toEqual(['SP_APP_ROUTE_NOT_ADMITTED']);

    const all = newChart({ namespace: 'web' });
    const open = new Gateway(all, 'gw', { gatewayName: 'shared', namespace: 'infra', gatewayClassName: 'eg', listeners: [{ ...HTTP, allowedNamespaces: RouteNamespaces.ALL }] });
    route(all, { parents: [RouteParent.fromGateway(open)] });
    expect(findOne(synthValidated(all), 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra' }]);
  });

  test('route hostnames that intersect no listener hostname (wildcards as the spec defines them)', () => {
    const wildcard: GatewayListener = { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: TlsSource.fromExistingSecret('wild') };
    for (const [hostname, ok] of [['a.b.example.com', true], ['*.shop.example.com', true], ['example.com', false], ['shop.example.org', false]] as const) {
      const chart = newChart();
      route(chart, { parents: [RouteParent.fromGateway(gateway(chart, [wildcard]))], hostnames: [hostname] });
      if (ok) expect(findAll(synthValidated(chart), 'HTTPRoute')).toHaveLength(1);
      else expect([hostname, codes(chart)]).toEqual([hostname, ['SP_APP_ROUTE_HOSTNAME_UNMATCHED']]);
    }
  });

  test('two routes claiming one match on one listener and hostname (/api and /api/ too); other hostnames do not conflict', () => {
    const chart = newChart();
    const gw = gateway(chart);
    const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
    route(chart, { parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })], hostnames: ['shop.example.com'], rules: [{ matches: [{ path: '/api' }], backends: [{ backend }] }] }, 'a');
    route(chart, { routeName: 'b', parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })], hostnames: ['shop.example.com'], rules: [{ matches: [{ path: '/api/' }], backends: [{ backend }] }] }, 'b');
    expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[test\/b\] spec\.rules\[0\]\.matches\[0\] "PathPrefix \/api\/": hostname shop\.example\.com on Gateway default\/shared listener https is also routed for this match by test\/a.*\(SP_APP_ROUTE_CONFLICT\)$/)]);

    const apart = newChart();
    const gw2 = gateway(apart, [HTTP, HTTPS, { ...HTTPS, name: 'other', hostname: 'other.example.com' }]);
    route(apart, { parents: [RouteParent.fromGateway(gw2)], hostnames: ['shop.example.com'], rules: [{ matches: [{ path: '/api' }], backends: [{ backend }] }] }, 'a');
    route(apart, { parents: [RouteParent.fromGateway(gw2)], hostnames: ['other.example.com'], rules: [{ matches: [{ path: '/api' }], backends: [{ backend }] }] }, 'b');
    expect(findAll(synthValidated(apart), 'HTTPRoute')).toHaveLength(2);
  });

  test('a backend port missing on a Service of the App referred to by name', () => {
    const chart = newChart();
    web(chart);
    route(chart, { parents: [RouteParent.fromGateway(gateway(chart))], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 8080 }) }] }] });
    expect(synthErrors(chart)).toEqual([expect.stringContaining('spec.rules[0].backendRefs[0] 8080: Service "web" (test/web) has no such port (ports: http (80))')]);
  });
});

describe('ReferenceGrant', () => {
  test('a backend of the app in another namespace gets one grant per pair of namespaces, in the backend\'s namespace', () => {
    const app = newChart({ namespace: 'web' });
    const data = new Chart(app.node.scope as any, 'data', { namespace: 'data' });
    const api = web(data, 'api');
    const search = web(data, 'search');
    const gw = gateway(app);
    route(app, { parents: [RouteParent.fromGateway(gw)], rules: [{ backends: [{ backend: ServiceBackend.fromServicePattern(api) }] }] }, 'r1');
    route(app, { routeName: 'r2', parents: [RouteParent.fromGateway(gw)], hostnames: ['x.example.com'], rules: [{ backends: [{ backend: ServiceBackend.fromServicePattern(search) }], filters: [HttpRouteFilter.requestMirror(ServiceBackend.fromServicePattern(api))] }] }, 'r2');
    const grants = findAll(synthValidated(data), 'ReferenceGrant');
    expect(grants).toHaveLength(1);
    expect(grants[0].metadata).toEqual({ name: 'allow-from-web', namespace: 'data' });
    expect(grants[0].spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
      to: [{ group: '', kind: 'Service', name: 'api' }, { group: '', kind: 'Service', name: 'search' }],
    });
    expect(findOne(synthValidated(app), 'HTTPRoute', 'r2').spec.rules[0].backendRefs).toEqual([{ name: 'search', namespace: 'data', port: 80 }]);
  });

  test('an automatic grant names each Service it opens; past the CRD\'s 16 entries it grants the kind whole', () => {
    const app = newChart({ namespace: 'web' });
    const data = new Chart(app.node.scope as any, 'data', { namespace: 'data' });
    const services = Array.from({ length: 17 }, (_, i) => web(data, `api-${i}`));
    const gw = gateway(app);
    services.forEach((s, i) => route(app, {
      routeName: `r${i}`,
      parents: [RouteParent.fromGateway(gw)],
      hostnames: [`h${i}.example.com`],
      rules: [{ backends: [{ backend: ServiceBackend.fromServicePattern(s) }] }],
    }, `r${i}`));
    expect(findOne(synthValidated(data), 'ReferenceGrant').spec.to).toEqual([{ group: '', kind: 'Service' }]);
  });

  test('a Service of the App in another namespace, referred to by name, without a grant is refused; with one it passes', () => {
    const chart = newChart({ namespace: 'web' });
    web(chart, 'api', 'data');
    route(chart, { parents: [RouteParent.fromGateway(gateway(chart))], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('api', { portNumber: 80, namespace: 'data' }) }] }] });
    expect(synthErrors(chart)).toEqual([expect.stringContaining('spec.rules[0].backendRefs[0] "data/api": the Service is in another namespace and no ReferenceGrant there allows HTTPRoute of "web" to refer to it')]);
    new ReferenceGrant(chart, 'grant', { namespace: 'data', from: [{ kind: 'HTTPRoute', namespace: 'web' }], to: [{ kind: 'Service', name: 'api' }] });
    const grant = findOne(synthValidated(chart), 'ReferenceGrant');
    expect(grant.spec).toEqual({ from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], to: [{ group: '', kind: 'Service', name: 'api' }] });
  });

  test('a grant for another Service or kind does not count', () => {
    const chart = newChart({ namespace: 'web' });
    web(chart, 'api', 'data');
    route(chart, { parents: [RouteParent.fromGateway(gateway(chart))], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('api', { portNumber: 80, namespace: 'data' }) }] }] });
    new ReferenceGrant(chart, 'grant', { namespace: 'data', from: [{ kind: 'GRPCRoute', namespace: 'web' }, { kind: 'HTTPRoute', namespace: 'shop' }], to: [{ kind: 'Service', name: 'other' }] });
    expect(codes(chart)).toEqual(['SP_APP_REFERENCE_GRANT_MISSING']);
  });

  test('a listener Secret in another namespace: certificateRefs names it, and the Gateway adds the grant there (naming that Secret only)', () => {
    const chart = newChart({ namespace: 'infra' });
    const certs = new Chart(chart.node.scope as any, 'certs', { namespace: 'certs' });
    const gw = gateway(chart, [
      HTTP,
      { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: TlsSource.fromExistingSecret('wildcard-tls', { namespace: 'certs' }) },
      { name: 'shop', protocol: ListenerProtocol.HTTPS, port: 8443, hostname: 'shop.example.com', tls: TlsSource.fromExistingSecret('shop-tls', { namespace: 'infra' }) },
    ]);
    // a route of the same namespace to a Service there gets a grant of its own: a grant lets every "from" refer to every "to"
    route(chart, { parents: [RouteParent.fromGateway(gw, { sectionName: 'http' })], rules: [{ backends: [{ backend: ServiceBackend.fromServicePattern(web(certs, 'api')) }] }] });
    const manifests = synthValidated(chart);
    const listeners = findOne(manifests, 'Gateway', 'shared').spec.listeners;
    expect(listeners[1].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'wildcard-tls', namespace: 'certs' }]);
    expect(listeners[2].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'shop-tls', namespace: 'infra' }]);
    const grants = [...findAll(manifests, 'ReferenceGrant'), ...findAll(synthValidated(certs), 'ReferenceGrant')];
    expect(grants.map((g) => [g.metadata, g.spec])).toEqual([
      [{ name: 'allow-secret-refs-from-infra', namespace: 'certs' },
        { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'wildcard-tls' }] }],
      [{ name: 'allow-from-infra', namespace: 'certs' },
        { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [{ group: '', kind: 'Service', name: 'api' }] }],
    ]);
  });

  test('a listener Secret namespace that is not a namespace name is refused once (no grant is made for it)', () => {
    const chart = newChart({ namespace: 'infra' });
    gateway(chart, [HTTP, { name: 'https', protocol: ListenerProtocol.HTTPS, tls: TlsSource.fromExistingSecret('wildcard-tls', { namespace: 'Certs' }) }]);
    expect(codes(chart)).toEqual(['SP_NAMESPACE']);
    expect(synthErrors(chart)[0]).toContain('listeners[1].tls.source.namespace "Certs"');
    expect(chart.node.root.node.findAll().filter((c) => c instanceof ReferenceGrant)).toEqual([]);
    const untyped = newChart({ namespace: 'infra' });
    gateway(untyped, [HTTP, { name: 'https', protocol: ListenerProtocol.HTTPS, tls: TlsSource.fromExistingSecret('wildcard-tls', { namespace: 7 } as any) }]);
    expect(codes(untyped)).toEqual(['SP_PROP_TYPE']);
  });

  test('its own rules', () => {
    const chart = newChart();
    new ReferenceGrant(chart, 'a', { grantName: 'Allow', from: [], to: [{ kind: 'http route', group: 'Core', name: 'Web' }] });
    new ReferenceGrant(chart, 'b', { from: [{ kind: 'HTTPRoute', namespace: 'Web' }], to: Array.from({ length: 17 }, () => ({ kind: 'Service' })) });
    expect(codes(chart)).toEqual([
      'SP_REFERENCE_GRANT_NAME', 'SP_REFERENCE_GRANT_EMPTY', 'SP_REFERENCE_GRANT_KIND', 'SP_REFERENCE_GRANT_GROUP', 'SP_REFERENCE_GRANT_TARGET',
      'SP_REFERENCE_GRANT_SIZE', 'SP_NAMESPACE',
    ]);
  });
});
