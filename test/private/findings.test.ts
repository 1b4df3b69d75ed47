import { Finding, FindingCollector, formatValue, renderFinding } from '../../src/private/findings';

describe('formatValue', () => {
  test('quotes a string as JSON', () => {
    expect(formatValue('web')).toEqual('"web"');
  });

  test('writes a number as it is', () => {
    expect(formatValue(80)).toEqual('80');
  });

  test('writes undefined as the word undefined', () => {
    expect(formatValue(undefined)).toEqual('undefined');
  });

  test('writes objects and arrays as JSON', () => {
    expect(formatValue({ a: [1, 'b'] })).toEqual('{"a":[1,"b"]}');
  });

  test('escapes newlines so that a message stays on one line', () => {
    expect(formatValue('a\nb')).toEqual('"a\\nb"');
  });

  test('keeps a value of exactly 80 characters whole', () => {
    // GIVEN 78 characters, 80 once quoted
    const value = 'x'.repeat(78);

    // THEN
    expect(formatValue(value)).toEqual(`"${value}"`);
  });

  test('truncates a value of 81 characters and gives its length', () => {
    // GIVEN 79 characters, 81 once quoted
    const value = 'x'.repeat(79);

    // THEN
    expect(formatValue(value)).toEqual(`"${'x'.repeat(79)}... (81 characters)`);
  });

  test('truncates a long value to its first 80 characters', () => {
    expect(formatValue('x'.repeat(200))).toEqual(`"${'x'.repeat(79)}... (202 characters)`);
  });

  test('falls back to String() for a value JSON cannot write', () => {
    // GIVEN an object that refers to itself
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    // THEN
    expect(formatValue(circular)).toEqual('[object Object]');
    expect(formatValue(BigInt(7))).toEqual('7');
  });

  test('falls back to String() for a value JSON skips', () => {
    expect(formatValue(Symbol('s'))).toEqual('Symbol(s)');
  });
});

describe('renderFinding', () => {
  test('renders field, value, rule, fix and code on one line', () => {
    // GIVEN
    const finding: Finding = { code: 'SP_X', field: 'ports[0].name', value: '"Web"', rule: 'must be lowercase', fix: 'use "web"' };

    // THEN
    expect(renderFinding(finding)).toEqual('ports[0].name "Web": must be lowercase. Fix: use "web" (SP_X)');
  });

  test('leaves the value out when there is none', () => {
    // GIVEN
    const finding: Finding = { code: 'SP_X', field: 'spec.selector', rule: 'is required', fix: 'select the pods' };

    // THEN
    expect(renderFinding(finding)).toEqual('spec.selector: is required. Fix: select the pods (SP_X)');
  });
});

describe('FindingCollector', () => {
  test('starts empty', () => {
    // WHEN
    const findings = new FindingCollector();

    // THEN
    expect(findings.findings).toEqual([]);
    expect(findings.warningFindings).toEqual([]);
    expect(findings.messages()).toEqual([]);
  });

  test('add records an error with its value formatted', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.add('SP_X', 'name', 'Web', 'must be lowercase', 'use "web"');

    // THEN
    expect(findings.findings).toEqual([{ code: 'SP_X', field: 'name', value: '"Web"', rule: 'must be lowercase', fix: 'use "web"' }]);
    expect(findings.warningFindings).toEqual([]);
  });

  test('add records an undefined value as the text undefined', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.add('SP_X', 'port', undefined, 'is required', 'set it');

    // THEN
    expect(findings.findings[0].value).toEqual('undefined');
  });

  test('addWithoutValue records an error without a value', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.addWithoutValue('SP_X', 'spec', 'needs a port', 'add one');

    // THEN
    expect(findings.findings).toEqual([{ code: 'SP_X', field: 'spec', rule: 'needs a port', fix: 'add one' }]);
    expect('value' in findings.findings[0]).toBe(false);
  });

  test('warn records a warning, not an error', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.warn('SP_W', 'cert', 'CN=a', 'expires soon', 'renew it');

    // THEN
    expect(findings.findings).toEqual([]);
    expect(findings.warningFindings).toEqual([{ code: 'SP_W', field: 'cert', value: '"CN=a"', rule: 'expires soon', fix: 'renew it' }]);
    expect(findings.messages()).toEqual([]);
  });

  test('warn keeps an undefined value undefined', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.warn('SP_W', 'cert', undefined, 'expires soon', 'renew it');

    // THEN
    expect(findings.warningFindings[0].value).toBeUndefined();
  });

  test('check records nothing and returns false when there is no violation', () => {
    // GIVEN
    const findings = new FindingCollector();
    const fix = jest.fn(() => 'a fix');

    // WHEN
    const recorded = findings.check(undefined, 'SP_X', 'name', 'web', fix);

    // THEN
    expect(recorded).toBe(false);
    expect(findings.findings).toEqual([]);
    expect(fix).not.toHaveBeenCalled();
  });

  test('check records a violation as the rule and returns true', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    const recorded = findings.check('must be lowercase', 'SP_X', 'name', 'Web', 'use "web"');

    // THEN
    expect(recorded).toBe(true);
    expect(findings.findings).toEqual([{ code: 'SP_X', field: 'name', value: '"Web"', rule: 'must be lowercase', fix: 'use "web"' }]);
  });

  test('check calls a fix function only on a violation and records its result', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.check('must be lowercase', 'SP_X', 'name', 'Web', () => 'use "web"');

    // THEN
    expect(findings.findings[0].fix).toEqual('use "web"');
  });

  test('messages renders every error in order', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    findings.add('SP_A', 'a', 1, 'rule a', 'fix a');
    findings.addWithoutValue('SP_B', 'b', 'rule b', 'fix b');

    // THEN
    expect(findings.messages()).toEqual(['a 1: rule a. Fix: fix a (SP_A)', 'b: rule b. Fix: fix b (SP_B)']);
  });

  test('findings and warningFindings are copies the caller cannot change', () => {
    // GIVEN
    const findings = new FindingCollector();
    findings.add('SP_A', 'a', 1, 'rule a', 'fix a');
    findings.warn('SP_W', 'w', 1, 'rule w', 'fix w');

    // WHEN
    findings.findings.pop();
    findings.warningFindings.pop();

    // THEN
    expect(findings.findings).toHaveLength(1);
    expect(findings.warningFindings).toHaveLength(1);
  });
});
