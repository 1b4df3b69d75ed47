/* eslint-disable no-bitwise */ // TypeScript type and symbol flags are bit sets.
/**
 * The guards' shapes (src/private/prop-shapes.ts) are complete and agree with the TypeScript declarations: the
 * props interfaces and the static factories are read from the sources with the TypeScript compiler, and every
 * field and argument must have a shape of the declared kind (string, number, boolean, array, map, enum with the
 * same values, class, interface). A prop added later without a guard fails here.
 */
import * as path from 'path';
import * as ts from 'typescript';
import { Field, Shape, StructShape } from '../src/private/guards';
import { CONSTRUCT_PROPS, FACTORY_ARGS, KPLUS_SHAPES, PROP_SHAPES } from '../src/private/prop-shapes';

const root = path.join(__dirname, '..');
const SRC = path.join(root, 'src');

/** Interfaces of the public API that are outputs, not inputs: nothing to guard. */
const OUTPUT_INTERFACES = new Set(['ValidationFinding']);

interface Api {
  readonly checker: ts.TypeChecker;
  /** Exported interfaces, by name. */
  readonly interfaces: Map<string, ts.InterfaceDeclaration>;
  /** Exported classes, by name. */
  readonly classes: Map<string, ts.ClassDeclaration>;
}

function loadApi(): Api {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram([path.join(SRC, 'index.ts')], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(SRC, 'index.ts'))!;
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const decl of symbol.declarations ?? []) {
      if (ts.isInterfaceDeclaration(decl)) interfaces.set(symbol.name, decl);
      if (ts.isClassDeclaration(decl)) classes.set(symbol.name, decl);
    }
  }
  return { checker, interfaces, classes };
}

/** Compares shapes with declared types; collects every disagreement as a line. */
class Comparer {
  public readonly errors: string[] = [];

  public constructor(private readonly checker: ts.TypeChecker, private readonly registry: { readonly [name: string]: StructShape }) {}

  /** A field (or argument): optional as declared, and of the declared kind. */
  public field(field: Field | undefined, type: ts.Type, optional: boolean, where: string): void {
    if (field === undefined) {
      this.errors.push(`${where}: no shape`);
      return;
    }
    if (field.optional !== optional) this.errors.push(`${where}: declared ${optional ? 'optional' : 'required'}, shape says the opposite`);
    this.shape(field.shape, this.checker.getNonNullableType(type), where);
  }

  /** Every property of an interface of this library has its field in `shape`, and `shape` has no other. */
  public struct(shape: StructShape, type: ts.Type, where: string, partial: boolean): void {
    const declared = new Map(this.checker.getPropertiesOfType(type).map((p) => [p.name, p]));
    for (const [name, symbol] of declared) {
      if (partial && !(name in shape.fields)) continue;
      const decl = symbol.valueDeclaration ?? symbol.declarations![0];
      this.field(shape.fields[name], this.checker.getTypeOfSymbolAtLocation(symbol, decl), (symbol.flags & ts.SymbolFlags.Optional) !== 0, `${where}.${name}`);
    }
    for (const name of Object.keys(shape.fields).filter((n) => !declared.has(n))) {
      this.errors.push(`${where}.${name}: a shape for a field the type does not declare`);
    }
  }

  private shape(shape: Shape, type: ts.Type, where: string): void {
    const kind = this.kindOf(type);
    const expected = kind.kind === 'number' ? ['integer', 'number'] : [kind.kind];
    if (!expected.includes(shape.kind)) {
      this.errors.push(`${where}: declared ${kind.kind} (${this.checker.typeToString(type)}), shape is ${shape.kind}`);
      return;
    }
    if (shape.kind === 'enum' && kind.kind === 'enum') {
      if (shape.name !== kind.name) this.errors.push(`${where}: enum ${kind.name}, shape names ${shape.name}`);
      if ([...shape.values()].sort().join() !== [...kind.values].sort().join()) {
        this.errors.push(`${where}: enum ${kind.name} has ${kind.values.join(', ')}, shape lists ${shape.values().join(', ')}`);
      }
    } else if (shape.kind === 'array' && kind.kind === 'array') {
      this.shape(shape.of, kind.element, `${where}[]`);
    } else if (shape.kind === 'instance' && kind.kind === 'instance' && shape.name !== kind.name) {
      this.errors.push(`${where}: declared ${kind.name}, shape is ${shape.name}`);
    } else if (shape.kind === 'struct' && kind.kind === 'struct') {
      this.nested(shape, kind, where);
    }
  }

  /** A struct field: this library's interfaces are the registry's own shapes; others' are open and partial. */
  private nested(shape: StructShape, kind: { name: string; ownInterface: boolean; type: ts.Type }, where: string): void {
    if (shape.name !== kind.name) this.errors.push(`${where}: declared ${kind.name}, shape is ${shape.name}`);
    if (kind.ownInterface) {
      if (this.registry[kind.name] !== shape) this.errors.push(`${where}: not the registered shape of ${kind.name}`);
    } else if (!shape.open) {
      this.errors.push(`${where}: ${kind.name} is not this library's: its shape must be open (unknown fields kept for its owner)`);
    } else {
      this.struct(shape, kind.type, where, true);
    }
  }

