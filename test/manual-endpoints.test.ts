import { JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { EndpointMember, EndpointObjects, IpFamily, ManualEndpointPort, ManualEndpointService, ManualEndpointServiceProps } from '../src';
import { findAll, findOne, newChart, synthError, synthErrors, synthValidated } from './support/synth';

const KUBE_LINTER_REASON = 'no selector on purpose: the endpoints are listed by hand (cdk8s-service-patterns ManualEndpointService)';

describe('ManualEndpointService', () => {
  test('emits a selector-less Service and an EndpointSlice by default', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const svc = new ManualEndpointService(chart, 'Legacy', {
      serviceName: 'sample-none-selector',
      ports: [{ port: 8080, targetPort: 80 }],
      members: [{ address: '192.168.1.1' }, { address: '192.168.1.2' }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Service/sample-none-selector',
      'EndpointSlice/sample-none-selector-ipv4',
    ]);
    const service = findOne(manifests, 'Service');
    expect(service.spec).toEqual({ type: 'ClusterIP', ipFamilies: ['IPv4'], ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }] });
    expect(service.spec.selector).toBeUndefined();
    const slice = findOne(manifests, 'EndpointSlice');
    expect(slice.metadata.labels).toEqual({
      'kubernetes.io/service-name': 'sample-none-selector',
      'endpointslice.kubernetes.io/managed-by': 'cdk8s-service-patterns',
    });
    expect(slice.addressType).toEqual('IPv4');
    expect(slice.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      { addresses: ['192.168.1.1'], conditions: { ready: true } },
      { addresses: ['192.168.1.2'], conditions: { ready: true } },
    ]);
    expect(svc.dnsName).toEqual('sample-none-selector.default.svc.cluster.local');
    expect(svc.endpoints).toBeUndefined();
    expect(manifests).toMatchSnapshot();
  });

  test('emits an Endpoints object with the Service\'s name and matching port names', () => {
    // GIVEN
    const chart = newChart({ namespace: 'data' });

    // WHEN
    const svc = new ManualEndpointService(chart, 'Db', {
      serviceName: 'external-db',
      endpointObjects: EndpointObjects.ENDPOINTS,
      ports: [{ name: 'postgres', port: 5432 }, { name: 'metrics', port: 9187, appProtocol: 'http' }],
      members: [{ address: '10.1.0.5', hostname: 'db-a' }, { address: '10.1.0.6', hostname: 'db-b' }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Service/external-db', 'Endpoints/external-db']);
    expect(svc.endpoints?.kind).toEqual('Endpoints');
    expect(svc.endpointSlices).toEqual([]);
    const service = findOne(manifests, 'Service');
    const endpoints = findOne(manifests, 'Endpoints');
    expect(endpoints.metadata).toEqual({ name: 'external-db', namespace: 'data' });
    expect(endpoints.subsets).toEqual([{
      addresses: [{ ip: '10.1.0.5', hostname: 'db-a' }, { ip: '10.1.0.6', hostname: 'db-b' }],
      ports: [
        { name: 'postgres', port: 5432, protocol: 'TCP' },
        { name: 'metrics', port: 9187, protocol: 'TCP', appProtocol: 'http' },
      ],
    }]);
    // the names kube-proxy joins Service ports and endpoint ports by
    expect(endpoints.subsets[0].ports.map((p: any) => p.name)).toEqual(service.spec.ports.map((p: any) => p.name));
    expect(manifests).toMatchSnapshot();
  });

  test('both objects: the Endpoints opt out of mirroring, one slice per address family', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const svc = new ManualEndpointService(chart, 'Mixed', {
      serviceName: 'mixed',
      endpointObjects: EndpointObjects.BOTH,
      ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'dns', port: 53, protocol: kplus.Protocol.UDP }],
      members: [{ address: '192.0.2.10' }, { address: '2001:DB8:0:0:0:0:0:1' }, { address: '192.0.2.11' }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Service/mixed', 'Endpoints/mixed', 'EndpointSlice/mixed-ipv4', 'EndpointSlice/mixed-ipv6',
    ]);
    expect(findOne(manifests, 'Endpoints').metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    const v4 = findOne(manifests, 'EndpointSlice', 'mixed-ipv4');
    const v6 = findOne(manifests, 'EndpointSlice', 'mixed-ipv6');
    expect(v4.endpoints.map((e: any) => e.addresses)).toEqual([['192.0.2.10'], ['192.0.2.11']]);
    // IPv6 addresses are written in canonical (RFC 5952) form
    expect(v6).toMatchObject({ addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::1'] }] });
    expect(v4.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]);
    expect(svc.endpointSlices.map((s) => s.name)).toEqual(['mixed-ipv4', 'mixed-ipv6']);
    expect(manifests).toMatchSnapshot();
  });

  test('a Service with a cluster IP gets the IP families of its members', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ManualEndpointService(chart, 'V6', { serviceName: 'v6', ports: [{ port: 80 }], members: [{ address: '2001:db8::1' }] });
    new ManualEndpointService(chart, 'Dual', { serviceName: 'dual', ports: [{ port: 80 }], members: [{ address: '2001:db8::2' }, { address: '192.0.2.2' }] });
    new ManualEndpointService(chart, 'Hs', { serviceName: 'hs', headless: true, members: [{ address: '2001:db8::3' }, { address: '192.0.2.3' }] });
    const manifests = synthValidated(chart);

    // THEN: kube-proxy ignores slices of a family the Service does not have
    expect(findOne(manifests, 'Service', 'v6').spec.ipFamilies).toEqual(['IPv6']);
    expect(findOne(manifests, 'Service', 'v6').spec.ipFamilyPolicy).toBeUndefined();
    expect(findOne(manifests, 'Service', 'dual').spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
    // a headless Service has no cluster IP: DNS answers with every member
    expect(findOne(manifests, 'Service', 'hs').spec).toEqual({ type: 'ClusterIP', clusterIP: 'None' });
  });

  test('the primary IP family of a dual-stack Service does not depend on the members\' order', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ManualEndpointService(chart, 'V6First', { serviceName: 'v6-first', ports: [{ port: 80 }], members: [{ address: '2001:db8::2' }, { address: '192.0.2.2' }] });
    new ManualEndpointService(chart, 'V4First', { serviceName: 'v4-first', ports: [{ port: 80 }], members: [{ address: '192.0.2.2' }, { address: '2001:db8::2' }] });
    const manifests = synthValidated(chart);

    // THEN: IPv4 is primary by default, whichever member comes first
    expect(findOne(manifests, 'Service', 'v6-first').spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(findOne(manifests, 'Service', 'v4-first').spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  test('primaryIpFamily makes IPv6 the primary family of a dual-stack Service', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ManualEndpointService(chart, 'Dual', {
      serviceName: 'dual',
      ports: [{ port: 80 }],
      members: [{ address: '192.0.2.2' }, { address: '2001:db8::2' }],
      primaryIpFamily: IpFamily.IPV6,
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service', 'dual').spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'] });
  });

  test('primaryIpFamily is ignored while the members have one family', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ManualEndpointService(chart, 'V4', { serviceName: 'v4', ports: [{ port: 80 }], members: [{ address: '192.0.2.2' }], primaryIpFamily: IpFamily.IPV6 });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service', 'v4').spec.ipFamilies).toEqual(['IPv4']);
  });

  test('an unknown primaryIpFamily from an untyped caller is refused', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ManualEndpointService(chart, 'Dual', {
      serviceName: 'dual', ports: [{ port: 80 }], members: [{ address: '192.0.2.2' }], primaryIpFamily: 'IPv5' as IpFamily,
    });

    // THEN
    expect(synthErrors(chart)).toEqual([
      '[test/Dual] primaryIpFamily "IPv5": must be one of IPv4, IPv6. Fix: use one of IPv4, IPv6 (SP_ENUM)',
    ]);
  });

  test('members can be added after construction', () => {
    // GIVEN
    const chart = newChart();
    const svc = new ManualEndpointService(chart, 'Vm', { serviceName: 'vm', ports: [{ port: 22 }] });

    // WHEN
    svc.addMember({ address: '198.51.100.7' });
    svc.addMember({ address: '2001:db8::7' });
    const manifests = synthValidated(chart);

    // THEN
    expect(svc.members).toEqual([{ address: '198.51.100.7' }, { address: '2001:db8::7' }]);
    expect(findAll(manifests, 'EndpointSlice').map((s) => [s.addressType, s.endpoints[0].addresses[0]])).toEqual([
      ['IPv4', '198.51.100.7'], ['IPv6', '2001:db8::7'],
    ]);
  });

  test('splits more than 1000 members of a family into several slices', () => {
    // GIVEN
    const chart = newChart();
    const members = Array.from({ length: 2001 }, (_, i) => ({ address: `10.${Math.floor(i / 250)}.${i % 250}.1` }));

    // WHEN
    new ManualEndpointService(chart, 'Big', { serviceName: 'big', ports: [{ port: 80 }], members });
    const slices = findAll(synthValidated(chart), 'EndpointSlice');

    // THEN
    expect(slices.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([
      ['big-ipv4', 1000], ['big-ipv4-2', 1000], ['big-ipv4-3', 1],
    ]);
    expect(slices.flatMap((s) => s.endpoints.map((e: any) => e.addresses[0]))).toEqual(members.map((m) => m.address));
  });

  test('a headless variant, with member DNS names', () => {
    // GIVEN
    const chart = newChart({ namespace: 'vms' });

    // WHEN
    const svc = new ManualEndpointService(chart, 'Peers', {
      serviceName: 'peers',
      headless: true,
      members: [{ address: '192.0.2.1', hostname: 'peer-a' }],
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service').spec).toEqual({ type: 'ClusterIP', clusterIP: 'None' });
    expect(findOne(manifests, 'EndpointSlice').endpoints).toEqual([{ addresses: ['192.0.2.1'], conditions: { ready: true }, hostname: 'peer-a' }]);
    expect(svc.memberDnsName('peer-a')).toEqual('peer-a.peers.vms.svc.cluster.local');
  });

  test('no members: the Service and an empty Endpoints object', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new ManualEndpointService(chart, 'Later', { serviceName: 'later', ports: [{ port: 80 }], endpointObjects: EndpointObjects.ENDPOINTS });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Endpoints')).toEqual({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'later' } });
  });

  test('changing the props after construction changes nothing in the output', () => {
    // GIVEN
    const chart = newChart();
    const ports: ManualEndpointPort[] = [{ name: 'pg', port: 5432, targetPort: 15432 }];
    const members: EndpointMember[] = [{ address: '192.0.2.1', hostname: 'db-a' }];
    const labels: { [key: string]: string } = { tier: 'db' };
    const annotations: { [key: string]: string } = { 'example.com/owner': 'data' };
    const props: ManualEndpointServiceProps = { serviceName: 'db', ports, members, labels, annotations, endpointObjects: EndpointObjects.BOTH };
    const svc = new ManualEndpointService(chart, 'Db', props);

    // WHEN
    (ports[0] as { port: number }).port = 0;
    ports.push({ port: 70000 });
    (members[0] as { address: string }).address = 'db.example.com';
    members.push({ address: '127.0.0.1' });
    labels.extra = 'Not A Label Value!';
    delete annotations['example.com/owner'];
    (props as { headless?: boolean }).headless = true;
    (props as { endpointObjects?: EndpointObjects }).endpointObjects = EndpointObjects.ENDPOINTS;
    (svc.members[0] as { address: string }).address = '192.0.2.99';
    (svc.servicePorts[0] as { port: number }).port = 1;
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'db', labels: { tier: 'db' }, annotations: { 'example.com/owner': 'data', 'ignore-check.kube-linter.io/dangling-service': KUBE_LINTER_REASON } },
        spec: { type: 'ClusterIP', ipFamilies: ['IPv4'], ports: [{ name: 'pg', port: 5432, protocol: 'TCP', targetPort: 15432 }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'db', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: '192.0.2.1', hostname: 'db-a' }], ports: [{ name: 'pg', port: 15432, protocol: 'TCP' }] }],
      },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: 'db-ipv4',
          labels: { 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'cdk8s-service-patterns' },
        },
        addressType: 'IPv4',
        ports: [{ name: 'pg', port: 15432, protocol: 'TCP' }],
        endpoints: [{ addresses: ['192.0.2.1'], conditions: { ready: true }, hostname: 'db-a' }],
      },
    ]);
    expect(svc.members).toEqual([{ address: '192.0.2.1', hostname: 'db-a' }]);
    expect(svc.servicePorts).toEqual([{ name: 'pg', port: 5432, targetPort: 15432 }]);
  });

  test('changing the props after construction changes nothing in the findings', () => {
    // GIVEN
    const chart = newChart();
    const ports: ManualEndpointPort[] = [{ port: 0 }];
    const members: EndpointMember[] = [{ address: 'db.example.com' }, { address: '192.0.2.2', hostname: 'Db_B' }];
    const labels: { [key: string]: string } = { tier: 'Not A Label Value!' };
    new ManualEndpointService(chart, 'Db', { serviceName: 'db', ports, members, labels });

    // WHEN
    (ports[0] as { port: number }).port = 5432;
    (members[0] as { address: string }).address = '192.0.2.1';
    delete (members[1] as { hostname?: string }).hostname;
    members.pop();
    labels.tier = 'db';
    const findings = synthError(chart).findings;

    // THEN
    expect(findings.map((f) => [f.field, f.value, f.code])).toEqual([
      ['labels["tier"]', '"Not A Label Value!"', 'SP_LABEL_VALUE'],
      ['ports[0].port', '0', 'SP_PORT_NUMBER'],
      ['members[0].address', '"db.example.com"', 'SP_MEMBER_ADDRESS'],
      ['members[1].hostname', '"Db_B"', 'SP_MEMBER_HOSTNAME'],
    ]);
  });

  test('addMember() is reflected in the findings', () => {
    // GIVEN
    const chart = newChart();
    const svc = new ManualEndpointService(chart, 'Vm', { serviceName: 'vm', ports: [{ port: 22 }], members: [{ address: '198.51.100.7' }] });

    // WHEN
    svc.addMember({ address: '198.51.100.7' });

    // THEN
    expect(synthErrors(chart)).toEqual([
      '[test/Vm] members[1].address "198.51.100.7": is the same address as members[0]. Fix: list every member once (SP_MEMBER_DUPLICATE)',
    ]);
  });

  test('addMember() copies the member it is given', () => {
    // GIVEN
    const chart = newChart();
    const svc = new ManualEndpointService(chart, 'Vm', { serviceName: 'vm', ports: [{ port: 22 }] });
    const member = { address: '198.51.100.7', hostname: 'vm-1' };

    // WHEN
    svc.addMember(member);
    member.address = 'not an address';
    member.hostname = 'Not_A_Hostname';
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'EndpointSlice').endpoints).toEqual([{ addresses: ['198.51.100.7'], conditions: { ready: true }, hostname: 'vm-1' }]);
  });

  test('the emitted objects take JSON patches', () => {
    // GIVEN
    const chart = newChart();
    const svc = new ManualEndpointService(chart, 'Vm', {
      serviceName: 'vm',
      endpointObjects: EndpointObjects.BOTH,
      ports: [{ port: 22 }],
      members: [{ address: '198.51.100.7' }],
    });

    // WHEN
    svc.endpointSlices[0].addJsonPatch(JsonPatch.add('/endpoints/0/zone', 'eu-west-1a'));
    svc.endpoints?.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/source': 'cmdb' }));
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'EndpointSlice').endpoints).toEqual([{ addresses: ['198.51.100.7'], conditions: { ready: true }, zone: 'eu-west-1a' }]);
    expect(findOne(manifests, 'Endpoints').metadata.annotations).toEqual({ 'example.com/source': 'cmdb' });
  });

  describe('rejects', () => {
    test('what the API server refuses as endpoint addresses, naming the metadata address', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ManualEndpointService(chart, 'Bad', {
        serviceName: 'bad',
        ports: [{ port: 80 }],
        members: [
          { address: 'db.example.com' },
          { address: '0.0.0.0' },
          { address: '127.0.0.1' },
          { address: '169.254.169.254' },
          { address: '169.254.1.1' },
          { address: '224.0.0.251' },
          { address: '::' },
          { address: '::1' },
          { address: 'fe80::1' },
          { address: 'ff02::1' },
          { address: '::ffff:10.0.0.1' },
          { address: '010.0.0.1' },
        ],
      });
      const errors = synthErrors(chart);

      // THEN
      expect(errors).toEqual([
        '[test/Bad] members[0].address "db.example.com": is not an IPv4 or IPv6 address. Fix: give an IP address such as "192.168.1.1" or "2001:db8::1"; for a DNS name use ExternalAlias (SP_MEMBER_ADDRESS)',
        '[test/Bad] members[1].address "0.0.0.0": is the unspecified address 0.0.0.0, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[2].address "127.0.0.1": is in the loopback range 127.0.0.0/8, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[3].address "169.254.169.254": is in the link-local range 169.254.0.0/16 (169.254.169.254 is the cloud metadata service: routing cluster traffic to it would expose node credentials), which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[4].address "169.254.1.1": is in the link-local range 169.254.0.0/16, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[5].address "224.0.0.251": is in the link-local multicast range 224.0.0.0/24, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[6].address "::": is the unspecified address ::, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[7].address "::1": is the loopback address ::1, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[8].address "fe80::1": is in the link-local range fe80::/10, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[9].address "ff02::1": is in the link-local multicast range ff02::/16, which the API server refuses as an endpoint address. Fix: give the member\'s routable address (SP_MEMBER_ADDRESS_SPECIAL)',
        '[test/Bad] members[10].address "::ffff:10.0.0.1": is an IPv4-mapped IPv6 address: an IPv6 EndpointSlice refuses it, and kube-proxy treats it as IPv4. Fix: give the plain IPv4 address "10.0.0.1" (SP_MEMBER_ADDRESS_MAPPED)',
        '[test/Bad] members[11].address "010.0.0.1": has an IPv4 part with a leading zero, which some parsers read as octal. Fix: write it without leading zeros ("10.0.0.1") (SP_MEMBER_ADDRESS)',
      ]);
    });

    test('duplicate addresses, also in another spelling', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ManualEndpointService(chart, 'Dup', {
        serviceName: 'dup',
        ports: [{ port: 80 }],
        members: [{ address: '192.0.2.1' }, { address: '2001:db8::1' }, { address: '192.0.2.1' }, { address: '2001:0db8:0000::0001' }],
      });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Dup] members[2].address "192.0.2.1": is the same address as members[0]. Fix: list every member once (SP_MEMBER_DUPLICATE)',
        '[test/Dup] members[3].address "2001:0db8:0000::0001": is the same address as members[1]. Fix: list every member once (SP_MEMBER_DUPLICATE)',
      ]);
    });

    test('several ports without names, a missing port, bad hostnames and target ports', () => {
      // GIVEN
      const chart = newChart();

      // WHEN
      new ManualEndpointService(chart, 'Ports', {
        serviceName: 'ports',
        ports: [{ port: 80 }, { port: 443, targetPort: 70000 }],
        members: [{ address: '192.0.2.1', hostname: 'Host_1' }],
      });
      new ManualEndpointService(chart, 'NoPorts', { serviceName: 'no-ports' });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Ports] ports[0].name: a Service with 2 ports needs a name on every port (port 80 has none). Fix: name every port, e.g. { name: "http", port: 80 } (SP_PORT_NAME_REQUIRED)',
        '[test/Ports] ports[1].name: a Service with 2 ports needs a name on every port (port 443 has none). Fix: name every port, e.g. { name: "http", port: 80 } (SP_PORT_NAME_REQUIRED)',
        '[test/Ports] ports[1].targetPort 70000: must be an integer between 1 and 65535. Fix: use the members\' port, between 1 and 65535 (SP_PORT_NUMBER)',
        '[test/Ports] members[0].hostname "Host_1": must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit. Fix: use a lowercase hostname such as "db-0" (SP_MEMBER_HOSTNAME)',
        '[test/NoPorts] ports: a Service with a cluster IP needs at least one port. Fix: add a port ({ port: 5432 }), or make the Service headless (`headless: true`) (SP_PORTS_REQUIRED)',
      ]);
    });

    test('more than 1000 members in an Endpoints-only Service (the mirroring controller would drop the rest)', () => {
      // GIVEN
      const chart = newChart();
      const members = Array.from({ length: 1001 }, (_, i) => ({ address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` }));

      // WHEN
      new ManualEndpointService(chart, 'Many', { serviceName: 'many', ports: [{ port: 80 }], members, endpointObjects: EndpointObjects.ENDPOINTS });

      // THEN
      expect(synthErrors(chart)).toEqual([
        '[test/Many] members 1001: the EndpointSlice mirroring controller copies at most 1000 addresses of an Endpoints object into the EndpointSlices kube-proxy reads; the rest would get no traffic. Fix: use endpointObjects: EndpointObjects.ENDPOINT_SLICES (or BOTH) (SP_ENDPOINTS_OVER_CAPACITY)',
      ]);
    });
  });
});

describe('kube-linter', () => {
  test('the selector-less Service carries the dangling-service ignore annotation with its reason, unless opted out or overridden', () => {
    const chart = newChart();
    new ManualEndpointService(chart, 'Db', { serviceName: 'db', ports: [{ port: 5432 }], members: [{ address: '192.0.2.1' }] });
    new ManualEndpointService(chart, 'Off', { serviceName: 'off', ports: [{ port: 5432 }], members: [{ address: '192.0.2.2' }], kubeLinterAnnotation: false });
    new ManualEndpointService(chart, 'Own', {
      serviceName: 'own', ports: [{ port: 5432 }], members: [{ address: '192.0.2.3' }], annotations: { 'ignore-check.kube-linter.io/dangling-service': 'ours' },
    });
    const manifests = synthValidated(chart);
    expect(findOne(manifests, 'Service', 'db').metadata.annotations).toEqual({ 'ignore-check.kube-linter.io/dangling-service': KUBE_LINTER_REASON });
    expect(findOne(manifests, 'Service', 'off').metadata.annotations).toBeUndefined();
    expect(findOne(manifests, 'Service', 'own').metadata.annotations).toEqual({ 'ignore-check.kube-linter.io/dangling-service': 'ours' });
  });
});
