import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..');

/** The names src/index.ts exports, read from its source: it may only re-export named symbols. */
function entryPointExports(): { names: string[]; otherStatements: string[] } {
  const file = path.join(root, 'src', 'index.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  const otherStatements: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((e) => e.name.text));
    } else {
      otherStatements.push(statement.getText(source));
    }
  }
  return { names, otherStatements };
}

/** The types API.md (jsii-docgen) documents: one `### Name` heading each. */
function documentedTypes(): string[] {
  const api = fs.readFileSync(path.join(root, 'API.md'), 'utf8');
  return [...api.matchAll(/^### (\w+) <a name="\w+" id="cdk8s-service-patterns\.\w+"><\/a>$/gm)].map((m) => m[1]);
}

test('the entry point lists its exports by name (no `export *`, nothing else)', () => {
  const { names, otherStatements } = entryPointExports();
  expect(otherStatements).toEqual([]);
  expect(names.length).toBeGreaterThan(30);
  expect(new Set(names).size).toEqual(names.length);
});

test('every exported name is a type documented in API.md, and every documented type is exported', () => {
  const exported = entryPointExports().names.sort();
  const documented = documentedTypes().sort();
  expect(exported).toEqual(documented);
});
