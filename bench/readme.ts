/**
 * The README's performance figures, rendered from bench/results.json: a pure function of the results (no clock,
 * no machine, no file system), so that `npm run bench` can rewrite the block and a test can check that the
 * README's figures are exactly those of the committed results.json. Also the ratios, computed here once for the
 * results file, the terminal and the README.
 */

export const BENCH_START = '<!-- bench:start -->';
export const BENCH_END = '<!-- bench:end -->';

/** Median, min and max of a series, with every sample. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number[];
}

/** One variant at one N. Fields added over time are optional, so older results files still render. */
export interface VariantResult {
  /** Measured runs (after the warm-up); absent: `method.runsPerVariant`. */
  readonly runs?: number;
  /** Build + synth (`app.synthYaml()`), in a fresh process. */
  readonly ms: Stats;
  readonly perAppMs: number;
  /** Within `ms`: the time spent in this library's App report, over `reportCalls` validation passes of cdk8s. */
  readonly reportMs?: Stats;
  readonly reportCalls?: number;
  /** One extra validation pass over every construct, timed after the synth (not part of `ms`). */
  readonly checksMs?: Stats;
  readonly bytes?: number;
  readonly objects?: number;
  readonly charts?: number;
  /** Every construct of the App (cdk8s walks them all, once per Chart it writes). */
  readonly constructs?: number;
  readonly maxRssMb?: number;
}

/** A variant that has no complete run at one N: stopped (--max-run-s), or not run after a stop at a smaller N. */
export interface UnmeasuredResult {
  readonly runs: 0;
  readonly stopped?: { afterS: number; lowerBoundMs?: number; extrapolatedMs?: number };
  readonly notRun?: { stoppedAtN?: number; aboveChartsMaxN?: number };
}

/** One N: every variant measured at it. */
export interface SynthRow {
  readonly n: number;
  /** A VariantResult per variant id, and `ratios` (see computeRatios). */
  readonly [variant: string]: any;
}

/** bench/results.json. */
export interface BenchResults {
  readonly date: string;
  readonly machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  readonly method: { runsPerVariant: number; [key: string]: unknown };
  readonly synth: SynthRow[];
  readonly requireMs?: { library: Stats; plus: Stats };
  readonly cdk8sSynthOneAppMs?: { library: Stats; plus: Stats; ratio: number };
  readonly durationS?: number;
}

/** Every variant, in the order the benchmark alternates them and the README lists them. */
export const VARIANTS: ReadonlyArray<{ readonly id: string; readonly label: string }> = [
  { id: 'web-library', label: 'web app, this library (ExposedApp + TlsIngress)' },
  { id: 'web-raw', label: 'web app, the same manifests as raw ApiObjects' },
  { id: 'web-plus', label: 'web app, cdk8s-plus-27 alone' },
  { id: 'gateway-library', label: 'web app behind a shared Gateway, this library (ExposedApp + HttpRoute)' },
  { id: 'gateway-raw', label: 'web app behind a shared Gateway, the same manifests as raw ApiObjects' },
  { id: 'gateway-plus-floor', label: 'web app behind a shared Gateway, the same manifests, each Deployment built by cdk8s-plus-27 (the floor the stack sets)' },
  { id: 'web-library-charts', label: 'web app, this library, one Chart per app' },
  { id: 'web-raw-charts', label: 'web app, raw ApiObjects, one Chart per app' },
  { id: 'library', label: 'mixed app, this library' },
  { id: 'handwritten', label: 'mixed app, the same manifests as raw ApiObjects' },
  { id: 'plus', label: 'mixed app, cdk8s-plus-27 alone' },
  { id: 'library-net', label: 'networking only, this library' },
  { id: 'handwritten-net', label: 'networking only, raw ApiObjects' },
];

/** The ratios of medians the benchmark reports: [key, numerator, denominator, label]. */
export const RATIOS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['webLibraryVsRaw', 'web-library', 'web-raw', 'web-library / web-raw'],
  ['webLibraryVsPlus', 'web-library', 'web-plus', 'web-library / web-plus'],
  ['gatewayLibraryVsRaw', 'gateway-library', 'gateway-raw', 'gateway-library / gateway-raw'],
  ['gatewayPlusFloorVsRaw', 'gateway-plus-floor', 'gateway-raw', 'gateway-plus-floor / gateway-raw'],
  ['gatewayLibraryVsPlusFloor', 'gateway-library', 'gateway-plus-floor', 'gateway-library / gateway-plus-floor'],
  ['webChartsLibraryVsRaw', 'web-library-charts', 'web-raw-charts', 'web-library-charts / web-raw-charts'],
  ['libraryVsHandwritten', 'library', 'handwritten', 'library / handwritten'],
  ['libraryVsPlus', 'library', 'plus', 'library / plus'],
  ['networkingVsHandwritten', 'library-net', 'handwritten-net', 'library-net / handwritten-net'],
];

