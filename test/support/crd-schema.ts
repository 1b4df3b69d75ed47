/**
 * Validation of custom resources (the Gateway API kinds) against their CustomResourceDefinitions, for tests,
 * as the API server's apiextensions code judges an object on create:
 *
 * 1. nulls of non-nullable fields without a default are pruned, then the structural schema's `default`s are
 *    applied to absent fields, recursively (inside array items and map values too);
 * 2. the OpenAPI v3 schema: types, required, enum, string lengths (in code points), numeric bounds, item and
 *    property counts, patterns (RE2 syntax), the string formats the CRDs use, oneOf/anyOf/allOf/not,
 *    `additionalProperties` maps, unknown fields refused (unless `x-kubernetes-preserve-unknown-fields`),
 *    `x-kubernetes-list-type` set/map uniqueness;
 * 3. every `x-kubernetes-validations` CEL rule at its node, with `self` bound to the (defaulted) value: integers
 *    as int64, absent fields absent (`has()` false), field names that are CEL keywords escaped as Kubernetes does
 *    (`namespace` → `__namespace__`). Transition rules (those that reference `oldSelf`) do not apply on create and
 *    are compiled but not evaluated. As the API server does, CEL rules are not evaluated when the object has a type
 *    error.
 *
 * The top-level `metadata` is not judged with the CRD's schema (the API server validates ObjectMeta itself): it must
 * be an object with a DNS-subdomain `name`.
 *
 * Anything the helper cannot judge is an error, never a silent pass: a schema keyword or string format it does not
 * implement, a rule that does not parse or calls a function the environment lacks, throws when the CRDs are loaded;
 * a rule whose evaluation fails (e.g. `no such key`) is reported as a violation, as the API server reports it.
 *
 * The CRDs' schemas and their parsed rules are cached on disk as JSON, keyed by the CRD files' content and the
 * CEL version (parsing the YAML and the rules takes about a second); each kind is compiled once per process (per
 * jest test file), on first use: schema tree, patterns, CEL programs.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { celEnv, CelEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { RE2JS } from '@bufbuild/re2';

/** The CRDs the helper judges custom resources with. */
export const CRD_DIR = path.resolve(__dirname, '..', '..', 'crds', 'gateway-api-v1.6.1');

/** The versions of the CRDs judged: the ones the library emits (other served versions are refused). */
const JUDGED_VERSIONS: ReadonlySet<string> = new Set(['v1']);

// ---------------------------------------------------------------------------------------------------------------
// Loading the CRDs

/** What is kept of one served version of a CRD. */
interface CrdVersionSchema {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly schema: any;
}

/** What the disk cache holds: the served versions' schemas, and the parsed CEL of their rules (parsing is slow). */
interface CrdCache {
  readonly versions: CrdVersionSchema[];
  /** Expression text → its ParsedExpr (a protobuf-es message: a plain object, int64s as `{ $bigint }`). */
  readonly parsed: { [expr: string]: any };
}

/** The version of @bufbuild/cel (whose package.json is not exported): the parser's output is cached per version. */
const CEL_VERSION: string = JSON.parse(
  fs.readFileSync(path.resolve(require.resolve('@bufbuild/cel'), '..', '..', '..', 'package.json'), 'utf8')).version;

const bigintReplacer = (_key: string, v: unknown) => {
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Uint8Array) throw new Error('bytes in a parsed CEL expression');
  return v;
};
const bigintReviver = (_key: string, v: any) => (v !== null && typeof v === 'object' && typeof v.$bigint === 'string' ? BigInt(v.$bigint) : v);

function crdFiles(): string[] {
  return fs.readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(CRD_DIR, f));
}

/**
 * The served versions' schemas of the CRD files (descriptions dropped) and their rules parsed, read through a JSON
 * cache on disk keyed by the files' content and the CEL parser's version.
 */
