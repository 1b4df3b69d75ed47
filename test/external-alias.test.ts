import * as kplus from 'cdk8s-plus-27';
import { AliasTarget, ExternalAlias, HeadlessStatefulService, ManualEndpointService } from '../src';
import { findAll, findOne, newChart, synthErrors, synthValidated } from './support/synth';

describe('ExternalAlias', () => {
  test('emits an ExternalName Service with the trailing dot removed, no clusterIP and no selector', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const alias = new ExternalAlias(chart, 'External', {
      serviceName: 'sample-externalname',
      externalName: 'external.example.com.',
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests).toHaveLength(1);
    const service = findOne(manifests, 'Service', 'sample-externalname');
    expect(service.spec).toEqual({ type: 'ExternalName', externalName: 'external.example.com' });
    expect(service.spec.clusterIP).toBeUndefined();
    expect(service.spec.selector).toBeUndefined();
    expect(alias.externalName).toEqual('external.example.com');
    expect(alias.dnsName).toEqual('sample-externalname.default.svc.cluster.local');
    expect(manifests).toMatchSnapshot();
  });

  test('keeps ports in the output (cdk8s-plus-27 drops them)', () => {
    const chart = newChart({ namespace: 'shop' });
    new ExternalAlias(chart, 'Api', {
      serviceName: 'payments',
      externalName: 'payments.example.net',
      ports: [{ name: 'https', port: 443, appProtocol: 'https' }, { name: 'grpc', port: 8443 }],
    });
    const service = findOne(synthValidated(chart), 'Service');
    expect(service.metadata).toEqual({ name: 'payments', namespace: 'shop' });
    expect(service.spec).toEqual({
      type: 'ExternalName',
      externalName: 'payments.example.net',
      ports: [
        { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
        { name: 'grpc', port: 8443, protocol: 'TCP' },
      ],
    });
  });

  test('aliases a Service in another namespace, by name', () => {
    const chart = newChart({ namespace: 'web' });
    const alias = new ExternalAlias(chart, 'Db', {
      serviceName: 'db',
      target: AliasTarget.fromServiceName('postgres', 'data'),
      ports: [{ port: 5432 }],
    });
    const service = findOne(synthValidated(chart), 'Service');
    expect(service.spec.externalName).toEqual('postgres.data.svc.cluster.local');
    expect(alias.dnsName).toEqual('db.web.svc.cluster.local');
    expect(manifestsOf(chart)).toMatchSnapshot();
  });

  test('aliases a Service built by one of this library\'s constructs', () => {
    const app = newChart({ namespace: 'web' });
    const dataChart = newChart({ namespace: 'data' });
    const headless = new HeadlessStatefulService(dataChart, 'Pg', {
      serviceName: 'pg',
      clusterDomain: 'corp.internal',
      container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] },
    });
    const manual = new ManualEndpointService(dataChart, 'Legacy', { serviceName: 'legacy', ports: [{ port: 80 }] });
    new ExternalAlias(app, 'Db', { serviceName: 'db', target: AliasTarget.fromServicePattern(headless) });
    new ExternalAlias(app, 'Old', { serviceName: 'old', target: AliasTarget.fromServicePattern(manual) });
    const services = findAll(synthValidated(app), 'Service');
    expect(services.map((s) => [s.metadata.name, s.spec.externalName])).toEqual([
      ['db', 'pg.data.svc.corp.internal'],
      ['old', 'legacy.data.svc.cluster.local'],
    ]);
  });

  describe('rejects', () => {
    test('an IP address, with a hint to use ManualEndpointService', () => {
      const chart = newChart();
      new ExternalAlias(chart, 'V4', { serviceName: 'v4', externalName: '10.0.0.1' });
      new ExternalAlias(chart, 'V6', { serviceName: 'v6', externalName: '2001:db8::1' });
      expect(synthErrors(chart)).toEqual([
        '[test/V4] externalName "10.0.0.1": is an IP address; cluster DNS would publish it as a CNAME target, which never resolves. Fix: use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name (SP_EXTERNAL_NAME_IP)',
        '[test/V6] externalName "2001:db8::1": is an IP address; cluster DNS would publish it as a CNAME target, which never resolves. Fix: use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name (SP_EXTERNAL_NAME_IP)',
      ]);
    });

    test('uppercase names, invalid names and more than one trailing dot', () => {
      const chart = newChart();
      new ExternalAlias(chart, 'Upper', { serviceName: 'upper', externalName: 'External.Example.com' });
      new ExternalAlias(chart, 'Underscore', { serviceName: 'underscore', externalName: 'my_db.example.com' });
      new ExternalAlias(chart, 'Dots', { serviceName: 'dots', externalName: 'example.com..' });
      new ExternalAlias(chart, 'Long', { serviceName: 'long', externalName: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}` });
      expect(synthErrors(chart)).toEqual([
        '[test/Upper] externalName "External.Example.com": must be lowercase (a DNS-1123 subdomain). Fix: use "external.example.com" (SP_EXTERNAL_NAME)',
        '[test/Underscore] externalName "my_db.example.com": must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and \'-\'. Fix: give a fully qualified DNS name such as "db.example.com" (one trailing dot is allowed) (SP_EXTERNAL_NAME)',
        '[test/Dots] externalName "example.com.": must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and \'-\'. Fix: give a fully qualified DNS name such as "db.example.com" (one trailing dot is allowed) (SP_EXTERNAL_NAME)',
        expect.stringMatching(/^\[test\/Long\] externalName "a{63}\.b{15}\.\.\. \(257 characters\): is 255 characters long; must be a DNS-1123 subdomain/),
      ]);
    });

    test('no target, or two targets', () => {
      const chart = newChart();
      new ExternalAlias(chart, 'None', { serviceName: 'none' });
      new ExternalAlias(chart, 'Both', { serviceName: 'both', externalName: 'a.example.com', target: AliasTarget.fromDnsName('b.example.com') });
      expect(synthErrors(chart)).toEqual([
        '[test/None] externalName: no alias target was given. Fix: pass exactly one of `externalName: "db.example.com"` or `target: AliasTarget.fromServiceName(...)` (SP_ALIAS_TARGET)',
        '[test/Both] externalName: both `externalName` and `target` were given. Fix: pass exactly one of `externalName: "db.example.com"` or `target: AliasTarget.fromServiceName(...)` (SP_ALIAS_TARGET)',
      ]);
    });

    test('an alias of itself', () => {
      const chart = newChart({ namespace: 'web' });
      new ExternalAlias(chart, 'Loop', { serviceName: 'loop', target: AliasTarget.fromServiceName('loop', 'web') });
      expect(synthErrors(chart)).toEqual([
        '[test/Loop] target service "loop.web.svc.cluster.local": points at this Service itself, a CNAME loop that never resolves. Fix: point the alias at another Service or an outside DNS name (SP_EXTERNAL_NAME_LOOP)',
      ]);
    });

    test('bad target service names and ports', () => {
      const chart = newChart();
      new ExternalAlias(chart, 'Bad', {
        serviceName: 'bad',
        target: AliasTarget.fromServiceName('Db', 'data'),
        ports: [{ port: 5432, protocol: 'ICMP' as kplus.Protocol }],
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Bad] ports[0].protocol "ICMP": must be one of TCP, UDP, SCTP. Fix: use Protocol.TCP, Protocol.UDP or Protocol.SCTP (SP_PORT_PROTOCOL)',
        '[test/Bad] target service serviceName "Db": must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit. Fix: name an existing Service (a DNS-1035 label such as "db") (SP_ALIAS_TARGET_SERVICE)',
        '[test/Bad] target service "Db.data.svc.cluster.local": must be lowercase (a DNS-1123 subdomain). Fix: use "db.data.svc.cluster.local" (SP_EXTERNAL_NAME)',
      ]);
    });
  });
});

function manifestsOf(chart: ReturnType<typeof newChart>): any[] {
  return synthValidated(chart);
}

test('a non-string externalName from untyped callers is a finding, not a crash', () => {
  const chart = newChart();
  new ExternalAlias(chart, 'Num', { serviceName: 'num', externalName: 42 as unknown as string });
  expect(synthErrors(chart)).toEqual([
    '[test/Num] externalName 42: must be a string, got number. Fix: give a DNS name such as "db.example.com" (SP_EXTERNAL_NAME)',
  ]);
});
