/**
 * The fuzz suite, bounded for `npm test` (FUZZ_RUNS cases per construct, default 60; FUZZ_SEED to replay).
 * `npm run fuzz -- --runs 10000` runs many more and prints the counts.
 */
import * as fc from 'fast-check';
import { oracleViolations, PROPERTIES, runCase } from './fuzz/properties';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describe('fuzzed props: a clear library error or valid manifests, never a crash', () => {
  for (const property of PROPERTIES) {
    test(property.name, () => {
      const outcomes = { emitted: 0, rejected: 0 };
      fc.assert(fc.property(property.arbitrary, (input) => {
        outcomes[runCase(property, input) as keyof typeof outcomes]++;
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
