/**
 * Helpers of the tests that run against a real kube-apiserver (test/apiserver/*.apiserver.ts, run by
 * `npm run test:apiserver` under scripts/apiserver/with-apiserver.sh; not part of `npm test`).
 */
import { ApiObject, App, Testing } from 'cdk8s';
import { Kube, KubeResponse, statusMessage } from '../../scripts/apiserver/kube';
import { ServicePatternsValidationError, ValidationFinding } from '../../src';

export { statusMessage };

/** The client of the server with-apiserver.sh started. */
export function connect(): Kube {
  return Kube.fromEnv();
}

const RUN = Date.now().toString(36);
let counter = 0;

/** A namespace name no other test and no earlier run uses. */
export function scratchNamespace(prefix: string): string {
  return `${prefix}-${RUN}-${counter++}`;
}

/** One object of an App: the path of its ApiObject, the path of the construct that owns it, and its manifest. */
export interface AppObject {
  readonly path: string;
  readonly manifest: any;
}

/**
 * Every object of `app`, in the App's order, as each ApiObject resolves it — read object by object, so even an
 * App the library refuses yields the objects its synth would have written.
 */
export function objectsOf(app: App): AppObject[] {
  return app.node.findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c))
    .map((o) => ({ path: o.node.path, manifest: o.toJson() }));
}

/** The errors the library reports for `app` at synth (none when it synthesizes). */
export function libraryFindings(app: App): ValidationFinding[] {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    app.synthYaml();
    return [];
  } catch (err) {
    if (!ServicePatternsValidationError.isServicePatternsValidationError(err)) throw err;
    return (err as ServicePatternsValidationError).findings;
  } finally {
    stderr.mockRestore();
  }
}

/** `path Kind/name`: how the tests name an object. */
export function label(o: AppObject): string {
  return `${o.path} ${o.manifest.kind}/${o.manifest.metadata.name}`;
}

/** Whether `finding` is about `object`: the object belongs to the finding's construct (and, for a duplicate, is the one named). */
export function findingIsAbout(finding: ValidationFinding, o: AppObject): boolean {
  if (o.path !== finding.path && !o.path.startsWith(`${finding.path}/`)) return false;
  switch (finding.code) {
    case 'SP_APP_DUPLICATE_OBJECT':
      return finding.rule.startsWith(`${o.manifest.kind} ${JSON.stringify(o.manifest.metadata.name)}`);
    case 'SP_APP_NODE_PORT_CONFLICT':
    case 'SP_NODE_PORT_DUPLICATE':
      return o.manifest.kind === 'Service';
    default:
      return true;
  }
}

/** The outcome of creating an App's objects for real. */
export interface RealCreate {
  readonly findings: ValidationFinding[];
  readonly objects: AppObject[];
  readonly responses: KubeResponse[];
  /** The objects the library's findings are about. */
  readonly flaggedByLibrary: string[];
  /** The objects the server refused, with its message. */
  readonly refusedByServer: Array<{ object: string; message: string }>;
}

/**
 * Builds an App with `build`, reads the library's findings, then creates every object of the App for real, in
 * the App's order (their namespaces first), and deletes what was created afterwards (node ports are
 * cluster-wide: the next test must find them free).
 */
export async function createForReal(kube: Kube, build: (app: App) => void): Promise<RealCreate> {
  const app = Testing.app();
  build(app);
  const findings = libraryFindings(app);
  const objects = objectsOf(app);
  for (const ns of new Set(objects.map((o) => o.manifest.metadata.namespace ?? 'default'))) {
    await kube.ensureNamespace(ns);
  }
  const responses: KubeResponse[] = [];
  try {
    for (const o of objects) responses.push(await kube.create(o.manifest));
  } finally {
    for (let i = responses.length - 1; i >= 0; i--) {
      if (responses[i].status === 201) await kube.delete(responses[i].body);
    }
  }
  return {
    findings,
    objects,
    responses,
    flaggedByLibrary: objects.filter((o) => findings.some((f) => findingIsAbout(f, o))).map(label),
    refusedByServer: objects.flatMap((o, i) => (responses[i].status === 201 ? [] : [{ object: label(o), message: statusMessage(responses[i]) }])),
  };
}
