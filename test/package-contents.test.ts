/**
 * The npm tarball holds the package and its documentation, nothing else: lib/, .jsii, README, LICENSE, API.md and
 * docs/ (and package.json). `npm pack --dry-run` lists what `npm publish` would ship, from the current tree.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ALLOWED = [/^lib\/.+\.(js|d\.ts)$/, /^\.jsii$/, /^README\.md$/, /^LICENSE$/, /^API\.md$/, /^docs\/[^/]+\.md$/, /^package\.json$/];

test('the tarball holds lib/, .jsii, README, LICENSE, API.md and docs/ only', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: path.join(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
  expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'API.md', 'package.json']));
  expect(files.filter((f) => !ALLOWED.some((pattern) => pattern.test(f)))).toEqual([]);
});
