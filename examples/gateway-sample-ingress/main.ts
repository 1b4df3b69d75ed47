// The textbook Ingress (examples/sample-ingress) as Gateway API: sample.example.com/path1 -> svc-1:8888,
// /path2 -> svc-2:8888, everything else -> sample-ingress-default:8888, HTTPS terminated at the Gateway with the
// Secret `tls-sample`, and plain HTTP redirected to HTTPS by a route on the HTTP listener.
//
// The Secret is created outside the app, so no private key is ever committed:
//   kubectl create secret tls tls-sample --cert=tls.crt --key=tls.key
//
// The GatewayClass `eg` is Envoy Gateway's; use your implementation's (istio, cilium, nginx, ...).
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Gateway, HttpRoute, HttpRouteFilter, ListenerProtocol, RouteParent, ServiceBackend, TlsSource } from '../../src';

/** A small nginx Deployment behind a ClusterIP Service `<name>` on port 8888 (as in examples/sample-ingress). */
function backendService(scope: Construct, name: string): kplus.Service {
  const tmp = kplus.Volume.fromEmptyDir(scope, `${name}-tmp`, 'tmp');
  const deployment = new kplus.Deployment(scope, name, {
    metadata: { name },
    containers: [{
      image: 'nginxinc/nginx-unprivileged:1.27',
      ports: [{ number: 8080, name: 'http' }],
      readiness: kplus.Probe.fromHttpGet('/', { port: 8080 }),
      volumeMounts: [{ path: '/tmp', volume: tmp }],
    }],
  });
  return deployment.exposeViaService({ name, ports: [{ port: 8888, targetPort: 8080 }] });
}

export const app = new App();
const chart = new Chart(app, 'gateway-sample-ingress');

const svc1 = backendService(chart, 'svc-1');
const svc2 = backendService(chart, 'svc-2');
const fallback = backendService(chart, 'sample-ingress-default');

const gateway = new Gateway(chart, 'Gateway', {
  gatewayName: 'sample-gateway',
  gatewayClassName: 'eg',
  listeners: [
    { name: 'http', protocol: ListenerProtocol.HTTP, hostname: 'sample.example.com' },
    { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'sample.example.com', tls: TlsSource.fromExistingSecret('tls-sample') },
  ],
});

// The Ingress rules: the longest matching prefix wins, so PathPrefix "/" (a rule without matches) plays the
// Ingress's defaultBackend for this host.
new HttpRoute(chart, 'SampleRoute', {
  routeName: 'sample-ingress',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })],
  hostnames: ['sample.example.com'],
  rules: [
    { matches: [{ path: '/path1' }], backends: [{ backend: ServiceBackend.fromService(svc1) }] },
    { matches: [{ path: '/path2' }], backends: [{ backend: ServiceBackend.fromService(svc2) }] },
  ],
});

// The Ingress's defaultBackend applies to every host: a route with no hostnames (the most specific route wins, so
// /path1 and /path2 of sample.example.com still go to their Services).
new HttpRoute(chart, 'DefaultRoute', {
  routeName: 'sample-ingress-default',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })],
  rules: [{ backends: [{ backend: ServiceBackend.fromService(fallback) }] }],
});

// What ingress-nginx's ssl-redirect annotation did: every plain-HTTP request gets a 301 to https://.
new HttpRoute(chart, 'HttpsRedirect', {
  routeName: 'sample-ingress-https-redirect',
  parents: [RouteParent.fromGateway(gateway, { sectionName: 'http' })],
  hostnames: ['sample.example.com'],
  rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }],
});

app.synth();
