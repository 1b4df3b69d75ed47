/**
 * Runtime guards at the boundary: TypeScript types protect TypeScript callers only. JavaScript callers, code
 * holding `any` (values read from JSON or YAML) and jsii hosts (whose enum and string values arrive unchecked)
 * pass whatever they have. Every prop of every construct and every argument of every static factory is guarded
 * against its shape (src/private/prop-shapes.ts) before anything reads it.
 *
 * A guard records one finding per bad value — `SP_PROP_TYPE` (wrong type, not finite, null or a hole inside an
 * array, not a plain object for a map) or `SP_ENUM` (not one of the allowed values) — and returns a sanitized
 * value: bad values become undefined, bad array entries a placeholder (an empty struct, an empty string) so that
 * the indexes of the other entries, and the fields findings name, stay those of the input. Nothing downstream
 * can crash on it or emit garbage, and no silent default reaches the YAML: the finding fails the synth.
 */
import { Finding, FindingCollector } from './findings';

/** The codes the guards record. A rule's finding at (or under) a field a guard refused is a consequence. */
export const GUARD_CODES: ReadonlySet<string> = new Set(['SP_PROP_TYPE', 'SP_ENUM', 'SP_PROP_UNKNOWN']);

/** A class, referred to lazily (the shapes module and the construct modules import each other). */
export type ClassRef = () => { readonly prototype: object };

/** A string enum: its name, its values (read lazily) and, when a rule of its own checks membership, its code. */
export interface EnumShape {
  readonly kind: 'enum';
  readonly name: string;
  readonly values: () => readonly string[];
  /** The rule that checks membership (the guard then checks only that the value is a string). */
  readonly checkedBy?: string;
}

/** A field of a struct (or an argument of a factory). */
export interface Field {
  readonly shape: Shape;
  /** Whether it may be left out (a missing required value is reported by the rules, with their own codes). */
  readonly optional: boolean;
  /** Whether its value must never be echoed in a message (PEM material, file paths that may hold it). */
  readonly secret: boolean;
}

/** A struct (a props interface): its fields; an open struct (cdk8s-plus props) keeps fields it does not know. */
export interface StructShape {
  readonly kind: 'struct';
  readonly name: string;
  readonly fields: { readonly [name: string]: Field };
  readonly open: boolean;
}

/** The shape a value must have. */
export type Shape =
  | { readonly kind: 'string' | 'integer' | 'number' | 'boolean' | 'map' | 'any' }
  | EnumShape
  | { readonly kind: 'array'; readonly of: Shape }
  | StructShape
  | { readonly kind: 'instance'; readonly name: string; readonly cls: ClassRef; readonly hint: string };

export const str: Shape = { kind: 'string' };
/** A safe integer (ranges are the rules' business). */
export const int: Shape = { kind: 'integer' };
/** A finite number. */
export const num: Shape = { kind: 'number' };
export const bool: Shape = { kind: 'boolean' };
/** A plain object of string values (labels, annotations, selectors). */
export const map: Shape = { kind: 'map' };
/** Anything: a field this library does not read. */
export const anything: Shape = { kind: 'any' };

export function enumOf(name: string, values: () => readonly string[], checkedBy?: string): EnumShape {
  return { kind: 'enum', name, values, ...(checkedBy !== undefined ? { checkedBy } : {}) };
}
export function arrayOf(of: Shape): Shape {
  return { kind: 'array', of };
}
export function instanceOf(name: string, cls: ClassRef, hint: string): Shape {
  return { kind: 'instance', name, cls, hint };
}
export function struct(name: string, fields: { readonly [name: string]: Field }, open = false): StructShape {
  return { kind: 'struct', name, fields, open };
}
/** A struct that extends others (an interface that extends interfaces). */
export function extend(name: string, bases: readonly StructShape[], fields: { readonly [name: string]: Field }): StructShape {
  return struct(name, Object.assign({}, ...bases.map((b) => b.fields), fields));
}
export function req(shape: Shape, secret = false): Field {
  return { shape, optional: false, secret };
}
export function opt(shape: Shape, secret = false): Field {
  return { shape, optional: true, secret };
}

