// The textbook Ingress: sample.example.com/path1 -> svc-1:8888, /path2 -> svc-2:8888, everything else ->
// sample-ingress-default:8888, IngressClass nginx, TLS from the Secret `tls-sample`.
//
// The Secret is created outside the app, so no private key is ever committed:
//   kubectl create secret tls tls-sample --cert=tls.crt --key=tls.key
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServiceBackend, TlsIngress, TlsSource } from '../../src';

/** A small nginx Deployment behind a ClusterIP Service `<name>` on port 8888. */
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

const app = new App();
const chart = new Chart(app, 'sample-ingress');

const svc1 = backendService(chart, 'svc-1');
const svc2 = backendService(chart, 'svc-2');
const fallback = backendService(chart, 'sample-ingress-default');

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
  nginx: {}, // HTTP -> HTTPS redirect (on by default with TLS)
});

app.synth();
