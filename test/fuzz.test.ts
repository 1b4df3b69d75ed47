/**
 * The fuzz suite, bounded for `npm test` (FUZZ_RUNS cases per construct, default 60; FUZZ_SEED to replay).
 * `npm run fuzz -- --runs 10000` runs many more and prints the counts.
 */
import * as fc from 'fast-check';
import { backendPortViolations, metadataViolations, tlsSecretViolations } from './fuzz/oracle-more';
import { oracleViolations, PROPERTIES, runCase } from './fuzz/properties';
import { FuzzWorkspace } from './fuzz/workspace';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describe('fuzzed props: a clear library error or valid manifests, never a crash', () => {
  // one temp folder for the whole file (App outdirs, PEM files), removed at the end
  let workspace: FuzzWorkspace;
  beforeAll(() => {
    workspace = new FuzzWorkspace();
  });
  afterAll(() => workspace.dispose());

  for (const property of PROPERTIES) {
    test(property.name, () => {
      const outcomes = { emitted: 0, rejected: 0 };
      fc.assert(fc.property(property.arbitrary, (input) => {
        outcomes[runCase(property, input, workspace) as keyof typeof outcomes]++;
      }), { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) });
      // the generators reach both sides of the invariant
      expect(outcomes.emitted + outcomes.rejected).toEqual(RUNS);
      expect(outcomes.emitted).toBeGreaterThan(0);
      expect(outcomes.rejected).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe('the oracle itself', () => {
  test('flags what the API server refuses', () => {
    expect(oracleViolations({ kind: 'Service', metadata: { name: '1bad' }, spec: { ports: [{ port: 80 }] } })).toEqual(['Service/1bad: invalid name "1bad"']);
    expect(oracleViolations({ kind: 'EndpointSlice', metadata: { name: 's' }, addressType: 'IPv4', endpoints: [{ addresses: ['169.254.169.254'] }] }))
      .toEqual(['EndpointSlice/s: special IP 169.254.169.254']);
    expect(oracleViolations({ kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host: '1.2.3.4', http: { paths: [{ path: '/a//b', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 1 } } } }] } }] } }))
      .toEqual(['Ingress/i: host 1.2.3.4', 'Ingress/i: path /a//b']);
  });
});

describe('the oracle of labels, annotations, PEM and backend ports', () => {
  test('flags invalid label keys and values and non-string annotations', () => {
    expect(metadataViolations({ kind: 'Service', metadata: { name: 's', labels: { 'a/b/c': 'x', 'ok': 'a b' }, annotations: { x: 1 } } }))
      .toEqual(['Service/s: labels key "a/b/c"', 'Service/s: labels value "a b"', 'Service/s: annotation x is not a string']);
  });

  test('flags a tls Secret whose key is not a PEM private key', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(tlsSecretViolations({ kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 't' }, data: { 'tls.crt': b64('x'), 'tls.key': b64('y') } }))
      .toEqual(['Secret/t: tls.crt is not a PEM certificate', 'Secret/t: tls.key is not a PEM private key']);
  });

  test('flags a backend port the Service of the same App does not have', () => {
    const service = { kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }] } };
    const ingress = { kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 81 } } } } };
    expect(backendPortViolations([service, ingress])).toEqual(['Ingress/i: backend web port 81 is not a port of the Service']);
  });
});

describe('the key-material scan', () => {
  let workspace: FuzzWorkspace;
  beforeAll(() => {
    workspace = new FuzzWorkspace();
  });
  afterAll(() => workspace.dispose());

  test('fails a case that writes a private key to stderr', () => {
    const leaky = {
      name: 'leaky',
      arbitrary: fc.constant(0),
      build: () => {
        process.stderr.write(workspace.certificates().good.privateKey);
      },
    };
    expect(() => runCase(leaky, 0, workspace)).toThrow(/^leaky: key material in stderr: /);
  });
});