/**
 * Where the guard records: the findings, and how the value at hand is to be reported. The field it names is
 * built only when a value is refused (from `field`, or from the parent and the step that led here).
 */
interface Context {
  readonly out: FindingCollector;
  /** The field of a root context (a construct's props, a factory's argument). */
  readonly field?: string;
  /** The context of the struct, array or map this value is in, and how it is reached from there. */
  readonly parent?: Context;
  readonly step?: { readonly kind: 'field' | 'index' | 'key'; readonly name: string | number };
  readonly optional: boolean;
  readonly secret: boolean;
  /** Whether the value is an array entry (null and undefined are then holes, never "left out"). */
  readonly entry: boolean;
  /** Whether undefined is refused (a factory's required argument; a missing prop is the rules' business). */
  readonly required: boolean;
  /** How the value at field `''` is named: `props` for a construct's props, `''` (its holder) for a factory's argument. */
  readonly root: string;
}

/**
 * Guards `value` against `field`'s shape, recording findings at `where` (`''`: the value itself, named `root`).
 * Returns the sanitized value: undefined when the value was refused (or absent).
 */
export function guardField(out: FindingCollector, value: unknown, field: Field, where: string, root = ''): unknown {
  return guard({ out, field: where, optional: field.optional, secret: field.secret, entry: false, required: false, root }, value, field.shape);
}

/** Guards a construct's props: null or undefined props are no props; the sanitized props are a new object. */
export function guardProps<T>(props: T | undefined, shape: StructShape): { readonly value: T; readonly findings: readonly Finding[] } {
  const out = new FindingCollector();
  const value = props === undefined || props === null ? {} : guardField(out, props, req(shape), '', 'props') ?? {};
  return { value: value as T, findings: out.findings };
}

/**
 * Guards the arguments of a factory: each is `[field relative to the holder, value, Field]`. A required argument
 * left undefined is refused too (no rule reports it later).
 */
export function guardArgs(args: ReadonlyArray<readonly [string, unknown, Field]>): { values: unknown[]; findings: readonly Finding[] } {
  const out = new FindingCollector();
  const values = args.map(([where, value, field]) => guard(
    { out, field: where, optional: field.optional, secret: field.secret, entry: false, required: !field.optional, root: '' }, value, field.shape));
  return { values, findings: out.findings };
}

function guard(ctx: Context, value: unknown, shape: Shape): unknown {
  if (value === undefined && !ctx.entry && !ctx.required) return undefined;
  switch (shape.kind) {
    case 'any': return value;
    case 'string': return typeof value === 'string' ? value : refuse(ctx, value, 'a string');
    case 'boolean': return typeof value === 'boolean' ? value : refuse(ctx, value, 'true or false');
    case 'integer': return guardNumber(ctx, value, true);
    case 'number': return guardNumber(ctx, value, false);
    case 'enum': return guardEnum(ctx, value, shape);
    case 'map': return guardMap(ctx, value);
    case 'array': return guardArray(ctx, value, shape.of);
    case 'struct': return guardStruct(ctx, value, shape);
    case 'instance': return isInstance(value, shape.cls()) ? value : refuse(ctx, value, withArticle(shape.name), describe(value), shape.hint);
  }
}

function guardNumber(ctx: Context, value: unknown, integer: boolean): unknown {
  if (typeof value !== 'number') return refuse(ctx, value, integer ? 'an integer' : 'a finite number');
  if (!Number.isFinite(value)) return refuse(ctx, value, integer ? 'an integer' : 'a finite number', String(value));
  if (integer && !Number.isInteger(value)) return refuse(ctx, value, 'an integer', 'a fraction');
  if (integer && !Number.isSafeInteger(value)) return refuse(ctx, value, 'an integer', 'a number too large to be exact (beyond 2^53)');
  return value;
}

