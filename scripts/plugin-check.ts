/**
 * `npm run plugin-check`: the validation plugin as a user of any cdk8s app gets it (run `npx projen package:js`
 * first). A fresh app that uses none of this library's constructs — plain ApiObjects — installs the packed
 * tarball and names the plugin in cdk8s.yaml (`validations:`, the path form). With a dangling Ingress backend and
 * a node port claimed twice, `cdk8s synth` must fail and report both findings; fixed, it must pass.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const installed = (name: string): string => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const distDir = path.join(ROOT, 'dist', 'js');
const tarball = fs.existsSync(distDir) ? fs.readdirSync(distDir).find((f) => f.endsWith('.tgz')) : undefined;
if (tarball === undefined) {
  console.error('plugin-check: no tarball in dist/js; run `npx projen package:js` first');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-plugin-'));
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
const plusTarball = execFileSync('npm', ['pack', path.join(ROOT, 'node_modules', 'cdk8s-plus-27'), '--pack-destination', dir], { cwd: dir, encoding: 'utf8' })
  .trim().split('\n').pop()!;
fs.copyFileSync(path.join(distDir, tarball), path.join(dir, tarball));
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
  name: 'plain-app',
  private: true,
  dependencies: { 'cdk8s': installed('cdk8s'), 'constructs': installed('constructs'), 'cdk8s-plus-27': `file:./${plusTarball}` },
  devDependencies: {
    'cdk8s-service-patterns': `file:./${tarball}`,
    'cdk8s-cli': installed('cdk8s-cli'),
    'ts-node': installed('ts-node'),
    'typescript': installed('typescript'),
    '@types/node': '^20',
  },
}, null, 2));
fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `language: typescript
app: npx ts-node main.ts
validations:
  - package: ./node_modules/cdk8s-service-patterns/lib/plugin
    class: ServicePatternsValidationPlugin
    version: 0.0.0
`);
fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2020', module: 'commonjs', strict: true, types: ['node'] }, include: ['main.ts'] }));
// An app of plain ApiObjects: no construct of this library.
fs.writeFileSync(path.join(dir, 'main.ts'), `import { ApiObject, App, Chart } from 'cdk8s';

const broken = process.env.BROKEN === '1';
const app = new App();
const chart = new Chart(app, 'plain', { namespace: 'shop' });
const nodePortService = (name: string, nodePort: number) => new ApiObject(chart, name, {
  apiVersion: 'v1', kind: 'Service', metadata: { name },
  spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort }] },
});
new ApiObject(chart, 'web-deployment', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 8080, name: 'http' }] }] } },
  },
});
nodePortService('web', 30080);
nodePortService('admin', broken ? 30080 : 30081);
new ApiObject(chart, 'ingress', {
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
  spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: broken ? 'wbe' : 'web', port: { number: 80 } } } }] } }] },
});
app.synth();
`);

execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env });
const synth = (broken: boolean) => spawnSync(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth'], {
  cwd: dir, encoding: 'utf8', env: { ...env, BROKEN: broken ? '1' : '0' },
});

const problems: string[] = [];
const failing = synth(true);
const output = `${failing.stdout}${failing.stderr}`;
console.log('plugin-check: cdk8s synth of the broken app prints:\n' + output.split('\n').map((l) => `  | ${l}`).join('\n'));
if (failing.status === 0) problems.push('cdk8s synth passed with a duplicate node port');
for (const code of ['SP_APP_NODE_PORT_CONFLICT', 'SP_APP_BACKEND_UNKNOWN']) {
  if (!output.includes(code)) problems.push(`the report does not name ${code}`);
}
const passing = synth(false);
if (passing.status !== 0) problems.push(`cdk8s synth of the fixed app failed:\n${passing.stdout}${passing.stderr}`);

fs.rmSync(dir, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`plugin-check: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('plugin-check: the plugin failed the broken app with both findings and passed the fixed one');
