/**
 * The example apps under examples/ synthesize, every object they emit passes schema validation, and they
 * reproduce the textbook manifests they are named after.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { schemaViolations } from './support/k8s-schema';
import { findAll, findOne } from './support/synth';

const EXAMPLES = path.join(__dirname, '..', 'examples');

/** Runs an example app as `cdk8s synth` does, into `outdir`, and returns its YAML files (name -> text), sorted. */
function runExample(name: string, outdir: string): Array<[string, string]> {
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- each example is a script that synthesizes on load
      require(path.join(EXAMPLES, name, 'main.ts'));
    });
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
  return fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml')).sort().map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]);
}

/** Runs an example app into a temporary directory and returns its schema-validated objects. */
function synthExample(name: string): any[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  const manifests = runExample(name, outdir).flatMap(([f]) => Yaml.load(path.join(outdir, f)));
  const violations = manifests.flatMap((m) => schemaViolations(m));
  expect(violations).toEqual([]);
  return manifests;
}

test('every example app has a cdk8s.yaml and a main.ts', () => {
  const dirs = fs.readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(dirs.length).toBeGreaterThanOrEqual(3);
  for (const dir of dirs) {
    expect(fs.existsSync(path.join(EXAMPLES, dir, 'cdk8s.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(EXAMPLES, dir, 'main.ts'))).toBe(true);
  }
});

test('headless-statefulset: a 3-replica nginx StatefulSet behind headless sample-headless', () => {
  const manifests = synthExample('headless-statefulset');
  const service = findOne(manifests, 'Service', 'sample-headless');
  const sts = findOne(manifests, 'StatefulSet', 'sample-statefulset-headless');
  expect(findAll(manifests, 'Service')).toHaveLength(1);
  expect(service.spec).toMatchObject({ type: 'ClusterIP', clusterIP: 'None', ports: [{ name: 'http-port', port: 80, targetPort: 'http-port' }] });
  expect(service.spec.selector).toEqual(sts.spec.selector.matchLabels);
  expect(sts.spec.serviceName).toEqual('sample-headless');
  expect(sts.spec.replicas).toEqual(3);
  expect(sts.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http-port' }]);
  expect(findOne(manifests, 'ConfigMap').data.PEERS.split(',')).toEqual([0, 1, 2].map(
    (i) => `sample-statefulset-headless-${i}.sample-headless.default.svc.cluster.local`));
});

test('external-name: sample-externalname is a CNAME to external.example.com', () => {
  const manifests = synthExample('external-name');
  expect(findOne(manifests, 'Service', 'sample-externalname').spec).toEqual({ type: 'ExternalName', externalName: 'external.example.com' });
  expect(findOne(manifests, 'Service', 'sample-cross-namespace').spec.externalName).toEqual('sample-headless.databases.svc.cluster.local');
});

test('none-selector: sample-none-selector port 8080 goes to 192.168.1.1 and 192.168.1.2 on port 80', () => {
  const manifests = synthExample('none-selector');
  const service = findOne(manifests, 'Service', 'sample-none-selector');
  expect(service.spec).toEqual({ type: 'ClusterIP', ipFamilies: ['IPv4'], ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }] });
  expect(findOne(manifests, 'Endpoints', 'sample-none-selector').subsets).toEqual([
    { addresses: [{ ip: '192.168.1.1' }, { ip: '192.168.1.2' }], ports: [{ port: 80, protocol: 'TCP' }] },
  ]);
  expect(findOne(manifests, 'EndpointSlice').endpoints.map((e: any) => e.addresses[0])).toEqual(['192.168.1.1', '192.168.1.2']);
});

describe('kubia examples (ExposedApp)', () => {
  const kubiaDeployment = (manifests: any[]) => {
    const deployment = findOne(manifests, 'Deployment', 'kubia');
    expect(deployment.spec.replicas).toEqual(3);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    return deployment;
  };

  test('kubia-nodeport: port 80 -> 8080 on node port 30123', () => {
    const manifests = synthExample('kubia-nodeport');
    const deployment = kubiaDeployment(manifests);
    expect(findOne(manifests, 'Service', 'kubia-nodeport').spec).toEqual({
      type: 'NodePort',
      selector: deployment.spec.selector.matchLabels,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30123 }],
    });
  });

  test('kubia-loadbalancer: a LoadBalancer on port 80 -> 8080', () => {
    const manifests = synthExample('kubia-loadbalancer');
    kubiaDeployment(manifests);
    expect(findOne(manifests, 'Service', 'kubia-loadbalancer').spec).toMatchObject({
      type: 'LoadBalancer',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
    });
  });

  test('kubia-nodeport-onlylocal: externalTrafficPolicy Local on node port 30124', () => {
    const manifests = synthExample('kubia-nodeport-onlylocal');
    kubiaDeployment(manifests);
    expect(findOne(manifests, 'Service', 'kubia-nodeport-onlylocal').spec).toMatchObject({
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30124 }],
    });
  });

  test('kubia-session-affinity: ClientIP affinity with a one-hour timeout', () => {
    const manifests = synthExample('kubia-session-affinity');
    kubiaDeployment(manifests);
    expect(findOne(manifests, 'Service', 'kubia-svc-client-ip-session-affinity').spec).toMatchObject({
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 3600 } },
    });
  });
});