function guardEnum(ctx: Context, value: unknown, shape: EnumShape): unknown {
  const values = shape.values();
  if (typeof value !== 'string') return refuse(ctx, value, `one of ${values.join(', ')}`);
  if (shape.checkedBy !== undefined || values.includes(value)) return value;
  record(ctx, 'SP_ENUM', value, `must be one of ${values.join(', ')}`, `use one of ${values.join(', ')}`);
  return undefined;
}

function guardMap(ctx: Context, value: unknown): unknown {
  if (!isPlainObject(value)) return refuse(ctx, value, 'an object of string values');
  const out: { [key: string]: string } = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') {
      out[key] = item;
    } else {
      refuse({ ...base(ctx), parent: ctx, step: { kind: 'key', name: key }, entry: true, optional: ctx.optional, required: ctx.required }, item, 'a string');
    }
  }
  return out;
}

function guardArray(ctx: Context, value: unknown, of: Shape): unknown {
  if (!Array.isArray(value)) return refuse(ctx, value, 'an array');
  const out: unknown[] = [];
  // an index loop, not forEach: holes are visited (as undefined)
  for (let i = 0; i < value.length; i++) {
    const recorded = ctx.out.findings.length;
    let entry = guard(child(ctx, 'index', i, false, ctx.secret, true, true), value[i], of);
    // cdk8s-plus gets no half entry (a container port without its number): the finding names the field
    if (of.kind === 'struct' && of.open && ctx.out.findings.length > recorded) entry = undefined;
    if (entry !== undefined) {
      out.push(entry);
    } else {
      const filler = placeholder(of);
      if (filler !== undefined) out.push(filler);
    }
  }
  return out;
}

function guardStruct(ctx: Context, value: unknown, shape: StructShape): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(ctx, value, `an object (${shape.name})`);
  }
  const given = value as { [field: string]: unknown };
  const out: { [field: string]: unknown } = shape.open ? { ...given } : {};
  for (const name in shape.fields) {
    const field = shape.fields[name];
    const item = given[name];
    // an absent field is left out (a missing required prop is the rules' business)
    const sanitized = item === undefined ? undefined : guard(child(ctx, 'field', name, field.optional, ctx.secret || field.secret, false, false), item, field.shape);
    if (sanitized !== undefined) {
      out[name] = sanitized;
    } else {
      delete out[name];
    }
  }
  if (!shape.open) refuseUnknownFields(ctx, given, shape);
  return out;
}

/**
 * A field the struct does not have (a misspelt prop, or one of another construct) would be dropped silently:
 * it is refused instead. Only its name is shown, never its value.
 */
function refuseUnknownFields(ctx: Context, given: { [field: string]: unknown }, shape: StructShape): void {
  for (const name of Object.keys(given)) {
    if (Object.prototype.hasOwnProperty.call(shape.fields, name) || given[name] === undefined) continue;
    const known = Object.keys(shape.fields);
    const unknown: Context = { ...base(ctx), parent: ctx, step: { kind: 'field', name }, optional: true, entry: false, required: false };
    ctx.out.addWithoutValue('SP_PROP_UNKNOWN', at(unknown), `is not a field of ${shape.name}, so it would be ignored`,
      `remove it, or use one of ${known.join(', ')}`);
  }
}

/**
 * What stands in for a refused array entry, so the other entries keep their index: an empty struct (its
 * required fields then missing: the rules' findings about them are consequences) or an empty string. Other
 * entries are dropped (no props array holds them).
 */
function placeholder(shape: Shape): unknown {
  if (shape.kind === 'struct') return shape.open ? undefined : {};
  if (shape.kind === 'string' || shape.kind === 'enum') return '';
  return undefined;
}

