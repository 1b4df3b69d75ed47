/**
 * Installs the Gateway API v1.6.1 CustomResourceDefinitions the library emits objects of (the repository's
 * crds/gateway-api-v1.6.1/gateway.networking.k8s.io_*.yaml) into the API server of SP_APISERVER_KUBECONFIG, and
 * waits until each is Established and its group/version serves its resources. kube-apiserver embeds the
 * apiextensions server: from then on it judges Gateway, HTTPRoute, GRPCRoute and ReferenceGrant objects with the
 * CRDs' openAPIV3Schema (strict field validation included), defaulting and CEL `x-kubernetes-validations`.
 *
 *   ts-node --project scripts/tsconfig.json scripts/apiserver/crds.ts [<folder>]
 *
 * with-apiserver.sh runs it once, after /readyz and before its command (the dry run and test/apiserver find the
 * kinds served). Idempotent: every CRD is sent with server-side apply (created, or updated to the file's content;
 * a second run changes nothing). Waits at most SP_CRD_TIMEOUT seconds (default 60) in all, then fails naming each
 * CRD that is not ready and its conditions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { Kube, statusMessage } from './kube';

/** The CRDs of the repository (crds/gateway-api-v1.6.1). */
export const GATEWAY_API_CRD_DIR = path.resolve(__dirname, '..', '..', 'crds', 'gateway-api-v1.6.1');

/** The field manager of the server-side apply. */
const FIELD_MANAGER = 'cdk8s-service-patterns-test';

/** What a CRD serves: `<group>/<version>` → kind → plural, scope. */
export interface CrdResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** The CRDs of `dir`'s `<group>_<plural>.yaml` files; anything else in them is an error. */
export function loadCrds(dir: string = GATEWAY_API_CRD_DIR): any[] {
  if (!fs.existsSync(dir)) throw new Error(`no CRD folder ${dir}`);
  const files = fs.readdirSync(dir).filter((f) => /^[a-z0-9.-]+_[a-z0-9]+\.yaml$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no <group>_<plural>.yaml CRD files in ${dir}`);
  return files.flatMap((f) => Yaml.load(path.join(dir, f)).filter((o) => o && typeof o === 'object').map((obj) => {
    if (obj.apiVersion !== 'apiextensions.k8s.io/v1' || obj.kind !== 'CustomResourceDefinition') {
      throw new Error(`${f}: ${obj.apiVersion} ${obj.kind} ${obj.metadata?.name} is not an apiextensions.k8s.io/v1 CustomResourceDefinition`);
    }
    return obj;
  }));
}

/** Every resource the served versions of `crds` offer. */
export function crdResources(crds: readonly any[]): CrdResource[] {
  return crds.flatMap((crd) => (crd.spec.versions as any[]).filter((v) => v.served).map((v) => ({
    apiVersion: `${crd.spec.group}/${v.name}`,
    kind: crd.spec.names.kind as string,
    plural: crd.spec.names.plural as string,
    namespaced: crd.spec.scope === 'Namespaced',
  })));
}

/** Why `crd` (as the server returned it) is not ready yet, or undefined when it is Established. */
function notEstablished(crd: any): string | undefined {
  const conditions: any[] = crd?.status?.conditions ?? [];
  if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return undefined;
  return conditions.length === 0 ? 'no conditions yet'
    : conditions.map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`).join(', ');
}

/** A condition the server will not lift by itself (a name clash): fail at once rather than at the deadline. */
function refusedNames(crd: any): string | undefined {
  const c = (crd?.status?.conditions ?? []).find((x: any) => x.type === 'NamesAccepted' && x.status === 'False');
  return c === undefined ? undefined : `NamesAccepted=False (${c.reason}: ${c.message})`;
}

