/**
 * `npm run bench [-- --quick] [--runs R] [--n 100,1000] [--variants a,b] [--charts-max-n N] [--slow-cap-s S] [--max-run-s S] [--out f]`:
 * synth cost of this library against the same YAML as raw cdk8s ApiObjects and against cdk8s-plus-27 alone.
 *
 * Variants (bench/workloads.ts): the issue's budget workload (`web-library`, `web-raw`, `web-plus`: per app a
 * Deployment, a NodePort Service and an Ingress rule), the same with one Chart per app (`web-library-charts`,
 * `web-raw-charts`), the Gateway API workload (`gateway-library`, `gateway-raw`: one shared Gateway, per app the
 * same Deployment and Service and one HTTPRoute; issue 12's budget: at most 1.3× raw at N = 1000 and 5000; and
 * `gateway-plus-floor`: the same YAML with each Deployment built by cdk8s-plus-27, what the stack alone costs), and
 * the mixed workload (`library`, `handwritten`, `plus`, and the networking-only `-net`). The raw variants
 * re-create exactly the manifests the library variant emitted (dumped by its warm-up run); the runner checks that
 * their YAML is byte-identical (SHA-256) at every N, and exits with 1 after the report if it is not.
 * `--variants gateway-library,gateway-raw` runs only those (a raw variant needs its library variant).
 *
 * Method: every measurement is a fresh child process (bench/child.ts) that loads its modules first and then
 * times building the constructs and synthesizing the YAML (`ms`), then, outside `ms`, one extra validation pass
 * over every construct (`checksMs`). Variants alternate within a round (A B C ... A B C ...); each N starts with
 * one warm-up round that is discarded, then R measured rounds (default 5; N = 100, 1000, 5000).
 * Slow variants, to keep a full run near 15 minutes on 2 cores (the output and results.json say which):
 * - one whose warm-up shows that R runs would take longer than --slow-cap-s (default 100 s) gets fewer runs (at
 *   least 1), its warm-up kept as the first;
 * - a run longer than --max-run-s (default 600 s; 0: no limit) is stopped: the variant's figure at that N is a
 *   lower bound (with an N² extrapolation from the largest N measured), and it is not run at larger N. With one
 *   Chart per app, cdk8s walks the whole App for every Chart it writes: the `-charts` variants grow as N².
 * Reported: median and min-max, ratios, YAML bytes, objects, per-app cost, peak RSS, the validation pass, cold
 * require() time, and `cdk8s synth` of a one-app project end to end (TypeScript compile included; these last two
 * not with --quick or --variants). Writes
 * bench/results.json (every sample) and, except with --quick or --out, rewrites README.md's performance block
 * from it (bench/readme.ts). No timing is asserted anywhere: the figures are printed.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BenchResults, cell, computeRatios, fmtMs, fmtStats, RATIOS, ratioCell, renderBenchBlock, replaceBenchBlock, Stats, SynthRow,
} from './readme';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('quick');
/** Cold require() and `cdk8s synth` end to end: not with --quick, nor when --variants picks some variants. */
const extras = !quick && option('variants') === undefined;
const runs = Number(option('runs') ?? (quick ? 2 : 5));
const sizes = (option('n') ?? (quick ? '100' : '100,1000,5000')).split(',').map(Number);
const slowCapS = Number(option('slow-cap-s') ?? 100);
const maxRunS = Number(option('max-run-s') ?? 600);
/** The one-Chart-per-app variants grow as N² in cdk8s itself (394 s for one run at N = 5000): run them up to this N. */
const chartsMaxN = Number(option('charts-max-n') ?? 1000);
const defaultOut = path.join(ROOT, 'bench', quick ? 'results-quick.json' : 'results.json');
const outFile = path.resolve(option('out') ?? defaultOut);
const writeReadme = !quick && outFile === path.join(ROOT, 'bench', 'results.json');