/** Records an SP_PROP_TYPE finding; returns undefined (the sanitized value). `hint` says how to make a good value. */
function refuse(ctx: Context, value: unknown, expected: string, got: string = describe(value), hint: string = expected): undefined {
  const fix = ctx.entry ? `remove the entry, or make it ${hint}` : `pass ${hint}${ctx.optional ? ', or leave it out' : ''}`;
  record(ctx, 'SP_PROP_TYPE', value, `must be ${expected}, got ${got}`, fix);
  return undefined;
}

function record(ctx: Context, code: string, value: unknown, rule: string, fix: string): void {
  if (ctx.secret || !echoable(value)) {
    ctx.out.addWithoutValue(code, at(ctx), rule, fix);
  } else {
    ctx.out.add(code, at(ctx), value, rule, fix);
  }
}

/** What a child context shares with its parent. */
/**
 * The context of a value inside `ctx`'s struct, array or map. A plain literal (no spread): the guards run for
 * every field of every construct's props, and a spread per field was a tenth of a large App's synth.
 */
function child(ctx: Context, kind: 'field' | 'index' | 'key', name: string | number, optional: boolean, secret: boolean,
  entry: boolean, required: boolean): Context {
  return { out: ctx.out, root: ctx.root, field: undefined, parent: ctx, step: { kind, name }, optional, secret, entry, required };
}

function base(ctx: Context): { readonly out: FindingCollector; readonly root: string; readonly secret: boolean } {
  return { out: ctx.out, root: ctx.root, secret: ctx.secret };
}

/** The field a context stands for, as written in the props (`''`: the value itself). */
function rawField(ctx: Context): string {
  if (ctx.parent === undefined || ctx.step === undefined) return ctx.field ?? '';
  const { kind, name } = ctx.step;
  if (kind === 'field') {
    const parent = rawField(ctx.parent);
    return parent === '' ? String(name) : `${parent}.${name}`;
  }
  return `${at(ctx.parent)}[${kind === 'index' ? name : JSON.stringify(name)}]`;
}

function at(ctx: Context): string {
  const field = rawField(ctx);
  return field === '' ? ctx.root : field;
}

/** Only primitives are echoed, and never what looks like PEM material. */
function echoable(value: unknown): boolean {
  if (typeof value === 'string') return !/-----BEGIN|PRIVATE KEY/.test(value);
  return value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean';
}

function withArticle(name: string): string {
  return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return isPlainObject(value) || typeof name !== 'string' || name === '' ? 'an object' : withArticle(name);
  }
  if (value === undefined) return 'undefined';
  return `a ${typeof value}`;
}

/** `value instanceof cls` (for classes whose constructor is private or protected). */
function isInstance(value: unknown, cls: { readonly prototype: object }): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(cls.prototype, value);
}

/** Whether `value` is a plain object (a map or a struct literal), not an array or an instance of a class. */
export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The findings without the consequences of refused values: a rule's finding at or under a field a guard
 * refused (the sanitized value is missing, or an empty placeholder) says nothing the guard did not.
 */
export function withoutConsequences(findings: readonly Finding[], all: readonly Finding[] = findings): Finding[] {
  const refused = all.filter((f) => GUARD_CODES.has(f.code)).map((f) => f.field);
  if (refused.length === 0) return [...findings];
  const under = (field: string, parent: string) => field === parent || ['.', '[', ' '].some((sep) => field.startsWith(parent + sep));
  return findings.filter((f) => GUARD_CODES.has(f.code) || !refused.some((parent) => under(f.field, parent)));
}

/** A factory's findings, reported by the construct it is bound to under the field that holds it. */
export function rebase(findings: readonly Finding[], holder: string, separator = '.'): Finding[] {
  const join = (field: string) => (field === '' ? holder : `${holder}${field.startsWith('[') ? '' : separator}${field}`);
  return findings.map((f) => ({ ...f, field: join(f.field) }));
}
