// The textbook Ingress with its certificate issued by cert-manager: the ClusterIssuer `letsencrypt-prod`
// (created outside the app) fills the Secret `sample-ingress-tls`. An ExposedApp is the backend.
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType, ServiceBackend, TlsIngress, TlsSource } from '../../src';

const app = new App();
const chart = new Chart(app, 'sample-ingress-cert-manager');

const web = new ExposedApp(chart, 'Web', {
  serviceName: 'sample-web',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 8888 }],
  container: { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }], securityContext: { user: 1000 } },
});

const ingress = new TlsIngress(chart, 'SampleIngress', {
  ingressName: 'sample-ingress',
  ingressClassName: 'nginx',
  rules: [{
    host: 'sample.example.com',
    paths: [{ path: '/', backend: ServiceBackend.fromServicePattern(web, { portName: 'http' }) }],
  }],
  tls: [{ hosts: ['sample.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt-prod' }) }],
  nginx: {},
});

// The URLs it serves, e.g. for a smoke test: ['https://sample.example.com/']
void ingress.urls;

app.synth();
