/**
 * One validation report for the whole App.
 *
 * Every construct of this library registers its checks here (instead of one `node.addValidation` each). The
 * first registration in an App installs a single validation on the App node, which cdk8s runs first when it
 * synthesizes: it runs every registered construct's checks, the App-wide consistency checks (one pass over
 * the construct tree, maps keyed by name: O(n)), and the validations of other constructs, prints the
 * warnings once, and throws one {@link ServicePatternsValidationError} that lists every problem, grouped by
 * construct path.
 */
import { ApiObject, App } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { Finding, FindingCollector, formatValue, renderFinding } from './validation';

/** Whether a finding fails the synth. */
export enum FindingSeverity {
  /** Fails the synth. */
  ERROR = 'error',
  /** Printed; fails the synth only in strict mode. */
  WARNING = 'warning',
}

/**
 * One problem found at synth time.
 */
export interface ValidationFinding {
  /** The construct path, e.g. `shop/Web`. */
  readonly path: string;
  /** The field at fault, e.g. `ports[1].name`. */
  readonly field: string;
  /** A stable code, e.g. `SP_PORT_NAME`; see docs/validation.md. */
  readonly code: string;
  /** The whole message: field, value, rule, fix and code. */
  readonly message: string;
  /** The rule that was violated. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The offending value, as shown.
   *
   * @default - the finding is about a missing field or a combination of fields
   */
  readonly value?: string;
  /** Error or warning. */
  readonly severity: FindingSeverity;
}

/**
 * Thrown by `cdk8s synth` (App.synth, Testing.synth) when an App has errors: lists every finding of the
 * App. It is an `Error` (`instanceof Error` holds) whose message groups the findings by construct path and
 * whose stack is the message alone: user errors print without a stack trace.
 */
export class ServicePatternsValidationError {
  /**
   * Whether `candidate` is a ServicePatternsValidationError (also across copies of this library).
   */
  public static isServicePatternsValidationError(candidate: any): boolean {
    return typeof candidate === 'object' && candidate !== null && (candidate as any)[ERROR_SYMBOL] === true;
  }

  /**
   * @param findings the findings that fail the synth
   * @param warnings the warnings of the same synth
   */
  public constructor(findings: ValidationFinding[], warnings: ValidationFinding[] = []) {
    // Non-enumerable, like an Error's own fields: node prints an uncaught one as its message alone.
    const message = renderReport(findings);
    Object.defineProperty(this, DATA, { value: { findings: [...findings], warnings: [...warnings], message }, enumerable: false });
    Object.defineProperty(this, ERROR_SYMBOL, { value: true, enumerable: false });
  }

  /** The error's name. */
  public get name(): string {
    return 'ServicePatternsValidationError';
  }

  /** The message: every error, grouped by construct path. */
  public get message(): string {
    return (this as any)[DATA].message;
  }

  /** The stack: the message alone (user errors print without a stack trace). */
  public get stack(): string {
    return this.message;
  }

  /** Every finding that failed the synth (errors, and warnings in strict mode). */
  public get findings(): ValidationFinding[] {
    return [...(this as any)[DATA].findings];
  }

  /** The warnings (outside strict mode). */
  public get warnings(): ValidationFinding[] {
    return [...(this as any)[DATA].warnings];
  }

  /** The message. */
  public toString(): string {
    return this.message;
  }
}
const ERROR_SYMBOL = Symbol.for('cdk8s-service-patterns.ValidationError');
const DATA = Symbol('data');
// An Error without `extends` (jsii cannot export subclasses of built-ins): `instanceof Error` holds and
// runtimes print it as an error.
Object.setPrototypeOf(ServicePatternsValidationError.prototype, Error.prototype);

/** Renders findings grouped by construct path. */
function renderReport(findings: readonly ValidationFinding[]): string {
  const byPath = new Map<string, ValidationFinding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path) ?? [];
    list.push(f);
    byPath.set(f.path, list);
  }
  const lines = [`cdk8s-service-patterns: ${findings.length} problem${findings.length === 1 ? '' : 's'} found at synth`];
  for (const [path, list] of byPath) {
    lines.push(`  [${path}]`);
    for (const f of list) lines.push(`    ${f.severity === FindingSeverity.WARNING ? '(warning, strict mode) ' : ''}${f.message}`);
  }
  return lines.join('\n');
}

