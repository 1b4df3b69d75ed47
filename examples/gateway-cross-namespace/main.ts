// A route in one namespace, a backend in another: the shop team's HTTPRoute (namespace `shop`) sends /catalog
// to the Service `catalog` of the catalog team's namespace `catalog`. Gateway API lets a route refer to a
// Service of another namespace only when a ReferenceGrant there allows it; because the backend is a Service of
// this app (ServiceBackend.fromServicePattern), the route adds that grant itself — `allow-from-shop` in
// namespace `catalog`, emitted with the catalog chart — and one grant serves every route of `shop`.
//
// The Secret `shop-tls` is created outside the app (kubectl create secret tls, external-secrets, ...).
// The GatewayClass `eg` is Envoy Gateway's; use your implementation's (istio, cilium, nginx, ...).
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType, Gateway, HttpRoute, ListenerProtocol, RouteParent, ServiceBackend, TlsSource } from '../../src';

export const app = new App();

// The catalog team's namespace: the API only.
const catalogChart = new Chart(app, 'catalog', { namespace: 'catalog' });
const catalog = new ExposedApp(catalogChart, 'Catalog', {
  serviceName: 'catalog',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 8080 }],
  container: { image: 'example/catalog:1.0', ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
});

// The shop team's namespace: the storefront, its Gateway and the route.
const shopChart = new Chart(app, 'shop', { namespace: 'shop' });
const storefront = new ExposedApp(shopChart, 'Storefront', {
  serviceName: 'storefront',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 80 }],
  container: { image: 'example/storefront:1.0', ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
});
const gateway = new Gateway(shopChart, 'Gateway', {
  gatewayName: 'shop',
  gatewayClassName: 'eg',
  listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromExistingSecret('shop-tls') }],
});
new HttpRoute(shopChart, 'Shop', {
  routeName: 'shop',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })],
  hostnames: ['shop.example.com'],
  rules: [
    { matches: [{ path: '/catalog' }], backends: [{ backend: ServiceBackend.fromServicePattern(catalog) }] }, // namespace catalog
    { backends: [{ backend: ServiceBackend.fromServicePattern(storefront) }] },
  ],
});

app.synth();
