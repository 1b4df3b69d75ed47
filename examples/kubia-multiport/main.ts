// A multi-port ClusterIP Service targeting named container ports: the Service says "http" and "https", the
// container says which numbers they are, so the numbers can change without touching the Service. In-cluster
// clients prefer pods in their own zone (trafficDistribution: PreferSameZone, Kubernetes 1.34+; it replaces
// PreferClose, deprecated from 1.35).
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposureType, TargetPort, TrafficDistribution } from '../../src';

const app = new App();
const chart = new Chart(app, 'kubia-multiport');

new ExposedApp(chart, 'Kubia', {
  serviceName: 'kubia-multiport',
  type: ExposureType.CLUSTER_IP,
  ports: [
    { name: 'http', port: 80, targetPort: TargetPort.named('http') },
    { name: 'https', port: 443, targetPort: TargetPort.named('https') },
  ],
  trafficDistribution: TrafficDistribution.PREFER_SAME_ZONE,
  container: {
    image: 'luksa/kubia',
    ports: [{ number: 8080, name: 'http' }, { number: 8443, name: 'https' }],
    securityContext: { user: 1000 },
  },
  deploymentProps: { metadata: { name: 'kubia-multiport' }, replicas: 3 },
});

app.synth();
