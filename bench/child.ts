/**
 * One measurement, in a fresh process: `child <variant> <n> [manifests.json]`. Loads every module first,
 * then times building the constructs and synthesizing the YAML, and prints one JSON line:
 * { ms, bytes, objects, maxRssMb }.
 */
import * as fs from 'fs';

const [variant, nText, manifestsFile] = process.argv.slice(2);
const n = Number(nText);
process.stderr.write = (() => true) as any; // the library's synth warnings are not part of the measurement

if (variant === 'require-library' || variant === 'require-plus') {
  const t0 = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(variant === 'require-library' ? '../lib' : 'cdk8s-plus-27');
  console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
  process.exit(0);
}

// Loaded only now, so that the require() measurement above starts from a cold process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { App } = require('cdk8s') as typeof import('cdk8s');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildHandwritten, buildLibrary, buildLibraryNetworking, buildPlus } = require('./workloads') as typeof import('./workloads');
type App = import('cdk8s').App;
const manifests = manifestsFile ? JSON.parse(fs.readFileSync(manifestsFile, 'utf8')) : undefined;
const builders: Record<string, (app: App) => void> = {
  'library': (app) => buildLibrary(app, n),
  'plus': (app) => buildPlus(app, n),
  'library-net': (app) => buildLibraryNetworking(app, n),
  'handwritten': (app) => buildHandwritten(app, manifests),
  'handwritten-net': (app) => buildHandwritten(app, manifests),
};
const build = builders[variant];
if (!build) throw new Error(`unknown variant ${variant}`);

if (process.env.BENCH_DUMP) {
  // write the manifests a variant produces (for the hand-written variants)
  const app = new App({ outdir: '/tmp' });
  build(app);
  fs.writeFileSync(process.env.BENCH_DUMP, JSON.stringify(app.charts.flatMap((c) => c.toJson())));
  console.log(JSON.stringify({ ms: 0 }));
  process.exit(0);
}

const t0 = process.hrtime.bigint();
const app = new App({ outdir: '/tmp' });
build(app);
// This library's checks (per construct and App-wide) are one validation on the App node: time it on its own.
// The synth below reuses its outcome, so the total is not inflated by measuring it.
const t1 = process.hrtime.bigint();
app.node.validate();
const checksMs = Number(process.hrtime.bigint() - t1) / 1e6;
const yaml = app.synthYaml();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const objects = (yaml.match(/^kind: /gm) ?? []).length;
console.log(JSON.stringify({ ms, bytes: Buffer.byteLength(yaml), objects, maxRssMb: process.resourceUsage().maxRSS / 1024, checksMs }));
