import { ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_NAMESPACE } from './private/facts';
import { Finding, FindingCollector } from './private/findings';
import { Field, guardArgs, withoutConsequences } from './private/guards';
import { copyModel } from './private/model';
import { FieldProducer, PatternObject } from './private/pattern-object';
import { AppReport } from './private/report';
import { checkDns1123Label, collectAnnotationFindings, collectLabelFindings, nameFromId } from './private/rules/names';

/**
 * What every construct of this library accepts about the objects it emits: their name, namespace, labels and
 * annotations.
 */
export interface PatternBaseProps {
  /**
   * The name of the main object (the Service, the Ingress).
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly name?: string;

  /**
   * The namespace of every object the construct emits.
   *
   * @default - the chart's namespace; DNS names and App-wide checks assume `default` when neither is set
   */
  readonly namespace?: string;

  /**
   * Extra labels for the main object.
   *
   * @default - no extra labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations for the main object.
   *
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
}

/** How a construct's name is checked: the prop that gives it, the rule, the finding code and the fix. */
export interface NameRule {
  readonly field: string;
  readonly code: string;
  readonly check: (name: unknown) => string | undefined;
  readonly fix: (name: string) => string;
}

/**
 * The shared base of every construct of this library: name, namespace, labels and annotations of the objects
 * it emits and their checks, the objects themselves, and the registration with the App's validation report.
 *
 * Props are copied into the construct's model at construction: checks and rendering read the model only, and
 * the construct's methods are the only way to change it.
 */
export abstract class PatternBase extends Construct {
  /**
   * The namespace the objects live in, as DNS names and App-wide checks use it: the `namespace` prop, else the
   * chart's namespace, else `default`.
   */
  public readonly namespace: string;

  /** The name of the main object. @internal */
  protected readonly _name: string;

  /** The namespace as given by the user or the chart (undefined when neither set one). @internal */
  protected readonly _explicitNamespace?: string;

  /** The labels of the main object (a copy of the prop). @internal */
  protected readonly _labels: { [key: string]: string };

  /** The annotations given by the user (a copy of the prop). @internal */
  protected readonly _annotations: { [key: string]: string };

  private readonly emitted: PatternObject[] = [];
  /** The App's validation report (it knows the synth session under way). */
  private readonly report: AppReport;
  /** The values read that assumed the `default` namespace because none was set (see `_namespaceFor`). */
  private readonly namespaceAssumedFor = new Set<string>();
  /** What the guards refused in the props and method arguments (see src/private/guards.ts). */
  private readonly guardFindings: Finding[] = [];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props name, namespace, labels and annotations
   */
  protected constructor(scope: Construct, id: string, props: PatternBaseProps) {
    super(scope, id);
    const model = copyModel(props ?? {});
    this._name = model.name ?? nameFromId(id);
    this._explicitNamespace = model.namespace ?? Chart.of(this).namespace;
    this.namespace = this._explicitNamespace ?? DEFAULT_NAMESPACE;
    this._labels = model.labels ?? {};
    this._annotations = model.annotations ?? {};
    this.report = AppReport.of(this);
    this.report.register(this);
  }

  /**
   * Runs the construct's checks on its model. Called by the App report at synth.
   * @internal
   */
  public _check(): { readonly errors: readonly Finding[]; readonly warnings: readonly Finding[] } {
    const findings = new FindingCollector();
    const rule = this._nameRule();
    findings.check(rule.check(this._name), rule.code, rule.field, this._name, () => rule.fix(String(this._name)));
    if (this._explicitNamespace !== undefined) {
      findings.check(checkDns1123Label(this._explicitNamespace), 'SP_NAMESPACE', 'namespace', this._explicitNamespace,
        'use a lowercase namespace name such as "apps"');
    }
    collectLabelFindings(findings, 'labels', this._labels);
    collectAnnotationFindings(findings, 'annotations', this._annotations);
    if (this.namespaceAssumedFor.size > 0) {
      findings.warn('SP_NAMESPACE_ASSUMED', 'namespace', [...this.namespaceAssumedFor].sort(),
        'these values assume namespace "default", and neither the construct nor its chart sets a namespace: Argo CD, Flux and kubectl -n apply the objects to the namespace they choose',
        'set the chart\'s namespace (new Chart(app, "shop", { namespace: "shop" })) or the namespace prop; namespace: "default" declares the default');
    }
    this._collectFindings(findings);
    const errors = [...this.guardFindings, ...findings.findings];
    // a rule's finding about a value a guard refused (and sanitized away) is a consequence, not news
    return { errors: withoutConsequences(errors), warnings: withoutConsequences(findings.warningFindings, errors) };
  }

  /**
   * The namespace, for a value that depends on it (`what`, e.g. `dnsName`). Without a namespace from the props
   * or the chart it is `default`, and the warning SP_NAMESPACE_ASSUMED names the value at synth.
   * @internal
   */
  public _namespaceFor(what: string): string {
    if (this._explicitNamespace === undefined) this.namespaceAssumedFor.add(what);
    return this.namespace;
  }

  /**
   * Whether the namespace was given (by the props or the chart); without one the objects carry none.
   * @internal
   */
  public get _namespaceGiven(): boolean {
    return this._explicitNamespace !== undefined;
  }

  /**
   * Keeps what a guard found in the props (reported at synth with the construct's other findings).
   * @internal
   */
  protected _keepGuardFindings(findings: readonly Finding[]): void {
    for (const f of findings) {
      // a base constructor guards the sanitized props again: nothing new, but never twice the same finding
      if (!this.guardFindings.some((g) => g.code === f.code && g.field === f.field && g.rule === f.rule)) this.guardFindings.push(f);
    }
  }

  /**
   * Guards a method argument (`addPort`, `addMember`...) against its field; returns the sanitized value.
   * @internal
   */
  protected _guard<T>(value: unknown, field: Field, at: string): T | undefined {
    const { values: [sanitized], findings } = guardArgs([[at, value, field]]);
    this._keepGuardFindings(findings);
    return sanitized as T | undefined;
  }

  /**
   * The objects the construct emits.
   * @internal
   */
  public _emittedObjects(): readonly PatternObject[] {
    return this.emitted;
  }

  /**
   * How the name is checked.
   * @internal
   */
  protected abstract _nameRule(): NameRule;

  /**
   * Records the construct's own findings (the name, namespace, labels and annotations are checked by the base).
   * @internal
   */
  protected abstract _collectFindings(findings: FindingCollector): void;

  /**
   * Metadata for an object this construct emits: the given name, the explicit namespace (if any), labels and
   * annotations.
   * @internal
   */
  protected _objectMetadata(name: string, labels?: { [key: string]: string }, annotations?: { [key: string]: string }): ApiObjectMetadata {
    return {
      name,
      ...(this._explicitNamespace !== undefined ? { namespace: this._explicitNamespace } : {}),
      ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    };
  }

  /**
   * Creates an object this construct emits, its fields rendered from the model at synth.
   * @internal
   */
  protected _emit(id: string, apiVersion: string, kind: string, metadata: ApiObjectMetadata,
    fields: { readonly [field: string]: FieldProducer }): PatternObject {
    const report = this.report;
    const obj = new PatternObject(this, id, { apiVersion, kind, metadata, fields, sessionMemo: () => report.sessionMemo });
    this.emitted.push(obj);
    return obj;
  }
}
