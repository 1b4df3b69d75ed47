/**
 * The App report: one construct per App (a child of the App, found or created with `tryFindChild`), holding
 * the constructs of this library that registered with it, strict mode and the warnings of the last synth.
 *
 * cdk8s runs its validation (once in `App.synth()` and again for every chart it serializes). It runs every
 * registered construct's own checks on its model, reads the manifest-shaped facts of every ApiObject of the
 * App — this library's unpatched objects from their model, patched ones and other constructs' objects of the
 * kinds the rules read from their resolved manifests — runs the App-wide rules over them, prints the warnings,
 * and throws one ServicePatternsValidationError listing every problem, grouped by construct path.
 *
 * One call of `app.synth()` or `app.synthYaml()` is one synth session: cdk8s validates the App first and again
 * for every chart it writes, and no user code runs in between, so within a session the first outcome is reused
 * (without it, an App of N charts costs N + 1 full validations), and each field of this library's objects is
 * produced once: the checks and the YAML read the same value. Outside a session (`Testing.synth(chart)`,
 * `chart.toJson()`) and in every new session, the App is judged as it is and fields are produced afresh: nothing
 * can be stale.
 */
import { ApiObject, App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { appWideFindings, FactsEntry } from './app-rules';
import { factsOf, identityOf, KINDS_WITH_FACTS } from './facts';
import { Finding, renderFinding } from './findings';
import { FieldProducer, PatternObject } from './pattern-object';
import { FindingSeverity, ServicePatternsValidationError, ValidationFinding } from '../validation-error';
import { checkKubernetesVersion, DEFAULT_KUBERNETES_VERSION, KubernetesVersion, parseKubernetesVersion } from './rules/versions';

/** The construct id of the report under the App. */
const REPORT_ID = 'cdk8s-service-patterns.Report';

/** The environment variable that turns strict mode on for every App. */
const STRICT_ENV = 'CDK8S_SERVICE_PATTERNS_STRICT';

/** What a construct of this library hands the report. */
export interface ReportedPattern extends IConstruct {
  /** Runs the construct's own checks on its model. */
  _check(): { readonly errors: readonly Finding[]; readonly warnings: readonly Finding[] };
  /** The objects the construct emits. */
  _emittedObjects(): readonly PatternObject[];
}

/** Turns a construct's finding into the public form, at `path`. */
export function toValidationFinding(path: string, f: Finding, severity: FindingSeverity): ValidationFinding {
  return {
    path,
    field: f.field,
    code: f.code,
    message: renderFinding(f),
    rule: f.rule,
    fix: f.fix,
    ...(f.value !== undefined ? { value: f.value } : {}),
    severity,
  };
}

/** The validation report of one App. */
export class AppReport extends Construct {
  /** The report of the App `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): AppReport {
    const root = App.of(scope);
    const existing = root.node.tryFindChild(REPORT_ID);
    return existing instanceof AppReport ? existing : new AppReport(root);
  }

  /** Strict mode: warnings fail the synth. */
  public strict = false;
  /** The Kubernetes version the App targets, as given (checked at synth). */
  public kubernetesVersion: string = DEFAULT_KUBERNETES_VERSION;
  /** The warnings of the last validation. */
  public lastWarnings: ValidationFinding[] = [];

  private readonly patterns: ReportedPattern[] = [];
  /** Objects constructs of the App share, by key (e.g. one ReferenceGrant per pair of namespaces). */
  private readonly sharedByKey = new Map<string, unknown>();
  /** Set while a validation runs: it calls other constructs' validations, which must not re-enter it. */
  private validating = false;
  /**
   * The synth session under way: its outcome once the App was judged in it, and the fields this library's
   * objects produced in it (the checks and the YAML read the same values).
   */
  private session?: { judged: boolean; error?: ServicePatternsValidationError; readonly produced: Map<FieldProducer, unknown> };

  private constructor(root: IConstruct) {
    super(root as Construct, REPORT_ID);
    this.node.addValidation({ validate: () => this.validateApp() });
    if (root instanceof App) this.delimitSynthSessions(root);
  }

  /** Registers a construct's checks. */
  public register(pattern: ReportedPattern): void {
    this.patterns.push(pattern);
  }

  /** The object the App's constructs share under `key`, created by `create` on first use. */
  public shared<T>(key: string, create: () => T): T {
    if (!this.sharedByKey.has(key)) this.sharedByKey.set(key, create());
    return this.sharedByKey.get(key) as T;
  }

  /** The memo of the fields produced in the synth session under way; undefined outside a session. */
  public get sessionMemo(): Map<FieldProducer, unknown> | undefined {
    return this.session?.produced;
  }

  /** The target Kubernetes version, parsed (the default when what was given is not a version: that is a finding). */
  public get targetVersion(): KubernetesVersion {
    return parseKubernetesVersion(this.kubernetesVersion) ?? parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION)!;
  }

  /** Whether strict mode is on, for this App or through the environment. */
  public get strictMode(): boolean {
    return this.strict || /^(1|true|yes)$/i.test(process.env[STRICT_ENV] ?? '');
  }

  /**
   * Marks every call of the App's `synth()` and `synthYaml()` as one synth session (the App instance's own
   * methods wrap the inherited ones; a subclass's override is wrapped the same way).
   */
  private delimitSynthSessions(app: App): void {
    for (const method of ['synth', 'synthYaml'] as const) {
      const inherited = app[method] as (...args: unknown[]) => unknown;
      const report = this;
      Object.defineProperty(app, method, {
        configurable: true,
        writable: true,
        enumerable: false,
        value: function synthSession(this: App, ...args: unknown[]): unknown {
          return report.inSession(() => inherited.apply(this, args));
        },
      });
    }
  }

  private inSession<T>(run: () => T): T {
    if (this.session !== undefined) return run(); // a synth inside a synth belongs to the outer session
    this.session = { judged: false, produced: new Map() };
    try {
      return run();
    } finally {
      this.session = undefined;
    }
  }

  private validateApp(): string[] {
    if (this.validating) return [];
    const session = this.session;
    if (session?.judged) {
      if (session.error !== undefined) throw session.error;
      return [];
    }
    const error = this.judge();
    if (session !== undefined) {
      session.judged = true;
      session.error = error;
    }
    if (error !== undefined) throw error;
    return [];
  }

  /** Judges the App as it is: prints the warnings, returns the error to throw (if any). */
  private judge(): ServicePatternsValidationError | undefined {
    this.validating = true;
    let errors: ValidationFinding[];
    let warnings: ValidationFinding[];
    try {
      ({ errors, warnings } = this.collect());
    } finally {
      this.validating = false;
    }
    this.lastWarnings = warnings;
    const strict = this.strictMode;
    if (!strict) {
      for (const w of warnings) process.stderr.write(`[WARNING] [${w.path}] ${w.message}\n`);
    }
    const failing = strict ? [...errors, ...warnings] : errors;
    if (failing.length === 0) return undefined;
    return new ServicePatternsValidationError([...failing, ...this.otherValidations()], strict ? [] : warnings);
  }

  /** Every finding of the App: each construct's own, then the App-wide ones. */
  private collect(): { errors: ValidationFinding[]; warnings: ValidationFinding[] } {
    const errors: ValidationFinding[] = [];
    const warnings: ValidationFinding[] = [];
    const versionViolation = checkKubernetesVersion(this.kubernetesVersion);
    if (versionViolation !== undefined) {
      errors.push(toValidationFinding(this.node.path, {
        code: 'SP_KUBERNETES_VERSION',
        field: 'kubernetesVersion',
        value: JSON.stringify(this.kubernetesVersion),
        rule: versionViolation,
        fix: 'give the minor version of the oldest cluster the App is applied to, e.g. ServicePatternsValidation.setKubernetesVersion(app, "1.33")',
      }, FindingSeverity.ERROR));
    }
    const ownerOf = new Map<ApiObject, ReportedPattern>();
    for (const pattern of this.patterns) {
      if (!isInTree(pattern, this.node.root)) continue;
      const path = pattern.node.path;
      const check = pattern._check();
      for (const f of check.errors) errors.push(toValidationFinding(path, f, FindingSeverity.ERROR));
      for (const f of check.warnings) warnings.push(toValidationFinding(path, f, FindingSeverity.WARNING));
      for (const obj of pattern._emittedObjects()) ownerOf.set(obj, pattern);
    }
    const entries: FactsEntry[] = [];
    /** Constructs of this library whose namespaced objects carry no namespace; whether any object carries one. */
    const withoutNamespace = new Set<ReportedPattern>();
    let anyNamespace = false;
    for (const construct of this.node.root.node.findAll()) {
      if (!(construct instanceof ApiObject)) continue;
      const owner = ownerOf.get(construct);
      const entry = owner !== undefined ? ownEntry(construct as PatternObject, owner) : foreignEntry(construct);
      if (entry === undefined) continue;
      entries.push(entry);
      if (entry.identity.namespace === undefined) continue;
      if (entry.namespaceGiven) anyNamespace = true;
      else if (owner !== undefined) withoutNamespace.add(owner);
    }
    for (const { source, finding } of appWideFindings(entries)) {
      errors.push(toValidationFinding(source, finding, FindingSeverity.ERROR));
    }
    if (anyNamespace) {
      for (const owner of withoutNamespace) {
        const path = owner.node.path;
        // one SP_NAMESPACE_ASSUMED per construct: the values it names already say the namespace is missing
        if (warnings.some((w) => w.path === path && w.code === NAMESPACE_ASSUMED_BY_APP_CHECKS.code)) continue;
        warnings.push(toValidationFinding(path, NAMESPACE_ASSUMED_BY_APP_CHECKS, FindingSeverity.WARNING));
      }
    }
    return { errors, warnings };
  }

  /** The other constructs' own validations, so the report lists every problem of the App at once. */
  private otherValidations(): ValidationFinding[] {
    const found: ValidationFinding[] = [];
    for (const construct of this.node.root.node.findAll()) {
      if (construct === this) continue;
      for (const message of construct.node.validate()) {
        found.push({ path: construct.node.path, field: '', code: 'EXTERNAL', message, rule: message, fix: '', severity: FindingSeverity.ERROR });
      }
    }
    return found;
  }
}

