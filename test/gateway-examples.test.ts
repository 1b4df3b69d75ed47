/**
 * The Gateway API example apps under examples/gateway-*: each app's charts are synthesized through the test
 * helper (every object validated against the Kubernetes schema, or the Gateway API CRD schema and its CEL rules),
 * and the fields that make the pattern work are asserted one by one.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { findAll, findOne, synthAppValidated } from './support/synth';

const EXAMPLES = path.join(__dirname, '..', 'examples');
const GATEWAY_API = 'gateway.networking.k8s.io/v1';

/**
 * Loads an example app (which synthesizes on load, as `cdk8s synth` runs it: into a temporary directory here)
 * and returns its manifests, every chart synthesized and validated by the test helper.
 */
function synthExample(name: string): any[] {
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  let app: App;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each example is a script that synthesizes on load
    app = require(path.join(EXAMPLES, name, 'main.ts')).app;
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
  expect(app).toBeInstanceOf(App);
  return synthAppValidated(app);
}

/** The HTTP → HTTPS redirect route on listener `http` of `gateway` for `hostname`. */
function expectHttpsRedirect(route: any, parentRef: { [key: string]: string }, hostname: string): void {
  expect(route.apiVersion).toBe(GATEWAY_API);
  expect(route.spec).toEqual({
    parentRefs: [parentRef],
    hostnames: [hostname],
    rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
  });
}

test('every Gateway API example is covered here', () => {
  const dirs = fs.readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.startsWith('gateway-')).map((d) => d.name).sort();
  expect(dirs).toEqual([
    'gateway-canary', 'gateway-cert-manager', 'gateway-cross-namespace', 'gateway-migration', 'gateway-migration-canary', 'gateway-platform-gateway', 'gateway-sample-ingress',
  ]);
});

test('gateway-sample-ingress: the textbook Ingress as a Gateway, an HTTPRoute and an HTTP -> HTTPS redirect', () => {
  const manifests = synthExample('gateway-sample-ingress');
  const gateway = findOne(manifests, 'Gateway', 'sample-gateway');
  expect(gateway.apiVersion).toBe(GATEWAY_API);
  expect(gateway.spec).toEqual({
    gatewayClassName: 'eg',
    listeners: [
      { name: 'http', protocol: 'HTTP', port: 80, hostname: 'sample.example.com' },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'sample.example.com',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'tls-sample' }] },
      },
    ],
  });
  expect(findOne(manifests, 'HTTPRoute', 'sample-ingress').spec).toEqual({
    parentRefs: [{ name: 'sample-gateway', sectionName: 'https' }],
    hostnames: ['sample.example.com'],
    rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/path1' } }], backendRefs: [{ name: 'svc-1', port: 8888 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/path2' } }], backendRefs: [{ name: 'svc-2', port: 8888 }] },
    ],
  });
  // the Ingress's defaultBackend: a route of every hostname (no hostnames, no matches: PathPrefix "/")
  expect(findOne(manifests, 'HTTPRoute', 'sample-ingress-default').spec).toEqual({
    parentRefs: [{ name: 'sample-gateway', sectionName: 'https' }],
    rules: [{ backendRefs: [{ name: 'sample-ingress-default', port: 8888 }] }],
  });
  expectHttpsRedirect(findOne(manifests, 'HTTPRoute', 'sample-ingress-https-redirect'), { name: 'sample-gateway', sectionName: 'http' }, 'sample.example.com');
  // the same backends as examples/sample-ingress, on the port the routes use
  expect(findAll(manifests, 'Service').map((s) => [s.metadata.name, s.spec.ports.map((p: any) => p.port)])).toEqual([
    ['svc-1', [8888]], ['svc-2', [8888]], ['sample-ingress-default', [8888]],
  ]);
  // the Secret is created outside the app: no Secret, and so no key, is emitted; no grant is needed
  expect(findAll(manifests, 'Secret')).toEqual([]);
  expect(findAll(manifests, 'ReferenceGrant')).toEqual([]);
  expect(findAll(manifests, 'Ingress')).toEqual([]);
});

