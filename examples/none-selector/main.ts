// A Service without a selector, `sample-none-selector` on port 8080, whose endpoints are listed by hand:
// 192.168.1.1 and 192.168.1.2 on port 80.
//
// The textbook writes a v1 Endpoints object; EndpointObjects.BOTH keeps it (labelled skip-mirror) and also
// writes the discovery.k8s.io/v1 EndpointSlice kube-proxy reads (the Endpoints API is deprecated since 1.33).
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { EndpointObjects, ManualEndpointService } from '../../src';

const app = new App();
const chart = new Chart(app, 'sample-none-selector');

new ManualEndpointService(chart, 'SampleNoneSelector', {
  serviceName: 'sample-none-selector',
  ports: [{ port: 8080, targetPort: 80 }],
  members: [{ address: '192.168.1.1' }, { address: '192.168.1.2' }],
  endpointObjects: EndpointObjects.BOTH,
});

app.synth();
