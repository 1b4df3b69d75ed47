/**
 * Every TypeScript block of README.md (```ts / ```typescript) must compile, as a user pasting it into an app made
 * by `cdk8s init` would compile it: `strict`, `noUnusedLocals`, `noUnusedParameters`, `noImplicitReturns`,
 * target ES2020, module commonjs, types node. `cdk8s-service-patterns` resolves to this repository's
 * src/index.ts, so the snippets are checked against the current sources, before lib/ is built.
 *
 * Convention for the README's snippets:
 * - Each block is its own module (imports of one block are not seen by another). A block imports what it uses
 *   from `cdk8s-service-patterns`, `cdk8s` or `cdk8s-plus-27` itself, and imports nothing it does not use.
 * - Two names are always declared, as in the Quick start: `app` (a cdk8s `App`) and `chart` (a cdk8s `Chart`).
 *   A block that declares its own `app` or `chart` shadows them.
 * - Anything else a fragment uses from an earlier block (`zk`, `web`, `db`, ...) is declared in a hidden HTML
 *   comment on the line(s) right before the block (blank lines in between are allowed), e.g.
 *     <!-- snippet-prelude: import { ExposedApp } from 'cdk8s-service-patterns'; declare const web: ExposedApp; -->
 *   Its text is compiled in front of the block (GitHub does not render it). Keep preludes to declarations:
 *   whatever a reader needs to see belongs in the block.
 * - Blocks of other languages (sh, python, java, go, xml, yaml, mermaid, text) are not compiled here.
 *
 * A failure names the block's line in README.md and the compiler's diagnostics with README line numbers.
 * All blocks share one ts.Program (one virtual file per block), so the test stays fast.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..');
const readmePath = path.join(root, 'README.md');
const virtualDir = path.join(root, '.readme-snippets');

/** The implicit prelude of every block: `app` and `chart`, as a global script (a block's own declarations shadow it). */
const IMPLICIT_GLOBALS = [
  'declare const app: import(\'cdk8s\').App;',
  'declare const chart: import(\'cdk8s\').Chart;',
].join('\n');

interface Snippet {
  /** 1-based line of the opening fence in README.md. */
  readonly fenceLine: number;
  /** The text compiled in front of the block (from a `snippet-prelude` comment), '' if none. */
  readonly prelude: string;
  readonly code: string;
  readonly fileName: string;
}

const FENCE_OPEN = /^ {0,3}```(ts|typescript)\s*$/;
const FENCE_ANY = /^ {0,3}```/;
const PRELUDE_OPEN = '<!-- snippet-prelude:';

