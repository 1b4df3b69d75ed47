import { checkCidr, cidrsCoverFamily, ParsedCidr, parseCidr, parseIp, specialIpRange } from '../../../src/private/rules/net';

/** The special range of an address that parses. */
function special(ip: string): string | undefined {
  const parsed = parseIp(ip);
  if (parsed === undefined) throw new Error(`${ip} does not parse`);
  return specialIpRange(parsed);
}

describe('parseIp: IPv4', () => {
  test('parses a dotted quad into family, bytes and canonical form', () => {
    expect(parseIp('192.168.1.1')).toEqual({ family: 4, bytes: [192, 168, 1, 1], canonical: '192.168.1.1', ipv4Mapped: false });
  });

  test.each(['0.0.0.0', '255.255.255.255', '10.0.0.1'])('parses %s', (ip) => {
    expect(parseIp(ip)?.canonical).toEqual(ip);
  });

  test.each([
    ['three parts', '192.168.1'],
    ['five parts', '1.2.3.4.5'],
    ['a byte over 255', '192.168.1.256'],
    ['a leading zero (ambiguous octal)', '01.2.3.4'],
    ['a leading zero in the last byte', '1.2.3.04'],
    ['a zero written twice', '1.2.3.00'],
    ['four digits', '1.2.3.0255'],
    ['a negative byte', '1.2.3.-4'],
    ['a hexadecimal byte', '0x1.2.3.4'],
    ['a leading space', ' 1.2.3.4'],
    ['a trailing dot', '1.2.3.4.'],
    ['an empty part', '1..3.4'],
    ['a prefix length', '1.2.3.4/32'],
    ['the empty string', ''],
  ])('refuses %s', (_, ip) => {
    expect(parseIp(ip)).toBeUndefined();
  });

  test.each([undefined, 1, null, {}])('refuses %p, which is not a string', (value) => {
    expect(parseIp(value)).toBeUndefined();
  });
});

describe('parseIp: IPv6', () => {
  test.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:0db8:0000::0001', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::', 'fe80::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['::1.2.3.4', '::102:304'],
    ['::ff00:c000:201', '::ff00:c000:201'],
    ['::ff:c000:201', '::ff:c000:201'],
  ])('parses %s and writes it as %s (RFC 5952)', (input, canonical) => {
    // WHEN
    const ip = parseIp(input);

    // THEN
    expect(ip?.family).toEqual(6);
    expect(ip?.canonical).toEqual(canonical);
    expect(ip?.ipv4Mapped).toBe(false);
  });

  test('parses into 16 bytes', () => {
    expect(parseIp('2001:db8::102:304')?.bytes).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
  });

  test.each([
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:ffff:c000:201', '::ffff:192.0.2.1'],
  ])('parses %s as IPv4-mapped and writes it as %s', (input, canonical) => {
    // WHEN
    const ip = parseIp(input);

    // THEN
    expect(ip).toEqual({ family: 6, bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1], canonical, ipv4Mapped: true });
  });

  test.each(['::fffe:192.0.2.1', '::ff:192.0.2.1', '::ffff:0:192.0.2.1', '1::ffff:192.0.2.1'])('does not take %s for IPv4-mapped', (input) => {
    expect(parseIp(input)?.ipv4Mapped).toBe(false);
  });

  test.each([
    ['nine groups', '1:2:3:4:5:6:7:8:9'],
    ['seven groups', '1:2:3:4:5:6:7'],
    ['two "::"', '1::2::3'],
    ['":::"', ':::'],
    ['"::" standing for no group', '1:2:3:4:5:6:7::8'],
    ['"::" and nine groups', '1:2:3:4:5:6:7::8:9'],
    ['"::" standing for no group before an IPv4 tail', '1:2:3:4:5:6::1.2.3.4'],
    ['a group of five digits', '12345::'],
    ['a non-hex digit', 'g::1'],
    ['a zone', 'fe80::1%eth0'],
    ['a leading single colon', ':1::2'],
    ['a trailing single colon', '1::2:'],
    ['brackets', '[::1]'],
    ['an incomplete IPv4 tail', '::1.2.3'],
    ['an IPv4 tail with a leading zero', '::ffff:01.2.3.4'],
    ['an IPv4 tail after seven groups', '1:2:3:4:5:6:7:1.2.3.4'],
    ['an IPv4 tail after a single colon only', ':1.2.3.4'],
    ['a prefix length', '::1/128'],
  ])('refuses %s', (_, ip) => {
    expect(parseIp(ip)).toBeUndefined();
  });
});

