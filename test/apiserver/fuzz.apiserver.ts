/**
 * The fuzz properties (test/fuzz/properties.ts) against the real server, with a fixed seed: every App the
 * library accepts is created for real, object by object in the App's order (and deleted again), and the server
 * must accept all of it. Apps the library refuses are created too, to learn per finding code whether the server
 * refuses them as well (agreement) or accepts them (the library is stricter): printed, not asserted.
 *
 * SP_APISERVER_FUZZ_RUNS (default 100) cases per construct, SP_APISERVER_FUZZ_SEED (default 42).
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { connect, label, libraryFindings, objectsOf, statusMessage } from './support';
import { PROPERTIES } from '../fuzz/properties';

const RUNS = Number(process.env.SP_APISERVER_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.SP_APISERVER_FUZZ_SEED ?? 42);

const kube = connect();
afterAll(() => kube.close());

/** Per finding code, over the cases refused for that code alone: did the server refuse something too? */
const byCode = new Map<string, { cases: number; serverRefused: number; serverAccepted: number; acceptedExample?: string }>();
let createdForReal = 0;

afterAll(() => {
  const lines = [...byCode].sort().map(([code, c]) =>
    `  ${code.padEnd(36)} ${String(c.cases).padStart(4)} cases: server refused ${c.serverRefused}, accepted ${c.serverAccepted}`
    + (c.acceptedExample ? `\n      e.g. ${c.acceptedExample}` : ''));
  // eslint-disable-next-line no-console
  console.log(`${createdForReal} objects of generated Apps sent to the server (real creates, deleted again)\n`
    + `library-refused fuzz cases (one finding code each), created for real (seed ${SEED}, ${RUNS} per construct):\n${lines.join('\n')}`);
});

const namespaces = new Set<string>();

async function createAll(manifests: any[]): Promise<Array<{ manifest: any; status: number; message: string }>> {
  for (const m of manifests) {
    const ns = m.metadata?.namespace ?? 'default';
    if (!namespaces.has(ns) && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) && ns.length <= 63) {
      await kube.ensureNamespace(ns);
      namespaces.add(ns);
    }
  }
  const out: Array<{ manifest: any; status: number; message: string }> = [];
  try {
    for (const manifest of manifests) {
      createdForReal++;
      const response = await kube.create(manifest).catch((err: Error) => ({ status: 0, body: err.message, warnings: [] }));
      out.push({ manifest: response.status === 201 ? response.body : manifest, status: response.status, message: statusMessage(response) });
    }
  } finally {
    for (const r of [...out].reverse()) if (r.status === 201) await kube.delete(r.manifest);
  }
  return out;
}

describe.each(PROPERTIES.map((p) => [p.name, p] as const))('%s: what the library accepts, the server accepts', (_name, property) => {
  test(`${RUNS} generated cases, seed ${SEED}`, async () => {
    const inputs = fc.sample(property.arbitrary, { numRuns: RUNS, seed: SEED });
    const refusedByServer: string[] = [];
    let emitted = 0;
    for (const input of inputs) {
      const app = Testing.app();
      const chart = new Chart(app, 'fuzz');
      try {
        property.build(chart, input);
      } catch {
        continue; // a constructor that throws: the fuzz suite of `npm test` judges those
      }
      const findings = libraryFindings(app);
      let objects;
      try {
        objects = objectsOf(app);
      } catch {
        continue; // an object the library refused may not even render
      }
      const results = await createAll(objects.map((o) => o.manifest));
      const refused = results.filter((r) => r.status !== 201);
      if (findings.length === 0) {
        emitted++;
        refused.forEach((r) => refusedByServer.push(`${r.message}\n    object: ${JSON.stringify(r.manifest)}\n    input: ${JSON.stringify(input)}`));
        continue;
      }
      const codes = [...new Set(findings.map((f) => f.code))];
      if (codes.length !== 1) continue;
      const tally = byCode.get(codes[0]) ?? { cases: 0, serverRefused: 0, serverAccepted: 0 };
      tally.cases++;
      if (refused.length > 0) {
        tally.serverRefused++;
      } else {
        tally.serverAccepted++;
        tally.acceptedExample ??= `${findings[0].message} — objects: ${objects.map(label).join(', ')}`;
      }
      byCode.set(codes[0], tally);
    }
    expect(`${refusedByServer.length} refused by the server${refusedByServer.slice(0, 5).map((r) => `\n  ${r}`).join('')}`)
      .toEqual('0 refused by the server');
    expect(emitted).toBeGreaterThan(0);
  }, 600_000);
});
