/**
 * One measurement, in a fresh process: `child <variant> <n> [manifests.json]`. Loads every module first, then
 * times building the constructs and synthesizing the YAML (`ms`: everything cdk8s does, its validations
 * included; within it, `reportMs`: the time spent in this library's App report, `cdk8s-service-patterns.Report`,
 * over the `reportCalls` validation passes cdk8s ran, one per synth plus one per Chart it wrote). After that,
 * outside `ms`, it times one extra validation pass over every construct of the App (`checksMs`; outside a synth,
 * so the App is judged afresh). Prints one JSON line:
 * { ms, reportMs, reportCalls, checksMs, bytes, sha256, objects, charts, constructs, maxRssMb } (sha256: of the YAML,
 * for the runner to check that a raw variant emits exactly the manifests of its library variant).
 *
 * With BENCH_DUMP=<file>, it then writes the manifests it synthesized, one array per Chart in cdk8s's own
 * order, for the raw variants that re-create them (after the measurement, so it does not change it). With
 * BENCH_DUMP_ONLY=1 as well, it only dumps, and skips every validation to do so quickly (validations judge, they
 * do not change the manifests): for a variant too slow to run whole.
 */
import { createHash } from 'crypto';
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
const { ApiObject, App, Chart, DependencyGraph } = require('cdk8s') as typeof import('cdk8s');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const w = require('./workloads') as typeof import('./workloads');
type App = import('cdk8s').App;
type Chart = import('cdk8s').Chart;
const manifests = manifestsFile ? JSON.parse(fs.readFileSync(manifestsFile, 'utf8')) : undefined;
const builders: Record<string, (app: App) => void> = {
  'library': (app) => w.buildLibrary(app, n),
  'handwritten': (app) => w.buildHandwritten(app, manifests),
  'plus': (app) => w.buildPlus(app, n),
  'library-net': (app) => w.buildLibraryNetworking(app, n),
  'handwritten-net': (app) => w.buildHandwritten(app, manifests),
  'web-library': (app) => w.buildWebLibrary(app, n),
  'web-raw': (app) => w.buildHandwritten(app, manifests),
  'web-plus': (app) => w.buildWebPlus(app, n),
  'web-library-charts': (app) => w.buildWebLibraryCharts(app, n),
  'web-raw-charts': (app) => w.buildHandwrittenCharts(app, manifests),
  'gateway-library': (app) => w.buildGatewayLibrary(app, n),
  'gateway-raw': (app) => w.buildHandwritten(app, manifests),
  'gateway-plus-floor': (app) => w.buildGatewayPlusFloor(app, manifests),
};
const build = builders[variant];
if (!build) throw new Error(`unknown variant ${variant}`);

/** What Chart.toJson() renders, without validating: the Chart's ApiObjects in cdk8s's order (its chartToKube). */
const render = (chart: Chart) => new DependencyGraph(chart.node).topology()
  .filter((x) => x instanceof ApiObject && Chart.of(x) === chart)
  .map((x) => (x as import('cdk8s').ApiObject).toJson());

if (process.env.BENCH_DUMP_ONLY) {
  // No validation at all, and each Chart rendered without resolving the App's dependencies and validating it
  // again (synthYaml resolves them once): the same manifests, in O(N) rather than O(N × Charts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('constructs') as typeof import('constructs')).Node.prototype.validate = () => [];
  (App as any)._synthChart = render;
}

const t0 = process.hrtime.bigint();
const app = new App({ outdir: '/tmp' });
build(app);
// Time this library's validation where cdk8s runs it, without a cost of its own worth counting (two clock reads
// per pass, on one construct).
let reportMs = 0;
let reportCalls = 0;
const report = app.node.tryFindChild('cdk8s-service-patterns.Report');
if (report) {
  const validate = report.node.validate.bind(report.node);
  (report.node as { validate: () => string[] }).validate = () => {
    const start = process.hrtime.bigint();
    try {
      return validate();
    } finally {
      reportMs += Number(process.hrtime.bigint() - start) / 1e6;
      reportCalls++;
    }
  };
}
const yaml = app.synthYaml();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const inSynth = report ? { reportMs, reportCalls } : {};

// One more validation pass, as cdk8s runs it (every construct's validations), timed on its own after the synth.
const t1 = process.hrtime.bigint();
for (const c of app.node.findAll()) c.node.validate();
const checksMs = Number(process.hrtime.bigint() - t1) / 1e6;

const all = app.node.findAll();
const charts = all.filter((c) => c instanceof Chart).length;
const objects = (yaml.match(/^kind: /gm) ?? []).length;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const sha256 = createHash('sha256').update(yaml).digest('hex');
console.log(JSON.stringify({ ms, ...inSynth, checksMs, bytes: Buffer.byteLength(yaml), sha256, objects, charts, constructs: all.length, maxRssMb }));

if (process.env.BENCH_DUMP) {
  // (the synth above resolved the App's dependencies, which order each Chart's objects)
  fs.writeFileSync(process.env.BENCH_DUMP, JSON.stringify(app.charts.map(render)));
}
