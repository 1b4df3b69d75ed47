// kubia exposed on every node's port 30123: Service port 80 -> container port 8080 (by its name, "http").
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-nodeport');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia-nodeport',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80, nodePort: 30123 }],
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }],
    // cdk8s-plus requires a non-root user; the image would otherwise run as root.
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia' }, replicas: 3 },
});

app.synth();
