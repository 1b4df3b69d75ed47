// kubia behind a cloud load balancer: Service port 80 -> container port 8080 (by its name, "http").
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-loadbalancer');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia-loadbalancer',
  type: ExposureType.LOAD_BALANCER,
  ports: [{ name: 'http', port: 80 }],
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }],
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia' }, replicas: 3 },
});

app.synth();
