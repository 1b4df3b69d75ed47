// The way off ingress-nginx without rewriting routes: the textbook sample-ingress TlsIngress, unchanged, also
// emitted as Gateway API routes on a Gateway (gatewayApi), with the Ingress kept for the cutover (keepIngress):
// both serve until DNS or the load balancer moves to the Gateway; then drop keepIngress. Its routes equal the
// hand-built ones of examples/gateway-sample-ingress (a test asserts it).
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Gateway, ListenerProtocol, RouteParent, ServiceBackend, TlsIngress, TlsSource } from '../../src';

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
const chart = new Chart(app, 'gateway-migration');

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

new TlsIngress(chart, 'SampleIngress', {
  ingressName: 'sample-ingress',
  ingressClassName: 'nginx',
  rules: [{
    host: 'sample.example.com',
    paths: [
      { path: '/path1', backend: ServiceBackend.fromService(svc1) },
      { path: '/path2', backend: ServiceBackend.fromService(svc2) },
    ],
  }],
  defaultBackend: ServiceBackend.fromService(fallback),
  tls: [{ hosts: ['sample.example.com'], source: TlsSource.fromExistingSecret('tls-sample') }],
  nginx: {}, // HTTP -> HTTPS redirect (on by default with TLS): a redirect route on the HTTP listener
  gatewayApi: {
    parents: [RouteParent.fromGateway(gateway, { sectionName: 'https' })],
    redirectParents: [RouteParent.fromGateway(gateway, { sectionName: 'http' })],
    keepIngress: true,
  },
});

app.synth();
