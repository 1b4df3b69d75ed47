// kubia with ClientIP session affinity: connections from one client IP go to the same pod for an hour.
// Affinity is L4 (by IP): no cookies, and every client behind one NAT lands on the same pod.
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType, SessionAffinity } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-session-affinity');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia-svc-client-ip-session-affinity',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80 }],
  sessionAffinity: SessionAffinity.CLIENT_IP,
  sessionAffinityTimeoutSeconds: 3600,
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }],
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia' }, replicas: 3 },
});

app.synth();
