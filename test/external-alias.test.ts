import * as kplus from 'cdk8s-plus-27';
import { AliasTarget, ExternalAlias, ExternalAliasProps, HeadlessStatefulService, ManualEndpointService } from '../src';
import { findAll, findOne, newChart, synthErrors, synthValidated } from './support/synth';

describe('ExternalAlias', () => {
  test('emits an ExternalName Service with the trailing dot removed, no clusterIP and no selector', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const alias = new ExternalAlias(chart, 'External', {
      serviceName: 'sample-externalname',
      target: AliasTarget.fromDnsName('external.example.com.'),
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
    // GIVEN
    const chart = newChart({ namespace: 'shop' });

    // WHEN
    new ExternalAlias(chart, 'Api', {
      serviceName: 'payments',
      target: AliasTarget.fromDnsName('payments.example.net'),
      ports: [{ name: 'https', port: 443, appProtocol: 'https' }, { name: 'grpc', port: 8443 }],
    });
    const service = findOne(synthValidated(chart), 'Service');

    // THEN
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
    // GIVEN
    const chart = newChart({ namespace: 'web' });

    // WHEN
    const alias = new ExternalAlias(chart, 'Db', {
      serviceName: 'db',
      target: AliasTarget.fromServiceName('postgres', 'data'),
      ports: [{ port: 5432 }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service').spec.externalName).toEqual('postgres.data.svc.cluster.local');
    expect(alias.externalName).toEqual('postgres.data.svc.cluster.local');
    expect(alias.dnsName).toEqual('db.web.svc.cluster.local');
    expect(manifests).toMatchSnapshot();
  });

  test('aliases a Service built by one of this library\'s constructs', () => {
    // GIVEN
    const app = newChart({ namespace: 'web' });
    const dataChart = newChart({ namespace: 'data' });
    const headless = new HeadlessStatefulService(dataChart, 'Pg', {
      serviceName: 'pg',
      clusterDomain: 'corp.internal',
      container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] },
    });
    const manual = new ManualEndpointService(dataChart, 'Legacy', { serviceName: 'legacy', ports: [{ port: 80 }] });

    // WHEN
    new ExternalAlias(app, 'Db', { serviceName: 'db', target: AliasTarget.fromServicePattern(headless) });
    new ExternalAlias(app, 'Old', { serviceName: 'old', target: AliasTarget.fromServicePattern(manual) });
    const services = findAll(synthValidated(app), 'Service');

    // THEN
    expect(services.map((s) => [s.metadata.name, s.spec.externalName])).toEqual([
      ['db', 'pg.data.svc.corp.internal'],
      ['old', 'legacy.data.svc.cluster.local'],
    ]);
  });

  test('changing the props after construction changes neither the output nor the findings', () => {
    // GIVEN
    const labels: { [key: string]: string } = { tier: 'db', team: 'data' };
    const ports = [{ name: 'pg', port: 5432 }];
    const props: ExternalAliasProps = { serviceName: 'db', target: AliasTarget.fromDnsName('db.example.com'), ports, labels };
    const valid = newChart();
    const alias = new ExternalAlias(valid, 'Db', props);
    const badPorts = [{ port: 0 }];
    const badProps: ExternalAliasProps = { serviceName: 'db', target: AliasTarget.fromDnsName('10.0.0.1'), ports: badPorts };
    const invalid = newChart();
    new ExternalAlias(invalid, 'Db', badProps);

    // WHEN
    (ports[0] as { port: number }).port = 0;
    ports.push({ name: 'pg', port: 5432 });
    labels.extra = 'Not A Label Value!';
    delete labels.team;
    (props as { target: AliasTarget }).target = AliasTarget.fromDnsName('10.0.0.2');
    (alias.servicePorts[0] as { port: number }).port = 1;
    badPorts[0].port = 5432;
    (badProps as { target: AliasTarget }).target = AliasTarget.fromDnsName('db.example.com');

    // THEN
    expect(findOne(synthValidated(valid), 'Service')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', labels: { tier: 'db', team: 'data' } },
      spec: { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
    });
    expect(synthErrors(invalid)).toEqual([
      '[test/Db] ports[0].port 0: must be an integer between 1 and 65535. Fix: use a port between 1 and 65535 (SP_PORT_NUMBER)',
      '[test/Db] target "10.0.0.1": is an IP address; cluster DNS would publish it as a CNAME target, which never resolves. Fix: use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name (SP_EXTERNAL_NAME_IP)',
    ]);
  });

  describe('rejects', () => {
    test('an IP address, with a hint to use ManualEndpointService', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'V4', { serviceName: 'v4', target: AliasTarget.fromDnsName('10.0.0.1') });
      new ExternalAlias(chart, 'V6', { serviceName: 'v6', target: AliasTarget.fromDnsName('2001:db8::1') });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/V4] target "10.0.0.1": is an IP address; cluster DNS would publish it as a CNAME target, which never resolves. Fix: use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name (SP_EXTERNAL_NAME_IP)',
        '[test/V6] target "2001:db8::1": is an IP address; cluster DNS would publish it as a CNAME target, which never resolves. Fix: use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name (SP_EXTERNAL_NAME_IP)',
      ]);
    });

    test('uppercase names, invalid names and more than one trailing dot', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'Upper', { serviceName: 'upper', target: AliasTarget.fromDnsName('External.Example.com') });
      new ExternalAlias(chart, 'Underscore', { serviceName: 'underscore', target: AliasTarget.fromDnsName('my_db.example.com') });
      new ExternalAlias(chart, 'Dots', { serviceName: 'dots', target: AliasTarget.fromDnsName('example.com..') });
      new ExternalAlias(chart, 'Long', {
        serviceName: 'long',
        target: AliasTarget.fromDnsName(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`),
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Upper] target "External.Example.com": must be lowercase (a DNS-1123 subdomain). Fix: use "external.example.com" (SP_EXTERNAL_NAME)',
        '[test/Underscore] target "my_db.example.com": must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and \'-\'. Fix: give a fully qualified DNS name such as "db.example.com" (one trailing dot is allowed) (SP_EXTERNAL_NAME)',
        '[test/Dots] target "example.com.": must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and \'-\'. Fix: give a fully qualified DNS name such as "db.example.com" (one trailing dot is allowed) (SP_EXTERNAL_NAME)',
        expect.stringMatching(/^\[test\/Long\] target "a{63}\.b{15}\.\.\. \(257 characters\): is 255 characters long; must be a DNS-1123 subdomain/),
      ]);
    });

    test('a label over 63 octets, which the API server accepts and no resolver resolves', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'Label', { serviceName: 'label', target: AliasTarget.fromDnsName(`db.${'a'.repeat(64)}.example.com`) });

      // THEN
      expect(synthErrors(chart)).toEqual([
        `[test/Label] target "db.${'a'.repeat(64)}.example.com... (81 characters): label 2 is 64 octets long; a DNS label has at most 63, and a longer one never resolves. Fix: shorten every label of the name to 63 characters or fewer (SP_EXTERNAL_NAME_LABEL)`,
      ]);
    });

    test('two aliases of the App pointing at each other', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'A', { serviceName: 'a', namespace: 'shop', target: AliasTarget.fromServiceName('b', 'data') });
      new ExternalAlias(chart, 'B', { serviceName: 'b', namespace: 'data', target: AliasTarget.fromServiceName('a', 'shop') });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/A] spec.externalName "b.data.svc.cluster.local": the ExternalName Services shop/a → data/b → shop/a alias each other in a cycle, a CNAME loop that never resolves. Fix: point one of them at a Service with endpoints or at an outside DNS name (SP_APP_EXTERNAL_NAME_LOOP)',
        '[test/B] spec.externalName "a.shop.svc.cluster.local": the ExternalName Services shop/a → data/b → shop/a alias each other in a cycle, a CNAME loop that never resolves. Fix: point one of them at a Service with endpoints or at an outside DNS name (SP_APP_EXTERNAL_NAME_LOOP)',
      ]);
    });

    test('no target from untyped callers (also the removed `externalName` prop)', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'None', { serviceName: 'none' } as unknown as ExternalAliasProps);
      new ExternalAlias(chart, 'Old', { serviceName: 'old', externalName: 'db.example.com' } as unknown as ExternalAliasProps);

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/None] target: no alias target was given. Fix: pass `target: AliasTarget.fromDnsName("db.example.com")` or `target: AliasTarget.fromServiceName("db", "data")` (SP_ALIAS_TARGET)',
        '[test/Old] externalName: is not a field of ExternalAliasProps, so it would be ignored. Fix: remove it, or use one of serviceName, namespace, clusterDomain, labels, annotations, target, ports (SP_PROP_UNKNOWN)',
        '[test/Old] target: no alias target was given. Fix: pass `target: AliasTarget.fromDnsName("db.example.com")` or `target: AliasTarget.fromServiceName("db", "data")` (SP_ALIAS_TARGET)',
      ]);
    });

    test('a target that is not an AliasTarget, from untyped callers', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'Str', { serviceName: 'str', target: 'db.example.com' as unknown as AliasTarget });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Str] target "db.example.com": must be an AliasTarget, got a string. Fix: pass AliasTarget.fromDnsName("db.example.com") or AliasTarget.fromServiceName("db", "data") (SP_PROP_TYPE)',
      ]);
    });

    test('a non-string DNS name from untyped callers is a finding, not a crash', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'Num', { serviceName: 'num', target: AliasTarget.fromDnsName(42 as unknown as string) });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Num] target 42: must be a string, got a number. Fix: pass a string (SP_PROP_TYPE)',
      ]);
    });

    test('an alias of itself', () => {
      // GIVEN
      const chart = newChart({ namespace: 'web' });

      // WHEN
      new ExternalAlias(chart, 'Loop', { serviceName: 'loop', target: AliasTarget.fromServiceName('loop', 'web') });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Loop] target service "loop.web.svc.cluster.local": points at this Service itself, a CNAME loop that never resolves. Fix: point the alias at another Service or an outside DNS name (SP_EXTERNAL_NAME_LOOP)',
      ]);
    });

    test('an alias of itself by its DNS name', () => {
      // GIVEN
      const chart = newChart({ namespace: 'web' });

      // WHEN
      new ExternalAlias(chart, 'Loop', { serviceName: 'loop', target: AliasTarget.fromDnsName('loop.web.svc.cluster.local.') });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Loop] target "loop.web.svc.cluster.local": points at this Service itself, a CNAME loop that never resolves. Fix: point the alias at another Service or an outside DNS name (SP_EXTERNAL_NAME_LOOP)',
      ]);
    });

    test('bad target service names and ports', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'Bad', {
        serviceName: 'bad',
        target: AliasTarget.fromServiceName('Db', 'data'),
        ports: [{ port: 5432, protocol: 'ICMP' as kplus.Protocol }],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Bad] ports[0].protocol "ICMP": must be one of TCP, UDP, SCTP. Fix: use Protocol.TCP, Protocol.UDP or Protocol.SCTP (SP_PORT_PROTOCOL)',
        '[test/Bad] target service serviceName "Db": must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit. Fix: name an existing Service (a DNS-1035 label such as "db") (SP_ALIAS_TARGET_SERVICE)',
        '[test/Bad] target service "Db.data.svc.cluster.local": must be lowercase (a DNS-1123 subdomain). Fix: use "db.data.svc.cluster.local" (SP_EXTERNAL_NAME)',
      ]);
    });

    test('a bad target namespace', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ExternalAlias(chart, 'Bad', { serviceName: 'bad', target: AliasTarget.fromServiceName('db', 'Data_1') });

      // THEN
      expect(synthErrors(chart)).toEqual([
        expect.stringMatching(/^\[test\/Bad\] target service namespace "Data_1": must be a DNS-1123 label.*\(SP_ALIAS_TARGET_NAMESPACE\)$/),
        expect.stringMatching(/^\[test\/Bad\] target service "db\.Data_1\.svc\.cluster\.local": .*\(SP_EXTERNAL_NAME\)$/),
      ]);
    });
  });
});
