// kubia on node port 30124 with externalTrafficPolicy Local: the client IP is kept and there is no extra hop,
// but only nodes that run a kubia pod answer, and traffic is spread per node, not per pod.
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType, ExternalTrafficPolicy } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-nodeport-onlylocal');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia-nodeport-onlylocal',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80, nodePort: 30124 }],
  externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }],
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia' }, replicas: 3 },
});

app.synth();
