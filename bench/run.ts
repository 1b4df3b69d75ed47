/**
 * `npm run bench [-- --quick] [--runs R] [--n 100,1000]`: synth cost of this library against the same YAML as
 * hand-written cdk8s ApiObjects and against cdk8s-plus-27 alone, in one run.
 *
 * Method: every measurement is a fresh child process (bench/child.ts) that loads its modules first and then
 * times building the constructs and synthesizing the YAML. Variants alternate within a round (A B C D E A B C
 * D E ...); each N starts with one warm-up round that is discarded, then R measured rounds (default 5).
 * Reported: median and min-max, ratios, YAML bytes, objects, per-app cost, peak RSS, the share of this
 * library's checks, cold require() time, and `cdk8s synth` of a one-app project end to end (TypeScript
 * compile included). Writes bench/results.json. No timing is asserted anywhere: the figures are printed.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('quick');
const runs = Number(option('runs') ?? (quick ? 2 : 5));
const sizes = (option('n') ?? (quick ? '100' : '100,1000,5000,10000')).split(',').map(Number);
const outFile = option('out') ?? path.join(ROOT, 'bench', quick ? 'results-quick.json' : 'results.json');

if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
  console.error('bench: lib/ is missing; run `npx projen compile` first (the benchmark loads the compiled package)');
  process.exit(2);
}

interface Sample { ms: number; bytes?: number; objects?: number; maxRssMb?: number; checksMs?: number }

function child(variant: string, n: number, extraEnv: Record<string, string> = {}, manifests?: string): Sample {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench', 'child.ts'), variant, String(n), ...(manifests ? [manifests] : [])], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'bench', 'tsconfig.json'), ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`bench child ${variant} ${n} failed (${result.status}):\n${result.stderr}`);
  }
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs });
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

const started = Date.now();
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
console.log(`bench: N = ${sizes.join(', ')}; ${runs} measured runs per variant after a warm-up; ${machine.cores} x ${machine.cpu}, node ${machine.node}`);

const VARIANTS = ['library', 'handwritten', 'plus', 'library-net', 'handwritten-net'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-bench-'));
const synth: any[] = [];
for (const n of sizes) {
  // the hand-written variants re-create exactly what the library emits
  const manifests: Record<string, string> = {};
  for (const [variant, source] of [['handwritten', 'library'], ['handwritten-net', 'library-net']]) {
    manifests[variant] = path.join(tmp, `${variant}-${n}.json`);
    child(source, n, { BENCH_DUMP: manifests[variant] });
  }
  const samples: Record<string, Sample[]> = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round <= runs; round++) {
    for (const variant of VARIANTS) {
      const sample = child(variant, n, {}, manifests[variant]);
      if (round > 0) samples[variant].push(sample); // round 0 is the warm-up
    }
  }
  const row: any = { n };
  for (const variant of VARIANTS) {
    const s = samples[variant];
    row[variant] = {
      ms: stats(s.map((x) => x.ms)),
      perAppMs: median(s.map((x) => x.ms)) / n,
      bytes: s[0].bytes,
      objects: s[0].objects,
      maxRssMb: Math.round(Math.max(...s.map((x) => x.maxRssMb ?? 0))),
      ...(s[0].checksMs !== undefined ? { checksMs: stats(s.map((x) => x.checksMs!)) } : {}),
    };
  }
  row.ratios = {
    libraryVsHandwritten: ratio(row.library.ms.median, row.handwritten.ms.median),
    libraryVsPlus: ratio(row.library.ms.median, row.plus.ms.median),
    networkingVsHandwritten: ratio(row['library-net'].ms.median, row['handwritten-net'].ms.median),
    bytesVsPlus: ratio(row.library.bytes, row.plus.bytes),
    checksShareOfLibrarySynth: ratio(row.library.checksMs.median, row.library.ms.median),
  };
  synth.push(row);
  console.log(`  N=${n}: library ${fmt(row.library.ms.median)}, hand-written ${fmt(row.handwritten.ms.median)}, cdk8s-plus-27 ${fmt(row.plus.ms.median)}`
    + ` (${((Date.now() - started) / 1000).toFixed(0)} s elapsed)`);
}

// cold require() of the package vs cdk8s-plus-27, alternating
const requireSamples: Record<string, number[]> = { 'require-library': [], 'require-plus': [] };
if (!quick) {
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
if (!quick) {
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
  rules: [{ host: 'app.example.com', paths: [{ path: '/', backend: sp.IngressBackend.fromServicePattern(web) }] }],
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
const results = {
  date: new Date().toISOString().slice(0, 10),
  machine,
  method: { runsPerVariant: runs, warmUp: 'one discarded round per N', alternation: VARIANTS.join(' '), childProcessPerRun: true },
  synth,
  perAppGrowth: { from: first.n, to: last.n, library: ratio(last.library.perAppMs, first.library.perAppMs) },
  requireMs: quick ? undefined : { library: stats(requireSamples['require-library']), plus: stats(requireSamples['require-plus']) },
  cdk8sSynthOneAppMs: quick ? undefined : { library: stats(e2e.library), plus: stats(e2e.plus), ratio: ratio(median(e2e.library), median(e2e.plus)) },
  durationS: Math.round((Date.now() - started) / 1000),
};
fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

// the table
const pad = (s: string, w: number) => s.padEnd(w);
const range = (s: any) => `${fmt(s.median)} (${fmt(s.min)}-${fmt(s.max)})`;
console.log('');
console.log(`${pad('N', 7)}${pad('variant', 17)}${pad('median (min-max)', 28)}${pad('per app', 11)}${pad('YAML bytes', 13)}${pad('objects', 9)}peak RSS`);
for (const row of synth) {
  for (const variant of VARIANTS) {
    const v = row[variant];
    console.log(`${pad(String(row.n), 7)}${pad(variant, 17)}${pad(range(v.ms), 28)}${pad(`${v.perAppMs.toFixed(3)} ms`, 11)}${pad(String(v.bytes), 13)}${pad(String(v.objects), 9)}${v.maxRssMb} MB`);
  }
  const r = row.ratios;
  console.log(`${pad('', 7)}ratios: library/hand-written ${r.libraryVsHandwritten}, library/cdk8s-plus-27 ${r.libraryVsPlus}, networking/hand-written ${r.networkingVsHandwritten},`
    + ` bytes library/cdk8s-plus-27 ${r.bytesVsPlus}, checks share ${Math.round(r.checksShareOfLibrarySynth * 100)}% (${fmt(row.library.checksMs.median)})`);
}
console.log(`per-app cost, library: N=${last.n} is ${results.perAppGrowth.library}x N=${first.n}`);
if (!quick) {
  console.log(`cold require(): library ${range(results.requireMs!.library)}, cdk8s-plus-27 ${range(results.requireMs!.plus)}`);
  console.log(`cdk8s synth of a one-app project: library ${range(results.cdk8sSynthOneAppMs!.library)}, cdk8s-plus-27 ${range(results.cdk8sSynthOneAppMs!.plus)}, ratio ${results.cdk8sSynthOneAppMs!.ratio}`);
}
console.log(`bench: done in ${results.durationS} s; wrote ${path.relative(ROOT, outFile)}`);
