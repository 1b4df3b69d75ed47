// A ClusterIP Service that lists pods before they are ready (publishNotReadyAddresses), for peers that must find
// each other to become ready at all (cluster bootstrap, leader election).
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-publish-not-ready');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia-not-ready',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 80 }],
  publishNotReadyAddresses: true,
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }],
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia-not-ready' }, replicas: 3 },
});

app.synth();
