/**
 * Regenerates src/imports/gateway.networking.k8s.io.ts: typed classes for the Gateway API kinds this library
 * emits, from the v1.6.1 standard-channel CRDs in crds/gateway-api-v1.6.1 (copied from ../shared) (`npx projen
 * import-gateway-api`; offline).
 *
 * `cdk8s import` names its output file by API group, so importing the CRDs one at a time would overwrite one
 * file, and given several files it imports only the first. They are therefore joined into one multi-document
 * YAML and imported together. Each CRD keeps its served `v1` version only: the older served versions
 * (v1beta1) would add a second, deprecated set of classes nobody here uses.
 *
 * The output is committed and never edited by hand; CI regenerates it and fails when it differs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies -- a build script (npx projen import-gateway-api), not shipped
import * as yaml from 'yaml';

const REPO = path.resolve(__dirname, '..');
const CRD_DIR = path.join(REPO, 'crds', 'gateway-api-v1.6.1');
const OUT_DIR = path.join(REPO, 'src', 'imports');
const GENERATED = 'gateway.networking.k8s.io.ts';

/** The kinds this library emits (GRPCRoute for the Gateway API part 2). */
const CRDS = ['gateways', 'httproutes', 'grpcroutes', 'referencegrants'];

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-gateway-import-'));
  try {
    const documents = CRDS.map((plural) => {
      const file = path.join(CRD_DIR, `gateway.networking.k8s.io_${plural}.yaml`);
      const crd = yaml.parse(fs.readFileSync(file, 'utf8'));
      crd.spec.versions = crd.spec.versions.filter((v: any) => v.name === 'v1' && v.served === true);
      if (crd.spec.versions.length !== 1) throw new Error(`${file}: no served v1 version`);
      return yaml.stringify(crd);
    });
    const joined = path.join(work, 'gateway-api-v1.6.1-standard.yaml');
    fs.writeFileSync(joined, documents.join('---\n'));
    const out = path.join(work, 'out');
    execFileSync(path.join(REPO, 'node_modules', '.bin', 'cdk8s'), ['import', joined, '--language', 'typescript', '--output', out], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.copyFileSync(path.join(out, GENERATED), path.join(OUT_DIR, GENERATED));
    console.log(`wrote src/imports/${GENERATED} (${CRDS.join(', ')}; v1)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