function loadCrdCache(): CrdCache {
  const files = crdFiles();
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const hash = createHash('sha256').update(CEL_VERSION);
  texts.forEach((t) => hash.update('\0').update(t));
  const cacheFile = path.join(os.tmpdir(), `cdk8s-service-patterns-crd-schemas-${hash.digest('hex').slice(0, 20)}-v2.json`);
  if (fs.existsSync(cacheFile)) {
    try {
      return JSON.parse(fs.readFileSync(cacheFile, 'utf8'), bigintReviver);
    } catch {
      // rebuilt below
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml: typeof import('yaml') = require('yaml');
  const out: CrdVersionSchema[] = [];
  texts.forEach((text, i) => {
    for (const doc of yaml.parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`${files[i]}: ${doc.errors[0].message}`);
      const crd = doc.toJS();
      if (!crd) continue;
      if (crd.apiVersion !== 'apiextensions.k8s.io/v1' || crd.kind !== 'CustomResourceDefinition') {
        throw new Error(`${files[i]}: not a CustomResourceDefinition: ${crd.apiVersion}/${crd.kind}`);
      }
      for (const v of crd.spec.versions) {
        if (!v.served) continue;
        const schema = v.schema?.openAPIV3Schema ?? crd.spec.validation?.openAPIV3Schema;
        if (!schema) throw new Error(`${files[i]}: ${crd.spec.names.kind} ${v.name} has no openAPIV3Schema`);
        out.push({ group: crd.spec.group, version: v.name, kind: crd.spec.names.kind, schema: withoutDescriptions(schema) });
      }
    }
  });
  const parsed: { [expr: string]: any } = {};
  const collect = (schema: any): void => {
    if (Array.isArray(schema)) return schema.forEach(collect);
    if (schema === null || typeof schema !== 'object') return;
    for (const r of schema['x-kubernetes-validations'] ?? []) {
      for (const expr of [r.rule, r.messageExpression]) {
        if (typeof expr !== 'string' || expr in parsed) continue;
        try {
          const text = JSON.stringify(parse(expr), bigintReplacer);
          parsed[expr] = JSON.parse(text, bigintReviver);
        } catch {
          // not cached: compiled (and its error reported) when its kind is compiled
        }
      }
    }
    for (const [k, v] of Object.entries(schema)) if (k !== 'default' && k !== 'enum') collect(v);
  };
  out.forEach((v) => collect(v.schema));
  const cache: CrdCache = { versions: out, parsed };
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cache, bigintReplacer));
  fs.renameSync(tmp, cacheFile);
  return cache;
}

/** The schema without `description`s (but a property named `description` is kept). */
function withoutDescriptions(schema: any): any {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'description') continue;
    if (k === 'properties') {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, withoutDescriptions(s)]));
    } else if (k === 'default' || k === 'enum' || k === 'example') {
      out[k] = v;
    } else {
      out[k] = withoutDescriptions(v);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Regular expressions (RE2 syntax, as Go's regexp and CEL's matches())

interface Matcher {
  test(text: string): boolean;
}

const matchers = new Map<string, Matcher>();

/**
 * A matcher of an RE2 pattern (unanchored, like Go's MatchString): V8's RegExp (with the `u` flag: code points,
 * as RE2's runes) when the pattern only uses syntax both engines read alike, @bufbuild/re2 otherwise.
 */
function compilePattern(source: string): Matcher {
  let matcher = matchers.get(source);
  if (!matcher) {
    matcher = jsCompatible(source) ? jsRegExp(source) ?? RE2JS.compile(source) : RE2JS.compile(source);
    matchers.set(source, matcher);
  }
  return matcher;
}

/** Escapes that mean the same in RE2 and in a JS `u` RegExp (`\s`, `\pL`, `\A`, `\z`, `\Q`, `\1` do not). */
const SAME_ESCAPES = new Set([...'dDwWbBntrfv', ...'^$\\.*+?()[]{}|/-']);

/** Whether RE2 and a JS `u` RegExp read `p` alike: no inline flags or named groups, no POSIX classes, no bare `.`. */
function jsCompatible(p: string): boolean {
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (!SAME_ESCAPES.has(p[i + 1])) return false;
      i++;
    } else if (inClass) {
      if (c === '[') return false; // [[:alpha:]] in RE2, a literal '[' in JS
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') i++;
      if (p[i + 1] === ']') return false; // a leading ']' is literal in RE2, an empty class in JS
    } else if (c === '(' && p[i + 1] === '?' && p[i + 2] !== ':') {
      return false; // (?i), (?P<name>...)
    } else if (c === '.') {
      return false; // RE2's '.' matches \r, \u2028 and \u2029; JS's does not
    }
  }
  return true;
}

