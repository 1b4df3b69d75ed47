/**
 * `npm run consumer-check:init`: an app laid out as `cdk8s init typescript-app` makes it today (cdk8s-plus-33,
 * a strict tsconfig with noUnusedLocals, main.ts, cdk8s.yaml), with cdk8s-plus-33 workloads fronted by this
 * library's constructs, synthesized with the cdk8s CLI from the packed tarball (run `npx projen package:js` first).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { schemaViolations } from '../test/support/k8s-schema';

const ROOT = path.resolve(__dirname, '..');
const installed = (name: string): string => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const distDir = path.join(ROOT, 'dist', 'js');
const tarball = fs.existsSync(distDir) ? fs.readdirSync(distDir).find((f) => f.endsWith('.tgz')) : undefined;
if (tarball === undefined) {
  console.error('consumer-check:init: no tarball in dist/js; run `npx projen package:js` first');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-init-'));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
const pack = (name: string) => run('npm', ['pack', path.join(ROOT, 'node_modules', name), '--pack-destination', dir]).trim().split('\n').pop()!;
fs.copyFileSync(path.join(distDir, tarball), path.join(dir, tarball));
// as `cdk8s init typescript-app` (cdk8s-cli 2.207) writes it; the library's peer cdk8s-plus-27 comes with it
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
  name: 'init-app',
  private: true,
  scripts: { synth: 'cdk8s synth' },
  dependencies: {
    'cdk8s': installed('cdk8s'),
    'cdk8s-plus-33': `file:./${pack('cdk8s-plus-33')}`,
    'cdk8s-plus-27': `file:./${pack('cdk8s-plus-27')}`,
    'constructs': installed('constructs'),
    'cdk8s-service-patterns': `file:./${tarball}`,
  },
  devDependencies: {
    'cdk8s-cli': installed('cdk8s-cli'), 'ts-node': installed('ts-node'), 'typescript': installed('typescript'), '@types/node': '^20',
  },
}, null, 2));
fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n');
fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2016'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2017',
    types: ['node'],
  },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
}, null, 2));
fs.writeFileSync(path.join(dir, 'main.ts'), `import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import {
  ExposedApp, ExposureType, Gateway, HeadlessStatefulService, HttpRoute, ListenerProtocol, RouteParent, ServiceBackend, TargetPort,
} from 'cdk8s-service-patterns';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { namespace: 'shop' }) {
    super(scope, id, props);
    const web = new kplus.Deployment(this, 'Web', { containers: [{ image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }] }] });
    const service = new ExposedApp(this, 'WebService', {
      serviceName: 'web', type: ExposureType.CLUSTER_IP, workload: web, ports: [{ name: 'http', port: 80, targetPort: TargetPort.named('http') }],
    });
    const gateway = new Gateway(this, 'Gateway', { gatewayName: 'shop', gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: ListenerProtocol.HTTP }] });
    new HttpRoute(this, 'Route', { routeName: 'web', parents: [RouteParent.fromGateway(gateway)], rules: [{ backends: [{ backend: ServiceBackend.fromServicePattern(service) }] }] });
    const pg = new kplus.StatefulSet(this, 'Pg', { metadata: { name: 'pg' }, replicas: 2, containers: [{ image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] }] });
    const pgHs = new HeadlessStatefulService(this, 'PgHs', { serviceName: 'pg-hs', workload: pg });
    if (pgHs.podDnsNames.join(' ') !== 'pg-0.pg-hs.shop.svc.cluster.local pg-1.pg-hs.shop.svc.cluster.local') throw new Error(\`podDnsNames: \${pgHs.podDnsNames}\`);
  }
}

const app = new App();
new MyChart(app, 'init-app');
app.synth();
`);

run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
run(path.join(dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.']);
run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth']);

const files = fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.endsWith('.yaml'));
const manifests = files.flatMap((f) => Yaml.load(path.join(dir, 'dist', f)));
const found = manifests.map((m: any) => `${m.kind}/${m.metadata?.name}`).sort();
const problems: string[] = [];
const expected = ['Deployment/init-app-web-c8be2d87', 'Gateway/shop', 'HTTPRoute/web', 'Service/pg-hs', 'Service/web', 'StatefulSet/pg'].sort();
if (JSON.stringify(found.map((f) => f.replace(/-c8[0-9a-f]{6}$/, ''))) !== JSON.stringify(expected.map((f) => f.replace(/-c8[0-9a-f]{6}$/, '')))) {
  problems.push(`objects: expected ${expected.join(', ')}\n  got ${found.join(', ')}`);
}
const deployment = manifests.find((m: any) => m.kind === 'Deployment');
const service = manifests.find((m: any) => m.kind === 'Service' && m.metadata?.name === 'web');
if (JSON.stringify(service?.spec?.selector) !== JSON.stringify(deployment?.spec?.selector?.matchLabels)) problems.push('the Service does not select the cdk8s-plus-33 Deployment');
const statefulSet = manifests.find((m: any) => m.kind === 'StatefulSet');
const headless = manifests.find((m: any) => m.kind === 'Service' && m.metadata?.name === 'pg-hs');
if (statefulSet?.spec?.serviceName !== 'pg-hs' || headless?.spec?.clusterIP !== 'None'
  || JSON.stringify(headless?.spec?.selector) !== JSON.stringify(statefulSet?.spec?.selector?.matchLabels)) {
  problems.push('the headless Service does not govern the cdk8s-plus-33 StatefulSet (spec.serviceName pg-hs, clusterIP None, its selector)');
}
problems.push(...manifests.flatMap((m: any) => schemaViolations(m)));

fs.rmSync(dir, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`consumer-check:init: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`consumer-check:init: a cdk8s-init-style app (cdk8s-plus-33, strict tsconfig) synthesized ${manifests.length} valid objects with the packed package`);
