import * as fs from 'fs';
import * as path from 'path';
import { BenchResults, extractBenchBlock, fmtRange, renderBenchBlock, replaceBenchBlock } from '../bench/readme';

// The README's performance figures are generated from bench/results.json (`npm run bench` rewrites both): this
// keeps them from being edited by hand. It never runs the benchmark.
const root = path.join(__dirname, '..');
const results = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'results.json'), 'utf8')) as BenchResults;

test("README.md's performance block is the render of the committed bench/results.json", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(extractBenchBlock(readme)).toEqual(renderBenchBlock(results));
});

test('the block carries every N and every measured variant of the results, with median and min–max', () => {
  const block = renderBenchBlock(results);
  for (const row of results.synth) expect(block).toContain(`N = ${row.n.toLocaleString('en-US')}`);
  const first = results.synth[0];
  for (const [id, v] of Object.entries(first)) {
    if (v && typeof v === 'object' && 'ms' in v) expect(block).toContain(`| \`${id}\`:`);
  }
  expect(block).toContain(results.date);
});

test('replacing the block keeps the rest of the README, and a README without markers is an error', () => {
  const readme = 'before\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n';
  expect(replaceBenchBlock(readme, '<!-- bench:start -->\nnew\n<!-- bench:end -->'))
    .toBe('before\n<!-- bench:start -->\nnew\n<!-- bench:end -->\nafter\n');
  expect(() => replaceBenchBlock('no markers', 'x')).toThrow(/bench:start/);
  expect(fmtRange(980, 1200)).toBe('980 ms–1.20 s');
  expect(fmtRange(207, 315)).toBe('207–315 ms');
});
