import { checkDnsLabelLengths, checkIngressHost, checkIngressPath, hostCovers, indexCoveredHosts, indexHostPatterns } from '../../../src/private/rules/http';
import { DNS1123_SUBDOMAIN_RULE } from '../../../src/private/rules/names';
import { subdomainOfLength } from '../../support/names';

describe('checkIngressHost', () => {
  test.each(['example.com', 'a', 'a-b.example.com', '1.2.3.4.5', 'xn--bcher-kva.example', '*.example.com', '*.a', subdomainOfLength(253)])(
    'accepts %s', (host) => {
      expect(checkIngressHost(host)).toBeUndefined();
    });

  test('accepts a wildcard host of 253 characters', () => {
    expect(checkIngressHost(`*.${subdomainOfLength(251)}`)).toBeUndefined();
  });

  test.each([
    ['an IPv4 address', '192.0.2.1'],
    ['an IPv4 address with leading zeros (the API server parses it sloppily)', '010.1.1.1'],
    ['an IPv6 address', '2001:db8::1'],
    ['an IPv6 address in brackets', '[::1]'],
  ])('refuses %s', (_, host) => {
    expect(checkIngressHost(host)).toEqual('must be a DNS name, not an IP address');
  });

  test('refuses 254 characters and says how long the host is', () => {
    expect(checkIngressHost(subdomainOfLength(254))).toEqual(`is 254 characters long; ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test('counts the wildcard in the length', () => {
    expect(checkIngressHost(`*.${subdomainOfLength(252)}`)).toEqual(`is 254 characters long; ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test.each([
    ['a bare wildcard', '*'],
    ['a wildcard inside a label', 'a*.example.com'],
    ['a wildcard in a later label', 'a.*.example.com'],
    ['two wildcards', '*.*.example.com'],
    ['a wildcard without a dot', '*example.com'],
  ])('refuses %s', (_, host) => {
    expect(checkIngressHost(host)).toEqual("may contain a wildcard only as its first label ('*.example.com')");
  });

  test.each(['Example.com', 'a_b.example.com', 'example.com.', '-a.example.com', 'a..b'])('refuses %s with the subdomain rule', (host) => {
    expect(checkIngressHost(host)).toEqual(DNS1123_SUBDOMAIN_RULE);
  });

  test('refuses the empty string', () => {
    expect(checkIngressHost('')).toEqual(`must not be empty; ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test('refuses an invalid name after a wildcard and says where', () => {
    expect(checkIngressHost('*.Example.com')).toEqual(`after '*.', ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test('refuses a wildcard with nothing after it', () => {
    expect(checkIngressHost('*.')).toEqual(`after '*.', must not be empty; ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test('refuses a value that is not a string', () => {
    expect(checkIngressHost(undefined)).toEqual('must be a string, got undefined');
  });
});

describe('hostCovers', () => {
  test('a name covers itself', () => {
    expect(hostCovers('example.com', 'example.com')).toBe(true);
  });

  test('a name does not cover another name', () => {
    expect(hostCovers('example.com', 'www.example.com')).toBe(false);
  });

  test('compares case-insensitively', () => {
    expect(hostCovers('Example.COM', 'example.com')).toBe(true);
  });

  test('a wildcard covers one label under its domain', () => {
    expect(hostCovers('*.example.com', 'a.example.com')).toBe(true);
  });

  test('a wildcard covers one label case-insensitively', () => {
    expect(hostCovers('*.Example.com', 'A.example.COM')).toBe(true);
  });

  test('a wildcard does not cover two labels under its domain', () => {
    expect(hostCovers('*.example.com', 'a.b.example.com')).toBe(false);
  });

  test('a wildcard does not cover its domain itself', () => {
    expect(hostCovers('*.example.com', 'example.com')).toBe(false);
  });

  test('a wildcard does not cover another domain ending the same way', () => {
    expect(hostCovers('*.example.com', 'a.badexample.com')).toBe(false);
  });

  test('a wildcard does not cover an empty first label', () => {
    expect(hostCovers('*.example.com', '.example.com')).toBe(false);
  });

  test('a wildcard covers the same wildcard', () => {
    expect(hostCovers('*.example.com', '*.example.com')).toBe(true);
  });

  test('a wildcard does not cover a narrower wildcard', () => {
    expect(hostCovers('*.example.com', '*.a.example.com')).toBe(false);
  });

  test('a name does not cover a wildcard under it', () => {
    expect(hostCovers('a.example.com', '*.example.com')).toBe(false);
  });
});

describe('checkIngressPath', () => {
  describe.each(['Exact', 'Prefix'])('%s paths', (pathType) => {
    test.each(['/', '/api', '/api/', '/a.b/c', '/.well-known/x', '/a..b', '/a/..b', '/a/.b/', '/%2e', '/a%20b'])('accept %s', (path) => {
      expect(checkIngressPath(path, pathType)).toBeUndefined();
    });

    test.each(['', 'api', '*', './a'])('refuse the relative path %j', (path) => {
      expect(checkIngressPath(path, pathType)).toEqual("must be an absolute path (start with '/')");
    });

    test.each([
      ['//', '//api'],
      ['//', '/api//v1'],
      ['/./', '/a/./b'],
      ['/../', '/a/../b'],
      ['%2f', '/a%2fb'],
      ['%2F', '/a%2Fb'],
    ])('refuse the sequence %s in %s', (sequence, path) => {
      expect(checkIngressPath(path, pathType)).toEqual(`must not contain '${sequence}' in a ${pathType} path`);
    });

    test.each([
      ['/..', '/a/..'],
      ['/..', '/..'],
      ['/.', '/a/.'],
      ['/.', '/.'],
    ])('refuse the suffix %s in %s', (suffix, path) => {
      expect(checkIngressPath(path, pathType)).toEqual(`must not end with '${suffix}' in a ${pathType} path`);
    });
  });

  describe('ImplementationSpecific paths', () => {
    test.each(['', '/', '/api', '//api', '/a/../b', '/a%2fb', '/a/.', '/a/..', '/api/.*'])('accept %j', (path) => {
      expect(checkIngressPath(path, 'ImplementationSpecific')).toBeUndefined();
    });

    test.each(['api', '*', '.*'])('refuse the relative path %j', (path) => {
      expect(checkIngressPath(path, 'ImplementationSpecific')).toEqual("must be empty or start with '/'");
    });
  });

  test('refuses a path that is not a string', () => {
    expect(checkIngressPath(1, 'Prefix')).toEqual('must be a string, got number');
  });
});

/** Hosts and patterns covering every case of hostCovers: exact, case, wildcards one and two labels deep, lookalikes. */
const COVERAGE_NAMES = [
  'example.com', 'Example.COM', 'www.example.com', 'a.b.example.com', '*.example.com', '*.Example.com', '*.b.example.com',
  '.example.com', 'a.badexample.com', 'com', '*.com', 'other.net',
];

describe('indexHostPatterns', () => {
  test('a wildcard pattern covers one label under its domain', () => {
    // GIVEN TLS patterns with a wildcard
    const covered = indexHostPatterns(['shop.example.org', '*.example.com']);
    // WHEN a host one label under the wildcard's domain is looked up
    // THEN it is covered
    expect(covered('A.example.com')).toBe(true);
  });

  test('a wildcard pattern does not cover its domain itself', () => {
    // GIVEN a wildcard pattern
    const covered = indexHostPatterns(['*.example.com']);
    // WHEN its domain is looked up
    // THEN it is not covered
    expect(covered('example.com')).toBe(false);
  });

  test.each(COVERAGE_NAMES)('agrees with hostCovers for host %s', (host) => {
    // GIVEN every pattern indexed
    const covered = indexHostPatterns(COVERAGE_NAMES);
    // WHEN the host is looked up
    // THEN the answer is that of hostCovers over every pattern
    expect(covered(host)).toBe(COVERAGE_NAMES.some((pattern) => hostCovers(pattern, host)));
  });

  test.each(COVERAGE_NAMES)('agrees with hostCovers for host %s and a single pattern', (host) => {
    for (const pattern of COVERAGE_NAMES) {
      // GIVEN one pattern indexed
      // WHEN the host is looked up
      // THEN the answer is hostCovers(pattern, host)
      expect([pattern, host, indexHostPatterns([pattern])(host)]).toEqual([pattern, host, hostCovers(pattern, host)]);
    }
  });
});

describe('indexCoveredHosts', () => {
  test('a wildcard pattern covers a host one label under its domain', () => {
    // GIVEN rule hosts
    const coversSome = indexCoveredHosts(['example.com', 'A.Example.com']);
    // WHEN a wildcard pattern is looked up
    // THEN it covers a host
    expect(coversSome('*.example.com')).toBe(true);
  });

  test('a pattern that covers no host is found unused', () => {
    // GIVEN rule hosts two labels under a domain
    const coversSome = indexCoveredHosts(['a.b.example.com']);
    // WHEN a wildcard one label deep is looked up
    // THEN it covers nothing
    expect(coversSome('*.example.com')).toBe(false);
  });

  test.each(COVERAGE_NAMES)('agrees with hostCovers for pattern %s', (pattern) => {
    // GIVEN every host indexed
    const coversSome = indexCoveredHosts(COVERAGE_NAMES);
    // WHEN the pattern is looked up
    // THEN the answer is that of hostCovers over every host
    expect(coversSome(pattern)).toBe(COVERAGE_NAMES.some((host) => hostCovers(pattern, host)));
  });

  test.each(COVERAGE_NAMES)('agrees with hostCovers for pattern %s and a single host', (pattern) => {
    for (const host of COVERAGE_NAMES) {
      // GIVEN one host indexed
      // WHEN the pattern is looked up
      // THEN the answer is hostCovers(pattern, host)
      expect([pattern, host, indexCoveredHosts([host])(pattern)]).toEqual([pattern, host, hostCovers(pattern, host)]);
    }
  });
});

describe('checkDnsLabelLengths', () => {
  test('accepts labels of 63 octets', () => {
    expect(checkDnsLabelLengths(`${'a'.repeat(63)}.${'b'.repeat(63)}.example.com`)).toBeUndefined();
  });

  test('refuses the first label over 63 octets, by position', () => {
    expect(checkDnsLabelLengths(`db.${'a'.repeat(64)}.${'b'.repeat(70)}.com`))
      .toEqual('label 2 is 64 octets long; a DNS label has at most 63, and a longer one never resolves');
  });

  test('counts octets, not characters', () => {
    expect(checkDnsLabelLengths(`${'é'.repeat(32)}.example.com`))
      .toEqual('label 1 is 64 octets long; a DNS label has at most 63, and a longer one never resolves');
  });
});

describe('checkIngressHost: dotted quads with leading zeros', () => {
  test('refuses 010.010.010.010, which the API server reads as an IP address', () => {
    // THEN
    expect(checkIngressHost('010.010.010.010')).toEqual('must be a DNS name, not an IP address');
  });
});

describe('a host pattern without a wildcard covers only itself', () => {
  test('hostCovers: x.example.com does not cover www.example.com', () => {
    // THEN
    expect(hostCovers('x.example.com', 'www.example.com')).toBe(false);
  });

  test('indexHostPatterns: x.example.com does not cover www.example.com', () => {
    // THEN
    expect(indexHostPatterns(['x.example.com'])('www.example.com')).toBe(false);
  });

  test('indexCoveredHosts: x.example.com covers no www.example.com', () => {
    // THEN
    expect(indexCoveredHosts(['www.example.com'])('x.example.com')).toBe(false);
  });
});
