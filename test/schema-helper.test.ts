import { ApiObject } from 'cdk8s';
import { schemaViolations } from './support/k8s-schema';
import { newChart, synthValidated } from './support/synth';

describe('the schema-validating synth helper', () => {
  test('accepts a valid Service', () => {
    expect(schemaViolations({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    })).toEqual([]);
  });

  test('rejects unknown and misspelled fields, with their path', () => {
    expect(schemaViolations({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labelz: {} },
      spec: { clusterIp: 'None', ports: [{ port: 80, targetport: 8080 }] },
    })).toEqual([
      'v1/Service web: .metadata.labelz: unknown field',
      'v1/Service web: .spec.clusterIp: unknown field',
      'v1/Service web: .spec.ports[0].targetport: unknown field',
    ]);
  });

  test('rejects fields in the wrong place of a nested object', () => {
    const violations = schemaViolations({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { serviceName: 'db', containers: [{ name: 'c', image: 'i' }] } },
      },
    });
    expect(violations).toEqual(['apps/v1/StatefulSet db: .spec.template.spec.serviceName: unknown field']);
  });

  test('rejects wrong types, missing required fields and values outside enums', () => {
    const violations = schemaViolations({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { type: 'Bogus', ports: [{ port: '80' }] } });
    expect(violations).toHaveLength(2);
    expect(violations.join('\n')).toMatch(/\/spec\/ports\/0\/port must be integer/);
    expect(violations.join('\n')).toMatch(/\/spec\/type must be equal to one of the allowed values/);
    expect(schemaViolations({ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ name: 'x' }] } }).join('\n')).toMatch(/port/);
  });

  test('rejects kinds the API does not know', () => {
    expect(schemaViolations({ apiVersion: 'v1', kind: 'Servise', metadata: { name: 'x' } })).toEqual([
      'v1/Servise x: kubernetes-models knows no v1/Servise; the API server would not know it either',
    ]);
  });

  test('synthValidated fails the test on a bad object', () => {
    const chart = newChart();
    new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad' }, spec: { clusterIp: 'None' } } as any);
    expect(() => synthValidated(chart)).toThrow(/\.spec\.clusterIp: unknown field/);
  });
});