describe('ClusterIP examples (ExposedApp with ExposureType.CLUSTER_IP)', () => {
  test('kubia-clusterip: the textbook kubia on a ClusterIP Service with ClientIP affinity', () => {
    const manifests = synthExample('kubia-clusterip');
    const deployment = findOne(manifests, 'Deployment', 'kubia');
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(findOne(manifests, 'Service', 'kubia').spec).toEqual({
      type: 'ClusterIP',
      selector: deployment.spec.selector.matchLabels,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
      sessionAffinity: 'ClientIP',
    });
  });

  test('kubia-multiport: two named ports targeting named container ports, PreferSameZone', () => {
    const manifests = synthExample('kubia-multiport');
    const deployment = findOne(manifests, 'Deployment', 'kubia-multiport');
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http' }, { containerPort: 8443, name: 'https' }]);
    expect(findOne(manifests, 'Service', 'kubia-multiport').spec).toEqual({
      type: 'ClusterIP',
      selector: deployment.spec.selector.matchLabels,
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      trafficDistribution: 'PreferSameZone',
    });
  });

  test('kubia-publish-not-ready: not-ready pods listed among the endpoints', () => {
    const manifests = synthExample('kubia-publish-not-ready');
    const service = findOne(manifests, 'Service', 'kubia-not-ready');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.publishNotReadyAddresses).toBe(true);
    expect(service.spec.selector).toEqual(findOne(manifests, 'Deployment', 'kubia-not-ready').spec.selector.matchLabels);
  });
});

describe('Ingress examples (TlsIngress)', () => {
  test('sample-ingress: the textbook host/path routing with TLS from an existing Secret', () => {
    const manifests = synthExample('sample-ingress');
    const ingress = findOne(manifests, 'Ingress', 'sample-ingress');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'sample-ingress-default', port: { number: 8888 } } },
      tls: [{ hosts: ['sample.example.com'], secretName: 'tls-sample' }],
      rules: [{
        host: 'sample.example.com',
        http: {
          paths: [
            { path: '/path1', pathType: 'Prefix', backend: { service: { name: 'svc-1', port: { number: 8888 } } } },
            { path: '/path2', pathType: 'Prefix', backend: { service: { name: 'svc-2', port: { number: 8888 } } } },
          ],
        },
      }],
    });
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
    expect(findAll(manifests, 'Service').map((s) => s.metadata.name)).toEqual(['svc-1', 'svc-2', 'sample-ingress-default']);
    // no Secret, and so no key, is emitted
    expect(findAll(manifests, 'Secret')).toEqual([]);
  });

  test('sample-ingress-cert-manager: the certificate comes from a cert-manager ClusterIssuer', () => {
    const manifests = synthExample('sample-ingress-cert-manager');
    const ingress = findOne(manifests, 'Ingress', 'sample-ingress');
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
    expect(ingress.spec.tls).toEqual([{ hosts: ['sample.example.com'], secretName: 'sample-ingress-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'sample-web', port: { name: 'http' } } });
    expect(findAll(manifests, 'Secret')).toEqual([]);
  });
});

test('no example commits key material', () => {
  const sources = fs.readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.includes('dist'))
    .map((f) => path.join(EXAMPLES, f))
    .filter((f) => fs.statSync(f).isFile());
  for (const file of sources) {
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  }
});

test('gitops: synthesizing twice gives byte-identical YAML, and the Argo CD / Flux objects point at it', () => {
  const [a, b] = [0, 1].map((i) => runExample('gitops', fs.mkdtempSync(path.join(os.tmpdir(), `gitops-${i}-`))));
  expect(a.length).toBeGreaterThan(0);
  expect(b).toEqual(a);
  const manifests = synthExample('gitops');
  // the Namespace first (Flux's Kustomization does not create it), then the app in it
  expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Namespace/shop', 'Service/web', 'Deployment/web', 'Ingress/shop']);
  expect(manifests[0].metadata.namespace).toBeUndefined();
  expect(manifests.slice(1).every((m) => m.metadata.namespace === 'shop')).toBe(true);
  const argo = Yaml.load(path.join(EXAMPLES, 'gitops', 'argocd-application.yaml'))[0];
  expect(argo.spec.source.path).toEqual('manifests');
  const flux = Yaml.load(path.join(EXAMPLES, 'gitops', 'flux-kustomization.yaml'));
  expect(flux[1].spec.path).toEqual('./manifests');
  expect(fs.readFileSync(path.join(EXAMPLES, 'gitops', 'cdk8s.yaml'), 'utf8')).toMatch(/^output: manifests$/m);
});

test('gitops: the committed manifests/ folder equals a fresh synth (what ci-check.sh enforces)', () => {
  const fresh = runExample('gitops', fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-fresh-')));
  const committedDir = path.join(EXAMPLES, 'gitops', 'manifests');
  const committed = fs.readdirSync(committedDir).sort().map((f) => [f, fs.readFileSync(path.join(committedDir, f), 'utf8')]);
  expect(committed).toEqual(fresh);
});
