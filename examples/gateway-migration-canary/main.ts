// An ingress-nginx canary pair moved to Gateway API without rewriting it: the main TlsIngress (web-stable) and
// its canary TlsIngress (web-canary: canary-weight 10, and `X-Canary: always` for testers), both unchanged and
// both emitted as Gateway API (gatewayApi). The canary emits no route of its own: it becomes the 10% backend
// weight of the main's route, and its header a rule with a header match. The Ingresses are kept for the cutover
// (keepIngress); once traffic has moved to the Gateway, drop keepIngress and then the canary annotations.
//
// The Secret `shop-tls` is created outside the app. In your own app, import from 'cdk8s-service-patterns'.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ExposedApp, ExposureType, Gateway, ListenerProtocol, RouteParent, ServiceBackend, TlsIngress, TlsSource,
} from '../../src';

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
const chart = new Chart(app, 'gateway-migration-canary', { namespace: 'shop' });
const stable = version(chart, 'web-stable', 'example/web:1.0');
const canary = version(chart, 'web-canary', 'example/web:2.0');

const gateway = new Gateway(chart, 'Gateway', {
  gatewayName: 'shop',
  gatewayClassName: 'eg',
  listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: TlsSource.fromExistingSecret('shop-tls') }],
});
const gatewayApi = { parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })], keepIngress: true };

new TlsIngress(chart, 'Web', {
  ingressName: 'web',
  ingressClassName: 'nginx',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServicePattern(stable) }] }],
  tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
  gatewayApi,
});

new TlsIngress(chart, 'WebCanary', {
  ingressName: 'web-canary',
  ingressClassName: 'nginx',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServicePattern(canary) }] }],
  annotations: {
    'nginx.ingress.kubernetes.io/canary': 'true',
    'nginx.ingress.kubernetes.io/canary-weight': '10',
    'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary',
    'nginx.ingress.kubernetes.io/canary-by-header-value': 'always',
  },
  gatewayApi,
});

app.synth();