/** Why the discovery document of `r.apiVersion` does not list `r` as expected, or undefined when it does. */
async function notDiscoverable(kube: Kube, r: CrdResource): Promise<string | undefined> {
  const response = await kube.request('GET', `/apis/${r.apiVersion}`);
  if (response.status !== 200) return `GET /apis/${r.apiVersion}: ${statusMessage(response)}`;
  const listed = (response.body?.resources ?? []).find((x: any) => x.name === r.plural);
  if (listed === undefined) return `GET /apis/${r.apiVersion} does not list ${r.plural} yet`;
  if (listed.kind !== r.kind || listed.namespaced !== r.namespaced) {
    return `GET /apis/${r.apiVersion} lists ${r.plural} as kind ${listed.kind}, namespaced ${listed.namespaced}; expected ${r.kind}, namespaced ${r.namespaced}`;
  }
  return undefined;
}

export interface InstallOptions {
  /** How long to wait for every CRD to be Established and discoverable, in all (default SP_CRD_TIMEOUT s or 60 s). */
  readonly timeoutMs?: number;
}

/** What installCrds did. */
export interface InstallResult {
  readonly crds: string[];
  readonly resources: CrdResource[];
  /** Milliseconds from the first apply until every resource was discoverable. */
  readonly elapsedMs: number;
}

/**
 * Applies `crds` (server-side apply, forced, so a run after a change of the files updates them) and waits until
 * every one is Established and every served version's discovery document lists its plural with its kind and scope.
 */
export async function installCrds(kube: Kube, crds: readonly any[], options: InstallOptions = {}): Promise<InstallResult> {
  const timeoutMs = options.timeoutMs ?? Number(process.env.SP_CRD_TIMEOUT ?? 60) * 1000;
  const start = Date.now();
  const deadline = start + timeoutMs;
  for (const crd of crds) {
    const response = await kube.request('PATCH',
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(crd.metadata.name)}?fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`,
      crd, 'application/apply-patch+yaml');
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`cannot apply CustomResourceDefinition ${crd.metadata.name}: ${statusMessage(response)}`);
    }
  }

  // Established: the server has accepted the names and will serve the resources.
  const pending = new Map<string, string>(crds.map((crd) => [crd.metadata.name, 'not read yet']));
  while (pending.size > 0) {
    for (const name of [...pending.keys()]) {
      const got = await kube.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`);
      if (got.status !== 200) {
        pending.set(name, statusMessage(got));
        continue;
      }
      const refused = refusedNames(got.body);
      if (refused !== undefined) throw new Error(`CustomResourceDefinition ${name} is not accepted: ${refused}`);
      const why = notEstablished(got.body);
      if (why === undefined) pending.delete(name);
      else pending.set(name, why);
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`CustomResourceDefinitions not Established within ${timeoutMs / 1000} s (SP_CRD_TIMEOUT):\n${[...pending].map(([n, why]) => `  ${n}: ${why}`).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  // Discoverable: what kube.ts's discovery (and so dry-run.ts and the tests) finds the endpoints by.
  const resources = crdResources(crds);
  for (;;) {
    const missing = (await Promise.all(resources.map(async (r) => ({ r, why: await notDiscoverable(kube, r) }))))
      .filter((x) => x.why !== undefined);
    if (missing.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`Established CRDs not discoverable within ${timeoutMs / 1000} s (SP_CRD_TIMEOUT):\n${missing.map((m) => `  ${m.r.apiVersion} ${m.r.kind}: ${m.why}`).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { crds: crds.map((c) => c.metadata.name), resources, elapsedMs: Date.now() - start };
}

async function main(dir: string): Promise<void> {
  const kube = Kube.fromEnv();
  try {
    const result = await installCrds(kube, loadCrds(dir));
    const served = [...new Set(result.resources.map((r) => r.apiVersion))].sort().map((gv) =>
      `${gv}: ${result.resources.filter((r) => r.apiVersion === gv).map((r) => r.plural).sort().join(', ')}`);
    console.error(`[apiserver] ${result.crds.length} CRDs from ${path.relative(process.cwd(), dir) || dir} applied, Established and discoverable in ${(result.elapsedMs / 1000).toFixed(1)} s (${served.join('; ')})`);
  } finally {
    kube.close();
  }
}

if (require.main === module) {
  main(process.argv[2] ?? GATEWAY_API_CRD_DIR).catch((err) => {
    console.error(`[apiserver] CRD install failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