function jsRegExp(source: string): Matcher | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined; // e.g. escapes a `u` RegExp refuses: left to RE2
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CEL

type Program = (bindings: { self: unknown }) => unknown;

let celEnvironment: CelEnv | undefined;

/**
 * The CEL environment of the rules: standard CEL (size, contains, startsWith, endsWith, matches, duration,
 * timestamp, in, has and the all/exists/exists_one/filter/map macros) and the strings extension (split, ...),
 * with `matches` using the memoized RE2 matchers.
 */
function env(): CelEnv {
  celEnvironment ??= celEnv({ funcs: strings, re2: { compile: compilePattern } });
  return celEnvironment;
}

/** Calls the planner resolves itself, not through the environment's functions. */
const PLANNER_CALLS = new Set(['_[_]', '_[?_]', '_?._', '_?_:_', '_&&_', '_||_', '@not_strictly_false', '__not_strictly_false__']);

/** Identifiers that name types, usable in `type(x) == string`. */
const TYPE_IDENTS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/**
 * Parses and plans `expr` with the variables `vars`; throws when it does not parse, names an unknown variable or
 * calls a function the environment does not have (the planner would only find out when the call is reached).
 * Returns the program and whether the expression references `oldSelf`.
 */
function compileCel(expr: string, vars: readonly string[]): { program: Program; usesOldSelf: boolean } {
  const key = `${vars.join(',')}\0${expr}`;
  let compiled = programs.get(key);
  if (!compiled) {
    compiled = compileCelUncached(expr, vars);
    programs.set(key, compiled);
  }
  return compiled;
}

/** Compiled expressions by variables and text (the same rule recurs at many nodes). */
const programs = new Map<string, { program: Program; usesOldSelf: boolean }>();

function compileCelUncached(expr: string, vars: readonly string[]): { program: Program; usesOldSelf: boolean } {
  const parsed = crdCache().parsed[expr] ?? parse(expr);
  let usesOldSelf = false;
  const walk = (e: any, scope: ReadonlySet<string>): void => {
    const kind = e?.exprKind;
    switch (kind?.case) {
      case 'identExpr': {
        const name: string = kind.value.name;
        if (name === 'oldSelf') usesOldSelf = true;
        if (!scope.has(name) && !TYPE_IDENTS.has(name)) throw new Error(`unknown variable ${name}`);
        return;
      }
      case 'selectExpr':
        return walk(kind.value.operand, scope);
      case 'callExpr': {
        const fn: string = kind.value.function;
        if (!PLANNER_CALLS.has(fn) && env().funcs.find(fn) === undefined) throw new Error(`no CEL function ${fn}`);
        if (kind.value.target) walk(kind.value.target, scope);
        return kind.value.args.forEach((a: any) => walk(a, scope));
      }
      case 'listExpr':
        return kind.value.elements.forEach((a: any) => walk(a, scope));
      case 'structExpr':
        return kind.value.entries.forEach((entry: any) => {
          if (entry.keyKind?.case === 'mapKey') walk(entry.keyKind.value, scope);
          walk(entry.value, scope);
        });
      case 'comprehensionExpr': {
        const c = kind.value;
        walk(c.iterRange, scope);
        walk(c.accuInit, scope);
        const inner = new Set([...scope, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
        walk(c.loopCondition, inner);
        walk(c.loopStep, inner);
        return walk(c.result, new Set([...scope, c.accuVar]));
      }
      case 'constExpr':
        return;
      default:
        throw new Error(`unexpected CEL expression ${kind?.case}`);
    }
  };
  walk(parsed.expr, new Set(vars));
  return { program: plan(env(), parsed) as unknown as Program, usesOldSelf };
}

/** CEL's reserved words, which Kubernetes escapes as `__word__` when they name a property. */
const CEL_RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

/** A property name as a CEL field name (k8s.io/apiserver/pkg/cel escaping), or undefined when it cannot be one. */
function escapeProperty(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__|[.\-/]/g, (m) => ({ '__': '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' } as any)[m]);
}

// ---------------------------------------------------------------------------------------------------------------
// The compiled schema

interface Rule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: Program;
  readonly fieldPath?: string;
  readonly program: Program;
}

