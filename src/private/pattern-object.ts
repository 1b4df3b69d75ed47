/**
 * The ApiObject every construct of this library emits.
 *
 * Its fields (besides apiVersion, kind and metadata) are produced from the construct's model at synth, in the
 * manifest's own shape: no typed import stands between the model and the YAML, so a JSON patch that adds a
 * field the typed imports of cdk8s-plus-27 predate (`/spec/trafficDistribution`) is emitted, not dropped.
 *
 * It also knows whether it was patched. The App report judges an unpatched object from the model (cheap: no
 * cdk8s resolution), and a patched one from its resolved manifest, like any object this library did not build.
 *
 * Within one synth session (see report.ts), each field is produced once: the App report's checks and the YAML
 * read the same produced value. And an unpatched object whose fields are plain JSON renders without cdk8s's
 * token resolution when the App uses cdk8s's own resolvers only (on plain JSON they change nothing): the same
 * manifest, for a fraction of the cost. Anything else (a patch, an App resolver, a token in a value) takes
 * cdk8s's own path.
 */
import { ApiObject, ApiObjectMetadata, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';

/** Produces one top-level field of the manifest (e.g. `spec`) from the model; `undefined` leaves it out. */
export type FieldProducer = () => unknown;

/** What a {@link PatternObject} is made of. */
export interface PatternObjectProps {
  /** e.g. `v1`, `discovery.k8s.io/v1`. */
  readonly apiVersion: string;
  /** e.g. `Service`. */
  readonly kind: string;
  /** Name, namespace, labels, annotations. */
  readonly metadata: ApiObjectMetadata;
  /** The top-level fields besides apiVersion, kind and metadata, each produced from the model at synth. */
  readonly fields: { readonly [field: string]: FieldProducer };
  /**
   * The memo of the synth session under way (undefined outside one): a field produced once in a session is
   * reused by every later read in it.
   */
  readonly sessionMemo?: () => Map<FieldProducer, unknown> | undefined;
}

/** An ApiObject rendered from a construct's model, aware of JSON patches. */
export class PatternObject extends ApiObject {
  private readonly producers: { readonly [field: string]: FieldProducer };
  private readonly sessionMemo: () => Map<FieldProducer, unknown> | undefined;
  private patchedByUser = false;

  public constructor(scope: Construct, id: string, props: PatternObjectProps) {
    const lazyFields: { [field: string]: unknown } = {};
    // the fields go through produce() below, which needs the object (not there before super())
    const self: { obj?: PatternObject } = {};
    for (const [field, producer] of Object.entries(props.fields)) {
      lazyFields[field] = Lazy.any({ produce: () => self.obj!.produce(producer) });
    }
    super(scope, id, { apiVersion: props.apiVersion, kind: props.kind, metadata: props.metadata, ...lazyFields });
    self.obj = this;
    this.producers = props.fields;
    this.sessionMemo = props.sessionMemo ?? (() => undefined);
  }

  /** Records the patch, so the App report judges this object from its resolved manifest. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patchedByUser = true;
    super.addJsonPatch(...ops);
  }

  /**
   * The manifest. Unpatched, with plain JSON fields and cdk8s's own resolvers only, it is built from the
   * produced fields and sanitized as cdk8s does (keys sorted, null and undefined left out); otherwise cdk8s
   * renders it.
   */
  public toJson(): any {
    if (this.patchedByUser || process.env.CDK8S_DISABLE_SORT || !hasOnlyBuiltInResolvers(this)) return super.toJson();
    const data: { [field: string]: unknown } = { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata.toJson() };
    try {
      for (const [field, producer] of Object.entries(this.producers)) {
        data[field] = this.produce(producer);
      }
    } catch {
      return super.toJson(); // cdk8s's path reports it, with the object's path
    }
    const sanitized = sanitizePlainJson(data);
    if (sanitized === NOT_PLAIN) return super.toJson();
    // apiVersion, kind and metadata first, then the other fields in key order, as cdk8s orders them
    const { apiVersion, kind, metadata, ...rest } = sanitized as { [field: string]: unknown };
    return { apiVersion, kind, metadata, ...rest };
  }

  /** Whether a JSON patch was added to the object. */
  public get patched(): boolean {
    return this.patchedByUser;
  }

  /**
   * The manifest as it will be emitted, for the App-wide checks. Unpatched, it is built from the model with
   * its fields computed on first read (a check that reads only metadata never renders the spec); patched, it
   * is the resolved manifest, patches applied.
   */
  public judgedManifest(): any {
    if (this.patchedByUser) {
      return this.toJson();
    }
    // name and namespace as the object was created with them (only a patch changes them, and a patched object
    // is resolved above); labels and annotations resolved on first read (users may add some after construction)
    const metadata: { [field: string]: unknown } = {
      name: this.name,
      ...(this.metadata.namespace !== undefined ? { namespace: this.metadata.namespace } : {}),
    };
    let resolvedMetadata: { [field: string]: unknown } | undefined;
    const resolved = () => (resolvedMetadata ??= this.metadata.toJson());
    defineLazy(metadata, 'labels', () => resolved().labels);
    defineLazy(metadata, 'annotations', () => resolved().annotations);
    const manifest: { [field: string]: unknown } = { apiVersion: this.apiVersion, kind: this.kind, metadata };
    for (const [field, producer] of Object.entries(this.producers)) {
      defineLazy(manifest, field, () => this.produce(producer));
    }
    return manifest;
  }

  /** A field's value: produced once per synth session, afresh outside one. */
  private produce(producer: FieldProducer): unknown {
    const memo = this.sessionMemo();
    if (memo === undefined) return producer();
    if (memo.has(producer)) return memo.get(producer);
    const value = producer();
    memo.set(producer, value);
    return value;
  }
}

/** Whether the App resolves values with cdk8s's own resolvers only (an App's `resolvers` come before them). */
function hasOnlyBuiltInResolvers(obj: ApiObject): boolean {
  const resolvers = (App.of(obj) as Partial<App>).resolvers;
  return Array.isArray(resolvers) && resolvers.length === 3 && resolvers[0] instanceof LazyResolver
    && resolvers[1] instanceof ImplicitTokenResolver && resolvers[2] instanceof NumberStringUnionResolver;
}

/** What {@link sanitizePlainJson} returns for a value that is not plain JSON (a token, a class instance...). */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * cdk8s's sanitizing of a resolved value (keys sorted, null and undefined values left out of objects), for a
 * value that is plain JSON: cdk8s's own resolvers leave such a value as it is. Anything else: NOT_PLAIN.
 */
function sanitizePlainJson(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const sanitized = sanitizePlainJson(item);
      if (sanitized === NOT_PLAIN) return NOT_PLAIN;
      items.push(sanitized);
    }
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const result: { [key: string]: unknown } = {};
  for (const key of Object.keys(value as object).sort()) {
    const sanitized = sanitizePlainJson((value as { [key: string]: unknown })[key]);
    if (sanitized === NOT_PLAIN) return NOT_PLAIN;
    if (sanitized !== undefined) result[key] = sanitized;
  }
  return result;
}

/** Defines `field` on `target` as a value computed on first read. */
function defineLazy(target: { [field: string]: unknown }, field: string, produce: () => unknown): void {
  let computed = false;
  let value: unknown;
  Object.defineProperty(target, field, {
    enumerable: true,
    get: () => {
      if (!computed) {
        value = produce();
        computed = true;
      }
      return value;
    },
  });
}
