/**
 * The ApiObject every construct of this library emits.
 *
 * Its fields (besides apiVersion, kind and metadata) are produced from the construct's model at synth, in the
 * manifest's own shape: no typed import stands between the model and the YAML, so a JSON patch that adds a
 * field the typed imports of cdk8s-plus-27 predate (`/spec/trafficDistribution`) is emitted, not dropped.
 *
 * It also knows whether it was patched. The App report judges an unpatched object from the model (cheap: no
 * cdk8s resolution), and a patched one from its resolved manifest, like any object this library did not build.
 */
import { ApiObject, ApiObjectMetadata, JsonPatch, Lazy } from 'cdk8s';
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
}

/** An ApiObject rendered from a construct's model, aware of JSON patches. */
export class PatternObject extends ApiObject {
  private readonly producers: { readonly [field: string]: FieldProducer };
  private patchedByUser = false;

  public constructor(scope: Construct, id: string, props: PatternObjectProps) {
    const lazyFields: { [field: string]: unknown } = {};
    for (const [field, produce] of Object.entries(props.fields)) {
      lazyFields[field] = Lazy.any({ produce });
    }
    super(scope, id, { apiVersion: props.apiVersion, kind: props.kind, metadata: props.metadata, ...lazyFields });
    this.producers = props.fields;
  }

  /** Records the patch, so the App report judges this object from its resolved manifest. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patchedByUser = true;
    super.addJsonPatch(...ops);
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
    for (const [field, produce] of Object.entries(this.producers)) {
      defineLazy(manifest, field, produce);
    }
    return manifest;
  }
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