/**
 * App-level validation settings.
 */
export class ServicePatternsValidation {
  /**
   * Turns warnings into errors for every construct of this library in the App of `scope`. The environment
   * variable `CDK8S_SERVICE_PATTERNS_STRICT=true` does the same for every App.
   */
  public static enableStrictMode(scope: IConstruct): void {
    stateOf(App.of(scope)).strict = true;
    noteChange();
  }

  /** Whether strict mode is on for the App of `scope`. */
  public static isStrictMode(scope: IConstruct): boolean {
    return stateOf(App.of(scope)).strict || /^(1|true|yes)$/i.test(process.env.CDK8S_SERVICE_PATTERNS_STRICT ?? '');
  }

  /**
   * The warnings found for constructs of the App of `scope` at its last synth.
   */
  public static warnings(scope: IConstruct): ValidationFinding[] {
    return [...stateOf(App.of(scope)).lastWarnings];
  }

  private constructor() {}
}

// ---------------------------------------------------------------------------------------------------------
// Facts the App-wide checks read (from this library's constructs, without resolving their manifests)
// ---------------------------------------------------------------------------------------------------------

/** @internal */
export interface ServiceFacts {
  readonly kind: 'service';
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly hasSelector: boolean;
  readonly manualEndpoints: boolean;
  readonly ports: ReadonlyArray<{ port: number; name?: string; protocol?: string; nodePort?: number }>;
  readonly healthCheckNodePort?: number;
}

/** @internal */
export interface IngressFacts {
  readonly kind: 'ingress';
  readonly name: string;
  readonly namespace: string;
  readonly ingressClass?: string;
  readonly routes: ReadonlyArray<{ host?: string; path: string; pathType: string }>;
  readonly tls: ReadonlyArray<{ host: string; secretName: string }>;
  readonly namedBackends: ReadonlyArray<{ serviceName: string; portNumber?: number; portName?: string; field: string }>;
  /** An ingress-nginx canary Ingress shares routes with its main Ingress on purpose. */
  readonly canary?: boolean;
}

/** @internal */
export type AppFacts = ServiceFacts | IngressFacts;

/** What a construct of this library registers. @internal */
export interface PatternRegistration {
  /** Records the construct's own findings. */
  readonly collect: (findings: FindingCollector) => void;
  /** The facts App-wide checks need, read at synth. */
  readonly facts?: () => AppFacts;
  /** The ApiObject the facts describe (App-wide checks do not resolve it). */
  readonly apiObject?: ApiObject;
}

interface AppState {
  strict: boolean;
  lastWarnings: ValidationFinding[];
  installed: boolean;
  /**
   * The outcome of the validation of the current synth. cdk8s validates the whole App once in App.synth()
   * and again for every chart it serializes; within one synchronous synth the outcome is reused (keyed by
   * the changes to this library's constructs, the size of the tree and strict mode; cleared in a microtask),
   * so the checks run and the warnings print once per synth, not once per chart.
   */
  cached?: { key: string; error?: ServicePatternsValidationError };
  /** Set while the App's validation runs (it calls other constructs' validations, which must not re-enter it). */
  validating: boolean;
}

/** Counts changes to this library's constructs (registrations, added ports and members...): part of the cache key. */
let mutations = 0;

/**
 * Records that a construct of this library changed after construction, so a cached validation outcome is
 * not reused.
 * @internal
 */
export function noteChange(): void {
  mutations++;
}

const APP_STATE = new WeakMap<IConstruct, AppState>();
const REGISTRATIONS = new WeakMap<IConstruct, PatternRegistration>();
const WARNINGS_BY_CONSTRUCT = new WeakMap<IConstruct, string[]>();

