/**
 * `npm run fuzz -- --runs 10000 [--seed 42] [--only ExposedApp]`: runs the fuzz properties of every construct
 * on many generated inputs (without stopping at the first failure) and prints, per construct and in total,
 * how many cases ran, emitted valid manifests, were rejected with the library's error, and failed the
 * invariant. Exits non-zero when any case failed; prints the first failures with their input.
 */
import * as fc from 'fast-check';
import { InvariantViolation, PROPERTIES, runCase } from './properties';
import { FuzzWorkspace } from './workspace';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** An input as JSON, long strings (1 MB ones) shortened. */
function shown(input: unknown): string {
  return JSON.stringify(input, (_k, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
}

const runs = Number(arg('runs') ?? 1000);
const seed = Number(arg('seed') ?? Date.now() % 2147483647);
const only = arg('only');
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a positive integer');
  process.exit(2);
}

console.log(`fuzzing ${runs} cases per construct, seed ${seed} (replay with --seed ${seed})`);
let passed = 0;
let failed = 0;
const started = Date.now();
// every App outdir and PEM file of the run lives in one temp folder, removed at the end (and at exit)
const workspace = new FuzzWorkspace();
for (const property of PROPERTIES.filter((p) => only === undefined || p.name === only)) {
  const counts = { emitted: 0, rejected: 0, failed: 0 };
  const failures: string[] = [];
  const inputs = fc.sample(property.arbitrary, { numRuns: runs, seed });
  const t0 = Date.now();
  for (const input of inputs) {
    try {
      counts[runCase(property, input, workspace)]++;
    } catch (err) {
      counts.failed++;
      if (failures.length < 3) {
        failures.push(`${err instanceof InvariantViolation ? err.message : (err as Error)?.stack ?? err}\n    input: ${shown(input)}`);
      }
    }
  }
  passed += counts.emitted + counts.rejected;
  failed += counts.failed;
  console.log(`${property.name.padEnd(24)} ran ${inputs.length}, emitted ${counts.emitted}, rejected ${counts.rejected}, failed ${counts.failed} (${Date.now() - t0} ms)`);
  for (const failure of failures) console.log(`  FAILED: ${failure}`);
}
console.log(`fuzz: ${passed + failed} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
workspace.dispose();
process.exit(failed > 0 ? 1 : 0);
