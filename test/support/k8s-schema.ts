/* eslint-disable no-bitwise */ // TypeScript type flags are bit sets.
/**
 * Schema validation of synthesized manifests, for tests.
 *
 * Two checks per object:
 * 1. kubernetes-models' own validator (the Kubernetes OpenAPI schema: types, required fields, enums, formats);
 * 2. unknown fields: kubernetes-models' schemas accept any extra property, so the allowed fields of every
 *    object are derived from the models' TypeScript declarations (the `I<Kind>` interfaces generated from the
 *    same OpenAPI spec), and every field of the manifest must exist there. A misspelled or misplaced field
 *    (`clusterIp`, `spec.template.spec.serviceName`) is reported with its path.
 *
 * Custom resources (the Gateway API kinds of crds/) are judged by crd-schema.ts instead: their CRD's schema with
 * defaulting, unknown fields refused, and its CEL rules.
 *
 * Deriving the field tree needs the TypeScript checker, which takes a few seconds; the result is cached on
 * disk (keyed by the kubernetes-models version) so every test file after the first reads it back.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { customResourceViolations } from './crd-schema';

/** How the fields of a value are described: a primitive, anything, an array, a map, or a named object type. */
type FieldShape = 'prim' | 'any' | { arr: FieldShape } | { map: FieldShape } | { ref: string };

interface ObjectShape {
  readonly props: { [name: string]: FieldShape };
  readonly index?: FieldShape;
}

interface ShapeDb {
  /** `apiVersion/kind` -> the object type key. */
  readonly roots: { [gvk: string]: string };
  readonly objects: { [key: string]: ObjectShape };
}

const MODELS_DIR = path.dirname(require.resolve('kubernetes-models/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MODELS_VERSION: string = require('kubernetes-models/package.json').version;
const CACHE_FILE = path.join(os.tmpdir(), `cdk8s-service-patterns-k8s-fields-${MODELS_VERSION}-v1.json`);

/** The kinds derived up front; others are added on first use. */
const COMMON_KINDS = [
  'v1/Service', 'v1/Endpoints', 'v1/Secret', 'v1/Pod', 'v1/ConfigMap', 'v1/ServiceAccount',
  'apps/v1/StatefulSet', 'apps/v1/Deployment', 'discovery.k8s.io/v1/EndpointSlice',
  'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/NetworkPolicy',
];

function declarationFile(gvk: string): string {
  return path.join(MODELS_DIR, `${gvk}.d.ts`);
}

function deriveShapes(gvks: string[]): ShapeDb {
  const files = gvks.map(declarationFile);
  const program = ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    types: [],
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2020,
  });
  const checker = program.getTypeChecker();
  const objects: { [key: string]: ObjectShape } = {};
  const roots: { [gvk: string]: string } = {};

  const keyOf = (type: ts.Type): string => {
    const sym = type.aliasSymbol ?? type.getSymbol();
    const decl = sym?.declarations?.[0];
    const file = decl ? path.relative(MODELS_DIR, decl.getSourceFile().fileName) : '?';
    return `${file}#${sym?.getName() ?? checker.typeToString(type)}`;
  };

  const describe = (type: ts.Type): FieldShape => {
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      const objectParts = parts.filter((t) => !isPrimitive(t));
      if (objectParts.length === 0) return 'prim';
      if (objectParts.length === 1 && parts.length === 1) return describe(objectParts[0]);
      return 'any';
    }
    if (isPrimitive(type)) return 'prim';
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      return { arr: describe(element) };
    }
    if (type.flags & ts.TypeFlags.Object) {
      const properties = checker.getPropertiesOfType(type);
      const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
      if (properties.length === 0 && index) return { map: describe(index) };
      if (properties.length === 0) return 'any';
      const key = keyOf(type);
      if (!objects[key]) {
        const props: { [name: string]: FieldShape } = {};
        const shape: { props: typeof props; index?: FieldShape } = { props };
        objects[key] = shape; // registered before recursing: the field tree has cycles
        for (const prop of properties) {
          const decl = prop.valueDeclaration ?? prop.declarations?.[0];
          if (!decl) continue;
          props[prop.getName()] = describe(checker.getTypeOfSymbolAtLocation(prop, decl));
        }
        if (index) shape.index = describe(index);
      }
      return { ref: key };
    }
    return 'any';
  };

  for (const gvk of gvks) {
    const source = program.getSourceFile(declarationFile(gvk));
    if (!source) throw new Error(`kubernetes-models has no declarations for ${gvk}`);
    const kind = gvk.split('/').pop()!;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === `I${kind}`);
    if (!exported) throw new Error(`kubernetes-models declares no interface I${kind} for ${gvk}`);
    const shape = describe(checker.getDeclaredTypeOfSymbol(exported));
    if (typeof shape !== 'object' || !('ref' in shape)) throw new Error(`unexpected shape for ${gvk}`);
    roots[gvk] = shape.ref;
  }
  return { roots, objects };
}

