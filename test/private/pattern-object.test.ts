import { Chart, JsonPatch, Testing } from 'cdk8s';
import { PatternObject } from '../../src/private/pattern-object';

function newObject(fields: { [field: string]: () => unknown }): PatternObject {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  return new PatternObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, fields });
}

describe('PatternObject', () => {
  test('renders its fields from the producers at synth', () => {
    let port = 80;
    const obj = newObject({ spec: () => ({ ports: [{ port }] }) });
    port = 81;
    expect(obj.toJson()).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 81 }] } });
  });

  test('a patch may add a field no typed import knows, and it is emitted', () => {
    const obj = newObject({ spec: () => ({ type: 'ClusterIP' }) });
    obj.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    expect(obj.toJson().spec).toEqual({ type: 'ClusterIP', trafficDistribution: 'PreferClose' });
  });

  test('unpatched, it is judged from the model, fields computed only when read', () => {
    let renders = 0;
    const obj = newObject({ spec: () => { renders++; return { type: 'NodePort' }; } });
    const manifest = obj.judgedManifest();
    expect(obj.patched).toBe(false);
    expect(manifest.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(renders).toBe(0);
    expect(manifest.spec).toEqual({ type: 'NodePort' });
    expect(manifest.spec).toEqual({ type: 'NodePort' });
    expect(renders).toBe(1);
  });

  test('unpatched, labels and annotations added after construction are judged too', () => {
    const obj = newObject({ spec: () => ({}) });
    obj.metadata.addLabel('kubernetes.io/service-name', 'db');
    obj.metadata.addAnnotation('nginx.ingress.kubernetes.io/canary', 'true');
    const manifest = obj.judgedManifest();
    expect(manifest.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'db' });
    expect(manifest.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/canary': 'true' });
  });

  test('patched, it is judged from the resolved manifest, patch applied', () => {
    const obj = newObject({ spec: () => ({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }) });
    obj.addJsonPatch(JsonPatch.replace('/spec/ports/0/nodePort', 30081));
    expect(obj.patched).toBe(true);
    expect(obj.judgedManifest().spec.ports).toEqual([{ port: 80, nodePort: 30081 }]);
  });
});