describe('specialIpRange', () => {
  test.each([
    ['0.0.0.0', 'is the unspecified address 0.0.0.0'],
    ['127.0.0.0', 'is in the loopback range 127.0.0.0/8'],
    ['127.255.0.1', 'is in the loopback range 127.0.0.0/8'],
    ['169.254.0.0', 'is in the link-local range 169.254.0.0/16'],
    ['169.254.255.255', 'is in the link-local range 169.254.0.0/16'],
    ['169.254.169.253', 'is in the link-local range 169.254.0.0/16'],
    ['169.254.1.254', 'is in the link-local range 169.254.0.0/16'],
    ['169.254.169.254',
      'is in the link-local range 169.254.0.0/16 (169.254.169.254 is the cloud metadata service: routing cluster traffic to it would expose node credentials)'],
    ['224.0.0.0', 'is in the link-local multicast range 224.0.0.0/24'],
    ['224.0.0.1', 'is in the link-local multicast range 224.0.0.0/24'],
    ['224.0.0.255', 'is in the link-local multicast range 224.0.0.0/24'],
  ])('IPv4 %s %s', (ip, range) => {
    expect(special(ip)).toEqual(range);
  });

  test.each([
    '0.0.0.1', '0.1.0.0', '1.0.0.0', '10.0.0.1', '192.168.1.1',
    '126.255.255.255', '128.0.0.1', '27.0.0.1',
    '169.253.1.1', '169.253.255.255', '169.255.0.0', '168.254.0.1', '1.254.169.254',
    '224.0.1.0', '224.0.1.1', '224.1.0.0', '225.0.0.0', '223.0.0.1', '239.255.255.255',
  ])('IPv4 %s is not special', (ip) => {
    expect(special(ip)).toBeUndefined();
  });

  test.each([
    ['::ffff:0.0.0.0', 'is the unspecified address 0.0.0.0'],
    ['::ffff:127.0.0.1', 'is in the loopback range 127.0.0.0/8'],
    ['::ffff:169.254.1.1', 'is in the link-local range 169.254.0.0/16'],
    ['::ffff:224.0.0.1', 'is in the link-local multicast range 224.0.0.0/24'],
  ])('IPv4-mapped %s is judged as its IPv4 address: %s', (ip, range) => {
    expect(special(ip)).toEqual(range);
  });

  test('IPv4-mapped 169.254.169.254 is the cloud metadata service', () => {
    expect(special('::ffff:169.254.169.254')).toMatch(/cloud metadata service/);
  });

  test.each(['::ffff:10.0.0.1', '::127.0.0.1', '::169.254.169.254'])('%s is not special', (ip) => {
    expect(special(ip)).toBeUndefined();
  });

  test.each([
    ['::', 'is the unspecified address ::'],
    ['0:0:0:0:0:0:0:0', 'is the unspecified address ::'],
    ['::1', 'is the loopback address ::1'],
    ['fe80::', 'is in the link-local range fe80::/10'],
    ['fe80::1', 'is in the link-local range fe80::/10'],
    ['febf::1', 'is in the link-local range fe80::/10'],
    ['febf:ffff::1', 'is in the link-local range fe80::/10'],
    ['ff02::1', 'is in the link-local multicast range ff02::/16'],
    ['ff02::2', 'is in the link-local multicast range ff02::/16'],
    ['ff12::2', 'is in the link-local multicast range ff02::/16'], // the flags nibble does not matter
    ['fff2::1', 'is in the link-local multicast range ff02::/16'],
  ])('IPv6 %s %s', (ip, range) => {
    expect(special(ip)).toEqual(range);
  });

  test.each([
    '::2', '1::1', '::1:0', '::100:0:0:1', '2001:db8::1',
    'fe7f:ffff::1', 'fec0::1', 'fe00::1', '7e80::1',
    'ff01::1', 'ff03::1', 'ff05::2', 'fe02::1', '7f02::1',
  ])('IPv6 %s is not special', (ip) => {
    expect(special(ip)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  test('parses an IPv4 network', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({
      ip: { family: 4, bytes: [10, 0, 0, 0], canonical: '10.0.0.0', ipv4Mapped: false },
      prefixLength: 8,
      isNetworkAddress: true,
      canonical: '10.0.0.0/8',
    });
  });

  test.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.168.1.129/25', '192.168.1.128/25'],
    ['192.168.1.1/31', '192.168.1.0/31'],
    ['255.255.255.255/1', '128.0.0.0/1'],
    ['1.2.3.4/0', '0.0.0.0/0'],
    ['2001:db8::1/64', '2001:db8::/64'],
    ['2001:db8:ffff::/31', '2001:db8::/31'],
    ['::1/127', '::/127'],
  ])('finds host bits in %s (network %s)', (text, canonical) => {
    expect(parseCidr(text)).toMatchObject({ isNetworkAddress: false, canonical });
  });

  test.each([
    ['0.0.0.0/0', 0],
    ['192.168.1.128/25', 25],
    ['1.2.3.4/32', 32],
    ['2001:db8::/32', 32],
    ['::/0', 0],
    ['::1/128', 128],
    ['2001:db8::/127', 127],
  ])('takes %s for a network address', (text, prefixLength) => {
    expect(parseCidr(text)).toMatchObject({ prefixLength, isNetworkAddress: true, canonical: text });
  });

  test('writes an IPv6 network in canonical form', () => {
    expect(parseCidr('2001:DB8:0:0::/32')?.canonical).toEqual('2001:db8::/32');
  });

  test('parses an IPv4-mapped CIDR and marks its address as mapped', () => {
    expect(parseCidr('::ffff:10.0.0.0/104')).toMatchObject({ ip: { ipv4Mapped: true }, isNetworkAddress: true, canonical: '::ffff:10.0.0.0/104' });
  });

  test.each([
    ['no prefix length', '10.0.0.0'],
    ['an empty prefix length', '10.0.0.0/'],
    ['an IPv4 prefix over 32', '10.0.0.0/33'],
    ['an IPv6 prefix over 128', '::/129'],
    ['a prefix with a leading zero', '10.0.0.0/08'],
    ['a negative prefix', '10.0.0.0/-1'],
    ['two slashes', '10.0.0.0/8/8'],
    ['a name', 'a/8'],
    ['an invalid address', '10.0.0.256/8'],
    ['a space', '10.0.0.0/ 8'],
    ['the empty string', ''],
  ])('refuses %s', (_, text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test('refuses a value that is not a string', () => {
    expect(parseCidr(8)).toBeUndefined();
  });
});

describe('checkCidr', () => {
  test.each(['10.0.0.0/8', '1.2.3.4/32', '0.0.0.0/0', '::/0', '::1/128', '2001:db8::/32'])('accepts %s', (value) => {
    expect(checkCidr(value)).toBeUndefined();
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/08', '10.0.0.0/-1', '10.0.0.0/8/8', 'a/8', '', undefined])('refuses %p, which is not a CIDR', (value) => {
    expect(checkCidr(value)).toEqual('must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32"');
  });

  test('refuses host bits and names the network', () => {
    expect(checkCidr('10.1.2.3/8')).toEqual('has host bits set; the network is "10.0.0.0/8"');
  });

  test('refuses host bits in an IPv6 CIDR and names the network', () => {
    expect(checkCidr('2001:db8::1/64')).toEqual('has host bits set; the network is "2001:db8::/64"');
  });

  test('refuses an IPv4-mapped IPv6 CIDR', () => {
    expect(checkCidr('::ffff:10.0.0.0/104')).toEqual('must not be an IPv4-mapped IPv6 CIDR; write the IPv4 CIDR');
  });

  test('refuses an IPv4-mapped IPv6 CIDR before looking at its host bits', () => {
    expect(checkCidr('::ffff:10.1.2.3/104')).toEqual('must not be an IPv4-mapped IPv6 CIDR; write the IPv4 CIDR');
  });
});

describe('cidrsCoverFamily', () => {
  /** Parses CIDRs that must parse. */
  function cidrs(...texts: string[]): ParsedCidr[] {
    return texts.map((t) => {
      const parsed = parseCidr(t);
      if (parsed === undefined) throw new Error(`${t} does not parse`);
      return parsed;
    });
  }

  test.each([
    ['0.0.0.0/0 alone', ['0.0.0.0/0']],
    ['two halves', ['0.0.0.0/1', '128.0.0.0/1']],
    ['halves given in reverse order', ['128.0.0.0/1', '0.0.0.0/1']],
    ['overlapping and nested ranges', ['0.0.0.0/2', '10.0.0.0/8', '0.0.0.0/1', '64.0.0.0/2', '128.0.0.0/1']],
    ['quarters with one repeated', ['192.0.0.0/2', '0.0.0.0/2', '64.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2']],
    ['a CIDR with host bits, read as its network', ['1.2.3.4/0']],
  ])('GIVEN %s WHEN judging IPv4 THEN the family is covered', (_, texts) => {
    expect(cidrsCoverFamily(cidrs(...texts), 4)).toBe(true);
  });

  test.each([
    ['no ranges', []],
    ['one half', ['0.0.0.0/1']],
    ['a gap of one address at the end', ['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4', '240.0.0.0/5', '248.0.0.0/6',
      '252.0.0.0/7', '254.0.0.0/8', '255.0.0.0/9', '255.128.0.0/10', '255.192.0.0/11', '255.224.0.0/12', '255.240.0.0/13',
      '255.248.0.0/14', '255.252.0.0/15', '255.254.0.0/16', '255.255.0.0/17', '255.255.128.0/18', '255.255.192.0/19',
      '255.255.224.0/20', '255.255.240.0/21', '255.255.248.0/22', '255.255.252.0/23', '255.255.254.0/24', '255.255.255.0/25',
      '255.255.255.128/26', '255.255.255.192/27', '255.255.255.224/28', '255.255.255.240/29', '255.255.255.248/30',
      '255.255.255.252/31', '255.255.255.254/32']],
    ['a gap in the middle', ['0.0.0.0/2', '128.0.0.0/1']],
    ['only IPv6 ranges', ['::/0']],
    ['an IPv4-mapped IPv6 CIDR', ['::ffff:0.0.0.0/96']],
  ])('GIVEN %s WHEN judging IPv4 THEN the family is not covered', (_, texts) => {
    expect(cidrsCoverFamily(cidrs(...texts), 4)).toBe(false);
  });

  test('GIVEN the two halves of IPv6 WHEN judging IPv6 THEN the family is covered', () => {
    expect(cidrsCoverFamily(cidrs('8000::/1', '::/1'), 6)).toBe(true);
  });

  test('GIVEN ::/0 WHEN judging IPv4 THEN IPv4 is not covered (each family is judged alone)', () => {
    expect(cidrsCoverFamily(cidrs('::/0', '10.0.0.0/8'), 4)).toBe(false);
  });

  test('GIVEN three IPv6 ranges that tile the family WHEN judging IPv6 THEN the family is covered', () => {
    expect(cidrsCoverFamily(cidrs('::/1', '8000::/2', 'c000::/2'), 6)).toBe(true);
  });

  test('GIVEN IPv6 ranges that leave ff00::/8 out WHEN judging IPv6 THEN the family is not covered', () => {
    expect(cidrsCoverFamily(cidrs('::/1', '8000::/2', 'c000::/3', 'e000::/4', 'f000::/5', 'f800::/6', 'fc00::/7', 'fe00::/8'), 6)).toBe(false);
  });

  test('GIVEN 16,384 /14 ranges that tile IPv4, unsorted WHEN judging THEN the family is covered', () => {
    const texts: string[] = [];
    for (let i = 0; i < 16384; i++) texts.push(`${i >> 6}.${(i & 63) << 2}.0.0/14`); // eslint-disable-line no-bitwise
    expect(cidrsCoverFamily(cidrs(...texts.reverse()), 4)).toBe(true);
  });

  test('GIVEN the same tiling with one /14 missing WHEN judging THEN the family is not covered', () => {
    const texts: string[] = [];
    for (let i = 0; i < 16384; i++) if (i !== 9000) texts.push(`${i >> 6}.${(i & 63) << 2}.0.0/14`); // eslint-disable-line no-bitwise
    expect(cidrsCoverFamily(cidrs(...texts.reverse()), 4)).toBe(false);
  });
});

describe('parseIp: ff:ff in the middle of an IPv6 address', () => {
  test('2001:db8::ffff:a00:1 is not IPv4-mapped and keeps its form', () => {
    // WHEN
    const ip = parseIp('2001:db8::ffff:a00:1');

    // THEN
    expect(ip).toMatchObject({ family: 6, canonical: '2001:db8::ffff:a00:1', ipv4Mapped: false });
  });
});

describe('cidrsCoverFamily: ranges of one or two addresses', () => {
  test('0.0.0.0/32, then 1/32, 2/31, 4/30 … 128.0.0.0/1 cover IPv4; without 0.0.0.0/32 they do not', () => {
    // GIVEN 2^(32 - p) / p for p = 32 … 1: each starts where the one before ends
    const rest: string[] = [];
    for (let p = 32; p >= 1; p--) {
      const start = 2 ** (32 - p);
      rest.push(`${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join('.')}/${p}`);
    }
    const parse = (texts: string[]) => texts.map((text) => parseCidr(text)!);

    // THEN
    expect(rest[0]).toEqual('0.0.0.1/32');
    expect(rest[31]).toEqual('128.0.0.0/1');
    expect(cidrsCoverFamily(parse(['0.0.0.0/32', ...rest]), 4)).toBe(true);
    expect(cidrsCoverFamily(parse(rest), 4)).toBe(false);
  });
});