function stateOf(app: IConstruct): AppState {
  let state = APP_STATE.get(app);
  if (state === undefined) {
    state = { strict: false, lastWarnings: [], installed: false, validating: false };
    APP_STATE.set(app, state);
  }
  return state;
}

/**
 * Registers a construct's checks with its App's report.
 * @internal
 */
export function registerPattern(scope: Construct, registration: PatternRegistration): void {
  REGISTRATIONS.set(scope, registration);
  const app = App.of(scope);
  const state = stateOf(app);
  noteChange();
  if (!state.installed) {
    state.installed = true;
    app.node.addValidation({
      validate: () => {
        if (state.validating) return []; // re-entered while collecting the other constructs' validations
        const all = app.node.findAll();
        const key = `${mutations}/${all.length}/${ServicePatternsValidation.isStrictMode(app)}`;
        if (state.cached === undefined || state.cached.key !== key) {
          let error: ServicePatternsValidationError | undefined;
          state.validating = true;
          try {
            validateApp(app, state, all);
          } catch (err) {
            if (!ServicePatternsValidationError.isServicePatternsValidationError(err)) throw err;
            error = err as ServicePatternsValidationError;
          } finally {
            state.validating = false;
          }
          state.cached = { key, error };
          queueMicrotask(() => {
            state.cached = undefined;
          });
        }
        if (state.cached.error !== undefined) throw state.cached.error;
        return [];
      },
    });
  }
}

/**
 * The warnings `scope` reported at the last synth (rendered, without the construct path).
 * @internal
 */
export function warningsOf(scope: IConstruct): string[] {
  return [...(WARNINGS_BY_CONSTRUCT.get(scope) ?? [])];
}