/** Whether `construct` is still attached to the tree under `root` (not removed with tryRemoveChild). */
function isInTree(construct: IConstruct, root: IConstruct): boolean {
  let child: IConstruct = construct;
  let parent = child.node.scope;
  while (parent !== undefined) {
    if (parent.node.tryFindChild(child.node.id) !== child) return false;
    child = parent;
    parent = child.node.scope;
  }
  return child === root;
}

/**
 * The warning of a construct whose objects have no namespace in an App whose other objects have one: the
 * App-wide checks compared them as if they were in `default`.
 */
const NAMESPACE_ASSUMED_BY_APP_CHECKS: Finding = {
  code: 'SP_NAMESPACE_ASSUMED',
  field: 'namespace',
  rule: 'the objects have no namespace and other objects of the App have one: the App-wide checks compared them as if they were in "default", where Argo CD, Flux and kubectl -n may apply them elsewhere',
  fix: 'set the chart\'s namespace (new Chart(app, "shop", { namespace: "shop" })) or the namespace prop; namespace: "default" declares the default',
};

/** An object of this library: judged from the model, or from its resolved manifest once patched. */
function ownEntry(obj: PatternObject, owner: ReportedPattern): FactsEntry {
  const manifest = obj.judgedManifest();
  const name = typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : obj.name;
  return {
    namespaceGiven: typeof manifest.metadata?.namespace === 'string',
    source: owner.node.path,
    identity: identityOf(manifest.apiVersion ?? obj.apiVersion, manifest.kind ?? obj.kind, name, manifest.metadata?.namespace),
    facts: factsOf(manifest),
  };
}

