import { FindingCollector } from '../../../src/private/findings';
import {
  checkAppProtocol,
  checkNodePort,
  checkNodePortRange,
  checkPortNumber,
  checkProtocol,
  checkSessionAffinityTimeout,
  collectNodePortFindings,
  collectServicePortFindings,
  DEFAULT_NODE_PORT_RANGE,
  MAX_SESSION_AFFINITY_SECONDS,
  PORT_NUMBER_RULE,
  SUPPORTED_PROTOCOLS,
} from '../../../src/private/rules/ports';

const NODE_PORT_RULE = "must be an integer within the cluster's node port range 30000-32767 (--service-node-port-range)";

describe('checkPortNumber', () => {
  test('the rule text', () => {
    expect(PORT_NUMBER_RULE).toEqual('must be an integer between 1 and 65535');
  });

  test.each([1, 80, 65535])('accepts %p', (value) => {
    expect(checkPortNumber(value)).toBeUndefined();
  });

  test.each([0, -1, 65536, 80.5, '80', NaN, undefined])('refuses %p', (value) => {
    expect(checkPortNumber(value)).toEqual(PORT_NUMBER_RULE);
  });
});

describe('checkProtocol', () => {
  test('supports TCP, UDP and SCTP', () => {
    expect(SUPPORTED_PROTOCOLS).toEqual(['TCP', 'UDP', 'SCTP']);
  });

  test.each(['TCP', 'UDP', 'SCTP'])('accepts %s', (value) => {
    expect(checkProtocol(value)).toBeUndefined();
  });

  test.each(['tcp', 'ICMP', 'HTTP', '', undefined, 6])('refuses %p', (value) => {
    expect(checkProtocol(value)).toEqual('must be one of TCP, UDP, SCTP');
  });
});

describe('checkAppProtocol', () => {
  test.each(['http', 'https', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'example.com/proto'])('accepts %s', (value) => {
    expect(checkAppProtocol(value)).toBeUndefined();
  });

  test.each(['', 'my proto', '-http', 'Example.com/proto', 'a/b/c', 'a'.repeat(64), 80])('refuses %p', (value) => {
    expect(checkAppProtocol(value)).toEqual('must be a qualified name such as "http", "https", "kubernetes.io/h2c" or "example.com/proto"');
  });
});