function toFinding(path: string, f: Finding, severity: FindingSeverity): ValidationFinding {
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

function validateApp(app: IConstruct, state: AppState, all: IConstruct[]): void {
  const errors: ValidationFinding[] = [];
  const warnings: ValidationFinding[] = [];
  const external: ValidationFinding[] = [];
  const facts: Array<{ construct: IConstruct; facts: AppFacts }> = [];
  const described = new WeakSet<IConstruct>();

  for (const construct of all) {
    const registration = REGISTRATIONS.get(construct);
    if (registration === undefined) continue;
    const collector = new FindingCollector();
    registration.collect(collector);
    const constructErrors = collector.findings;
    const constructWarnings = collector.warningFindings;
    if (constructErrors.length > 0 || constructWarnings.length > 0) {
      const path = construct.node.path;
      errors.push(...constructErrors.map((f) => toFinding(path, f, FindingSeverity.ERROR)));
      warnings.push(...constructWarnings.map((f) => toFinding(path, f, FindingSeverity.WARNING)));
    }
    if (constructWarnings.length > 0) {
      WARNINGS_BY_CONSTRUCT.set(construct, constructWarnings.map(renderFinding));
    } else {
      WARNINGS_BY_CONSTRUCT.delete(construct);
    }
    if (registration.facts !== undefined) facts.push({ construct, facts: registration.facts() });
    if (registration.apiObject !== undefined) described.add(registration.apiObject);
  }

  errors.push(...appWideFindings(all, facts, described));

  state.lastWarnings = warnings;
  const strict = ServicePatternsValidation.isStrictMode(app);
  if (!strict) {
    for (const w of warnings) process.stderr.write(`[WARNING] [${w.path}] ${w.message}\n`);
  }
  const failing = strict ? [...errors, ...warnings] : errors;
  if (failing.length === 0) {
    return;
  }
  // Include the other constructs' own validations, so the report lists every problem of the App at once.
  for (const construct of all) {
    for (const message of construct.node.validate()) {
      external.push({ path: construct.node.path, field: '', code: 'EXTERNAL', message, rule: message, fix: '', severity: FindingSeverity.ERROR });
    }
  }
  throw new ServicePatternsValidationError([...failing, ...external], strict ? [] : warnings);
}

// ---------------------------------------------------------------------------------------------------------
// App-wide checks
// ---------------------------------------------------------------------------------------------------------

/** Namespace-scoped kinds are keyed with their namespace; these are not. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'IngressClass',
  'CustomResourceDefinition', 'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ClusterIssuer', 'APIService', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CertificateSigningRequest',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'FlowSchema', 'PriorityLevelConfiguration', 'PodSecurityPolicy', 'ClusterTrustBundle', 'IPAddress', 'ServiceCIDR',
  'DeviceClass', 'ResourceSlice', 'StorageVersion', 'StorageVersionMigration', 'VolumeAttributesClass',
]);

function namespaceOf(obj: ApiObject): string {
  return obj.metadata.namespace ?? 'default';
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'core';
}

/** Reads the facts of a Service, Ingress or StatefulSet that no construct of this library describes. */
function foreignFacts(obj: ApiObject): AppFacts | { kind: 'statefulset'; namespace: string; serviceName?: string } | undefined {
  const scope = obj.node.scope;
  if (obj.kind === 'StatefulSet' && scope instanceof kplus.StatefulSet) {
    return { kind: 'statefulset', namespace: namespaceOf(obj), serviceName: scope.service.name };
  }
  if (obj.kind !== 'Service' && obj.kind !== 'Ingress' && obj.kind !== 'StatefulSet') return undefined;
  let json: any;
  try {
    json = obj.toJson();
  } catch {
    return undefined; // the object cannot be rendered: cdk8s reports that itself when it synthesizes it
  }
  const spec = json.spec ?? {};
  if (obj.kind === 'StatefulSet') return { kind: 'statefulset', namespace: namespaceOf(obj), serviceName: spec.serviceName };
  if (obj.kind === 'Service') {
    return {
      kind: 'service',
      name: obj.name,
      namespace: namespaceOf(obj),
      type: spec.type ?? 'ClusterIP',
      hasSelector: Object.keys(spec.selector ?? {}).length > 0,
      manualEndpoints: false,
      ports: (spec.ports ?? []).map((p: any) => ({ port: p.port, name: p.name, protocol: p.protocol, nodePort: p.nodePort })),
      healthCheckNodePort: spec.healthCheckNodePort,
    };
  }
  return {
    kind: 'ingress',
    name: obj.name,
    namespace: namespaceOf(obj),
    ingressClass: spec.ingressClassName ?? json.metadata?.annotations?.['kubernetes.io/ingress.class'],
    routes: (spec.rules ?? []).flatMap((r: any) => (r.http?.paths ?? [])
      .map((p: any) => ({ host: r.host, path: p.path ?? '/', pathType: p.pathType ?? 'ImplementationSpecific' }))),
    tls: (spec.tls ?? []).flatMap((t: any) => (t.hosts ?? []).map((host: string) => ({ host, secretName: t.secretName ?? '' }))),
    namedBackends: [
      ...(spec.defaultBackend?.service ? [{ backend: spec.defaultBackend.service, field: 'spec.defaultBackend' }] : []),
      ...(spec.rules ?? []).flatMap((r: any, i: number) => (r.http?.paths ?? [])
        .map((p: any, j: number) => ({ backend: p.backend?.service, field: `spec.rules[${i}].http.paths[${j}].backend` }))),
    ].filter((b: any) => typeof b.backend?.name === 'string').map((b: any) => ({
      serviceName: b.backend.name,
      ...(b.backend.port?.number !== undefined ? { portNumber: b.backend.port.number } : {}),
      ...(b.backend.port?.name !== undefined ? { portName: b.backend.port.name } : {}),
      field: b.field,
    })).filter((b: any) => b.portNumber !== undefined || b.portName !== undefined),
    canary: json.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary'] === 'true',
  };
}

function appWideFindings(
  all: IConstruct[], ownFacts: Array<{ construct: IConstruct; facts: AppFacts }>, described: WeakSet<IConstruct>): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const add = (path: string, code: string, field: string, value: unknown, rule: string, fix: string) => {
    const f: Finding = { code, field, value: formatValue(value), rule, fix };
    out.push(toFinding(path, f, FindingSeverity.ERROR));
  };

  const services: Array<{ path: string; facts: ServiceFacts }> = [];
  const ingresses: Array<{ path: string; facts: IngressFacts }> = [];
  const statefulSets: Array<{ path: string; namespace: string; serviceName?: string }> = [];
  for (const { construct, facts } of ownFacts) {
    if (facts.kind === 'service') services.push({ path: construct.node.path, facts });
    else ingresses.push({ path: construct.node.path, facts });
  }

  // 1. objects of the same kind, name and namespace; facts of the objects no construct of ours describes
  const objects = new Map<string, ApiObject>();
  // The construct that owns the object (cdk8s-plus and this library name their object 'Resource'), else the
  // object itself: two raw objects of one chart stay apart.
  const ownerPath = (obj: ApiObject) => (obj.node.id === 'Resource' && obj.node.scope ? obj.node.scope.node.path : obj.node.path);
  for (const construct of all) {
    if (!(construct instanceof ApiObject)) continue;
    const obj = construct;
    const cluster = CLUSTER_SCOPED_KINDS.has(obj.kind);
    const key = `${groupOf(obj.apiVersion)}/${obj.kind}/${cluster ? '' : namespaceOf(obj)}/${obj.name}`;
    const first = objects.get(key);
    if (first !== undefined) {
      add(ownerPath(obj), 'SP_APP_DUPLICATE_OBJECT', 'metadata.name', obj.name,
        `${obj.kind} ${JSON.stringify(obj.name)}${cluster ? '' : ` in namespace ${JSON.stringify(namespaceOf(obj))}`} is also emitted by ${ownerPath(first)}; one would overwrite the other on apply`,
        'give one of them another name or namespace');
    } else {
      objects.set(key, obj);
    }
    if (described.has(obj)) continue;
    const facts = foreignFacts(obj);
    const owner = facts === undefined ? '' : ownerPath(obj);
    if (facts === undefined) continue;
    if (facts.kind === 'service') services.push({ path: owner, facts });
    else if (facts.kind === 'ingress') ingresses.push({ path: owner, facts });
    else statefulSets.push({ path: owner, ...facts });
  }

  // 2. node ports are cluster-wide
  const nodePorts = new Map<string, { path: string; port: number }>();
  for (const { path, facts } of services) {
    if (facts.type !== 'NodePort' && facts.type !== 'LoadBalancer') continue;
    const claims = facts.ports.filter((p) => p.nodePort !== undefined).map((p) => ({ nodePort: p.nodePort!, protocol: p.protocol ?? 'TCP', port: p.port }));
    if (facts.healthCheckNodePort !== undefined) claims.push({ nodePort: facts.healthCheckNodePort, protocol: 'TCP', port: -1 });
    const claimedHere = new Set<string>();
    for (const claim of claims) {
      const key = `${claim.nodePort}/${claim.protocol}`;
      if (claimedHere.has(key)) continue; // duplicates inside one Service are that Service's own finding
      claimedHere.add(key);
      const first = nodePorts.get(key);
      if (first !== undefined && first.path !== path) {
        add(path, 'SP_APP_NODE_PORT_CONFLICT', 'nodePort', claim.nodePort,
          `${claim.protocol} node port ${claim.nodePort} is also claimed by ${first.path}; node ports are cluster-wide, so the second Service is refused`,
          'give one of the Services another node port, or leave nodePort out to let the cluster allocate one');
      } else if (first === undefined) {
        nodePorts.set(key, { path, port: claim.port });
      }
    }
  }

  // 3. a manual-endpoints Service and a selector Service with the same name: the endpoints controller
  //    would overwrite the hand-written endpoints
  const serviceByName = new Map<string, { path: string; facts: ServiceFacts }>();
  const manualByName = new Map<string, { path: string; facts: ServiceFacts }>();
  const selectingByName = new Map<string, { path: string; facts: ServiceFacts }>();
  const reportedNames = new Set<string>();
  for (const entry of services) {
    const key = `${entry.facts.namespace}/${entry.facts.name}`;
    if (!serviceByName.has(key)) serviceByName.set(key, entry);
    if (entry.facts.manualEndpoints && !manualByName.has(key)) manualByName.set(key, entry);
    if (entry.facts.hasSelector && !selectingByName.has(key)) selectingByName.set(key, entry);
    const manual = manualByName.get(key);
    const selecting = selectingByName.get(key);
    if (manual !== undefined && selecting !== undefined && !reportedNames.has(key)) {
      reportedNames.add(key);
      add(entry.path, 'SP_APP_MANUAL_ENDPOINTS_SELECTOR', 'serviceName', entry.facts.name,
        `ManualEndpointService ${manual.path} and the selector Service ${selecting.path} share this name; the endpoints controller would replace the hand-written endpoints with the selected pods`,
        'rename one of them');
    }
  }

  // 4. a governing Service name used by two StatefulSets
  const governing = new Map<string, string>();
  for (const sts of statefulSets) {
    if (sts.serviceName === undefined) continue;
    const key = `${sts.namespace}/${sts.serviceName}`;
    const first = governing.get(key);
    if (first !== undefined && first !== sts.path) {
      add(sts.path, 'SP_APP_GOVERNING_SERVICE_CONFLICT', 'spec.serviceName', sts.serviceName,
        `is also the governing Service of the StatefulSet ${first}; the pods of both would share one DNS subdomain and the Service would select only one set`,
        'give every StatefulSet its own headless Service');
    } else {
      governing.set(key, sts.path);
    }
  }

  // 5. Ingress routes and TLS hosts per ingress class (controllers merge Ingresses of one class)
  const routes = new Map<string, string>();
  const tlsHosts = new Map<string, { path: string; secret: string }>();
  for (const { path, facts } of ingresses) {
    const ingressClass = facts.ingressClass ?? '(default class)';
    const seenHere = new Set<string>();
    for (const route of facts.canary ? [] : facts.routes) {
      const key = `${ingressClass} ${route.host ?? '*'} ${route.path} ${route.pathType}`;
      if (seenHere.has(key)) continue;
      seenHere.add(key);
      const first = routes.get(key);
      if (first !== undefined && first !== path) {
        add(path, 'SP_APP_INGRESS_ROUTE_CONFLICT', 'rules', `${route.host ?? '*'}${route.path}`,
          `the ${route.pathType} route is also claimed by ${first} in ingress class ${ingressClass}; which Ingress serves it is undefined`,
          'route each host + path + pathType from one Ingress of the class');
      } else if (first === undefined) {
        routes.set(key, path);
      }
    }
    for (const { host, secretName } of facts.tls) {
      const key = `${ingressClass} ${host}`;
      const secret = `${facts.namespace}/${secretName}`;
      const first = tlsHosts.get(key);
      if (first !== undefined && first.secret !== secret) {
        add(path, 'SP_APP_TLS_SECRET_CONFLICT', 'tls', host,
          `is served with Secret ${secret} here and with ${first.secret} by ${first.path} in ingress class ${ingressClass}; clients get one of the two certificates`,
          'serve each host with one Secret');
      } else if (first === undefined) {
        tlsHosts.set(key, { path, secret });
      }
    }
    // 6. backends referenced by name that exist in the App but lack the port
    for (const backend of facts.namedBackends) {
      const target = serviceByName.get(`${facts.namespace}/${backend.serviceName}`);
      if (target === undefined) continue;
      const found = target.facts.ports.some((p) => (backend.portNumber !== undefined ? p.port === backend.portNumber : p.name === backend.portName));
      if (!found) {
        const listed = target.facts.ports.map((p) => (p.name ? `${p.name} (${p.port})` : `${p.port}`)).join(', ') || 'none';
        add(path, 'SP_APP_BACKEND_PORT_UNKNOWN', backend.field, backend.portNumber ?? backend.portName,
          `Service ${JSON.stringify(backend.serviceName)} (${target.path}) has no such port (ports: ${listed})`,
          'route to a port the Service has');
      }
    }
  }
  return out;
}
