/**
 * The cdk8s validation plugin (src/plugin.ts) over plain manifests — an app that uses none of this library's
 * constructs — with a fake of the cdk8s CLI's validation context.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { judgeManifests, PluginContext, ServicePatternsValidationPlugin } from '../src/plugin';

const web = (extra: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 8080, name: 'http' }] }] } } },
  ...extra,
});
const service = (name: string, spec: object, annotations?: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop', ...(annotations ? { annotations } : {}) }, spec });
const ingress = (backend: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }] },
});

/** Runs the plugin on `manifests` written to a YAML file; returns the violations and the status it submitted. */
async function run(manifests: object[], properties = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-plugin-'));
  try {
    const file = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(file, Yaml.stringify(...manifests));
    const violations: any[] = [];
    let status: string | undefined;
    const context: PluginContext = {
      manifests: [file],
      parseManifest: (p) => Yaml.load(p),
      report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
      logger: { log: () => undefined },
    };
    await new ServicePatternsValidationPlugin(properties).validate(context);
    return { status, violations: violations.map((v) => `${v.ruleName} | ${v.violatingResources[0].locations[0]} | ${v.recommendation}`) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a dangling Ingress backend (warning) and a node port claimed twice (error): the report fails', async () => {
  const { status, violations } = await run([
    web(),
    service('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] }),
    service('admin', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 81, targetPort: 'http', nodePort: 30080 }] }),
    ingress('missing'),
  ]);
  expect(status).toBe('failure');
  expect(violations).toEqual([
    expect.stringMatching(/^SP_APP_NODE_PORT_CONFLICT \| Service shop\/admin: nodePort \| nodePort 30080: node port 30080 \(TCP\) is also claimed by Service shop\/web/),
    expect.stringMatching(/^SP_APP_BACKEND_UNKNOWN \(warning\) \| Ingress shop\/web: spec\.rules\[0\]\.http\.paths\[0\]\.backend \| .*"shop\/missing": no Service of this name is in the manifests/),
  ]);
});

test('fixed, it passes; a warning alone does not fail; severities and suppressions (with a reason) are honoured', async () => {
  const fixed = [web(), service('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] }), ingress('web')];
  expect(await run(fixed)).toEqual({ status: 'success', violations: [] });
  expect((await run([...fixed.slice(0, 2), ingress('elsewhere')])).status).toBe('success');
  expect((await run([...fixed.slice(0, 2), ingress('elsewhere')], { severities: { SP_APP_BACKEND_UNKNOWN: 'error' } })).status).toBe('failure');
  expect(await run([...fixed.slice(0, 2), ingress('elsewhere')], { severities: { SP_APP_BACKEND_UNKNOWN: 'off' } })).toEqual({ status: 'success', violations: [] });

  const suppressed = { ...ingress('elsewhere'), metadata: { name: 'web', namespace: 'shop', annotations: { 'ignore-check.cdk8s-service-patterns.io/SP_APP_BACKEND_UNKNOWN': 'deployed by the platform team' } } };
  expect(await run([...fixed.slice(0, 2), suppressed])).toEqual({ status: 'success', violations: [] });
  const noReason = { ...suppressed, metadata: { ...suppressed.metadata, annotations: { 'ignore-check.cdk8s-service-patterns.io/SP_APP_BACKEND_UNKNOWN': '' } } };
  const result = await run([...fixed.slice(0, 2), noReason]);
  expect(result.status).toBe('failure');
  expect(result.violations).toContainEqual(expect.stringMatching(/^SP_PLUGIN_SUPPRESSION \| Ingress shop\/web: metadata.annotations/));
});

test('Services that select no pods, and named target ports no selected container declares', () => {
  const findings = judgeManifests([
    web(),
    service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'metrics' }, { port: 81, targetPort: 'http' }] }),
    service('ghost', { selector: { app: 'ghost' }, ports: [{ port: 80 }] }),
    service('external', { ports: [{ port: 80 }] }),
  ]).map((f) => `${f.source} ${f.finding.code} ${f.finding.field}`);
  expect(findings).toEqual(['Service shop/ghost SP_APP_SERVICE_NO_PODS spec.selector', 'Service shop/web SP_APP_TARGET_PORT_UNKNOWN spec.ports[0].targetPort']);
});

test('the App-wide rules of the constructs run on any manifests: Gateway API included', () => {
  const findings = judgeManifests([
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'shop' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'shop' }, spec: { parentRefs: [{ name: 'gw', sectionName: 'https' }], rules: [{}] } },
  ]).map((f) => `${f.source} ${f.finding.code}`);
  expect(findings).toEqual(['HTTPRoute shop/r SP_APP_ROUTE_LISTENER_UNKNOWN']);
});