describe('collectServicePortFindings', () => {
  test('records nothing for a single unnamed port', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ port: 80 }]);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records nothing for named ports with distinct numbers', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [
      { name: 'http', port: 80, appProtocol: 'http' },
      { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
    ]);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('allows the same number on two protocols', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'dns-udp', port: 53, protocol: 'UDP' },
    ]);

    // THEN
    expect(findings.messages()).toEqual([]);
  });

  test('records the same number twice on one protocol (TCP by default) as SP_PORT_DUPLICATE', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'TCP' }]);

    // THEN
    expect(findings.messages()).toEqual([
      'ports[1].port 53: TCP port 53 is already declared by ports[0]. Fix: remove the duplicate port or give it another number (SP_PORT_DUPLICATE)',
    ]);
  });

  test('points a duplicate at the first port with that number', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [
      { name: 'a', port: 53, protocol: 'UDP' },
      { name: 'b', port: 80 },
      { name: 'c', port: 53, protocol: 'UDP' },
      { name: 'd', port: 53, protocol: 'UDP' },
    ]);

    // THEN
    expect(findings.findings.map((f) => [f.field, f.rule])).toEqual([
      ['ports[2].port', 'UDP port 53 is already declared by ports[0]'],
      ['ports[3].port', 'UDP port 53 is already declared by ports[0]'],
    ]);
  });

  test.each([0, 65536, 1.5])('records port %p as SP_PORT_NUMBER', (port) => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'spec.ports', [{ port }]);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_PORT_NUMBER', field: 'spec.ports[0].port', value: String(port), rule: PORT_NUMBER_RULE, fix: 'use a port between 1 and 65535',
    }]);
  });

  test('records an unknown protocol as SP_PORT_PROTOCOL', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ port: 80, protocol: 'tcp' }]);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_PORT_PROTOCOL',
      field: 'ports[0].protocol',
      value: '"tcp"',
      rule: 'must be one of TCP, UDP, SCTP',
      fix: 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP',
    }]);
  });

  test('records an invalid appProtocol as SP_PORT_APP_PROTOCOL', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ port: 80, appProtocol: 'my proto' }]);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_PORT_APP_PROTOCOL',
      field: 'ports[0].appProtocol',
      value: '"my proto"',
      rule: 'must be a qualified name such as "http", "https", "kubernetes.io/h2c" or "example.com/proto"',
      fix: 'use "http", "https", "h2c" or a prefixed name such as "kubernetes.io/h2c"',
    }]);
  });

  test('records an empty appProtocol as SP_PORT_APP_PROTOCOL', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ port: 80, appProtocol: '' }]);

    // THEN
    expect(findings.findings.map((f) => f.code)).toEqual(['SP_PORT_APP_PROTOCOL']);
  });

  test('records an unnamed port among several as SP_PORT_NAME_REQUIRED', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: 'http', port: 80 }, { port: 443 }]);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_PORT_NAME_REQUIRED',
      field: 'ports[1].name',
      rule: 'a Service with 2 ports needs a name on every port (port 443 has none)',
      fix: 'name every port, e.g. { name: "http", port: 80 }',
    }]);
  });

  test('treats an empty name among several ports as missing', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: '', port: 80 }, { name: 'https', port: 443 }]);

    // THEN
    expect(findings.findings.map((f) => [f.code, f.field])).toEqual([['SP_PORT_NAME_REQUIRED', 'ports[0].name']]);
  });

  test('records an invalid name as SP_PORT_NAME with a suggested name', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: 'My_Port', port: 80 }]);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_PORT_NAME',
      field: 'ports[0].name',
      value: '"My_Port"',
      rule: "must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit",
      fix: 'use a name such as "my-port"',
    }]);
  });

  test('accepts a port name longer than an IANA service name (Service ports are DNS-1123 labels)', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: 'a-very-long-port-name', port: 80 }]);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records a name used twice as SP_PORT_NAME_DUPLICATE, pointing at the first use', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: 'http', port: 80 }, { name: 'web', port: 81 }, { name: 'http', port: 8080 }]);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_PORT_NAME_DUPLICATE',
      field: 'ports[2].name',
      value: '"http"',
      rule: 'is already used by ports[0]',
      fix: 'give every port a distinct name',
    }]);
  });

  test('records an invalid name used twice only as invalid', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectServicePortFindings(findings, 'ports', [{ name: 'HTTP', port: 80 }, { name: 'HTTP', port: 81 }]);

    // THEN
    expect(findings.findings.map((f) => f.code)).toEqual(['SP_PORT_NAME', 'SP_PORT_NAME']);
  });
});

describe('checkNodePort', () => {
  test('the default node port range is 30000-32767', () => {
    expect(DEFAULT_NODE_PORT_RANGE).toEqual({ min: 30000, max: 32767 });
  });

  test.each([30000, 31000, 32767])('accepts %p in the default range', (value) => {
    expect(checkNodePort(value, DEFAULT_NODE_PORT_RANGE)).toBeUndefined();
  });

  test.each([29999, 32768, 30000.5, '30000', undefined])('refuses %p with the range in the rule', (value) => {
    expect(checkNodePort(value, DEFAULT_NODE_PORT_RANGE)).toEqual(NODE_PORT_RULE);
  });

  test('reads the bounds from the range given', () => {
    // GIVEN
    const range = { min: 20000, max: 20001 };

    // THEN
    expect(checkNodePort(20000, range)).toBeUndefined();
    expect(checkNodePort(20001, range)).toBeUndefined();
    expect(checkNodePort(20002, range)).toEqual("must be an integer within the cluster's node port range 20000-20001 (--service-node-port-range)");
    expect(checkNodePort(30000, range)).toBeDefined();
  });
});

describe('checkNodePortRange', () => {
  test.each([
    { min: 30000, max: 32767 },
    { min: 1, max: 65535 },
    { min: 8080, max: 8080 },
  ])('accepts %p', (range) => {
    expect(checkNodePortRange(range)).toBeUndefined();
  });

  test.each([
    { min: 32767, max: 30000 },
    { min: 0, max: 100 },
    { min: 1, max: 65536 },
    { min: 1.5, max: 100 },
    { min: 1, max: 100.5 },
  ])('refuses %p', (range) => {
    expect(checkNodePortRange(range)).toEqual('must have integer min <= max, both between 1 and 65535');
  });
});