const round2 = (x: number) => Math.round(x * 100) / 100;

function variant(row: SynthRow, id: string): VariantResult | undefined {
  const v = row[id];
  return v && typeof v === 'object' && v.ms ? v as VariantResult : undefined;
}

/** The ratios of one N (only those whose two variants were measured). */
export function computeRatios(row: SynthRow): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, a, b] of RATIOS) {
    const va = variant(row, a);
    const vb = variant(row, b);
    const bound = (row[a] as UnmeasuredResult | undefined)?.stopped?.lowerBoundMs;
    if (va && vb) out[key] = round2(va.ms.median / vb.ms.median);
    else if (bound !== undefined && vb) out[`${key}AtLeast`] = round2(bound / vb.ms.median);
  }
  const lib = variant(row, 'library');
  const plus = variant(row, 'plus');
  if (lib?.bytes && plus?.bytes) out.bytesVsPlus = round2(lib.bytes / plus.bytes);
  const web = variant(row, 'web-library');
  const webPlus = variant(row, 'web-plus');
  if (web?.bytes && webPlus?.bytes) out.webBytesVsPlus = round2(web.bytes / webPlus.bytes);
  for (const [key, id] of [['checksShareOfLibrarySynth', 'library'], ['checksShareOfWebSynth', 'web-library'], ['checksShareOfGatewaySynth', 'gateway-library']] as const) {
    const v = variant(row, id);
    if (v?.checksMs) out[key] = round2(v.checksMs.median / v.ms.median);
  }
  for (const [key, id] of [
    ['reportShareOfWebSynth', 'web-library'], ['reportShareOfWebChartsSynth', 'web-library-charts'], ['reportShareOfGatewaySynth', 'gateway-library'], ['reportShareOfLibrarySynth', 'library'],
  ]) {
    const v = variant(row, id);
    if (v?.reportMs) out[key] = round2(v.reportMs.median / v.ms.median);
  }
  return out;
}

