// A 3-replica nginx StatefulSet behind the headless Service `sample-headless`: every pod gets a stable DNS
// name sample-statefulset-headless-<0..2>.sample-headless.default.svc.cluster.local.
//
// In your own app, import from 'cdk8s-service-patterns' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { HeadlessStatefulService, TargetPort } from '../../src';

const app = new App();
const chart = new Chart(app, 'sample-headless');

const tmp = kplus.Volume.fromEmptyDir(chart, 'tmp', 'tmp');
const headless = new HeadlessStatefulService(chart, 'SampleHeadless', {
  serviceName: 'sample-headless',
  // The Service port 80 targets the container port by name, so the container can listen on 8080
  // (cdk8s-plus runs containers as non-root, and the unprivileged nginx image listens on 8080).
  ports: [{ name: 'http-port', port: 80, targetPort: TargetPort.named('http-port') }],
  container: {
    name: 'nginx-container',
    image: 'nginxinc/nginx-unprivileged:1.27',
    ports: [{ number: 8080, name: 'http-port' }],
    readiness: kplus.Probe.fromHttpGet('/', { port: 8080 }),
    // cdk8s-plus makes the root filesystem read-only; nginx writes its pid and caches under /tmp.
    volumeMounts: [{ path: '/tmp', volume: tmp }],
  },
  statefulSetProps: {
    metadata: { name: 'sample-statefulset-headless' },
    replicas: 3,
  },
});

// The values users otherwise hand-compute, as plain strings: e.g. a peer list for a client of the pods.
new kplus.ConfigMap(chart, 'Peers', {
  metadata: { name: 'sample-headless-peers' },
  data: {
    SERVICE: headless.dnsName,
    PEERS: headless.podDnsNames.join(','),
  },
});

app.synth();
