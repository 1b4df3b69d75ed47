// The textbook kubia behind a plain ClusterIP Service — the Service most apps use internally — with ClientIP
// session affinity: connections from one client IP go to the same pod. Nothing is opened on the nodes; reach it
// from outside through a Gateway route or an Ingress.
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType, SessionAffinity } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-clusterip');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia',
  type: ExposureType.CLUSTER_IP,
  ports: [{ name: 'http', port: 80 }],
  sessionAffinity: SessionAffinity.CLIENT_IP,
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }],
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia' }, replicas: 3 },
});

app.synth();
