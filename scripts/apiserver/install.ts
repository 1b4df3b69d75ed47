/**
 * Installs every object of the YAML files in a folder (the Gateway API v1.6.1 CRDs and their
 * ValidatingAdmissionPolicy) into the API server of SP_APISERVER_KUBECONFIG, for real, and waits until every
 * CustomResourceDefinition is Established and its kinds are served.
 *
 *   ts-node --project scripts/tsconfig.json scripts/apiserver/install.ts <folder>
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { describeObject, Kube, statusMessage } from './kube';

async function main(dir: string): Promise<void> {
  const kube = Kube.fromEnv();
  try {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
    if (files.length === 0) throw new Error(`no YAML files in ${dir}`);
    const objects = files.flatMap((f) => Yaml.load(path.join(dir, f))).filter((o) => o && typeof o === 'object');
    for (const obj of objects) {
      const response = await kube.create(obj);
      if (response.status !== 201 && response.status !== 409) {
        throw new Error(`cannot install ${describeObject(obj)}: ${statusMessage(response)}`);
      }
    }
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    const deadline = Date.now() + 120_000;
    for (const crd of crds) {
      for (;;) {
        const got = await kube.get(crd);
        const established = (got.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
        const served = established && (await Promise.all((crd.spec.versions as any[]).filter((v) => v.served)
          .map((v) => kube.resource(`${crd.spec.group}/${v.name}`, crd.spec.names.kind)))).every((r) => r !== undefined);
        if (served) break;
        if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name} not established and served within 120 s`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    console.error(`[apiserver] installed ${objects.length} objects from ${dir} (${crds.length} CRDs established)`);
  } finally {
    kube.close();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