  private kindOf(type: ts.Type):
  | { kind: 'string' | 'number' | 'boolean' | 'map' | 'unsupported' }
  | { kind: 'enum'; name: string; values: string[] }
  | { kind: 'array'; element: ts.Type }
  | { kind: 'instance'; name: string }
  | { kind: 'struct'; name: string; ownInterface: boolean; type: ts.Type } {
    const parts = type.isUnion() ? type.types : [type];
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { kind: 'boolean' };
    if (parts.every((t) => t.flags & ts.TypeFlags.EnumLiteral && t.isStringLiteral())) {
      const name = this.checker.typeToString(type).split('.').pop()!;
      return { kind: 'enum', name, values: parts.map((t) => (t as ts.StringLiteralType).value) };
    }
    if (type.isUnion()) return { kind: 'unsupported' };
    if (type.flags & ts.TypeFlags.String) return { kind: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { kind: 'number' };
    if (this.checker.isArrayType(type)) return { kind: 'array', element: this.checker.getTypeArguments(type as ts.TypeReference)[0] };
    const symbol = type.getSymbol();
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Class) return { kind: 'instance', name: symbol.name };
    // a jsii behavioral interface (IConstruct) is implemented by class instances: guarded as an instance of its class
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Interface && /^I[A-Z]/.test(symbol.name)) return { kind: 'instance', name: symbol.name.slice(1) };
    if (this.checker.getPropertiesOfType(type).length === 0 && this.checker.getIndexTypeOfType(type, ts.IndexKind.String)) return { kind: 'map' };
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Interface) {
      const ownInterface = symbol.declarations!.some((d) => d.getSourceFile().fileName.startsWith(SRC));
      return { kind: 'struct', name: symbol.name, ownInterface, type };
    }
    return { kind: 'unsupported' };
  }
}

/** Every disagreement between the registry of shapes and the public API's declarations. */
function disagreements(api: Api, registry: { readonly [name: string]: StructShape },
  factories: { readonly [key: string]: readonly Field[] }): string[] {
  const comparer = new Comparer(api.checker, registry);
  for (const [name, decl] of api.interfaces) {
    if (OUTPUT_INTERFACES.has(name)) continue;
    const shape = registry[name];
    if (shape === undefined) {
      comparer.errors.push(`${name}: no shape in PROP_SHAPES`);
      continue;
    }
    comparer.struct(shape, api.checker.getTypeAtLocation(decl), name, false);
  }
  const seen = new Set<string>();
  for (const [className, decl] of api.classes) {
    for (const member of decl.members) {
      if (!ts.isMethodDeclaration(member) || !ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
      if (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) continue;
      const key = `${className}.${member.name.getText()}`;
      if (!('body' in member) || key === 'ServicePatternsValidationError.isServicePatternsValidationError' || key.startsWith('ServicePatternsValidation.')) continue;
      seen.add(key);
      const args = factories[key];
      if (args === undefined) {
        comparer.errors.push(`${key}: no argument shapes in FACTORY_ARGS`);
        continue;
      }
      if (args.length !== member.parameters.length) comparer.errors.push(`${key}: ${member.parameters.length} arguments, ${args.length} shapes`);
      member.parameters.forEach((param, i) => comparer.field(args[i], api.checker.getTypeAtLocation(param),
        param.questionToken !== undefined || param.initializer !== undefined, `${key}(${param.name.getText()})`));
    }
  }
  for (const key of Object.keys(factories).filter((k) => !seen.has(k))) comparer.errors.push(`${key}: argument shapes of no factory`);
  return comparer.errors;
}

describe('the guards\' shapes and the TypeScript declarations', () => {
  let api: Api;
  beforeAll(() => {
    api = loadApi();
  }, 60_000);

  test('every props interface, field and factory argument has a shape of its declared kind', () => {
    expect(api.interfaces.size).toBeGreaterThan(20);
    expect(disagreements(api, PROP_SHAPES, FACTORY_ARGS)).toEqual([]);
  });

  test('every construct guards its props with the shape of its props interface', () => {
    const constructs = [...api.classes].filter(([, decl]) => !ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword))
      .flatMap(([name, decl]) => {
        const ctor = decl.members.find(ts.isConstructorDeclaration);
        const props = ctor?.parameters[2];
        const hidden = (m: ts.ModifierLike) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword;
        const isPublic = !ts.getModifiers(ctor ?? decl)?.some(hidden);
        return ctor !== undefined && isPublic && props?.type !== undefined ? [[name, props.type.getText()]] : [];
      });
    expect(constructs.length).toEqual(10);
    for (const [name, propsType] of constructs) {
      expect([name, CONSTRUCT_PROPS[name]]).toEqual([name, PROP_SHAPES[propsType]]);
    }
  });

  test('the cdk8s-plus-27 props are open: cdk8s-plus keeps the fields this library does not read', () => {
    expect(KPLUS_SHAPES.map((s) => [s.name, s.open])).toEqual([['ContainerProps', true], ['DeploymentProps', true], ['StatefulSetProps', true]]);
  });

  test('a field without a shape, or a shape of another kind, is caught', () => {
    const { publishNotReadyAddresses: _dropped, ...fields } = PROP_SHAPES.HeadlessServiceProps.fields;
    const broken = {
      ...PROP_SHAPES,
      HeadlessServiceProps: { ...PROP_SHAPES.HeadlessServiceProps, fields: { ...fields, selector: { ...fields.selector, shape: { kind: 'string' } } } },
    } as { [name: string]: StructShape };
    const { 'TargetPort.number': _number, ...factories } = FACTORY_ARGS;
    expect(disagreements(api, broken, factories).sort()).toEqual([
      'HeadlessServiceProps.publishNotReadyAddresses: no shape',
      'HeadlessServiceProps.selector: declared map ({ [key: string]: string; }), shape is string',
      'TargetPort.number: no argument shapes in FACTORY_ARGS',
    ]);
  });
});