/** 1234 → "1,234" (locale-independent). */
export function fmtInt(x: number): string {
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds for people: "0.42 ms", "241 ms", "1.99 s", "12.3 s", "2.3 min". */
export function fmtMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** "207–315 ms", or "980 ms–1.20 s" across units. */
export function fmtRange(min: number, max: number): string {
  const a = fmtMs(min);
  const b = fmtMs(max);
  const unit = (s: string) => s.slice(s.lastIndexOf(' '));
  return unit(a) === unit(b) ? `${a.slice(0, a.lastIndexOf(' '))}–${b}` : `${a}–${b}`;
}

/** "241 ms (207–315 ms)". */
export function fmtStats(s: Stats): string {
  return `${fmtMs(s.median)} (${fmtRange(s.min, s.max)})`;
}

/** A variant's figure: median (min–max), "[k runs]" when not `defaultRuns`; or why there is none. */
export function cell(v: VariantResult | UnmeasuredResult | undefined, defaultRuns?: number): string {
  if (!v) return '—';
  if ('ms' in v) {
    const runs = v.runs ?? v.ms.samples.length;
    return `${fmtStats(v.ms)}${defaultRuns !== undefined && runs !== defaultRuns ? ` [${runs} run${runs === 1 ? '' : 's'}]` : ''}`;
  }
  if (v.stopped) {
    const bound = v.stopped.lowerBoundMs ?? v.stopped.afterS * 1000;
    const ex = v.stopped.extrapolatedMs;
    return `> ${fmtMs(bound)} (stopped${ex !== undefined ? `; ≈ ${fmtMs(ex)} if it grows as N²` : ''})`;
  }
  if (v.notRun?.aboveChartsMaxN !== undefined) return `not run (one Chart per app runs up to N = ${fmtInt(v.notRun.aboveChartsMaxN)})`;
  if (v.notRun?.stoppedAtN !== undefined) return `not run (stopped at N = ${fmtInt(v.notRun.stoppedAtN)})`;
  return '—';
}

/** A ratio's figure: "1.52", "> 31.6" (its numerator was stopped), or undefined. */
export function ratioCell(ratios: Record<string, number>, key: string): string | undefined {
  if (ratios[key] !== undefined) return ratios[key].toFixed(2);
  if (ratios[`${key}AtLeast`] !== undefined) return `> ${ratios[`${key}AtLeast`].toFixed(1)}`;
  return undefined;
}

const pct = (x: number) => (x < 0.005 ? '<1%' : `${Math.round(x * 100)}%`);

/** The README block, markers included. */
export function renderBenchBlock(results: BenchResults): string {
  const rows = results.synth;
  const defaultRuns = results.method.runsPerVariant;
  const m = results.machine;
  const lines: string[] = [BENCH_START];
  lines.push('<!-- Generated by `npm run bench` (bench/readme.ts) from bench/results.json: do not edit by hand. -->');
  lines.push('');
  lines.push(`Measured ${results.date} on ${m.cores} × ${m.cpu} (${m.memoryGb} GB, ${m.platform}), Node ${m.node};`
    + ` ${defaultRuns} measured runs per variant after a discarded warm-up, unless a cell says otherwise. Build + synth,`
    + ' median (min–max):');
  lines.push('');

  const header = (first: string) => {
    lines.push(`| ${first} | ${rows.map((r) => `N = ${fmtInt(r.n)}`).join(' | ')} |`);
    lines.push(`| --- | ${rows.map(() => '---:').join(' | ')} |`);
  };
  header('variant');
  for (const { id, label } of VARIANTS) {
    if (!rows.some((r) => r[id])) continue;
    lines.push(`| \`${id}\`: ${label} | ${rows.map((r) => cell(r[id], defaultRuns)).join(' | ')} |`);
  }
  lines.push('');

  const ratios = rows.map(computeRatios);
  const ratioRows = RATIOS.filter(([key]) => ratios.some((r) => ratioCell(r, key) !== undefined));
  if (ratioRows.length > 0) {
    header('ratio of medians');
    for (const [key, , , label] of ratioRows) {
      lines.push(`| ${label} | ${ratios.map((r) => ratioCell(r, key) ?? '—').join(' | ')} |`);
    }
    lines.push('');
  }

  const notes: string[] = [];
  const lowered = (results.method.lowered ?? []) as Array<{ n: number; variant: string; runs: number }>;
  if (lowered.length > 0) {
    notes.push(`[k runs]: a variant too slow for ${defaultRuns} runs within ${results.method.slowCapS} s got fewer, its warm-up kept as`
      + ` the first: ${lowered.map((l) => `\`${l.variant}\` at N = ${fmtInt(l.n)}`).join(', ')}.`);
  }
  const stopped = rows.flatMap((r) => VARIANTS.filter(({ id }) => r[id]?.stopped).map(({ id }) => `\`${id}\` at N = ${fmtInt(r.n)}`));
  if (stopped.length > 0) {
    notes.push(`Stopped: a run longer than ${results.method.maxRunS} s is stopped, its figure (build + synth) is then a lower bound, and`
      + ` the variant is not run at larger N: ${stopped.join(', ')}. "≈ … if it grows as N²" extrapolates from the largest N measured.`);
  }
  // this library's validation inside the synth, where cdk8s runs it
  const inSynth = (v: VariantResult | undefined, name: string) => (v?.reportMs
    ? [`${name} ${fmtMs(v.reportMs.median)}${v.reportCalls !== undefined ? ` over ${fmtInt(v.reportCalls)} passes` : ''} (${pct(v.reportMs.median / v.ms.median)})`]
    : []);
  const reportCells = rows.map((r) => [
    ...inSynth(variant(r, 'web-library'), 'web'),
    ...inSynth(variant(r, 'web-library-charts'), 'web, one Chart per app'),
    ...inSynth(variant(r, 'gateway-library'), 'gateway'),
    ...inSynth(variant(r, 'library'), 'mixed'),
  ].join(', ')).map((text, i) => (text ? `N = ${fmtInt(rows[i].n)}: ${text}` : '')).filter((x) => x);
  if (reportCells.length > 0) {
    notes.push('This library\'s validation (its App report: every construct\'s checks and the App-wide rules), timed inside the synth,'
      + ` where cdk8s runs it (once per synth, then once per Chart written), part of the figures above: ${reportCells.join('; ')}.`);
  }
  // (older results files timed the checks differently: before the synth, with a cached outcome)
  const checkCells = rows.map((r) => ({ n: r.n, web: variant(r, 'web-library'), gateway: variant(r, 'gateway-library'), lib: variant(r, 'library') }))
    .filter((c) => c.web?.checksMs ?? c.gateway?.checksMs ?? c.lib?.checksMs).map((c) => `N = ${fmtInt(c.n)}: ${[
      ...(c.web?.checksMs ? [`web ${fmtMs(c.web.checksMs.median)}`] : []),
      ...(c.gateway?.checksMs ? [`gateway ${fmtMs(c.gateway.checksMs.median)}`] : []),
      ...(c.lib?.checksMs ? [`mixed ${fmtMs(c.lib.checksMs.median)}`] : []),
    ].join(', ')}`);
  if (checkCells.length > 0 && results.method.checksMs !== undefined) {
    notes.push('One more validation pass over every construct after the synth (outside a synth, so the App is judged afresh; not part'
      + ` of the figures above): ${checkCells.join('; ')}.`);
  }
  const chartCells = rows.map((r) => ({ n: r.n, lib: variant(r, 'web-library-charts'), raw: variant(r, 'web-raw-charts'), one: variant(r, 'web-library') }))
    .filter((c) => c.lib && c.raw).map((c) => `N = ${fmtInt(c.n)}: ${fmtMs(c.lib!.ms.median)} against ${fmtMs(c.raw!.ms.median)} raw`
      + (c.one ? ` and ${fmtMs(c.one.ms.median)} in one Chart` : '')
      + (c.lib!.constructs && c.raw!.constructs ? `; ${fmtInt(c.lib!.constructs)} constructs against ${fmtInt(c.raw!.constructs)}` : ''));
  if (chartCells.length > 0) {
    notes.push('One Chart per app: for every Chart it writes, cdk8s resolves the whole App\'s dependencies and validates the whole App'
      + ` again, walking every construct, so the synth grows as N × Charts, raw ApiObjects included: ${chartCells.join('; ')}.`);
  }
  const bytes = ratios.find((r) => r.webBytesVsPlus !== undefined || r.bytesVsPlus !== undefined);
  if (bytes) {
    const parts: string[] = [];
    if (bytes.webBytesVsPlus !== undefined) parts.push(`web app ${bytes.webBytesVsPlus.toFixed(2)}×`);
    if (bytes.bytesVsPlus !== undefined) parts.push(`mixed app ${bytes.bytesVsPlus.toFixed(2)}×`);
    notes.push(`YAML bytes, this library / cdk8s-plus-27: ${parts.join(', ')}.`);
  }
  const last = rows[rows.length - 1];
  if (last) {
    const rss = VARIANTS.map(({ id }) => ({ id, v: variant(last, id) })).filter((x) => x.v?.maxRssMb !== undefined)
      .map((x) => `${x.id} ${fmtInt(x.v!.maxRssMb!)} MB`);
    if (rss.length > 0) notes.push(`Peak memory at N = ${fmtInt(last.n)}: ${rss.join(', ')}.`);
  }
  if (results.cdk8sSynthOneAppMs) {
    const e = results.cdk8sSynthOneAppMs;
    notes.push(`\`cdk8s synth\` of a one-app project, TypeScript compile included: ${fmtStats(e.library)} vs ${fmtStats(e.plus)} with`
      + ` cdk8s-plus-27 alone (${e.ratio.toFixed(2)}×).`);
  }
  if (results.requireMs) {
    notes.push(`Cold \`require()\`: ${fmtStats(results.requireMs.library)} vs ${fmtStats(results.requireMs.plus)} for cdk8s-plus-27.`);
  }
  if (results.durationS !== undefined) notes.push(`The run took ${fmtMs(results.durationS * 1000)}.`);
  for (const note of notes) lines.push(`- ${note}`);
  if (notes.length > 0) lines.push('');
  lines.push(BENCH_END);
  return lines.join('\n');
}

/** The block in a README, markers included; undefined without both markers. */
export function extractBenchBlock(readme: string): string | undefined {
  const start = readme.indexOf(BENCH_START);
  const end = readme.indexOf(BENCH_END, start);
  return start < 0 || end < 0 ? undefined : readme.slice(start, end + BENCH_END.length);
}

/** The README with its block replaced by `block`; throws without the markers. */
export function replaceBenchBlock(readme: string, block: string): string {
  const old = extractBenchBlock(readme);
  if (old === undefined) throw new Error(`README.md has no ${BENCH_START} … ${BENCH_END} block`);
  const start = readme.indexOf(BENCH_START);
  return readme.slice(0, start) + block + readme.slice(start + old.length);
}
