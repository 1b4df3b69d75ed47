// An app whose routes attach to a Gateway it does not own: the platform team runs `shared-gateway` in namespace
// `infra` (listeners `https` for *.example.com with a wildcard certificate, and `http`; both admit routes of
// every namespace). The app emits only its workloads and HTTPRoutes; what it declares of the listeners lets the
// routes be checked at synth as against a Gateway of the app (the listener exists, admits the route's kind and
// namespace, and serves its hostnames).
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import {
  DeclaredListener, ExposedApp, ExposureType, HttpRoute, HttpRouteFilter, ListenerProtocol, RouteNamespaces, RouteParent, ServiceBackend,
} from '../../src';

/** What the platform team documents of its Gateway's listeners. */
const PLATFORM_LISTENERS: DeclaredListener[] = [
  { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', allowedNamespaces: RouteNamespaces.ALL },
  { name: 'http', protocol: ListenerProtocol.HTTP, allowedNamespaces: RouteNamespaces.ALL },
];

/** A listener of the platform's Gateway. */
function platformGateway(sectionName: string): RouteParent {
  return RouteParent.fromExternalGateway({ gatewayName: 'shared-gateway', namespace: 'infra', sectionName, listeners: PLATFORM_LISTENERS });
}

export const app = new App();
const chart = new Chart(app, 'gateway-platform-gateway', { namespace: 'shop' });

const web = new ExposedApp(chart, 'Web', {
  serviceName: 'web',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 80 }],
  container: { image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
});
const api = new ExposedApp(chart, 'Api', {
  serviceName: 'api',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 8080 }],
  container: { image: 'example/api:1.0', ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
});

new HttpRoute(chart, 'Shop', {
  routeName: 'shop',
  parents: [platformGateway('https')],
  hostnames: ['shop.example.com'],
  rules: [
    {
      // /api/orders reaches the API as /orders; 5 seconds per backend request, 15 in all
      matches: [{ path: '/api' }],
      filters: [HttpRouteFilter.urlRewrite({ replacePrefixMatch: '/' })],
      backends: [{ backend: ServiceBackend.fromServicePattern(api) }],
      requestTimeout: '15s',
      backendRequestTimeout: '5s',
    },
    {
      filters: [HttpRouteFilter.responseHeaderModifier({ set: { 'Strict-Transport-Security': 'max-age=31536000' } })],
      backends: [{ backend: ServiceBackend.fromServicePattern(web) }],
    },
  ],
});

new HttpRoute(chart, 'HttpsRedirect', {
  routeName: 'shop-https-redirect',
  parents: [platformGateway('http')],
  hostnames: ['shop.example.com'],
  rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }],
});

app.synth();
