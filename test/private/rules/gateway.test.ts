import {
  checkBackendWeight, checkDuration, checkGatewayHostname, checkGrpcMethodName, checkGrpcServiceName, checkHttpHeaderName, checkHttpHeaderValue,
  checkHttpPathValue, checkPercent, checkSectionName, checkTimeouts, durationMillis, grpcMatchKey, hostnamesIntersect, httpMatchKey,
  routeKindsOfProtocol,
} from '../../../src/private/rules/gateway';

describe('hostnames', () => {
  test.each([
    ['shop.example.com', undefined],
    ['*.example.com', undefined],
    ['localhost', undefined],
    ['Shop.example.com', 'must be a lowercase DNS name'],
    ['shop.example.com.', 'must be a lowercase DNS name'],
    ['shop.example.com:443', 'must be a lowercase DNS name'],
    ['*', 'must be a lowercase DNS name'],
    ['a.*.example.com', 'must be a lowercase DNS name'],
    ['10.0.0.1', 'is an IP address'],
    ['::1', 'is an IP address'],
    ['', 'must be 1 to 253 characters long'],
    [`${'a'.repeat(64)}.example.com`, 'has a label longer than 63 characters'],
    [`${'a.'.repeat(126)}ab`, 'must be 1 to 253 characters long'],
  ])('%s', (hostname, violation) => {
    const found = checkGatewayHostname(hostname);
    if (violation === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(violation);
  });

  test('not a string', () => expect(checkGatewayHostname(42)).toBe('must be a string'));

  test.each([
    [undefined, 'a.example.com', true],
    ['a.example.com', undefined, true],
    ['a.example.com', 'a.example.com', true],
    ['a.example.com', 'b.example.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['a.example.com', '*.example.com', true],
    ['*.example.com', '*.b.example.com', true],
    ['*.b.example.com', '*.example.com', true],
    ['*.example.com', '*.example.org', false],
    ['*.a.example.com', 'b.example.com', false],
  ])('%s and %s intersect: %s', (a, b, expected) => {
    expect(hostnamesIntersect(a, b)).toBe(expected);
  });
});

describe('names', () => {
  test.each([
    ['https', undefined],
    ['https-1.internal', undefined],
    ['HTTPS', 'DNS-1123 subdomain'],
    ['-https', 'DNS-1123 subdomain'],
    ['', '1 to 253'],
    ['a'.repeat(254), '1 to 253'],
  ])('sectionName %s', (name, violation) => {
    const found = checkSectionName(name);
    if (violation === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(violation);
  });

  test('not a string', () => expect(checkSectionName(undefined)).toBe('must be a string'));
});

describe('path values (the CRD\'s CEL rules)', () => {
  test.each([
    ['/', 'PathPrefix', undefined],
    ['/api/v1', 'Exact', undefined],
    ['api', 'PathPrefix', 'must start with "/"'],
    ['/a//b', 'PathPrefix', 'must not contain "//"'],
    ['/a/./b', 'Exact', 'must not contain "/./"'],
    ['/a/../b', 'Exact', 'must not contain "/../"'],
    ['/a%2fb', 'Exact', 'must not contain "%2f"'],
    ['/a%2Fb', 'Exact', 'must not contain "%2F"'],
    ['/a#b', 'Exact', 'must not contain "#"'],
    ['/a/.', 'Exact', 'must not end with "/." or "/.."'],
    ['/a/..', 'PathPrefix', 'must not end with "/." or "/.."'],
    [`/${'a'.repeat(1024)}`, 'Exact', 'is longer than 1024 characters'],
    ['^/api/(v1|v2)$', 'RegularExpression', undefined],
    ['(', 'RegularExpression', 'is not a valid regular expression'],
    ['', 'RegularExpression', 'must not be empty'],
  ])('%s (%s)', (value, type, violation) => {
    const found = checkHttpPathValue(value, type);
    if (violation === undefined) expect(found).toBeUndefined();
    else expect(found).toBe(violation);
  });

  test('not a string', () => expect(checkHttpPathValue(42, 'Exact')).toBe('must be a string'));
});

describe('headers and query parameters', () => {
  test.each([
    ['X-Request-Id', undefined],
    ["!#$%&'*+-.^_`|~09az", undefined],
    ['X Request', 'must be an HTTP token'],
    ['X:Request', 'must be an HTTP token'],
    ['', '1 to 256'],
    ['a'.repeat(257), '1 to 256'],
  ])('name %s', (name, violation) => {
    const found = checkHttpHeaderName(name);
    if (violation === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(violation);
  });

  test('values: 1 to the limit', () => {
    expect(checkHttpHeaderValue('v')).toBeUndefined();
    expect(checkHttpHeaderValue('v'.repeat(4096))).toBeUndefined();
    expect(checkHttpHeaderValue('v'.repeat(4097))).toBe('must be 1 to 4096 characters long');
    expect(checkHttpHeaderValue('')).toBe('must be 1 to 4096 characters long');
    expect(checkHttpHeaderValue('v'.repeat(1025), 1024)).toBe('must be 1 to 1024 characters long');
    expect(checkHttpHeaderValue(1)).toBe('must be a string');
    expect(checkHttpHeaderName(1)).toBe('must be a string');
  });
});

describe('durations and timeouts', () => {
  test.each([
    ['10s', 10_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s4ms', 3_723_004],
    ['0s', 0],
  ])('%s is %d ms', (value, ms) => {
    expect(checkDuration(value)).toBeUndefined();
    expect(durationMillis(value)).toBe(ms);
  });

  test.each(['1.5s', '10', 's', '1d', '123456s', '1h1m1s1ms1s', '-1s', ' 1s'])('%s is refused', (value) => {
    expect(checkDuration(value)).toContain('must be a Gateway API duration');
  });

  test('not a string', () => expect(checkDuration(10)).toBe('must be a string'));

  test('the backend timeout is at most the request timeout; a zero request timeout means none', () => {
    expect(checkTimeouts('10s', '10s')).toBeUndefined();
    expect(checkTimeouts('10s', '9999ms')).toBeUndefined();
    expect(checkTimeouts('10s', '10001ms')).toBe('is longer than the request timeout 10s');
    expect(checkTimeouts('1m', '1h')).toBe('is longer than the request timeout 1m');
    expect(checkTimeouts('0s', '1h')).toBeUndefined();
    expect(checkTimeouts(undefined, '1h')).toBeUndefined();
    expect(checkTimeouts('1s', undefined)).toBeUndefined();
    expect(checkTimeouts('bad', '1h')).toBeUndefined(); // the duration's own finding
  });
});

describe('weights and percentages', () => {
  test.each([[0, true], [1, true], [1_000_000, true], [1_000_001, false], [-1, false], [1.5, false], ['1', false]])('weight %p: %p', (value, ok) => {
    expect(checkBackendWeight(value) === undefined).toBe(ok);
  });
  test.each([[0, true], [100, true], [101, false], [-1, false], [0.5, false]])('percent %p: %p', (value, ok) => {
    expect(checkPercent(value) === undefined).toBe(ok);
  });
});

describe('match keys', () => {
  const match = (path: string, pathType = 'PathPrefix', extra: object = {}) => ({ path, pathType, headers: [], queryParams: [], ...extra });

  test('PathPrefix ignores trailing slashes; Exact does not', () => {
    expect(httpMatchKey(match('/api'))).toBe(httpMatchKey(match('/api/')));
    expect(httpMatchKey(match('/api'))).toBe(httpMatchKey(match('/api//')));
    expect(httpMatchKey(match('/'))).not.toBe(httpMatchKey(match('/api')));
    expect(httpMatchKey(match('/api', 'Exact'))).not.toBe(httpMatchKey(match('/api/', 'Exact')));
    expect(httpMatchKey(match('/api', 'Exact'))).not.toBe(httpMatchKey(match('/api', 'PathPrefix')));
  });

  test('header names are case-insensitive and unordered; query names are case-sensitive; the method counts', () => {
    const a = { type: 'Exact', name: 'X-A', value: '1' };
    const b = { type: 'Exact', name: 'x-b', value: '2' };
    expect(httpMatchKey(match('/', 'PathPrefix', { headers: [a, b] }))).toBe(httpMatchKey(match('/', 'PathPrefix', { headers: [{ ...b, name: 'X-B' }, { ...a, name: 'x-a' }] })));
    expect(httpMatchKey(match('/', 'PathPrefix', { queryParams: [a] }))).not.toBe(httpMatchKey(match('/', 'PathPrefix', { queryParams: [{ ...a, name: 'x-a' }] })));
    expect(httpMatchKey(match('/', 'PathPrefix', { headers: [a] }))).not.toBe(httpMatchKey(match('/', 'PathPrefix', { headers: [{ ...a, value: '2' }] })));
    expect(httpMatchKey(match('/', 'PathPrefix', { method: 'GET' }))).not.toBe(httpMatchKey(match('/', 'PathPrefix', { method: 'POST' })));
    expect(httpMatchKey(match('/', 'PathPrefix', { method: 'GET' }))).not.toBe(httpMatchKey(match('/')));
  });
});

test('route kinds of each protocol', () => {
  expect(routeKindsOfProtocol('HTTP')).toEqual(['HTTPRoute', 'GRPCRoute']);
  expect(routeKindsOfProtocol('HTTPS')).toEqual(['HTTPRoute', 'GRPCRoute']);
  expect(routeKindsOfProtocol('TLS')).toEqual(['TLSRoute']);
  expect(routeKindsOfProtocol('TCP')).toEqual(['TCPRoute']);
  expect(routeKindsOfProtocol('UDP')).toEqual(['UDPRoute']);
  expect(routeKindsOfProtocol('SCTP')).toEqual([]);
});

describe('gRPC names and match keys', () => {
  test.each([
    ['shop.v1.Cart', undefined], ['.shop.Cart', undefined], ['Cart', undefined], ['shop/v1', 'fully qualified'], ['1shop', 'fully qualified'], ['a'.repeat(1025), '1024'],
  ])('service %s', (value, violation) => {
    const found = checkGrpcServiceName(value);
    if (violation === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(violation);
  });
  test.each([['AddItem', undefined], ['_x1', undefined], ['Add-Item', 'method name'], ['1Add', 'method name']])('method %s', (value, violation) => {
    const found = checkGrpcMethodName(value);
    if (violation === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(violation);
  });
  test('keys: method type, service and method; header names case-insensitive and unordered', () => {
    const m = (service?: string, method?: string, type = 'Exact') => ({ method: { service, method, type }, headers: [] });
    expect(grpcMatchKey(m('a.B', 'C'))).toBe(grpcMatchKey(m('a.B', 'C')));
    expect(grpcMatchKey(m('a.B', 'C'))).not.toBe(grpcMatchKey(m('a.B', 'D')));
    expect(grpcMatchKey(m('a.B', 'C'))).not.toBe(grpcMatchKey(m('a.B', 'C', 'RegularExpression')));
    expect(grpcMatchKey({ headers: [] })).not.toBe(grpcMatchKey(m('a.B')));
    const h = (name: string, value: string) => ({ type: 'Exact', name, value });
    expect(grpcMatchKey({ headers: [h('X-A', '1'), h('x-b', '2')] })).toBe(grpcMatchKey({ headers: [h('X-B', '2'), h('x-a', '1')] }));
  });
});