function isPrimitive(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike)) !== 0;
}

let memo: ShapeDb | undefined;

function loadShapes(gvk: string): ShapeDb {
  if (memo?.roots[gvk]) return memo;
  if (!memo && fs.existsSync(CACHE_FILE)) {
    try {
      memo = JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8')) as ShapeDb;
    } catch {
      memo = undefined;
    }
    if (memo?.roots[gvk]) return memo;
  }
  const kinds = [...new Set([...COMMON_KINDS, ...Object.keys(memo?.roots ?? {}), gvk])].sort();
  memo = deriveShapes(kinds);
  const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(memo));
  fs.renameSync(tmp, CACHE_FILE);
  return memo;
}

function unknownFields(db: ShapeDb, value: unknown, shape: FieldShape, at: string, out: string[]): void {
  if (shape === 'prim' || shape === 'any' || value === null || value === undefined) return;
  if ('arr' in shape) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(db, item, shape.arr, `${at}[${i}]`, out));
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return; // type errors are the schema validator's job
  if ('map' in shape) {
    for (const [k, v] of Object.entries(value)) unknownFields(db, v, shape.map, `${at}.${k}`, out);
    return;
  }
  const object = db.objects[shape.ref];
  for (const [k, v] of Object.entries(value)) {
    const field = object.props[k] ?? object.index;
    if (field === undefined) {
      out.push(`${at}.${k}: unknown field`);
    } else {
      unknownFields(db, v, field, `${at}.${k}`, out);
    }
  }
}

/** The group/version/kind path of a manifest inside kubernetes-models, e.g. `apps/v1/StatefulSet`. */
function gvkOf(manifest: { apiVersion?: unknown; kind?: unknown }): string {
  if (typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') {
    throw new Error(`manifest without apiVersion/kind: ${JSON.stringify(manifest).slice(0, 200)}`);
  }
  return `${manifest.apiVersion}/${manifest.kind}`;
}

/**
 * Returns every schema violation of a manifest (empty when it is valid): kubernetes-models validation errors
 * and unknown fields; for the kinds of the repository's CRDs, {@link customResourceViolations}.
 */
export function schemaViolations(manifest: any): string[] {
  const gvk = gvkOf(manifest);
  const name = `${gvk} ${manifest.metadata?.name ?? '<unnamed>'}`;
  if (!fs.existsSync(declarationFile(gvk))) {
    const custom = customResourceViolations(manifest);
    if (custom !== undefined) return custom.map((v) => `${name}: ${v}`);
    return [`${name}: kubernetes-models knows no ${gvk}; the API server would not know it either`];
  }
  const out: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(`kubernetes-models/${manifest.apiVersion}`);
  const Model = models[manifest.kind];
  try {
    new Model(manifest).validate();
  } catch (err: any) {
    const details = Array.isArray(err?.errors)
      ? err.errors.map((e: any) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params ?? {})}`)
      : [String(err?.message ?? err)];
    out.push(...details.map((d: string) => `${name}: ${d}`));
  }
  const db = loadShapes(gvk);
  const violations: string[] = [];
  unknownFields(db, manifest, { ref: db.roots[gvk] }, '', violations);
  out.push(...violations.map((v) => `${name}: ${v}`));
  return out;
}