interface Node {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: ReadonlyMap<string, Node>;
  /** CEL field names of `properties`. */
  readonly celNames?: ReadonlyMap<string, string>;
  readonly additionalProperties?: Node | boolean;
  readonly items?: Node;
  readonly required: readonly string[];
  readonly enumValues?: ReadonlySet<string>;
  readonly enumText?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly pattern?: { readonly source: string; readonly matcher: Matcher };
  readonly format?: StringFormat;
  readonly nullable: boolean;
  readonly preserveUnknownFields: boolean;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  /** Defaults of the properties, applied where they are absent. */
  readonly defaults: ReadonlyArray<readonly [string, unknown]>;
  readonly oneOf?: readonly Node[];
  readonly anyOf?: readonly Node[];
  readonly allOf?: readonly Node[];
  readonly not?: Node;
  /** The rules evaluated on create. */
  readonly rules: readonly Rule[];
  /** Whether this node or one below it has defaults. */
  readonly defaultsBelow: boolean;
}

interface StringFormat {
  readonly name: string;
  test(value: string): boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The string formats the CRDs use (k8s.io/kube-openapi/pkg/validation/strfmt). */
const STRING_FORMATS: { [name: string]: (v: string) => boolean } = {
  'ipv4': (v) => net.isIPv4(v),
  'ipv6': (v) => net.isIPv6(v) && !v.includes('%'),
  'date-time': (v) => RFC3339.test(v) && !isNaN(Date.parse(v)),
};

/** Formats that are not checked on strings: numeric formats (kube-openapi checks formats of strings only). */
const NUMERIC_FORMATS = new Set(['int32', 'int64', 'float', 'double']);

const KNOWN_KEYWORDS = new Set([
  'type', 'description', 'title', 'example', 'externalDocs', 'properties', 'additionalProperties', 'items', 'required',
  'enum', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems', 'minProperties', 'maxProperties', 'pattern', 'format', 'default', 'nullable', 'oneOf',
  'anyOf', 'allOf', 'not', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
]);

/** Counts of the compiled rules, per `group/version/Kind`. */
interface RuleTally {
  evaluated: number;
  transition: number;
}

function compileNode(s: any, at: string, tally: RuleTally): Node {
  for (const k of Object.keys(s)) {
    if (!KNOWN_KEYWORDS.has(k)) throw new Error(`${at}: the CRD helper does not implement the schema keyword ${k}`);
  }
  const properties = s.properties
    ? new Map(Object.entries(s.properties).map(([k, v]) => [k, compileNode(v, `${at}.${k}`, tally)] as const))
    : undefined;
  const celNames = properties ? new Map([...properties.keys()].flatMap((k) => {
    const escaped = escapeProperty(k);
    return escaped === undefined ? [] : [[k, escaped] as const];
  })) : undefined;
  const additionalProperties = typeof s.additionalProperties === 'object'
    ? compileNode(s.additionalProperties, `${at}.*`, tally) : s.additionalProperties;
  const items = s.items ? compileNode(s.items, `${at}[*]`, tally) : undefined;
  let format: StringFormat | undefined;
  if (s.format && !NUMERIC_FORMATS.has(s.format)) {
    const test = STRING_FORMATS[s.format];
    if (!test) throw new Error(`${at}: the CRD helper does not implement the string format ${s.format}`);
    format = { name: s.format, test };
  }
  const sub = (list: any[] | undefined, name: string) => list?.map((x, i) => compileNode(x, `${at}(${name}[${i}])`, tally));
  const rules: Rule[] = [];
  for (const r of s['x-kubernetes-validations'] ?? []) {
    let compiled: ReturnType<typeof compileCel>;
    try {
      compiled = compileCel(r.rule, ['self', 'oldSelf']);
    } catch (err: any) {
      throw new Error(`${at}: CEL rule does not compile: ${err?.message ?? err}\n  rule: ${r.rule}`);
    }
    if (r.optionalOldSelf) throw new Error(`${at}: the CRD helper does not implement optionalOldSelf: ${r.rule}`);
    if (compiled.usesOldSelf) {
      tally.transition++;
      continue; // a transition rule: not evaluated on create
    }
    let messageExpression: Program | undefined;
    if (r.messageExpression) {
      try {
        messageExpression = compileCel(r.messageExpression, ['self']).program;
      } catch (err: any) {
        throw new Error(`${at}: CEL messageExpression does not compile: ${err?.message ?? err}\n  ${r.messageExpression}`);
      }
    }
    tally.evaluated++;
    rules.push({ rule: r.rule, message: r.message, messageExpression, fieldPath: r.fieldPath, program: compiled.program });
  }
  const defaults = Object.entries(s.properties ?? {}).filter(([, p]: [string, any]) => p.default !== undefined)
    .map(([k, p]: [string, any]) => [k, p.default] as const);
  const children = [...(properties?.values() ?? []), ...(typeof additionalProperties === 'object' ? [additionalProperties] : []),
    ...(items ? [items] : [])];
  return {
    type: s.type,
    properties,
    celNames,
    additionalProperties,
    items,
    required: s.required ?? [],
    enumValues: s.enum ? new Set(s.enum.map((e: unknown) => JSON.stringify(e))) : undefined,
    enumText: s.enum ? s.enum.map((e: unknown) => JSON.stringify(e)).join(', ') : undefined,
    minLength: s.minLength,
    maxLength: s.maxLength,
    minimum: s.minimum,
    maximum: s.maximum,
    exclusiveMinimum: s.exclusiveMinimum,
    exclusiveMaximum: s.exclusiveMaximum,
    multipleOf: s.multipleOf,
    minItems: s.minItems,
    maxItems: s.maxItems,
    minProperties: s.minProperties,
    maxProperties: s.maxProperties,
    pattern: s.pattern !== undefined ? { source: s.pattern, matcher: compilePattern(s.pattern) } : undefined,
    format,
    nullable: s.nullable === true,
    preserveUnknownFields: s['x-kubernetes-preserve-unknown-fields'] === true,
    listType: s['x-kubernetes-list-type'],
    listMapKeys: s['x-kubernetes-list-map-keys'],
    defaults,
    oneOf: sub(s.oneOf, 'oneOf'),
    anyOf: sub(s.anyOf, 'anyOf'),
    allOf: sub(s.allOf, 'allOf'),
    not: s.not ? compileNode(s.not, `${at}(not)`, tally) : undefined,
    rules,
    defaultsBelow: defaults.length > 0 || children.some((c) => c.defaultsBelow),
  };
}

interface CompiledKind {
  readonly root: Node;
  readonly tally: RuleTally;
}

let loadedCache: CrdCache | undefined;

function crdCache(): CrdCache {
  loadedCache ??= loadCrdCache();
  return loadedCache;
}

/** `group/version/Kind` of every served version of every CRD → its schema (undefined: served, but not judged). */
let servedKinds: Map<string, CrdVersionSchema | undefined> | undefined;
const compiledKinds = new Map<string, CompiledKind>();

function kinds(): Map<string, CrdVersionSchema | undefined> {
  servedKinds ??= new Map(crdCache().versions.map((v) => [`${v.group}/${v.version}/${v.kind}`, JUDGED_VERSIONS.has(v.version) ? v : undefined]));
  return servedKinds;
}

/** The compiled schema of `gvk` (compiled on first use), or why there is none. */
function compiledKind(gvk: string): CompiledKind | 'unknown' | 'not judged' {
  let compiled = compiledKinds.get(gvk);
  if (compiled) return compiled;
  const served = kinds();
  if (!served.has(gvk)) return 'unknown';
  const crd = served.get(gvk);
  if (!crd) return 'not judged';
  const tally: RuleTally = { evaluated: 0, transition: 0 };
  compiled = { root: compileNode(crd.schema, gvk, tally), tally };
  compiledKinds.set(gvk, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------------------------
// Defaulting

function isObject(v: unknown): v is { [k: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Prunes nulls of non-nullable fields without a default and applies defaults, in place (structural defaulting). */
function applyDefaults(value: unknown, node: Node): void {
  if (isObject(value)) {
    if (node.properties) {
      for (const [k, v] of Object.entries(value)) {
        const prop = node.properties.get(k);
        if (v === null && prop && !prop.nullable && !node.defaults.some(([d]) => d === k)) {
          delete value[k];
        }
      }
    }
    for (const [k, d] of node.defaults) {
      if (value[k] === undefined || (value[k] === null && !node.properties!.get(k)!.nullable)) {
        value[k] = structuredClone(d);
      }
    }
    if (!node.defaultsBelow) return;
    for (const [k, v] of Object.entries(value)) {
      const child = node.properties?.get(k) ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      if (child?.defaultsBelow) applyDefaults(v, child);
    }
  } else if (Array.isArray(value) && node.items?.defaultsBelow) {
    for (const item of value) applyDefaults(item, node.items);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Schema validation

interface Findings {
  readonly out: string[];
  /** Whether a value has the wrong type: then, as the API server, no CEL rule is evaluated. */
  typeError: boolean;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function hasType(v: unknown, type: Node['type']): boolean {
  switch (type) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    default: return true;
  }
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function show(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Validates `value` against `node`. `structural`: the node is part of the structural schema (unknown fields are
 * refused, nested nodes are walked); false inside oneOf/anyOf/allOf/not, whose schemas only add value validations.
 */
function validate(value: unknown, node: Node, at: string, f: Findings, structural: boolean): void {
  const where = at || '.';
  if (value === null && node.nullable) return;
  if (node.type && !hasType(value, node.type)) {
    f.out.push(`${where}: Invalid value: ${typeOf(value)}: must be of type ${node.type}`);
    f.typeError = true;
    return;
  }
  if (node.enumValues && !node.enumValues.has(JSON.stringify(value))) {
    f.out.push(`${where}: Unsupported value: ${show(value)}: supported values: ${node.enumText}`);
  }
  if (typeof value === 'string') {
    if (node.maxLength !== undefined && value.length > node.maxLength && codePoints(value) > node.maxLength) {
      f.out.push(`${where}: Too long: may not be longer than ${node.maxLength} (${codePoints(value)} characters)`);
    }
    if (node.minLength !== undefined && codePoints(value) < node.minLength) {
      f.out.push(`${where}: Invalid value: ${show(value)}: should be at least ${node.minLength} chars long`);
    }
    if (node.pattern && !node.pattern.matcher.test(value)) {
      f.out.push(`${where}: Invalid value: ${show(value)}: should match '${node.pattern.source}'`);
    }
    if (node.format && !node.format.test(value)) {
      f.out.push(`${where}: Invalid value: ${show(value)}: must be of format ${node.format.name}`);
    }
  } else if (typeof value === 'number') {
    if (node.minimum !== undefined && (node.exclusiveMinimum ? value <= node.minimum : value < node.minimum)) {
      f.out.push(`${where}: Invalid value: ${value}: should be greater than ${node.exclusiveMinimum ? '' : 'or equal to '}${node.minimum}`);
    }
    if (node.maximum !== undefined && (node.exclusiveMaximum ? value >= node.maximum : value > node.maximum)) {
      f.out.push(`${where}: Invalid value: ${value}: should be less than ${node.exclusiveMaximum ? '' : 'or equal to '}${node.maximum}`);
    }
    if (node.multipleOf !== undefined && !Number.isInteger(value / node.multipleOf)) {
      f.out.push(`${where}: Invalid value: ${value}: should be a multiple of ${node.multipleOf}`);
    }
  } else if (Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      f.out.push(`${where}: Too many: ${value.length}: must have at most ${node.maxItems} items`);
    }
    if (node.minItems !== undefined && value.length < node.minItems) {
      f.out.push(`${where}: Invalid value: ${value.length} items: should have at least ${node.minItems} items`);
    }
    if (structural) validateListType(value, node, where, f);
    if (node.items) value.forEach((item, i) => validate(item, node.items!, `${at}[${i}]`, f, structural));
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    if (node.maxProperties !== undefined && keys.length > node.maxProperties) {
      f.out.push(`${where}: Too many: ${keys.length}: must have at most ${node.maxProperties} items`);
    }
    if (node.minProperties !== undefined && keys.length < node.minProperties) {
      f.out.push(`${where}: Invalid value: ${keys.length} properties: should have at least ${node.minProperties} properties`);
    }
    for (const r of node.required) {
      if (value[r] === undefined) f.out.push(`${at}.${r}: Required value`);
    }
    for (const k of keys) {
      const child = node.properties?.get(k);
      if (child) {
        validate(value[k], child, `${at}.${k}`, f, structural);
      } else if (typeof node.additionalProperties === 'object') {
        validate(value[k], node.additionalProperties, `${at}.${k}`, f, structural);
      } else if (structural && node.additionalProperties !== true && !node.preserveUnknownFields) {
        f.out.push(`${at}.${k}: unknown field`);
      }
    }
  }
  validateCombinators(value, node, where, f);
}

function passes(value: unknown, node: Node, at: string): { ok: boolean; findings: string[] } {
  const f: Findings = { out: [], typeError: false };
  validate(value, node, at, f, false);
  return { ok: f.out.length === 0, findings: f.out };
}

function validateCombinators(value: unknown, node: Node, where: string, f: Findings): void {
  if (node.allOf) for (const s of node.allOf) validate(value, s, where === '.' ? '' : where, f, false);
  if (node.anyOf) {
    const results = node.anyOf.map((s) => passes(value, s, where === '.' ? '' : where));
    if (!results.some((r) => r.ok)) {
      f.out.push(`${where}: must validate at least one schema (anyOf): ${results.map((r) => r.findings.join('; ')).join(' | ')}`);
    }
  }
  if (node.oneOf) {
    const results = node.oneOf.map((s) => passes(value, s, where === '.' ? '' : where));
    const ok = results.filter((r) => r.ok).length;
    if (ok !== 1) {
      const detail = ok === 0 ? `: ${results.map((r) => r.findings.join('; ')).join(' | ')}` : ` (${ok} match)`;
      f.out.push(`${where}: must validate one and only one schema (oneOf)${detail}`);
    }
  }
  if (node.not && passes(value, node.not, where === '.' ? '' : where).ok) {
    f.out.push(`${where}: must not validate the schema (not)`);
  }
}

/** x-kubernetes-list-type: set items are unique; map items are objects with unique key tuples. */
function validateListType(list: unknown[], node: Node, where: string, f: Findings): void {
  if (node.listType === 'set') {
    const seen = new Set<string>();
    for (const item of list) {
      const key = JSON.stringify(item);
      if (seen.has(key)) f.out.push(`${where}: Duplicate value: ${key}`);
      seen.add(key);
    }
  } else if (node.listType === 'map') {
    const seen = new Set<string>();
    for (const item of list) {
      if (!isObject(item)) continue; // the type error is reported on the item
      const tuple = Object.fromEntries((node.listMapKeys ?? []).map((k) => [k, item[k] ?? null]));
      const key = JSON.stringify(tuple);
      if (seen.has(key)) f.out.push(`${where}: Duplicate value: ${key}`);
      seen.add(key);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CEL rules

/**
 * Evaluates the rules at and below `node` on `value` (bottom-up), reporting failures to `out`; returns the CEL
 * value of `value` (maps for objects, with escaped field names; bigint for integers), which its parent's rules see.
 */
function evaluateRules(value: unknown, node: Node | undefined, at: string, out: string[]): unknown {
  let self: unknown;
  if (value === null || value === undefined) {
    return null;
  } else if (Array.isArray(value)) {
    self = value.map((v, i) => evaluateRules(v, node?.items, `${at}[${i}]`, out));
  } else if (isObject(value)) {
    const map = new Map<string, unknown>();
    if (node?.properties && node.properties.size > 0) {
      for (const [k, v] of Object.entries(value)) {
        const name = node.celNames!.get(k);
        if (name !== undefined) map.set(name, evaluateRules(v, node.properties.get(k), `${at}.${k}`, out));
      }
    } else {
      const child = typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined;
      for (const [k, v] of Object.entries(value)) map.set(k, evaluateRules(v, child, `${at}.${k}`, out));
    }
    self = map;
  } else if (typeof value === 'number') {
    self = node?.type === 'integer' ? BigInt(value) : value;
  } else if (typeof value === 'string' && node?.format?.name === 'date-time') {
    self = timestampFromDate(new Date(value));
  } else {
    self = value;
  }
  for (const r of node?.rules ?? []) {
    const result = r.program({ self });
    if (result === true) continue;
    const where = (at || '') + (r.fieldPath ?? '') || '.';
    if (isCelError(result)) {
      out.push(`${where}: Invalid value: CEL rule evaluation error: ${result.message} [rule: ${shortRule(r.rule)}]`);
    } else if (result !== false) {
      out.push(`${where}: Invalid value: CEL rule returned ${show(String(result))}, not a bool [rule: ${shortRule(r.rule)}]`);
    } else {
      out.push(`${where}: Invalid value: ${messageOf(r, self)} [rule: ${shortRule(r.rule)}]`);
    }
  }
  return self;
}

function messageOf(r: Rule, self: unknown): string {
  if (r.messageExpression) {
    const m = r.messageExpression({ self });
    if (typeof m === 'string' && m.trim() !== '' && !m.includes('\n')) return m;
  }
  return r.message ?? `failed rule: ${r.rule}`;
}

function shortRule(rule: string): string {
  const oneLine = rule.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function metadataViolations(metadata: unknown): string[] {
  if (!isObject(metadata)) return ['.metadata: Required value: an object with a name'];
  const out: string[] = [];
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    out.push('.metadata.name: Required value');
  } else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    out.push(`.metadata.name: Invalid value: ${show(name)}: must be a lowercase RFC 1123 subdomain`);
  }
  const ns = metadata.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || ns.length > 63 || !DNS_LABEL.test(ns))) {
    out.push(`.metadata.namespace: Invalid value: ${show(ns)}: must be a lowercase RFC 1123 label`);
  }
  for (const field of ['labels', 'annotations']) {
    const map = metadata[field];
    if (map !== undefined && (!isObject(map) || Object.values(map).some((v) => typeof v !== 'string'))) {
      out.push(`.metadata.${field}: Invalid value: must be a map of strings`);
    }
  }
  return out;
}

/**
 * The violations of a custom resource, one line per finding (`<path>: <finding>`), or undefined when
 * `apiVersion`/`kind` is none of the CRDs' kinds. Does not change `manifest` (defaults are applied to a copy).
 */
export function customResourceViolations(manifest: { apiVersion?: unknown; kind?: unknown; [k: string]: unknown }): string[] | undefined {
  const compiled = compiledKind(`${manifest.apiVersion}/${manifest.kind}`);
  if (compiled === 'unknown') return undefined;
  if (compiled === 'not judged') {
    return [`the CRD serves ${manifest.apiVersion} but the test helper judges only ${[...JUDGED_VERSIONS].join(', ')}: emit those`];
  }
  const object = structuredClone(manifest) as { [k: string]: unknown };
  const { metadata, ...rest } = object;
  applyDefaults(rest, compiled.root);
  const f: Findings = { out: metadataViolations(metadata), typeError: false };
  validate(rest, compiled.root, '', f, true);
  if (f.typeError) {
    f.out.push('Internal error: CEL validation rules were not evaluated because the object has a type error');
  } else {
    const meta = isObject(metadata) ? { name: metadata.name, generateName: metadata.generateName } : undefined;
    evaluateRules({ ...rest, metadata: meta }, compiled.root, '', f.out);
  }
  return f.out;
}

/** The `apiVersion/Kind`s the CRDs serve and the helper judges, e.g. `gateway.networking.k8s.io/v1/HTTPRoute`. */
export function customResourceKinds(): string[] {
  return [...kinds()].filter(([, v]) => v !== undefined).map(([gvk]) => gvk);
}

/**
 * How many `x-kubernetes-validations` rules of `apiVersion/Kind`'s CRD schema were compiled: `evaluated` on create,
 * `transition` (referencing oldSelf) only on update, hence never here.
 */
export function customResourceRuleCount(gvk: string): { readonly evaluated: number; readonly transition: number } {
  const compiled = compiledKind(gvk);
  if (typeof compiled === 'string') throw new Error(`no judged CRD kind ${gvk}: ${compiled}`);
  return { ...compiled.tally };
}
