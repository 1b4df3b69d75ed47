/**
 * The App report judges the App as it is at every synth, and judges what is emitted: the done-when cases of the
 * core rebuild (same-tick re-synth, props mutated after construction, JSON patches on this library's objects).
 */
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AliasTarget, ExposedApp, ExposureType, ExternalAlias, HeadlessService, HeadlessStatefulService, ManualEndpointService, TargetPort } from '../src';
import { findOne, newChart, synthErrors, synthQuietly, synthValidated, warningsOf } from './support/synth';

const KUBIA = { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] };

const codesOf = (errors: string[]) => errors.map((e) => e.match(/\((SP_[A-Z0-9_]+)\)$/)?.[1]);

describe('re-synth in one tick', () => {
  test('a workload changed after a first synth is judged again: a duplicate container name is found', () => {
    // GIVEN an App that synthesizes cleanly
    const chart = newChart({ namespace: 'shop' });
    const web = new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: { name: 'main', ...KUBIA } });
    synthValidated(chart);
    // WHEN the Deployment gets a second container with the same name, in the same tick
    web.deployment!.addContainer({ name: 'main', image: 'sidecar' });
    // THEN the second synth reports it
    expect(codesOf(synthErrors(chart))).toEqual(['SP_CONTAINER_NAME_DUPLICATE']);
  });

  test('a broken App that is fixed in the same tick passes', () => {
    // GIVEN a Service targeting a container port the brought Deployment does not declare yet
    const chart = newChart({ namespace: 'shop' });
    const deployment = new kplus.Deployment(chart, 'Dep', { containers: [{ image: 'luksa/kubia' }] });
    new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], deployment });
    expect(codesOf(synthErrors(chart))).toEqual(['SP_TARGET_PORT_UNKNOWN']);
    // WHEN the container declares the port
    deployment.containers[0].addPort({ number: 8080, name: 'http' });
    // THEN the next synth passes
    expect(findOne(synthValidated(chart), 'Service', 'web').spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]);
  });

  test('two app.synthYaml() calls of one tick are two synths: the second judges the App again', () => {
    // GIVEN an App synthesized with app.synthYaml() (one synth session: the outcome is reused across its charts)
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'shop' });
    const b = new Chart(app, 'b', { namespace: 'shop' });
    const db = new ManualEndpointService(a, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.1' }] });
    new HeadlessService(b, 'Hs', { serviceName: 'hs' });
    expect(app.synthYaml()).toContain('name: db');
    // WHEN a member the API server refuses is added, in the same tick
    db.addMember({ address: '127.0.0.1' });
    // THEN the next synth session reports it
    expect(() => app.synthYaml()).toThrow(/SP_MEMBER_ADDRESS_SPECIAL/);
  });

  test('a props array changed in place after a synth changes neither output nor findings', () => {
    // GIVEN a synthesized App
    const chart = newChart({ namespace: 'shop' });
    const ports = [{ name: 'http', port: 80, targetPort: TargetPort.named('http') }];
    new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports, container: KUBIA });
    const first = synthValidated(chart);
    // WHEN the caller's array is changed in place, in the same tick
    ports[0].port = 0;
    ports.push({ name: 'x', port: -1, targetPort: TargetPort.named('nope') });
    // THEN the next synth is the same, and valid
    expect(synthValidated(chart)).toEqual(first);
  });
});