/** The construct that owns an object (cdk8s-plus names its object 'Resource'), else the object itself. */
function ownerPath(obj: ApiObject): string {
  return obj.node.id === 'Resource' && obj.node.scope ? obj.node.scope.node.path : obj.node.path;
}

/** An object of another construct: its identity, and its facts when a rule reads its kind. */
function foreignEntry(obj: ApiObject): FactsEntry | undefined {
  // a name that is not a string (a Symbol from an untyped caller): cdk8s refuses the object when it renders it
  if (typeof (obj.name as unknown) !== 'string') return undefined;
  const source = ownerPath(obj);
  const identity = identityOf(obj.apiVersion, obj.kind, obj.name, obj.metadata.namespace);
  const namespaceGiven = obj.metadata.namespace !== undefined;
  if (!KINDS_WITH_FACTS.has(obj.kind)) return { source, identity, namespaceGiven };
  let manifest: any;
  try {
    manifest = obj.toJson();
  } catch {
    return { source, identity, namespaceGiven }; // cdk8s reports an object it cannot render when it synthesizes it
  }
  const name = typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : obj.name;
  return {
    source,
    identity: identityOf(obj.apiVersion, obj.kind, name, manifest.metadata?.namespace),
    facts: factsOf(manifest),
    namespaceGiven: typeof manifest.metadata?.namespace === 'string',
  };
}
