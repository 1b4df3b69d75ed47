/**
 * Sends every manifest we emit to a real kube-apiserver with server-side dry run (`dryRun=All`,
 * `fieldValidation=Strict`) and fails on any rejection, printing the server's message with the object.
 *
 *   ts-node --project scripts/tsconfig.json scripts/apiserver/dry-run.ts [--examples <dir>] [--collected <dir>] [--report <file>]
 *
 * --examples: dist/examples/<example>/*.yaml (`npm run synth-examples`);
 * --collected: the JSON files test/support/synth.ts writes when SP_COLLECT_MANIFESTS names a folder
 *   (`{ test, manifests }`, one per distinct manifest list the unit tests synthesized).
 * Identical objects are sent once. Every namespace they name is created for real first (dry-run objects are
 * admitted by the NamespaceLifecycle plugin only in an existing namespace). Services the dry run accepts are then
 * created for real and deleted again, one by one: a dry run skips the node port range check. Runs under
 * with-apiserver.sh, which has installed the Gateway API CRDs (scripts/apiserver/crds.ts) first.
 *
 * Endpoints: every kind is sent to the collection its apiVersion's discovery document names (kube.ts
 * `Kube.pathOf`, the one mapping): built-in kinds and custom resources alike, so `gateway.networking.k8s.io/v1`
 * Gateway, HTTPRoute, GRPCRoute and ReferenceGrant go to `/apis/gateway.networking.k8s.io/v1/namespaces/<ns>/`
 * gateways, httproutes, grpcroutes, referencegrants, judged by the CRDs' schemas and CEL rules. The summary and
 * the report count every kind with its endpoint, and the Gateway API objects apart.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { describeObject, Kube, KubeResource, KubeResponse, statusMessage } from './kube';

/** The API group of the Gateway API kinds (served once with-apiserver.sh has installed their CRDs). */
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

