import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AliasTarget, EndpointObjects, ExternalAlias, HeadlessStatefulService, ManualEndpointService } from '../src';
import { synthAppValidated } from './support/synth';

/** Builds the same App every time: all three patterns, generated names included. */
function buildApp(): App {
  const app = Testing.app();
  const chart = new Chart(app, 'data', { namespace: 'data' });
  const zk = new HeadlessStatefulService(chart, 'Zk', {
    container: { image: 'zookeeper:3.9', ports: [{ number: 2181, name: 'client' }] },
    statefulSetProps: { replicas: 3 },
  });
  const existing = new kplus.StatefulSet(chart, 'Redis', { containers: [{ image: 'redis:7', ports: [{ number: 6379, name: 'redis' }] }] });
  new HeadlessStatefulService(chart, 'RedisHs', { statefulSet: existing });
  const web = new Chart(app, 'web', { namespace: 'web' });
  new ExternalAlias(web, 'Zk', { target: AliasTarget.fromServicePattern(zk) });
  new ManualEndpointService(web, 'Legacy', {
    ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
    members: [{ address: '2001:db8::2' }, { address: '192.0.2.2' }, { address: '192.0.2.1' }],
    endpointObjects: EndpointObjects.BOTH,
  });
  return app;
}

test('synthesizing the same App twice gives byte-identical YAML', () => {
  const first = buildApp().synthYaml();
  const second = buildApp().synthYaml();
  expect(second).toEqual(first);
  expect(first).not.toMatch(/creationTimestamp|[0-9]{4}-[0-9]{2}-[0-9]{2}T/);
  // and every object of it is schema-valid
  expect(synthAppValidated(buildApp()).length).toBeGreaterThan(5);
});
