/**
 * Synthesizes every example app under examples/ into dist/examples/<example>/, as `cdk8s synth` would
 * (each example is a cdk8s app: cdk8s.yaml + main.ts). All examples run in this one process, one after the
 * other, each with its own output directory; a failing example fails the script.
 */
import * as fs from 'fs';
import * as path from 'path';

// The GitOps starter imports the package by name, as a repository copied out of it does: here, the sources.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolve(request: string, ...rest: unknown[]): string {
  return resolveFilename.call(this, request === 'cdk8s-service-patterns' ? path.resolve(__dirname, '..', 'src', 'index.ts') : request, ...rest);
};

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const outRoot = path.join(root, 'dist', 'examples');

const examples = fs.readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(examplesDir, entry.name, 'cdk8s.yaml')))
  .map((entry) => entry.name)
  .sort();

if (examples.length === 0) {
  throw new Error(`no example apps found under ${examplesDir}`);
}

for (const example of examples) {
  const outdir = path.join(outRoot, example);
  fs.rmSync(outdir, { recursive: true, force: true });
  process.env.CDK8S_OUTDIR = outdir;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each example is a script that synthesizes on load
  require(path.join(examplesDir, example, 'main.ts'));
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) {
    throw new Error(`example ${example} wrote no YAML to ${outdir}`);
  }
  console.log(`${example}: ${files.map((f) => path.relative(root, path.join(outdir, f))).join(', ')}`);
}