function isGatewayApi(obj: any): boolean {
  return typeof obj?.apiVersion === 'string' && obj.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`);
}

/** The collection an object of `resource` is sent to, for the summary (`{ns}` for a namespaced one). */
function endpointOf(resource: KubeResource | undefined): string {
  if (resource === undefined) return '(not served)';
  return `${resource.groupVersionPath}${resource.namespaced ? '/namespaces/{ns}' : ''}/${resource.name}`;
}

interface Sent {
  readonly obj: any;
  /** Where the object came from: example files and unit tests. */
  readonly sources: string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** JSON with sorted keys: equal objects, equal strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function readInputs(): { objects: Array<{ obj: any; source: string }>; summary: string[] } {
  const objects: Array<{ obj: any; source: string }> = [];
  const summary: string[] = [];
  const examples = arg('examples');
  if (examples !== undefined) {
    let count = 0;
    const names = fs.readdirSync(examples, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    for (const name of names) {
      for (const file of fs.readdirSync(path.join(examples, name)).filter((f) => f.endsWith('.yaml')).sort()) {
        for (const obj of Yaml.load(path.join(examples, name, file))) {
          if (obj && typeof obj === 'object') {
            objects.push({ obj, source: `example ${name}/${file}` });
            count++;
          }
        }
      }
    }
    if (count === 0) throw new Error(`no example manifests under ${examples}: run npm run synth-examples`);
    summary.push(`${count} from ${names.length} examples`);
  }
  const collected = arg('collected');
  if (collected !== undefined) {
    let count = 0;
    const files = fs.readdirSync(collected).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const { test, manifests } = JSON.parse(fs.readFileSync(path.join(collected, file), 'utf8'));
      for (const obj of manifests) {
        objects.push({ obj, source: `test "${test ?? file}"` });
        count++;
      }
    }
    if (count === 0) throw new Error(`no manifests collected in ${collected}: did the unit tests run with SP_COLLECT_MANIFESTS?`);
    summary.push(`${count} from ${files.length} distinct manifest lists of the unit tests`);
  }
  return { objects, summary };
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  }));
  return results;
}

async function main(): Promise<number> {
  const { objects, summary } = readInputs();
  const byKey = new Map<string, Sent>();
  for (const { obj, source } of objects) {
    const key = canonical(obj);
    const known = byKey.get(key);
    if (known === undefined) byKey.set(key, { obj, sources: [source] });
    else if (!known.sources.includes(source)) known.sources.push(source);
  }
  const distinct = [...byKey.values()];
  console.log(`[dry-run] read ${objects.length} objects (${summary.join('; ')}); ${distinct.length} distinct`);

  const kube = Kube.fromEnv();
  try {
    // Where each kind goes (discovery), then its namespaces, for real.
    const resources = new Map<string, KubeResource | undefined>();
    const namespaces = new Set<string>();
    for (const { obj } of distinct) {
      const kind = `${obj.apiVersion} ${obj.kind}`;
      if (!resources.has(kind)) resources.set(kind, await kube.resource(obj.apiVersion, obj.kind));
      if (resources.get(kind)?.namespaced) namespaces.add(obj.metadata?.namespace ?? 'default');
    }
    for (const ns of [...namespaces].sort()) await kube.ensureNamespace(ns);
    console.log(`[dry-run] namespaces created: ${[...namespaces].sort().join(', ')}`);

    const results = await pool(distinct, 8, async (sent): Promise<KubeResponse> => {
      if (resources.get(`${sent.obj.apiVersion} ${sent.obj.kind}`) === undefined) {
        const hint = isGatewayApi(sent.obj) ? ' (are the Gateway API CRDs installed? with-apiserver.sh installs crds/gateway-api-v1.6.1)' : '';
        return { status: 0, body: { kind: 'Status', reason: 'NotServed', message: `the server does not serve ${sent.obj.kind} in ${sent.obj.apiVersion}${hint}` }, warnings: [] };
      }
      const response = await kube.create(sent.obj, { dryRun: true });
      // A Namespace object of the manifests (the GitOps starter's) names a namespace created above for the other
      // objects: the server validated it (decoding, strict fields, admission) before its storage found the name
      // taken, so AlreadyExists here means accepted.
      if (sent.obj.kind === 'Namespace' && response.status === 409 && response.body?.reason === 'AlreadyExists'
        && namespaces.has(sent.obj.metadata?.name)) {
        return { ...response, status: 201 };
      }
      return response;
    });

    // A dry run skips part of Service allocation (k8s.io/kubernetes pkg/registry/core/service: the dry-run node
    // port allocator only checks whether a port is taken, not whether it lies in --service-node-port-range; the
    // dry-run IP allocator never checks whether a cluster IP is free). So every Service the dry run accepted is
    // also created for real and deleted at once, one at a time (no two ever hold a node port together).
    let allocationChecked = 0;
    for (let i = 0; i < distinct.length; i++) {
      if (distinct[i].obj.kind !== 'Service' || results[i].status !== 201) continue;
      const created = await kube.create(distinct[i].obj);
      allocationChecked++;
      if (created.status === 201) {
        const deleted = await kube.delete(created.body);
        if (deleted.status !== 200 && deleted.status !== 202) throw new Error(`cannot delete ${describeObject(created.body)}: ${statusMessage(deleted)}`);
      } else {
        results[i] = { ...created, body: { ...created.body, message: `(real create; the dry run accepted it) ${created.body?.message ?? ''}` } };
      }
    }
    console.log(`[dry-run] ${allocationChecked} Services also created for real and deleted (allocation: node port range, cluster IPs)`);

    const kinds = new Map<string, { endpoint: string; sent: number; rejected: number }>();
    const gatewayApi = { sent: 0, rejected: 0 };
    const warnings = new Map<string, number>();
    const rejected: string[] = [];
    distinct.forEach((sent, i) => {
      const response = results[i];
      const kind = `${sent.obj.apiVersion} ${sent.obj.kind}`;
      const counts = kinds.get(kind) ?? { endpoint: endpointOf(resources.get(kind)), sent: 0, rejected: 0 };
      counts.sent++;
      kinds.set(kind, counts);
      if (isGatewayApi(sent.obj)) gatewayApi.sent++;
      for (const w of response.warnings) warnings.set(`${kind}: ${w}`, (warnings.get(`${kind}: ${w}`) ?? 0) + 1);
      if (response.status === 201) return;
      counts.rejected++;
      if (isGatewayApi(sent.obj)) gatewayApi.rejected++;
      const from = sent.sources.length > 3 ? [...sent.sources.slice(0, 3), `and ${sent.sources.length - 3} more`] : sent.sources;
      rejected.push([
        `REJECTED ${describeObject(sent.obj)}`,
        `  from: ${from.join('; ')}`,
        `  server: ${statusMessage(response)}`,
        '  object:',
        Yaml.stringify(sent.obj).trimEnd().replace(/^/gm, '    '),
      ].join('\n'));
    });

    console.log(`[dry-run] sent ${distinct.length} objects with dryRun=All, fieldValidation=Strict:`);
    for (const [kind, c] of [...kinds].sort()) {
      console.log(`  ${kind.padEnd(45)} ${String(c.sent).padStart(5)} sent${c.rejected ? `, ${c.rejected} REJECTED` : ''}  -> ${c.endpoint}`);
    }
    console.log(`[dry-run] Gateway API (${GATEWAY_API_GROUP}) objects: ${gatewayApi.sent} sent${gatewayApi.rejected ? `, ${gatewayApi.rejected} REJECTED` : ''}`);
    if (warnings.size > 0) {
      console.log('[dry-run] server warnings (not failures):');
      for (const [w, n] of [...warnings].sort()) console.log(`  ${n} x ${w}`);
    }
    const report = arg('report');
    if (report !== undefined) {
      fs.mkdirSync(path.dirname(report), { recursive: true });
      fs.writeFileSync(report, JSON.stringify({
        read: objects.length,
        sent: distinct.length,
        kinds: Object.fromEntries([...kinds].sort()),
        gatewayApi,
        rejected: distinct.flatMap((sent, i) => (results[i].status === 201 ? []
          : [{ object: sent.obj, sources: sent.sources, status: results[i].body }])),
        warnings: Object.fromEntries(warnings),
      }, null, 2));
    }
    if (rejected.length > 0) {
      console.log(`\n${rejected.join('\n\n')}\n`);
      console.log(`[dry-run] FAILED: the API server rejected ${rejected.length} of ${distinct.length} objects`);
      return 1;
    }
    console.log(`[dry-run] passed: the API server accepted all ${distinct.length} objects`);
    return 0;
  } finally {
    kube.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