test('gateway-cert-manager: the HTTPS listener\'s certificate comes from the ClusterIssuer letsencrypt', () => {
  const manifests = synthExample('gateway-cert-manager');
  const gateway = findOne(manifests, 'Gateway', 'sample-gateway');
  expect(gateway.metadata).toEqual({ name: 'sample-gateway', namespace: 'sample', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
  expect(gateway.spec.listeners).toEqual([
    { name: 'http', protocol: 'HTTP', port: 80, hostname: 'sample.example.com' },
    {
      name: 'https',
      protocol: 'HTTPS',
      port: 443,
      hostname: 'sample.example.com',
      // the Secret cert-manager's gateway-shim fills
      tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'sample-gateway-https-tls' }] },
    },
  ]);
  const route = findOne(manifests, 'HTTPRoute', 'sample-web');
  expect(route.metadata.namespace).toBe('sample');
  expect(route.spec).toEqual({
    parentRefs: [{ name: 'sample-gateway', sectionName: 'https' }],
    hostnames: ['sample.example.com'],
    // portName "http" resolved to the Service port's number
    rules: [{ backendRefs: [{ name: 'sample-web', port: 8888 }] }],
  });
  expect(findOne(manifests, 'Service', 'sample-web').spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 8888 }] });
  expectHttpsRedirect(findOne(manifests, 'HTTPRoute', 'sample-web-https-redirect'), { name: 'sample-gateway', sectionName: 'http' }, 'sample.example.com');
  expect(findAll(manifests, 'Secret')).toEqual([]);
});

test('gateway-canary: 90/10 between web-stable and web-canary, testers pinned to the canary by a header', () => {
  const manifests = synthExample('gateway-canary');
  expect(findOne(manifests, 'Gateway', 'shop').spec.listeners).toEqual([{
    name: 'https',
    protocol: 'HTTPS',
    port: 443,
    hostname: 'shop.example.com',
    tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-tls' }] },
  }]);
  const route = findOne(manifests, 'HTTPRoute', 'web');
  expect(route.metadata.namespace).toBe('shop');
  expect(route.spec.parentRefs).toEqual([{ name: 'shop', sectionName: 'https' }]);
  expect(route.spec.hostnames).toEqual(['shop.example.com']);
  expect(route.spec.rules).toEqual([
    {
      name: 'canary-testers',
      matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'always', type: 'Exact' }] }],
      backendRefs: [{ name: 'web-canary', port: 80 }],
    },
    {
      name: 'split',
      backendRefs: [{ name: 'web-stable', port: 80, weight: 90 }, { name: 'web-canary', port: 80, weight: 10 }],
      timeouts: { request: '10s' },
    },
  ]);
  // the two versions are two Deployments behind their own Services, with the image of each version
  for (const [name, image] of [['web-stable', 'example/web:1.0'], ['web-canary', 'example/web:2.0']]) {
    const deployment = findOne(manifests, 'Deployment', name);
    expect(deployment.spec.template.spec.containers[0].image).toBe(image);
    expect(findOne(manifests, 'Service', name).spec.selector).toEqual(deployment.spec.selector.matchLabels);
  }
});

test('gateway-cross-namespace: a route of shop reaches a Service of catalog through the ReferenceGrant it adds', () => {
  const manifests = synthExample('gateway-cross-namespace');
  const route = findOne(manifests, 'HTTPRoute', 'shop');
  expect(route.metadata.namespace).toBe('shop');
  expect(route.spec).toEqual({
    parentRefs: [{ name: 'shop', sectionName: 'https' }],
    hostnames: ['shop.example.com'],
    rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/catalog' } }], backendRefs: [{ name: 'catalog', namespace: 'catalog', port: 8080 }] },
      { backendRefs: [{ name: 'storefront', port: 80 }] },
    ],
  });
  expect(findOne(manifests, 'Service', 'catalog').metadata.namespace).toBe('catalog');
  const grant = findOne(manifests, 'ReferenceGrant');
  expect(grant.apiVersion).toBe(GATEWAY_API);
  expect(grant.metadata).toEqual({ name: 'allow-from-shop', namespace: 'catalog' });
  expect(grant.spec).toEqual({
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
    to: [{ group: '', kind: 'Service', name: 'catalog' }],
  });
  expect(findOne(manifests, 'Gateway', 'shop').metadata.namespace).toBe('shop');
});

