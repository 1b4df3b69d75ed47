/**
 * GrpcRoute: what it emits (validated against the GRPCRoute CRD schema and CEL rules by the test helper) and
 * its checks, alone and App-wide with HTTPRoutes.
 */
import { Chart } from 'cdk8s';
import {
  Gateway, GrpcRoute, HeadlessService, HttpRoute, HttpRouteFilter, HttpValueMatchType, ListenerProtocol, RouteKind, RouteParent,
  ServiceBackend, TlsSource,
} from '../src';
import { findOne, newChart, synthErrors, synthValidated } from './support/synth';

function gateway(chart: Chart, kinds?: RouteKind[]): Gateway {
  return new Gateway(chart, 'gw', {
    gatewayName: 'shared',
    gatewayClassName: 'eg',
    listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: TlsSource.fromExistingSecret('wild'), allowedKinds: kinds }],
  });
}

function cart(chart: Chart): HeadlessService {
  return new HeadlessService(chart, 'cart', { serviceName: 'cart', selector: { app: 'cart' }, ports: [{ name: 'grpc', port: 50051 }] });
}

const codes = (chart: Chart) => synthErrors(chart).map((e) => /\((SP_[A-Z0-9_]+)\)$/.exec(e)?.[1] ?? e);

test('service and method matches, header matches, a mirror, weighted backends', () => {
  const chart = newChart({ namespace: 'shop' });
  const gw = gateway(chart);
  const backend = cart(chart);
  new GrpcRoute(chart, 'route', {
    routeName: 'cart',
    parents: [RouteParent.fromGateway(gw, { sectionName: 'https' })],
    hostnames: ['grpc.example.com'],
    rules: [
      {
        matches: [{ method: { service: 'shop.v1.Cart', method: 'AddItem' }, headers: [{ name: 'x-tenant', value: 'beta' }] }],
        filters: [HttpRouteFilter.requestHeaderModifier({ set: { 'x-route': 'cart' } }), HttpRouteFilter.requestMirror(ServiceBackend.fromServicePattern(backend), { percent: 5 })],
        backends: [{ backend: ServiceBackend.fromServicePattern(backend), weight: 9 }, { backend: ServiceBackend.fromServiceName('cart-next', { portNumber: 50051 }), weight: 1 }],
      },
      { matches: [{ method: { service: 'shop\\.v1\\..*', type: HttpValueMatchType.REGULAR_EXPRESSION } }], backends: [{ backend: ServiceBackend.fromServicePattern(backend) }] },
    ],
  });
  const route = findOne(synthValidated(chart), 'GRPCRoute', 'cart');
  expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
  expect(route.spec.parentRefs).toEqual([{ name: 'shared', sectionName: 'https' }]);
  expect(route.spec.rules[0]).toEqual({
    matches: [{ method: { type: 'Exact', service: 'shop.v1.Cart', method: 'AddItem' }, headers: [{ name: 'x-tenant', value: 'beta', type: 'Exact' }] }],
    filters: [
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: 'cart' }] } },
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'cart', port: 50051 }, percent: 5 } },
    ],
    backendRefs: [{ name: 'cart', port: 50051, weight: 9 }, { name: 'cart-next', port: 50051, weight: 1 }],
  });
  expect(route.spec.rules[1].matches).toEqual([{ method: { type: 'RegularExpression', service: 'shop\\.v1\\..*' } }]);
});

test('what the CRD refuses: an empty method match, names that are not gRPC names, HTTP-only filters, no backends', () => {
  const chart = newChart();
  const gw = gateway(chart);
  new GrpcRoute(chart, 'route', {
    parents: [RouteParent.fromGateway(gw)],
    rules: [
      { matches: [{ method: {} }, { method: { service: 'shop/v1', method: 'Add-Item' } }], backends: [{ backend: ServiceBackend.fromServiceName('cart', { portNumber: 1 }) }] },
      { matches: [{ method: { method: 'Get' } }], filters: [HttpRouteFilter.httpsRedirect()], backends: [] },
      { matches: [{ method: { method: 'Get' } }], backends: [{ backend: ServiceBackend.fromServiceName('cart', { portNumber: 1 }) }] },
    ],
  });
  expect(codes(chart)).toEqual(['SP_GRPC_METHOD', 'SP_GRPC_METHOD', 'SP_GRPC_METHOD', 'SP_ROUTE_FILTER_KIND', 'SP_ROUTE_BACKENDS', 'SP_ROUTE_MATCH_DUPLICATE']);
});

test('App-wide: a listener that does not take GRPCRoute; an HTTPRoute and a GRPCRoute on one hostname', () => {
  const kinds = newChart();
  new GrpcRoute(kinds, 'route', { parents: [RouteParent.fromGateway(gateway(kinds, [RouteKind.HTTP_ROUTE]))], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('cart', { portNumber: 1 }) }] }] });
  expect(synthErrors(kinds)).toEqual([expect.stringContaining('listener https (HTTPS) takes HTTPRoute, not GRPCRoute')]);

  const chart = newChart();
  const gw = gateway(chart);
  new HttpRoute(chart, 'web', { parents: [RouteParent.fromGateway(gw)], hostnames: ['api.example.com'], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }] });
  new GrpcRoute(chart, 'grpc', { parents: [RouteParent.fromGateway(gw)], hostnames: ['api.example.com'], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('cart', { portNumber: 1 }) }] }] });
  new GrpcRoute(chart, 'other', { routeName: 'other', parents: [RouteParent.fromGateway(gw)], hostnames: ['grpc.example.com'], rules: [{ backends: [{ backend: ServiceBackend.fromServiceName('cart', { portNumber: 1 }) }] }] });
  expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[test\/grpc\] spec\.hostnames "api\.example\.com": the HTTPRoute test\/web serves the same hostnames on Gateway default\/shared.*\(SP_APP_ROUTE_KIND_CONFLICT\)$/)]);
});
