import {
  checkCidr,
  checkDns1035Label,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkIanaSvcName,
  checkLabelValue,
  checkPortNumber,
  checkProtocol,
  checkQualifiedName,
  collectServicePortFindings,
  FindingCollector,
  formatValue,
  parseCidr,
  parseIp,
  specialIpRange,
  suggestDns1035Label,
} from '../src/validation';

const ok = (check: (v: unknown) => string | undefined, values: unknown[]) =>
  expect(values.filter((v) => check(v) !== undefined)).toEqual([]);
const bad = (check: (v: unknown) => string | undefined, values: unknown[]) =>
  expect(values.filter((v) => check(v) === undefined)).toEqual([]);

describe('names', () => {
  test('DNS-1123 labels', () => {
    ok(checkDns1123Label, ['a', '0', 'a-b', '1abc', 'a'.repeat(63), 'x9']);
    bad(checkDns1123Label, ['', 'A', '-a', 'a-', 'a.b', 'a_b', 'a'.repeat(64), 'ä', 42, undefined]);
  });

  test('DNS-1123 subdomains', () => {
    ok(checkDns1123Subdomain, ['a', 'a.b', 'example.com', '1.2.3', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`]);
    bad(checkDns1123Subdomain, ['', 'a..b', '.a', 'a.', 'A.b', 'a_b.c', '-a.b', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`]);
  });

  test('DNS-1035 labels (Service names) start with a letter', () => {
    ok(checkDns1035Label, ['a', 'web', 'a1', 'a-1', 'a'.repeat(63)]);
    bad(checkDns1035Label, ['', '1a', '-a', 'a-', 'Web', 'a.b', 'a'.repeat(64)]);
    expect(checkDns1035Label('1web')).toEqual(
      "must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
    expect(checkDns1035Label('a'.repeat(64))).toMatch(/^is 64 characters long; must be a DNS-1035 label/);
  });

  test('suggested DNS-1035 labels are valid', () => {
    for (const input of ['1-Database', 'My_Service', '---', '', 'ÄÖÜ', 'a'.repeat(100), 'web-']) {
      expect(checkDns1035Label(suggestDns1035Label(input))).toBeUndefined();
    }
    expect(suggestDns1035Label('My_Service')).toEqual('my-service');
  });

  test('IANA service names (container port names, named target ports)', () => {
    ok(checkIanaSvcName, ['http', 'h2c', 'a', 'web-8080', 'a'.repeat(15), 'x1']);
    bad(checkIanaSvcName, ['', '8080', '-http', 'http-', 'ht--tp', 'HTTP', 'a'.repeat(16), 'my_port']);
  });

  test('qualified names and label values', () => {
    ok(checkQualifiedName, ['app', 'app.kubernetes.io/name', 'example.com/a_b.c', 'A-b']);
    bad(checkQualifiedName, ['', '/a', 'a/', 'a/b/c', 'Example.com/a', '-a', 'a'.repeat(64)]);
    ok(checkLabelValue, ['', 'v1', 'a.b_c-d', 'x'.repeat(63)]);
    bad(checkLabelValue, ['-a', 'a b', 'x'.repeat(64), 'a/b']);
  });
});

describe('ports and protocols', () => {
  test('port numbers', () => {
    ok(checkPortNumber, [1, 80, 65535]);
    bad(checkPortNumber, [0, -1, 65536, 80.5, '80', NaN, undefined]);
  });

  test('protocols', () => {
    ok(checkProtocol, ['TCP', 'UDP', 'SCTP']);
    bad(checkProtocol, ['tcp', 'ICMP', '', undefined]);
  });

  test('a port list allows the same number on two protocols but not twice on one', () => {
    const findings = new FindingCollector();
    collectServicePortFindings(findings, 'ports', [
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'dns-udp', port: 53, protocol: 'UDP' },
    ]);
    expect(findings.messages()).toEqual([]);
    collectServicePortFindings(findings, 'ports', [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'TCP' }]);
    expect(findings.messages()).toEqual([
      'ports[1].port 53: TCP port 53 is already declared by ports[0]. Fix: remove the duplicate port or give it another number (SP_PORT_DUPLICATE)',
    ]);
  });

  test('a single unnamed port is fine', () => {
    const findings = new FindingCollector();
    collectServicePortFindings(findings, 'ports', [{ port: 80 }]);
    expect(findings.findings).toEqual([]);
  });
});

