import { App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import { ExposedApp, ExposureType, TargetPort } from '../../src';
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

describe('PatternObject rendering', () => {
  const nested = () => ({ type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80, name: 'http', extra: undefined }], empty: null });

  /** The same object in an App with cdk8s's resolvers only (fast path) and in one with a no-op resolver (cdk8s's path). */
  function bothWays(fields: { [field: string]: () => unknown }): { fast: any; cdk8s: any } {
    const fast = newObject(fields).toJson();
    const app = new App({ outdir: '/nonexistent', resolvers: [{ resolve: () => undefined }] });
    const chart = new Chart(app, 'test', { namespace: 'shop' });
    const cdk8s = new PatternObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, fields }).toJson();
    return { fast, cdk8s };
  }

  test('plain JSON renders as cdk8s renders it: same keys in the same order, null and undefined left out', () => {
    const { fast, cdk8s } = bothWays({ spec: nested, status: () => undefined });
    expect(fast).toEqual(cdk8s);
    expect(JSON.stringify(fast)).toEqual(JSON.stringify(cdk8s));
    expect(Object.keys(fast)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(fast.spec)).toEqual(['ports', 'selector', 'type']);
    expect(fast.spec.ports).toEqual([{ name: 'http', port: 80 }]);
  });

  test('an App resolver still sees every value of the object', () => {
    const app = new App({ outdir: '/nonexistent', resolvers: [{ resolve: (ctx) => { if (ctx.value === 80) ctx.replaceValue(8080); } }] });
    const obj = new PatternObject(new Chart(app, 'test'), 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, fields: { spec: nested } });
    expect(obj.toJson().spec.ports).toEqual([{ name: 'http', port: 8080 }]);
  });

  test('a token in a value is resolved, and a class instance refused, as cdk8s does', () => {
    expect(newObject({ spec: () => ({ type: Lazy.any({ produce: () => 'NodePort' }) }) }).toJson().spec).toEqual({ type: 'NodePort' });
    class NotJson { public readonly x = 1; }
    expect(() => newObject({ spec: () => ({ odd: new NotJson() }) }).toJson()).toThrow(/non-simple object of type 'NotJson'/);
  });

  test('a producer that throws fails the render with the object\'s path, as cdk8s reports it', () => {
    expect(() => newObject({ spec: () => { throw new Error('model broken'); } }).toJson()).toThrow(/test\/Svc.*model broken/);
  });

  test('CDK8S_DISABLE_SORT keeps the producers\' key order, as cdk8s does', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(Object.keys(newObject({ spec: () => ({ type: 'ClusterIP', ports: [] }) }).toJson().spec)).toEqual(['type', 'ports']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });
});

describe('PatternObject within a synth session', () => {
  function serviceApp(): { app: App; web: ExposedApp; renders: () => number } {
    const app = new App({ outdir: '/nonexistent' });
    const web = new ExposedApp(new Chart(app, 'shop', { namespace: 'shop' }), 'Web', {
      type: ExposureType.CLUSTER_IP, ports: [{ name: 'http', port: 80 }], container: { image: 'web:1', ports: [{ number: 8080, name: 'http' }] },
    });
    const spy = jest.spyOn(web as any, '_renderServiceSpec');
    return { app, web, renders: () => spy.mock.calls.length };
  }

  test('each field is produced once per synth: the checks and the YAML read the same value', () => {
    const { app, renders } = serviceApp();
    app.synthYaml();
    expect(renders()).toBe(1);
    app.synthYaml();
    expect(renders()).toBe(2);
  });

  test('a change between two synths is in the second one (nothing is kept across sessions)', () => {
    const { app, web } = serviceApp();
    expect(app.synthYaml()).not.toContain('name: metrics');
    web.addPort({ name: 'metrics', port: 9090, targetPort: TargetPort.number(8080) });
    expect(app.synthYaml()).toContain('name: metrics');
  });

  test('outside a session (Testing.synth), every render produces the fields afresh', () => {
    const { app, renders } = serviceApp();
    Testing.synth(app.charts[0]);
    const once = renders();
    Testing.synth(app.charts[0]);
    expect(renders()).toBe(once * 2);
  });
});
