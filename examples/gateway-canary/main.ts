// A 90/10 canary: shop.example.com goes to web-stable (v1) for 90% of the requests and to web-canary (v2) for
// 10%; testers reach the canary every time with the header `X-Canary: always`. To move on, change the weights
// (e.g. 50/50, then 0/100) and apply: no DNS or client change.
//
// The Secret `shop-tls` is created outside the app (kubectl create secret tls, external-secrets, ...).
// The GatewayClass `eg` is Envoy Gateway's; use your implementation's (istio, cilium, nginx, ...).
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ExposedApp, ExposureType, Gateway, HttpRoute, ListenerProtocol, RouteParent, ServiceBackend, TlsSource } from '../../src';

/** One version of the web app on a ClusterIP Service `<name>` port 80. */
function version(scope: Construct, name: string, image: string): ExposedApp {
  return new ExposedApp(scope, name, {
    serviceName: name,
    type: ExposureType.CLUSTER_IP,
    ports: [{ name: 'http', port: 80 }],
    container: { image, ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
    deploymentProps: { metadata: { name } },
  });
}

export const app = new App();
const chart = new Chart(app, 'gateway-canary', { namespace: 'shop' });

const stable = version(chart, 'web-stable', 'example/web:1.0');
const canary = version(chart, 'web-canary', 'example/web:2.0');

const gateway = new Gateway(chart, 'Gateway', {
  gatewayName: 'shop',
  gatewayClassName: 'eg',
  listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromExistingSecret('shop-tls') }],
});

new HttpRoute(chart, 'Web', {
  routeName: 'web',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })],
  hostnames: ['shop.example.com'],
  rules: [
    {
      name: 'canary-testers',
      matches: [{ path: '/', headers: [{ name: 'X-Canary', value: 'always' }] }],
      backends: [{ backend: ServiceBackend.fromServicePattern(canary) }],
    },
    {
      name: 'split',
      backends: [
        { backend: ServiceBackend.fromServicePattern(stable), weight: 90 },
        { backend: ServiceBackend.fromServicePattern(canary), weight: 10 },
      ],
      requestTimeout: '10s',
    },
  ],
});

app.synth();
