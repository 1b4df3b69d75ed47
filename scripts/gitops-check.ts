/**
 * `npm run gitops-check`: examples/gitops as a user copies it out (run `npx projen package:js` first): the folder
 * alone, with its package.json and the packed tarball installed in place of the registry's package; `cdk8s synth`
 * must reproduce the committed manifests/ byte for byte.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const distDir = path.join(ROOT, 'dist', 'js');
const tarball = fs.existsSync(distDir) ? fs.readdirSync(distDir).find((f) => f.endsWith('.tgz')) : undefined;
if (tarball === undefined) {
  console.error('gitops-check: no tarball in dist/js; run `npx projen package:js` first');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-gitops-'));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
fs.cpSync(path.join(ROOT, 'examples', 'gitops'), dir, { recursive: true });
fs.rmSync(path.join(dir, 'manifests'), { recursive: true, force: true });
fs.copyFileSync(path.join(distDir, tarball), path.join(dir, tarball));
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const plus = run('npm', ['pack', path.join(ROOT, 'node_modules', 'cdk8s-plus-27'), '--pack-destination', dir]).trim().split('\n').pop()!;
pkg.dependencies['cdk8s-service-patterns'] = `file:./${tarball}`;
pkg.dependencies['cdk8s-plus-27'] = `file:./${plus}`;
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth']);

const committed = path.join(ROOT, 'examples', 'gitops', 'manifests');
const problems: string[] = [];
const names = fs.readdirSync(committed).sort();
if (JSON.stringify(fs.readdirSync(path.join(dir, 'manifests')).sort()) !== JSON.stringify(names)) problems.push('manifests/ holds other files');
for (const f of names) {
  if (fs.readFileSync(path.join(committed, f), 'utf8') !== fs.readFileSync(path.join(dir, 'manifests', f), 'utf8')) problems.push(`${f} differs from the committed one`);
}
fs.rmSync(dir, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`gitops-check: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`gitops-check: the copied-out starter with the packed package reproduced manifests/ (${names.join(', ')}) byte for byte`);