test('gateway-cross-namespace: the grant is emitted with the catalog chart, next to the Service it opens', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-gateway-cross-namespace-files-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- each example is a script that synthesizes on load
      require(path.join(EXAMPLES, 'gateway-cross-namespace', 'main.ts'));
    });
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
  expect(fs.readdirSync(outdir).sort()).toEqual(['catalog.k8s.yaml', 'shop.k8s.yaml']);
  const kinds = (file: string) => [...fs.readFileSync(path.join(outdir, file), 'utf8').matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]).sort();
  expect(kinds('catalog.k8s.yaml')).toEqual(['Deployment', 'ReferenceGrant', 'Service']);
  expect(kinds('shop.k8s.yaml')).toEqual(['Deployment', 'Gateway', 'HTTPRoute', 'Service']);
});

test('gateway-platform-gateway: routes attach to the platform\'s shared-gateway in infra, emitting no Gateway', () => {
  const manifests = synthExample('gateway-platform-gateway');
  expect(findAll(manifests, 'Gateway')).toEqual([]);
  const route = findOne(manifests, 'HTTPRoute', 'shop');
  expect(route.metadata.namespace).toBe('shop');
  expect(route.spec.parentRefs).toEqual([{ name: 'shared-gateway', namespace: 'infra', sectionName: 'https' }]);
  expect(route.spec.hostnames).toEqual(['shop.example.com']);
  expect(route.spec.rules).toEqual([
    {
      matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
      backendRefs: [{ name: 'api', port: 8080 }],
      timeouts: { request: '15s', backendRequest: '5s' },
    },
    {
      filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }] } }],
      backendRefs: [{ name: 'web', port: 80 }],
    },
  ]);
  expectHttpsRedirect(findOne(manifests, 'HTTPRoute', 'shop-https-redirect'), { name: 'shared-gateway', namespace: 'infra', sectionName: 'http' }, 'shop.example.com');
  // the backends are in the route's namespace: no grant
  expect(findAll(manifests, 'ReferenceGrant')).toEqual([]);
});

test('gateway-migration: the textbook TlsIngress through the Gateway API switch equals the hand-built routes (names aside), the Ingress kept', () => {
  const migrated = synthExample('gateway-migration');
  const handBuilt = synthExample('gateway-sample-ingress');
  const routes = (manifests: any[]) => findAll(manifests, 'HTTPRoute').map((r) => r.spec);
  expect(routes(migrated)).toEqual(routes(handBuilt));
  expect(findAll(migrated, 'HTTPRoute').map((r) => r.metadata.name)).toEqual(['sample-ingress', 'sample-ingress-default', 'sample-ingress-https-redirect']);
  expect(findOne(migrated, 'Gateway', 'sample-gateway').spec).toEqual(findOne(handBuilt, 'Gateway', 'sample-gateway').spec);
  // the cutover: the Ingress is still emitted next to the routes
  expect(findOne(migrated, 'Ingress', 'sample-ingress').spec.rules[0].host).toBe('sample.example.com');
});

test('gateway-migration-canary: an ingress-nginx canary pair becomes the weights and header rule of one route, the Ingresses kept', () => {
  const manifests = synthExample('gateway-migration-canary');
  expect(findAll(manifests, 'HTTPRoute').map((r) => r.metadata.name)).toEqual(['web']);
  expect(findOne(manifests, 'HTTPRoute', 'web').spec).toEqual({
    parentRefs: [{ name: 'shop', sectionName: 'https' }],
    hostnames: ['shop.example.com'],
    rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web-stable', port: 80, weight: 90 }, { name: 'web-canary', port: 80, weight: 10 }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'always', type: 'Exact' }] }],
        backendRefs: [{ name: 'web-canary', port: 80 }],
      },
    ],
  });
  // the cutover: both Ingresses still emitted, the canary with its annotations
  expect(findAll(manifests, 'Ingress').map((i) => [i.metadata.name, i.metadata.annotations?.['nginx.ingress.kubernetes.io/canary-weight']]))
    .toEqual([['web', undefined], ['web-canary', '10']]);
});