/** Alternation order; a raw variant comes after the library variant its manifests are dumped from. */
const ALL_VARIANTS = ['web-library', 'web-raw', 'web-plus', 'gateway-library', 'gateway-raw', 'gateway-plus-floor', 'web-library-charts', 'web-raw-charts', 'library', 'handwritten', 'plus', 'library-net', 'handwritten-net'];
const DUMPED_FROM: Record<string, string> = {
  'web-raw': 'web-library',
  'web-raw-charts': 'web-library-charts',
  'gateway-raw': 'gateway-library',
  'gateway-plus-floor': 'gateway-library',
  'handwritten': 'library',
  'handwritten-net': 'library-net',
};
const VARIANTS = option('variants')?.split(',') ?? ALL_VARIANTS;
for (const v of VARIANTS) {
  if (!ALL_VARIANTS.includes(v)) throw new Error(`bench: unknown variant ${v} (known: ${ALL_VARIANTS.join(', ')})`);
  if (DUMPED_FROM[v] && VARIANTS.indexOf(DUMPED_FROM[v]) < 0) throw new Error(`bench: ${v} needs ${DUMPED_FROM[v]} (its manifests are dumped from it)`);
}
if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  throw new Error('bench: --runs and --n take positive integers (--n 100,1000)');
}

// The benchmark loads the compiled package, as users do: compiled first when lib/ is missing or older than src/.
const lib = path.join(ROOT, 'lib', 'index.js');
const newestSource = Math.max(...(fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts')).map((f) => fs.statSync(path.join(ROOT, 'src', f)).mtimeMs));
if (!fs.existsSync(lib) || newestSource > fs.statSync(lib).mtimeMs) {
  console.log('bench: lib/ is missing or older than src/: compiling it first (npx projen compile)');
  execFileSync('npx', ['projen', 'compile'], { cwd: ROOT, stdio: 'inherit' });
}

/** One child's figures (bench/child.ts), with the wall time of its process. */
interface Sample {
  ms: number;
  wallMs: number;
  reportMs?: number;
  reportCalls?: number;
  checksMs?: number;
  bytes?: number;
  sha256?: string;
  objects?: number;
  charts?: number;
  constructs?: number;
  maxRssMb?: number;
  stopped?: boolean;
}

function child(variant: string, n: number, extraEnv: Record<string, string> = {}, manifests?: string, limitS = 0): Sample {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench', 'child.ts'), variant, String(n), ...(manifests ? [manifests] : [])], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'bench', 'tsconfig.json'), ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(limitS > 0 ? { timeout: limitS * 1000, killSignal: 'SIGKILL' as const } : {}),
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (limitS > 0 && (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    return { ms: NaN, wallMs, stopped: true };
  }
  if (result.status !== 0) {
    throw new Error(`bench child ${variant} ${n} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return { ...JSON.parse(line), wallMs } as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs: number[]): Stats => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs });
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s elapsed`;

const started = Date.now();
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
console.log(`bench: N = ${sizes.join(', ')}; ${runs} measured runs per variant after a warm-up; ${machine.cores} x ${machine.cpu}, node ${machine.node}`);
console.log(`bench: variants (alternating): ${VARIANTS.join(' ')}`);
console.log('bench: "validation": time in this library\'s App report within the synth; "+1 pass": one more validation pass of every'
  + ' construct after the synth (not in the median)');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-bench-'));
const synth: SynthRow[] = [];
const lowered: Array<{ n: number; variant: string; runs: number; warmUpS: number; warmUpKept: boolean }> = [];
const stoppedAt: Record<string, number> = {};
const mismatches: string[] = [];
for (const n of sizes) {
  const manifests: Record<string, string> = {};
  // one dump per library variant, read by every variant that re-creates its manifests
  for (const raw of Object.keys(DUMPED_FROM)) manifests[raw] = path.join(tmp, `${DUMPED_FROM[raw]}-${n}.json`);
  const samples: Record<string, Sample[]> = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const runsOf: Record<string, number> = {};
  const warmUpS: Record<string, number> = {};
  const row: any = { n };
  // Warm-up round (discarded); the library variants' warm-up runs also dump their manifests for the raw variants.
  // A variant too slow for R runs within --slow-cap-s gets fewer, and keeps its warm-up as its first measured run
  // (after minutes of work, what a warm-up warms does not matter; and it does not have to be paid twice). A run
  // longer than --max-run-s is stopped: the variant's figure at this N is then a lower bound, and it does not run
  // at larger N.
  for (const variant of VARIANTS) {
    const dumpFor = Object.keys(DUMPED_FROM).find((raw) => DUMPED_FROM[raw] === variant && VARIANTS.includes(raw));
    if (variant.endsWith('-charts') && n > chartsMaxN) {
      row[variant] = { runs: 0, notRun: { aboveChartsMaxN: chartsMaxN } };
    } else if (stoppedAt[variant] !== undefined) {
      row[variant] = { runs: 0, notRun: { stoppedAtN: stoppedAt[variant] } };
    } else {
      const warm = child(variant, n, dumpFor ? { BENCH_DUMP: manifests[dumpFor] } : {}, manifests[variant], maxRunS);
      const s = warmUpS[variant] = warm.wallMs / 1000;
      if (warm.stopped) {
        stoppedAt[variant] = n;
        row[variant] = { runs: 0, stopped: { afterS: maxRunS } };
        console.log(`  N=${n}: ${variant} stopped after ${maxRunS} s (--max-run-s): its figure is a lower bound; not run at larger N`);
      } else if (s * runs <= slowCapS) {
        runsOf[variant] = runs;
      } else {
        runsOf[variant] = Math.max(1, Math.floor(slowCapS / s));
        samples[variant].push(warm);
        lowered.push({ n, variant, runs: runsOf[variant], warmUpS: Math.round(s), warmUpKept: true });
        console.log(`  N=${n}: ${variant} is slow (its warm-up took ${Math.round(s)} s): ${runsOf[variant]} run${runsOf[variant] > 1 ? 's' : ''},`
          + ` not ${runs}, the warm-up kept as the first (--slow-cap-s ${slowCapS})`);
      }
    }
    if (dumpFor && row[variant]) {
      // no complete run dumped the manifests: dump them without validating (and without timing)
      child(variant, n, { BENCH_DUMP: manifests[dumpFor], BENCH_DUMP_ONLY: '1' });
    }
  }
  const measured = VARIANTS.filter((v) => runsOf[v] !== undefined);
  const estimateS = measured.reduce((sum, v) => sum + (runsOf[v] - samples[v].length) * warmUpS[v], 0);
  console.log(`  N=${n}: warm-up done (${elapsed()}); the measured rounds should take about ${Math.round(estimateS)} s`);
  for (let round = 1; round <= runs; round++) {
    for (const variant of measured) {
      if (samples[variant].length < runsOf[variant]) samples[variant].push(child(variant, n, {}, manifests[variant]));
    }
  }
  // process start and module loading: what a stopped run's wall time includes beyond the build and synth
  const overheadMs = Math.max(0, ...measured.flatMap((v) => samples[v].map((x) => x.wallMs - x.ms)));
  for (const variant of measured) {
    const s = samples[variant];
    row[variant] = {
      runs: s.length,
      ms: stats(s.map((x) => x.ms)),
      perAppMs: median(s.map((x) => x.ms)) / n,
      ...(s[0].reportMs !== undefined ? { reportMs: stats(s.map((x) => x.reportMs!)), reportCalls: s[0].reportCalls } : {}),
      ...(s[0].checksMs !== undefined ? { checksMs: stats(s.map((x) => x.checksMs!)) } : {}),
      bytes: s[0].bytes,
      objects: s[0].objects,
      charts: s[0].charts,
      constructs: s[0].constructs,
      maxRssMb: Math.round(Math.max(...s.map((x) => x.maxRssMb ?? 0))),
    };
  }
  for (const variant of VARIANTS.filter((v) => row[v].stopped)) {
    const stopped = row[variant].stopped;
    stopped.lowerBoundMs = Math.round(maxRunS * 1000 - overheadMs);
    // what it would take if it grows as N² (cdk8s walks the whole App for every Chart) from the largest N measured
    const before = [...synth].reverse().find((r) => r[variant]?.ms);
    if (before) stopped.extrapolatedMs = Math.round(before[variant].ms.median * (n / before.n) ** 2);
  }
  // a raw variant must emit exactly its library variant's YAML (every measured run of both)
  for (const [raw, source] of Object.entries(DUMPED_FROM)) {
    const hashes = new Set([...(samples[raw] ?? []), ...(samples[source] ?? [])].map((x) => x.sha256));
    if (samples[raw]?.length && samples[source]?.length && hashes.size !== 1) {
      mismatches.push(`N=${n}: ${raw} (${row[raw].bytes} bytes) and ${source} (${row[source].bytes} bytes)`);
      console.log(`  error: N=${n}: ${raw} emits ${row[raw].bytes} bytes of YAML, ${source} ${row[source].bytes}, and not the same YAML (SHA-256): not the same manifests`);
    }
  }
  row.ratios = computeRatios(row);
  synth.push(row);
  console.log(`  N=${n}: ${VARIANTS.map((v) => `${v} ${cell(row[v])}`).join(', ')} (${elapsed()})`);
}

// cold require() of the package vs cdk8s-plus-27, alternating
const requireSamples: Record<string, number[]> = { 'require-library': [], 'require-plus': [] };
if (extras) {
  for (let round = 0; round <= runs; round++) {
    for (const variant of Object.keys(requireSamples)) {
      const { ms } = child(variant, 0);
      if (round > 0) requireSamples[variant].push(ms);
    }
  }
}

// `cdk8s synth` of a one-app project, end to end (ts-node type-checks main.ts against the declarations)
function makeProject(name: string, main: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  // the repository's node_modules, plus this package as installed from its compiled lib/
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(dir, 'node_modules', entry));
  }
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'cdk8s-service-patterns'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node -r ts-node/register main.ts\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: false, types: ['node'] },
    include: ['main.ts'],
  }));
  fs.writeFileSync(path.join(dir, 'main.ts'), main);
  return dir;
}
const e2e: Record<string, number[]> = { library: [], plus: [] };
if (extras) {
  const projects = {
    library: makeProject('app-library', `import { App, Chart } from 'cdk8s';
import * as sp from 'cdk8s-service-patterns';
const app = new App();
const chart = new Chart(app, 'app', { namespace: 'apps' });
const web = new sp.ExposedApp(chart, 'web', {
  serviceName: 'web', type: sp.ExposureType.NODE_PORT, ports: [{ name: 'http', port: 80 }],
  container: { image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }] },
});
new sp.TlsIngress(chart, 'ing', {
  ingressName: 'web', ingressClassName: 'nginx',
  rules: [{ host: 'app.example.com', paths: [{ path: '/', backend: sp.ServiceBackend.fromServicePattern(web) }] }],
  tls: [{ hosts: ['app.example.com'], source: sp.TlsSource.fromExistingSecret('app-tls') }],
});
app.synth();
`),
    plus: makeProject('app-plus', `import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
const app = new App();
const chart = new Chart(app, 'app', { namespace: 'apps' });
const deployment = new kplus.Deployment(chart, 'web', {
  metadata: { name: 'web' },
  containers: [{ image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }], readiness: kplus.Probe.fromTcpSocket({ port: 8080 }) }],
});
const service = deployment.exposeViaService({ name: 'web', serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
new kplus.Ingress(chart, 'ing', {
  metadata: { name: 'web' }, className: 'nginx',
  rules: [{ host: 'app.example.com', path: '/', backend: kplus.IngressBackend.fromService(service) }],
  tls: [{ hosts: ['app.example.com'], secret: kplus.Secret.fromSecretName(chart, 'tls', 'app-tls') }],
});
app.synth();
`),
  };
  const cli = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
  for (let round = 0; round <= runs; round++) {
    for (const [variant, dir] of Object.entries(projects)) {
      const t0 = process.hrtime.bigint();
      execFileSync(cli, ['synth'], { cwd: dir, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (round > 0) e2e[variant].push(ms);
    }
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const first = synth[0];
const last = synth[synth.length - 1];
const growth = (v: string) => (first[v]?.ms && last[v]?.ms ? ratio(last[v].perAppMs, first[v].perAppMs) : undefined);
const results: BenchResults & Record<string, unknown> = {
  date: new Date().toISOString().slice(0, 10),
  machine,
  method: {
    runsPerVariant: runs,
    warmUp: 'one discarded round per N (the library variants\' warm-up runs dump the manifests the raw variants re-create)',
    alternation: VARIANTS.join(' '),
    childProcessPerRun: true,
    ms: 'new App, build, app.synthYaml() (cdk8s validates the App once, then again for every Chart it writes)',
    reportMs: 'within ms: the time spent in the validation of this library\'s App report (cdk8s-service-patterns.Report), over reportCalls passes',
    checksMs: 'after the synth, outside ms: one more validation pass over every construct (app.node.findAll()), outside a synth session',
    slowCapS,
    lowered,
    maxRunS,
    stopped: 'a run longer than maxRunS is stopped: its figure is a lower bound (maxRunS less process start-up), and the variant is not run at larger N',
  },
  synth,
  perAppGrowth: {
    from: first.n, to: last.n, library: growth('library'), webLibrary: growth('web-library'), webLibraryCharts: growth('web-library-charts'), gatewayLibrary: growth('gateway-library'),
  },
  requireMs: extras ? { library: stats(requireSamples['require-library']), plus: stats(requireSamples['require-plus']) } : undefined,
  cdk8sSynthOneAppMs: extras
    ? { library: stats(e2e.library), plus: stats(e2e.plus), ratio: ratio(median(e2e.library), median(e2e.plus)) }
    : undefined,
  durationS: Math.round((Date.now() - started) / 1000),
};
fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

// the table, per N
const pad = (s: string, w: number) => s.padEnd(w);
const padL = (s: string, w: number) => s.padStart(w);
for (const row of synth) {
  console.log('');
  console.log(`N = ${row.n}`);
  console.log(`  ${pad('variant', 20)}${padL('runs', 5)}  ${pad('median (min-max)', 30)}${padL('per app', 11)}${padL('validation', 12)}`
    + `${padL('+1 pass', 10)}${padL('YAML bytes', 12)}${padL('objects', 9)}${padL('charts', 8)}${padL('constructs', 12)}${padL('peak RSS', 10)}`);
  for (const variant of VARIANTS) {
    const v = row[variant];
    if (!v.ms) {
      console.log(`  ${pad(variant, 20)}${padL(String(v.runs), 5)}  ${cell(v)}`);
      continue;
    }
    console.log(`  ${pad(variant, 20)}${padL(String(v.runs), 5)}  ${pad(cell(v), 30)}${padL(`${v.perAppMs.toFixed(3)} ms`, 11)}`
      + `${padL(v.reportMs ? fmtMs(v.reportMs.median) : '-', 12)}${padL(v.checksMs ? fmtMs(v.checksMs.median) : '-', 10)}`
      + `${padL(String(v.bytes), 12)}${padL(String(v.objects), 9)}${padL(String(v.charts), 8)}${padL(String(v.constructs), 12)}${padL(`${v.maxRssMb} MB`, 10)}`);
  }
  const r = row.ratios as Record<string, number>;
  const show = (key: string, label: string) => (r[key] === undefined ? [] : [`${label} ${r[key]}`]);
  const pctOf = (key: string, label: string) => (r[key] === undefined ? [] : [`${label} ${Math.round(r[key] * 100)}%`]);
  console.log(`  ratios: ${RATIOS.filter(([key]) => ratioCell(r, key) !== undefined).map(([key, , , label]) => `${label} ${ratioCell(r, key)}`).join(', ')}`);
  console.log(`  bytes vs cdk8s-plus-27: ${[...show('webBytesVsPlus', 'web'), ...show('bytesVsPlus', 'mixed')].join(', ') || '-'}`);
  console.log(`  this library's validation in the synth: ${VARIANTS.filter((v) => row[v].reportMs)
    .map((v) => `${v} ${fmtMs(row[v].reportMs.median)} over ${row[v].reportCalls} passes (${Math.round((row[v].reportMs.median / row[v].ms.median) * 100)}%)`).join(', ') || '-'}`);
  console.log(`  one more pass after the synth (checksMs): ${[...pctOf('checksShareOfWebSynth', 'web-library'), ...pctOf('checksShareOfGatewaySynth', 'gateway-library'),
    ...pctOf('checksShareOfLibrarySynth', 'library')].join(', ') || '-'} of the synth`);
  if (r.gatewayLibraryVsRaw !== undefined) {
    console.log(`  gateway-library / gateway-raw: ${r.gatewayLibraryVsRaw.toFixed(2)} (issue 12's budget: at most 1.3 at N = 1000 and 5000; not asserted)`);
    if (r.gatewayPlusFloorVsRaw !== undefined) {
      console.log(`  of which cdk8s-plus-27 building the Deployments: gateway-plus-floor / gateway-raw ${r.gatewayPlusFloorVsRaw.toFixed(2)},`
        + ` and this library on top of it: gateway-library / gateway-plus-floor ${r.gatewayLibraryVsPlusFloor?.toFixed(2)}`);
    }
  }
}
console.log('');
for (const [key, label] of [['webLibrary', 'web-library'], ['webLibraryCharts', 'web-library-charts'], ['gatewayLibrary', 'gateway-library'], ['library', 'library']]) {
  const g = (results.perAppGrowth as any)[key];
  if (g !== undefined && first !== last) console.log(`per-app cost, ${label}: N=${last.n} is ${g}x N=${first.n}`);
}
if (lowered.length > 0) {
  console.log(`fewer runs (slow variants, to keep the run short; --slow-cap-s ${slowCapS}): ${lowered.map((l) => `${l.variant} at N=${l.n}: ${l.runs}`).join('; ')}`);
}
const stoppedList = synth.flatMap((row) => VARIANTS.filter((v) => row[v].stopped).map((v) => `${v} at N=${row.n}: ${cell(row[v])}`));
if (stoppedList.length > 0) console.log(`stopped after ${maxRunS} s (--max-run-s; lower bounds): ${stoppedList.join('; ')}`);
if (extras) {
  console.log(`cold require(): library ${fmtStats(results.requireMs!.library)}, cdk8s-plus-27 ${fmtStats(results.requireMs!.plus)}`);
  console.log(`cdk8s synth of a one-app project: library ${fmtStats(results.cdk8sSynthOneAppMs!.library)}, cdk8s-plus-27 ${fmtStats(results.cdk8sSynthOneAppMs!.plus)}, ratio ${results.cdk8sSynthOneAppMs!.ratio}`);
}
console.log(`bench: done in ${results.durationS} s; wrote ${path.relative(ROOT, outFile)}`);
if (writeReadme) {
  const readmeFile = path.join(ROOT, 'README.md');
  fs.writeFileSync(readmeFile, replaceBenchBlock(fs.readFileSync(readmeFile, 'utf8'), renderBenchBlock(results)));
  console.log('bench: rewrote the performance block of README.md from it (commit both)');
}
if (mismatches.length > 0) {
  console.error(`bench: a raw variant does not emit its library variant's manifests: ${mismatches.join('; ')}`);
  process.exitCode = 1;
}
