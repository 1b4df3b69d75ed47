/**
 * `npm run consumer-check [-- --cdk8s 2.70.0 --constructs 10.3.0]`: the package as a user gets it.
 *
 * Creates a brand-new cdk8s app in a temporary directory (cdk8s.yaml + main.ts + tsconfig.json), installs
 * the packed npm tarball of this library (dist/js, from `npx projen package:js`) and cdk8s-plus-27 (packed
 * from the local node_modules) as local files, with cdk8s, constructs, cdk8s-cli, ts-node and typescript
 * from the registry, writes an app that uses all five constructs, runs `cdk8s synth` with the cdk8s CLI, and
 * checks the YAML: the expected kinds and names, every object schema-valid with unknown fields rejected.
 * Nothing imports the library's source tree.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { schemaViolations } from '../test/support/k8s-schema';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const installed = (name: string): string => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const cdk8sVersion = arg('cdk8s') ?? installed('cdk8s');
const constructsVersion = arg('constructs') ?? installed('constructs');

const distDir = path.join(ROOT, 'dist', 'js');
const tarball = fs.existsSync(distDir) ? fs.readdirSync(distDir).find((f) => f.endsWith('.tgz')) : undefined;
if (tarball === undefined) {
  console.error('consumer-check: no tarball in dist/js; run `npx projen package:js` first');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-consumer-'));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
console.log(`consumer-check: ${tarball} with cdk8s ${cdk8sVersion}, constructs ${constructsVersion} in ${dir}`);

const plusTarball = run('npm', ['pack', path.join(ROOT, 'node_modules', 'cdk8s-plus-27'), '--pack-destination', dir]).trim().split('\n').pop()!;
fs.copyFileSync(path.join(distDir, tarball), path.join(dir, tarball));
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
  name: 'consumer-app',
  private: true,
  dependencies: {
    'cdk8s': cdk8sVersion,
    'constructs': constructsVersion,
    'cdk8s-plus-27': `file:./${plusTarball}`,
    'cdk8s-service-patterns': `file:./${tarball}`,
  },
  devDependencies: {
    'cdk8s-cli': installed('cdk8s-cli'),
    'ts-node': installed('ts-node'),
    'typescript': installed('typescript'),
    '@types/node': '^20',
  },
}, null, 2));
fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\n');
fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
  compilerOptions: { target: 'ES2020', module: 'commonjs', strict: true, esModuleInterop: true, types: ['node'] },
  include: ['main.ts'],
}, null, 2));
fs.writeFileSync(path.join(dir, 'main.ts'), `import { App, Chart } from 'cdk8s';
import {
  AliasTarget, EndpointObjects, ExposedApp, ExposureType, ExternalAlias, HeadlessStatefulService,
  ServiceBackend, ManualEndpointService, TlsIngress, TlsSource,
} from 'cdk8s-service-patterns';

const app = new App();
const chart = new Chart(app, 'consumer', { namespace: 'shop' });

const db = new HeadlessStatefulService(chart, 'Db', {
  serviceName: 'db',
  container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] },
  statefulSetProps: { replicas: 2 },
});
new ExternalAlias(chart, 'Payments', { serviceName: 'payments', target: AliasTarget.fromDnsName('payments.example.net'), ports: [{ name: 'https', port: 443 }] });
new ExternalAlias(chart, 'DbAlias', { serviceName: 'db-alias', target: AliasTarget.fromServicePattern(db) });
new ManualEndpointService(chart, 'Legacy', {
  serviceName: 'legacy',
  ports: [{ port: 80, targetPort: 8080 }],
  members: [{ address: '192.0.2.10' }, { address: '2001:db8::10' }],
  endpointObjects: EndpointObjects.BOTH,
});
const web = new ExposedApp(chart, 'Web', {
  serviceName: 'web',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80, nodePort: 30080 }],
  container: { image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }] },
});
new TlsIngress(chart, 'Ingress', {
  ingressName: 'shop',
  ingressClassName: 'nginx',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServicePattern(web) }] }],
  tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
});
if (db.podDnsNames.join(',') !== 'db-0.db.shop.svc.cluster.local,db-1.db.shop.svc.cluster.local') throw new Error(db.podDnsNames.join(','));
app.synth();
`);

run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth']);

const expected = [
  'Service/db', 'StatefulSet/db', 'Service/payments', 'Service/db-alias', 'Service/legacy', 'Endpoints/legacy',
  'EndpointSlice/legacy-ipv4', 'EndpointSlice/legacy-ipv6', 'Service/web', 'Deployment/web', 'Ingress/shop',
];
const files = fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.endsWith('.yaml'));
const manifests = files.flatMap((f) => Yaml.load(path.join(dir, 'dist', f)));
const found = manifests.map((m: any) => `${m.kind}/${m.metadata?.name}`);
const problems: string[] = [];
if (JSON.stringify(found) !== JSON.stringify(expected)) problems.push(`objects: expected ${expected.join(', ')}\n  got ${found.join(', ')}`);
problems.push(...manifests.flatMap((m: any) => schemaViolations(m)));
if (manifests.some((m: any) => m.metadata?.namespace !== 'shop')) problems.push('an object is not in namespace shop');

fs.rmSync(dir, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`consumer-check: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`consumer-check: cdk8s synth of a fresh app with the packed package emitted ${manifests.length} schema-valid objects (cdk8s ${cdk8sVersion})`);