/** Extracts the TypeScript blocks of a Markdown text, each with its prelude comment, and the preludes attached to none. */
function extractSnippets(markdown: string): { snippets: Snippet[]; orphanPreludes: number[] } {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  const preludeLines: number[] = [];
  const used = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trimStart().startsWith(PRELUDE_OPEN)) preludeLines.push(i);
    if (!FENCE_ANY.test(line)) {
      i++;
      continue;
    }
    const start = i;
    const body: string[] = [];
    i++;
    while (i < lines.length && !/^ {0,3}```\s*$/.test(lines[i])) body.push(lines[i++]);
    i++; // the closing fence
    if (!FENCE_OPEN.test(line)) continue;
    const prelude = preludeBefore(lines, start);
    if (prelude.line !== undefined) used.add(prelude.line);
    snippets.push({
      fenceLine: start + 1,
      prelude: prelude.text,
      code: body.join('\n') + '\n',
      fileName: path.join(virtualDir, `readme-line-${start + 1}.ts`),
    });
  }
  return { snippets, orphanPreludes: preludeLines.filter((l) => !used.has(l)).map((l) => l + 1) };
}

/** The `snippet-prelude` comment that ends on the last non-blank line before the fence at `fence` (0-based). */
function preludeBefore(lines: string[], fence: number): { text: string; line?: number } {
  let end = fence - 1;
  while (end >= 0 && lines[end].trim() === '') end--;
  if (end < 0 || !lines[end].trimEnd().endsWith('-->')) return { text: '' };
  let begin = end;
  while (begin >= 0 && !lines[begin].trimStart().startsWith('<!--')) begin--;
  if (begin < 0 || !lines[begin].trimStart().startsWith(PRELUDE_OPEN)) return { text: '' };
  const comment = lines.slice(begin, end + 1).join('\n').trim();
  const text = comment.slice(PRELUDE_OPEN.length, comment.length - '-->'.length).trim();
  return { text, line: begin };
}

/** The compiler options of a `cdk8s init` app, plus the mapping of the package name to the sources. */
const compilerOptions: ts.CompilerOptions = {
  strict: true,
  alwaysStrict: true,
  noImplicitAny: true,
  noImplicitThis: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  experimentalDecorators: true,
  resolveJsonModule: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  moduleDetection: ts.ModuleDetectionKind.Force,
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
  baseUrl: root,
  paths: { 'cdk8s-service-patterns': ['src/index.ts'] },
};

interface Checked {
  readonly snippet: Snippet;
  /** Diagnostics of the block, formatted with README.md line numbers. */
  readonly problems: string[];
}

/** Type-checks every snippet in one program; diagnostics are reported for the snippets only. */
function checkSnippets(snippets: readonly Snippet[]): Checked[] {
  const globalsFile = path.join(virtualDir, 'readme-globals.d.ts');
  const virtual = new Map<string, string>([[globalsFile, IMPLICIT_GLOBALS]]);
  for (const s of snippets) virtual.set(s.fileName, s.prelude === '' ? s.code : `${s.prelude}\n${s.code}`);

  const host = ts.createCompilerHost(compilerOptions, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getCurrentDirectory = () => root;
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(f));
    return text !== undefined
      ? ts.createSourceFile(f, text, languageVersion, true)
      : getSourceFile(f, languageVersion, onError, shouldCreate);
  };

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: compilerOptions, host });
  const general = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (general.length > 0) throw new Error(`the snippet compiler options are rejected:\n${general.join('\n')}`);

  return snippets.map((snippet) => {
    const sourceFile = program.getSourceFile(snippet.fileName)!;
    const preludeLineCount = snippet.prelude === '' ? 0 : snippet.prelude.split('\n').length;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    const problems = diagnostics.map((d) => {
      const text = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`;
      if (d.start === undefined) return text;
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start);
      const where = line < preludeLineCount
        ? `snippet-prelude of the block at README.md:${snippet.fenceLine}`
        : `README.md:${snippet.fenceLine + 1 + line - preludeLineCount}:${character + 1}`;
      return `${where} ${text}`;
    });
    return { snippet, problems };
  });
}

const { snippets, orphanPreludes } = extractSnippets(fs.readFileSync(readmePath, 'utf8'));

/** A block that must fail, checked in the same program as README's to prove failures are seen and located. */
const brokenMarkdown = [
  '# broken',
  '',
  '<!-- snippet-prelude: declare const x: number; -->',
  '```ts',
  'import { HeadlessService } from \'cdk8s-service-patterns\';',
  'export const y: string = x;',
  '```',
  '',
].join('\n');
const broken = extractSnippets(brokenMarkdown).snippets.map((s) => ({ ...s, fileName: path.join(virtualDir, 'self-test.ts') }));

let checked: Checked[] | undefined;
function result(snippet: Snippet): Checked {
  checked ??= checkSnippets([...snippets, ...broken]);
  return checked.find((r) => r.snippet === snippet)!;
}

test('README.md has TypeScript blocks to check, and every snippet-prelude comment is right before one', () => {
  expect(snippets.length).toBeGreaterThan(5);
  expect(orphanPreludes.map((l) => `README.md:${l}: snippet-prelude not directly before a \`\`\`ts block`)).toEqual([]);
});

test.each(snippets.map((s) => [s.fenceLine, s] as const))('the TypeScript block at README.md:%i compiles', (_line, snippet) => {
  expect(result(snippet).problems).toEqual([]);
});

test('a block that does not compile is reported with its line in the Markdown and the diagnostics', () => {
  expect(broken).toHaveLength(1);
  expect(result(broken[0]).problems).toEqual([
    'README.md:5:1 TS6133: \'HeadlessService\' is declared but its value is never read.',
    'README.md:6:14 TS2322: Type \'number\' is not assignable to type \'string\'.',
  ]);
});