describe('collectNodePortFindings', () => {
  const range = DEFAULT_NODE_PORT_RANGE;

  test('records nothing for ports without node ports on a ClusterIP Service', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'ClusterIP', [{ port: 80 }, { port: 443 }], range);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test.each(['NodePort', 'LoadBalancer'])('accepts distinct node ports in range on a %s Service', (type) => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', type, [{ port: 80, nodePort: 30000 }, { port: 443, nodePort: 32767 }], range);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test.each(['ClusterIP', 'ExternalName'])('records a node port on a %s Service as SP_NODE_PORT_TYPE', (type) => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'spec.ports', type, [{ port: 80 }, { port: 443, nodePort: 30443 }], range);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_NODE_PORT_TYPE',
      field: 'spec.ports[1].nodePort',
      value: '30443',
      rule: `a ${type} Service has no node ports`,
      fix: 'remove the nodePort, or use a NodePort or LoadBalancer Service',
    }]);
  });

  test.each([29999, 32768])('records node port %p outside the range as SP_NODE_PORT_RANGE', (nodePort) => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [{ port: 80, nodePort }], range);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_NODE_PORT_RANGE',
      field: 'ports[0].nodePort',
      value: String(nodePort),
      rule: NODE_PORT_RULE,
      fix: "pick a port between 30000 and 32767, leave it out to let the cluster allocate one, or set nodePortRange to the cluster's range",
    }]);
  });

  test('checks node ports against the range given', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [{ port: 80, nodePort: 8080 }, { port: 81, nodePort: 30000 }], { min: 8000, max: 9000 });

    // THEN
    expect(findings.findings.map((f) => [f.code, f.field])).toEqual([['SP_NODE_PORT_RANGE', 'ports[1].nodePort']]);
  });

  test('lets one node port serve the same port number over TCP and UDP', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [
      { port: 53, protocol: 'TCP', nodePort: 30053 },
      { port: 53, protocol: 'UDP', nodePort: 30053 },
    ], range);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records a node port used twice for the same port and protocol (TCP by default) as SP_NODE_PORT_DUPLICATE', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [
      { port: 53, nodePort: 30053 },
      { port: 53, protocol: 'TCP', nodePort: 30053 },
    ], range);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_NODE_PORT_DUPLICATE',
      field: 'ports[1].nodePort',
      value: '30053',
      rule: 'is already used by ports[0].nodePort',
      fix: 'give every port its own node port',
    }]);
  });

  test('records a node port shared by two port numbers over the same protocol', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'LoadBalancer', [
      { port: 80, nodePort: 30080 },
      { port: 81, nodePort: 30080 },
    ], range);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_NODE_PORT_DUPLICATE',
      field: 'ports[1].nodePort',
      value: '30080',
      rule: 'is already used by ports[0].nodePort for another port number (a node port may only be shared by one port number over TCP and UDP)',
      fix: 'give every port its own node port',
    }]);
  });

  test('records a node port shared by two port numbers even over two protocols', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [
      { port: 80, protocol: 'TCP', nodePort: 30080 },
      { port: 81, protocol: 'UDP', nodePort: 30080 },
    ], range);

    // THEN
    expect(findings.findings.map((f) => [f.code, f.field])).toEqual([['SP_NODE_PORT_DUPLICATE', 'ports[1].nodePort']]);
    expect(findings.findings[0].rule).toContain('for another port number');
  });

  test('records a third use of a node port shared over TCP and UDP', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [
      { port: 53, protocol: 'TCP', nodePort: 30053 },
      { port: 53, protocol: 'UDP', nodePort: 30053 },
      { port: 53, protocol: 'UDP', nodePort: 30053 },
    ], range);

    // THEN
    expect(findings.findings.map((f) => [f.code, f.field, f.rule])).toEqual([
      ['SP_NODE_PORT_DUPLICATE', 'ports[2].nodePort', 'is already used by ports[0].nodePort'],
    ]);
  });

  test('does not count a node port out of range as used', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectNodePortFindings(findings, 'ports', 'NodePort', [
      { port: 80, nodePort: 80 },
      { port: 81, nodePort: 80 },
    ], range);

    // THEN
    expect(findings.findings.map((f) => f.code)).toEqual(['SP_NODE_PORT_RANGE', 'SP_NODE_PORT_RANGE']);
  });
});

describe('checkSessionAffinityTimeout', () => {
  test('the longest timeout is one day', () => {
    expect(MAX_SESSION_AFFINITY_SECONDS).toEqual(86400);
  });

  test.each([1, 10800, 86400])('accepts %p seconds', (value) => {
    expect(checkSessionAffinityTimeout(value)).toBeUndefined();
  });

  test.each([0, -1, 86401, 1.5, '60', undefined])('refuses %p', (value) => {
    expect(checkSessionAffinityTimeout(value)).toEqual('must be an integer number of seconds between 1 and 86400');
  });
});
