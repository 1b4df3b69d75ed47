import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'validation.md'), 'utf8');

function codesInSources(): Set<string> {
  const codes = new Set<string>();
  for (const file of fs.readdirSync(path.join(root, 'src'), { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(root, 'src', file), 'utf8');
    for (const match of text.matchAll(/'(SP_[A-Z0-9_]+)'/g)) codes.add(match[1]);
  }
  return codes;
}

test('docs/validation.md documents every rule code the library emits, and only those', () => {
  const inSources = codesInSources();
  const inDocs = new Set([...doc.matchAll(/^\| `(SP_[A-Z0-9_]+)`/gm)].map((m) => m[1]));
  expect(inSources.size).toBeGreaterThan(90);
  expect([...inSources].filter((c) => !inDocs.has(c)).sort()).toEqual([]);
  expect([...inDocs].filter((c) => !inSources.has(c)).sort()).toEqual([]);
});