describe('what is emitted is what is judged', () => {
  test('a label deleted from the props after construction is still emitted and still checked', () => {
    const chart = newChart({ namespace: 'shop' });
    const labels: { [key: string]: string } = { 'bad key!': 'x' };
    new HeadlessService(chart, 'Hs', { serviceName: 'hs', labels });
    delete labels['bad key!'];
    labels.added = 'later';
    const errors = synthErrors(chart);
    expect(codesOf(errors)).toEqual(['SP_LABEL_KEY']);
    expect(errors[0]).toContain('labels key "bad key!"');
  });

  test('a JSON patch on this library\'s Service is judged by the App-wide checks, as on a raw object', () => {
    // GIVEN two Services, the second patched to take the first one's node port
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    new ExposedApp(chart, 'A', { serviceName: 'a', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30080 }], container: KUBIA });
    const b = new ExposedApp(chart, 'B', { serviceName: 'b', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30081 }], container: KUBIA });
    b.service.addJsonPatch(JsonPatch.replace('/spec/ports/0/nodePort', 30080));
    // THEN the conflict is reported at the patched construct
    expect(synthErrors(chart)).toEqual([
      '[c/B] nodePort 30080: node port 30080 (TCP) is also claimed by c/A (TCP); a node port is one number cluster-wide, whatever the protocol, so the second Service is refused. Fix: give one of the Services another node port, or leave nodePort out to let the cluster allocate one (SP_APP_NODE_PORT_CONFLICT)',
    ]);
  });

  test('a JSON patch that adds a field the typed imports do not know is emitted', () => {
    const chart = newChart({ namespace: 'shop' });
    const web = new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    web.service.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    expect(findOne(Testing.synth(chart), 'Service', 'web').spec.trafficDistribution).toEqual('PreferClose');
  });

  test('a patch renaming this library\'s Service is judged by its emitted name', () => {
    const chart = newChart({ namespace: 'shop' });
    new ManualEndpointService(chart, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.1' }] });
    const other = new ManualEndpointService(chart, 'Cache', { serviceName: 'cache', ports: [{ port: 6379 }], members: [{ address: '192.0.2.2' }] });
    other.service.addJsonPatch(JsonPatch.replace('/metadata/name', 'db'));
    expect(codesOf(synthErrors(chart))).toEqual(['SP_APP_DUPLICATE_OBJECT']);
  });
});

describe('the report', () => {
  test('is one construct per App, found again by every construct', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new HeadlessService(a, 'One', { serviceName: 'one' });
    new HeadlessService(b, 'Two', { serviceName: 'two' });
    expect(app.node.children.filter((c) => !(c instanceof Chart)).map((c) => c.node.id)).toEqual(['cdk8s-service-patterns.Report']);
  });

  test('a construct removed from the tree is no longer judged', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Bad', { serviceName: 'Bad_Name' });
    chart.node.tryRemoveChild('Bad');
    expect(synthValidated(chart)).toEqual([]);
  });
});

describe('objects of other constructs are judged by their resolved manifest', () => {
  test('a JSON patch on a cdk8s-plus StatefulSet\'s serviceName is seen by the governing-Service check', () => {
    // GIVEN a StatefulSet governed by this library's headless Service, and another one patched to the same name
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    new HeadlessStatefulService(chart, 'Zk', { serviceName: 'zk', container: { image: 'zk', ports: [{ number: 2181, name: 'client' }] } });
    const other = new kplus.StatefulSet(chart, 'Other', { containers: [{ image: 'x', portNumber: 2181 }] });
    ApiObject.of(other).addJsonPatch(JsonPatch.replace('/spec/serviceName', 'zk'));
    // THEN the conflict is found
    expect(codesOf(synthErrors(chart))).toEqual(['SP_APP_GOVERNING_SERVICE_CONFLICT']);
  });
});

describe('values that assume the default namespace', () => {
  test('reading a DNS name without a namespace warns, naming the values; with one it does not', () => {
    const chart = newChart();
    const web = new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    expect(web.dnsName).toBe('web.default.svc.cluster.local');
    new ExternalAlias(chart, 'Alias', { serviceName: 'alias', namespace: 'other', target: AliasTarget.fromServicePattern(web) });
    synthQuietly(chart);
    expect(warningsOf(web)).toEqual([expect.stringMatching(/^namespace \["dnsName","the DNS name an ExternalAlias points at"\]: these values assume namespace "default", and neither the construct nor its chart sets a namespace.*\(SP_NAMESPACE_ASSUMED\)$/)]);

    const named = newChart({ namespace: 'shop' });
    const shop = new ExposedApp(named, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    expect(shop.dnsName).toBe('web.shop.svc.cluster.local');
    synthQuietly(named);
    expect(warningsOf(shop)).toEqual([]);
  });

  test('objects without a namespace in an App whose other objects have one: the App-wide checks warn', () => {
    const chart = newChart();
    const web = new ExposedApp(chart, 'Web', { serviceName: 'web', type: ExposureType.CLUSTER_IP, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    synthQuietly(chart);
    expect(warningsOf(web)).toEqual([]);
    new ExposedApp(chart, 'Api', { serviceName: 'api', namespace: 'api', type: ExposureType.CLUSTER_IP, ports: [{ name: 'http', port: 80 }], container: KUBIA });
    synthQuietly(chart);
    expect(warningsOf(web)).toEqual([expect.stringMatching(/^namespace: the objects have no namespace and other objects of the App have one.*\(SP_NAMESPACE_ASSUMED\)$/)]);
  });
});
