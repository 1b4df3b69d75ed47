// A Gateway whose certificate is issued by cert-manager: its gateway-shim reads the Gateway's
// `cert-manager.io/cluster-issuer` annotation and fills the Secret of every HTTPS listener with a hostname
// (here `sample-gateway-https-tls`) from the ClusterIssuer `letsencrypt` (created outside the app).
// Plain HTTP is redirected to HTTPS; an ExposedApp on a ClusterIP Service is the backend.
//
// The GatewayClass `eg` is Envoy Gateway's; use your implementation's (istio, cilium, nginx, ...).
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import {
  ExposedApp, ExposureType, Gateway, HttpRoute, HttpRouteFilter, ListenerProtocol, RouteParent, ServiceBackend, TlsSource,
} from '../../src';

export const app = new App();
const chart = new Chart(app, 'gateway-cert-manager', { namespace: 'sample' });

const web = new ExposedApp(chart, 'Web', {
  serviceName: 'sample-web',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 8888 }],
  container: { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
});

const gateway = new Gateway(chart, 'Gateway', {
  gatewayName: 'sample-gateway',
  gatewayClassName: 'eg',
  listeners: [
    { name: 'http', protocol: ListenerProtocol.HTTP, hostname: 'sample.example.com' },
    {
      name: 'https',
      protocol: ListenerProtocol.HTTPS,
      hostname: 'sample.example.com', // cert-manager issues certificates for listeners with a hostname only
      tls: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt' }),
    },
  ],
});

new HttpRoute(chart, 'WebRoute', {
  routeName: 'sample-web',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })],
  hostnames: ['sample.example.com'],
  // a port name is resolved on the Service: Gateway API refers to ports by number
  rules: [{ backends: [{ backend: ServiceBackend.fromServicePattern(web, { portName: 'http' }) }] }],
});

new HttpRoute(chart, 'HttpsRedirect', {
  routeName: 'sample-web-https-redirect',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'http' })],
  hostnames: ['sample.example.com'],
  rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }],
});

app.synth();