describe('IP addresses', () => {
  test('parses IPv4 strictly', () => {
    expect(parseIp('192.168.1.1')).toEqual({ family: 4, bytes: [192, 168, 1, 1], canonical: '192.168.1.1', ipv4Mapped: false });
    for (const bad4 of ['192.168.1', '192.168.1.256', '01.2.3.4', '1.2.3.4.5', '1.2.3.-4', ' 1.2.3.4', '1.2.3.4/32', '0x1.2.3.4', '']) {
      expect(parseIp(bad4)).toBeUndefined();
    }
  });

  test('parses IPv6 and writes it in canonical (RFC 5952) form', () => {
    const cases: Array<[string, string]> = [
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8::1', '2001:db8::1'],
      ['::', '::'],
      ['::1', '::1'],
      ['fe80::', 'fe80::'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ];
    for (const [input, canonical] of cases) {
      expect(parseIp(input)?.canonical).toEqual(canonical);
      expect(parseIp(input)?.family).toEqual(6);
    }
    expect(parseIp('::ffff:192.0.2.1')?.ipv4Mapped).toBe(true);
    for (const bad6 of ['1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7', 'g::1', '::1.2.3', '1:2:3:4:5:6:7::8:9']) {
      expect(parseIp(bad6)).toBeUndefined();
    }
  });

  test('special ranges the API server refuses for endpoints', () => {
    const special = (ip: string) => specialIpRange(parseIp(ip)!);
    expect(special('0.0.0.0')).toMatch(/unspecified/);
    expect(special('127.255.0.1')).toMatch(/loopback/);
    expect(special('169.254.169.254')).toMatch(/cloud metadata service/);
    expect(special('224.0.0.1')).toMatch(/link-local multicast/);
    expect(special('::')).toMatch(/unspecified/);
    expect(special('::1')).toMatch(/loopback/);
    expect(special('febf::1')).toMatch(/link-local range fe80::\/10/);
    expect(special('ff02::2')).toMatch(/link-local multicast/);
    expect(special('ff12::2')).toMatch(/link-local multicast/); // the flags nibble does not matter
    expect(special('::ffff:127.0.0.1')).toMatch(/loopback/);
    for (const ordinary of ['10.0.0.1', '192.168.1.1', '224.0.1.1', '169.253.1.1', '2001:db8::1', 'fec0::1', 'ff05::2', '128.0.0.1']) {
      expect(special(ordinary)).toBeUndefined();
    }
  });
});

describe('CIDRs', () => {
  test('parses IPv4 and IPv6 CIDRs and tells network addresses apart', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ prefixLength: 8, isNetworkAddress: true, canonical: '10.0.0.0/8' });
    expect(parseCidr('10.1.2.3/8')).toMatchObject({ isNetworkAddress: false, canonical: '10.0.0.0/8' });
    expect(parseCidr('192.168.1.129/25')).toMatchObject({ isNetworkAddress: false, canonical: '192.168.1.128/25' });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ prefixLength: 32, isNetworkAddress: true, canonical: '2001:db8::/32' });
    expect(parseCidr('2001:db8::1/64')).toMatchObject({ isNetworkAddress: false, canonical: '2001:db8::/64' });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ isNetworkAddress: true, canonical: '0.0.0.0/0' });
    ok(checkCidr, ['1.2.3.4/32', '::/0', '::1/128']);
    bad(checkCidr, ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/08', '10.0.0.0/-1', '10.0.0.0/8/8', 'a/8', '']);
  });
});

describe('messages', () => {
  test('values are quoted and long values truncated', () => {
    expect(formatValue('web')).toEqual('"web"');
    expect(formatValue(80)).toEqual('80');
    expect(formatValue(undefined)).toEqual('undefined');
    expect(formatValue('x'.repeat(200))).toEqual(`"${'x'.repeat(79)}... (202 characters)`);
    expect(formatValue('a\nb')).toEqual('"a\\nb"');
  });
});
