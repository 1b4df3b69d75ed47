// The Service `sample-externalname` answers with a CNAME to external.example.com.
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { AliasTarget, ExternalAlias } from '../../src';

const app = new App();
const chart = new Chart(app, 'sample-externalname');

new ExternalAlias(chart, 'SampleExternalName', {
  serviceName: 'sample-externalname',
  target: AliasTarget.fromDnsName('external.example.com'),
});

// The same pattern pointing at a Service in another namespace.
new ExternalAlias(chart, 'SampleCrossNamespace', {
  serviceName: 'sample-cross-namespace',
  target: AliasTarget.fromServiceName('sample-headless', 'databases'),
  ports: [{ name: 'http-port', port: 80 }],
});

app.synth();
