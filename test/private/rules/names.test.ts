import { FindingCollector } from '../../../src/private/findings';
import {
  checkDns1035Label,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkIanaSvcName,
  checkLabelValue,
  checkQualifiedName,
  collectAnnotationFindings,
  collectLabelFindings,
  DNS1035_LABEL_RULE,
  DNS1123_LABEL_RULE,
  DNS1123_SUBDOMAIN_RULE,
  IANA_SVC_NAME_RULE,
  suggestDns1035Label,
  suggestDns1123Label,
} from '../../../src/private/rules/names';
import { subdomainOfLength } from '../../support/names';

const QUALIFIED_NAME_RULE =
  "must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
const LABEL_VALUE_RULE =
  "must be a label value: empty or at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";


describe('rule texts', () => {
  test('DNS-1123 label', () => {
    expect(DNS1123_LABEL_RULE).toEqual(
      "must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit");
  });

  test('DNS-1123 subdomain', () => {
    expect(DNS1123_SUBDOMAIN_RULE).toEqual(
      "must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and '-'");
  });

  test('DNS-1035 label', () => {
    expect(DNS1035_LABEL_RULE).toEqual(
      "must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
  });

  test('IANA service name', () => {
    expect(IANA_SVC_NAME_RULE).toEqual(
      "must be an IANA service name: 1-15 characters, lowercase letters, digits and '-', at least one letter, no leading, trailing or double '-'");
  });
});

describe('checkDns1123Label', () => {
  test.each(['a', '0', 'a-b', '1abc', 'x9', 'a--b', 'a'.repeat(63)])('accepts %j', (value) => {
    expect(checkDns1123Label(value)).toBeUndefined();
  });

  test.each(['A', '-a', 'a-', 'a.b', 'a_b', 'ä', 'a b'])('refuses %j with the rule', (value) => {
    expect(checkDns1123Label(value)).toEqual(DNS1123_LABEL_RULE);
  });

  test('refuses 64 characters and says how long the value is', () => {
    expect(checkDns1123Label('a'.repeat(64))).toEqual(`is 64 characters long; ${DNS1123_LABEL_RULE}`);
  });

  test('refuses the empty string', () => {
    expect(checkDns1123Label('')).toEqual(`must not be empty; ${DNS1123_LABEL_RULE}`);
  });

  test.each([
    [42, 'number'],
    [undefined, 'undefined'],
    [null, 'object'],
  ])('refuses %p, which is not a string', (value, type) => {
    expect(checkDns1123Label(value)).toEqual(`must be a string, got ${type}`);
  });
});

describe('checkDns1123Subdomain', () => {
  test.each(['a', 'a.b', 'example.com', '1.2.3', 'a-b.c-d', subdomainOfLength(253)])('accepts %j', (value) => {
    expect(checkDns1123Subdomain(value)).toBeUndefined();
  });

  test('accepts a label of more than 63 characters, as the API server does', () => {
    expect(checkDns1123Subdomain(`${'a'.repeat(64)}.com`)).toBeUndefined();
  });

  test.each(['a..b', '.a', 'a.', 'A.b', 'a_b.c', '-a.b', 'a-.b', 'a.-b', '*.a'])('refuses %j with the rule', (value) => {
    expect(checkDns1123Subdomain(value)).toEqual(DNS1123_SUBDOMAIN_RULE);
  });

  test('refuses 254 characters and says how long the value is', () => {
    expect(checkDns1123Subdomain(subdomainOfLength(254))).toEqual(`is 254 characters long; ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test('refuses the empty string', () => {
    expect(checkDns1123Subdomain('')).toEqual(`must not be empty; ${DNS1123_SUBDOMAIN_RULE}`);
  });

  test('refuses a value that is not a string', () => {
    expect(checkDns1123Subdomain(1)).toEqual('must be a string, got number');
  });
});

describe('checkDns1035Label (Service names)', () => {
  test.each(['a', 'web', 'a1', 'a-1', 'a--b', 'a'.repeat(63)])('accepts %j', (value) => {
    expect(checkDns1035Label(value)).toBeUndefined();
  });

  test.each(['1a', '1web', '-a', 'a-', 'Web', 'a.b', 'a_b'])('refuses %j with the rule', (value) => {
    expect(checkDns1035Label(value)).toEqual(DNS1035_LABEL_RULE);
  });

  test('refuses 64 characters and says how long the value is', () => {
    expect(checkDns1035Label('a'.repeat(64))).toEqual(`is 64 characters long; ${DNS1035_LABEL_RULE}`);
  });

  test('refuses the empty string', () => {
    expect(checkDns1035Label('')).toEqual(`must not be empty; ${DNS1035_LABEL_RULE}`);
  });

  test('refuses a value that is not a string', () => {
    expect(checkDns1035Label(true)).toEqual('must be a string, got boolean');
  });
});

describe('suggestDns1035Label', () => {
  test.each([
    ['My_Service', 'my-service'],
    ['1-Database', 'x-1-database'],
    ['web-', 'web'],
    ['--web', 'web'],
    ['a..b', 'a-b'],
    ['ÄÖÜ', 'x'],
    ['---', 'x'],
    ['', 'x'],
    ['a'.repeat(100), 'a'.repeat(63)],
  ])('suggests %j for %j', (input, suggestion) => {
    expect(suggestDns1035Label(input)).toEqual(suggestion);
  });

  test('trims a trailing dash left by cutting to 63 characters', () => {
    // GIVEN a '-' as the 63rd character once 'x-' is prefixed
    const input = `1${'a'.repeat(59)}-bbb`;

    // WHEN
    const suggestion = suggestDns1035Label(input);

    // THEN
    expect(suggestion).toEqual(`x-1${'a'.repeat(59)}`);
  });

  test.each(['1-Database', 'My_Service', '---', '', 'ÄÖÜ', 'a'.repeat(100), `1${'a'.repeat(59)}-bbb`, '9', '_a_'])(
    'suggests a valid DNS-1035 label for %j', (input) => {
      expect(checkDns1035Label(suggestDns1035Label(input))).toBeUndefined();
    });
});

describe('suggestDns1123Label', () => {
  test.each([
    ['My_Service', 'my-service'],
    ['1-Database', '1-database'],
    ['web-', 'web'],
    ['--web', 'web'],
    ['ÄÖÜ', 'x'],
    ['', 'x'],
    ['a'.repeat(100), 'a'.repeat(63)],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
  ])('suggests %j for %j', (input, suggestion) => {
    expect(suggestDns1123Label(input)).toEqual(suggestion);
  });

  test.each(['1-Database', 'My_Service', '---', '', 'ÄÖÜ', 'a'.repeat(100), `${'a'.repeat(62)}-b`, '9'])(
    'suggests a valid DNS-1123 label for %j', (input) => {
      expect(checkDns1123Label(suggestDns1123Label(input))).toBeUndefined();
    });
});

describe('checkIanaSvcName (port names)', () => {
  test.each(['http', 'h2c', 'a', 'web-8080', '8080a', 'a'.repeat(15), 'x1'])('accepts %j', (value) => {
    expect(checkIanaSvcName(value)).toBeUndefined();
  });

  test.each(['8080', '-http', 'http-', 'ht--tp', 'HTTP', 'my_port', 'a.b', '-'])('refuses %j with the rule', (value) => {
    expect(checkIanaSvcName(value)).toEqual(IANA_SVC_NAME_RULE);
  });

  test('refuses 16 characters and says how long the value is', () => {
    expect(checkIanaSvcName('a'.repeat(16))).toEqual(`is 16 characters long; ${IANA_SVC_NAME_RULE}`);
  });

  test('refuses the empty string as 0 characters long', () => {
    expect(checkIanaSvcName('')).toEqual(`is 0 characters long; ${IANA_SVC_NAME_RULE}`);
  });

  test('refuses a value that is not a string', () => {
    expect(checkIanaSvcName(80)).toEqual('must be a string, got number');
  });
});

describe('checkQualifiedName (label and annotation keys)', () => {
  test.each([
    'app',
    'A-b',
    'a_b.c',
    'app.kubernetes.io/name',
    'example.com/a_b.c',
    'example.com/Name',
    'a'.repeat(63),
    `example.com/${'a'.repeat(63)}`,
    `${subdomainOfLength(253)}/a`,
  ])('accepts %j', (value) => {
    expect(checkQualifiedName(value)).toBeUndefined();
  });

  test.each([
    ['the empty string', ''],
    ['an empty prefix', '/a'],
    ['an empty name', 'a/'],
    ['two slashes', 'a/b/c'],
    ['an uppercase prefix', 'Example.com/a'],
    ['a prefix with "_"', 'ex_ample.com/a'],
    ['a prefix longer than 253 characters', `${subdomainOfLength(254)}/a`],
    ['a name starting with "-"', '-a'],
    ['a name ending with "."', 'a.'],
    ['a name starting with "_" after a prefix', 'example.com/_a'],
    ['a name of 64 characters', 'a'.repeat(64)],
    ['a name of 64 characters after a prefix', `example.com/${'a'.repeat(64)}`],
    ['a space', 'a b'],
  ])('refuses %s', (_, value) => {
    expect(checkQualifiedName(value)).toEqual(QUALIFIED_NAME_RULE);
  });

  test('refuses a value that is not a string', () => {
    expect(checkQualifiedName(undefined)).toEqual('must be a string, got undefined');
  });
});

describe('checkLabelValue', () => {
  test.each(['', 'v1', 'V1', 'a.b_c-d', '1', 'x'.repeat(63)])('accepts %j', (value) => {
    expect(checkLabelValue(value)).toBeUndefined();
  });

  test.each(['-a', 'a-', '.a', '_a', 'a b', 'a/b', 'x'.repeat(64)])('refuses %j with the rule', (value) => {
    expect(checkLabelValue(value)).toEqual(LABEL_VALUE_RULE);
  });

  test('refuses a value that is not a string', () => {
    expect(checkLabelValue(1)).toEqual('must be a string, got number');
  });
});

describe('collectLabelFindings', () => {
  test('records nothing for valid labels', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectLabelFindings(findings, 'metadata.labels', { 'app.kubernetes.io/name': 'web', 'tier': '' });

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records nothing for missing labels', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectLabelFindings(findings, 'metadata.labels', undefined);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records an invalid key as SP_LABEL_KEY on the key', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectLabelFindings(findings, 'metadata.labels', { 'Example.com/app': 'web' });

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_LABEL_KEY',
      field: 'metadata.labels key',
      value: '"Example.com/app"',
      rule: QUALIFIED_NAME_RULE,
      fix: 'use a key such as "app.kubernetes.io/name" or "tier"',
    }]);
  });

  test('records an invalid value as SP_LABEL_VALUE on the entry', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectLabelFindings(findings, 'spec.selector', { app: 'my web' });

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_LABEL_VALUE',
      field: 'spec.selector["app"]',
      value: '"my web"',
      rule: LABEL_VALUE_RULE,
      fix: 'shorten the value to 63 characters and use only letters, digits, "-", "_" and "."',
    }]);
  });

  test('records both the key and the value of one entry', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectLabelFindings(findings, 'metadata.labels', { '-app': '-web' });

    // THEN
    expect(findings.findings.map((f) => [f.code, f.field])).toEqual([
      ['SP_LABEL_KEY', 'metadata.labels key'],
      ['SP_LABEL_VALUE', 'metadata.labels["-app"]'],
    ]);
  });
});

describe('collectAnnotationFindings', () => {
  test('records nothing for valid annotations', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { 'example.com/owner': 'team a', 'note': '' });

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records nothing for missing annotations', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', undefined);

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('accepts an uppercase key prefix, which the API server lowercases to check', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { 'Example.com/Owner': 'a' });

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records an invalid key as SP_ANNOTATION_KEY with the key as written', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { 'A/b/c': 'x' });

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_ANNOTATION_KEY',
      field: 'metadata.annotations key',
      value: '"A/b/c"',
      rule: QUALIFIED_NAME_RULE,
      fix: 'use a key such as "example.com/owner"',
    }]);
  });

  test('records a value that is not a string as SP_ANNOTATION_VALUE', () => {
    // GIVEN
    const findings = new FindingCollector();
    const annotations = { replicas: 3 } as unknown as Record<string, string>;

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', annotations);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_ANNOTATION_VALUE',
      field: 'metadata.annotations["replicas"]',
      value: '3',
      rule: 'must be a string',
      fix: 'quote the value',
    }]);
  });

  test('accepts keys and values of exactly 256 KiB in total', () => {
    // GIVEN two annotations of 128 KiB each (key and value)
    const findings = new FindingCollector();
    const half = 128 * 1024;

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { a: 'x'.repeat(half - 1), b: 'y'.repeat(half - 1) });

    // THEN
    expect(findings.findings).toEqual([]);
  });

  test('records one byte over 256 KiB as SP_ANNOTATION_SIZE on the map', () => {
    // GIVEN
    const findings = new FindingCollector();
    const half = 128 * 1024;

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { a: 'x'.repeat(half - 1), b: 'y'.repeat(half) });

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_ANNOTATION_SIZE',
      field: 'metadata.annotations',
      rule: "total size 262145 bytes exceeds the API server's 256 KiB limit",
      fix: 'move large data into a ConfigMap',
    }]);
  });

  test('counts UTF-8 bytes, not characters', () => {
    // GIVEN 128 Ki two-byte characters under a one-character key: 256 KiB + 1 bytes
    const findings = new FindingCollector();

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { a: 'é'.repeat(128 * 1024) });

    // THEN
    expect(findings.findings.map((f) => f.code)).toEqual(['SP_ANNOTATION_SIZE']);
  });

  test('counts the keys in the total size', () => {
    // GIVEN a key of 256 KiB + 1 bytes with an empty value
    const findings = new FindingCollector();

    // WHEN
    collectAnnotationFindings(findings, 'metadata.annotations', { ['k'.repeat(256 * 1024 + 1)]: '' });

    // THEN
    expect(findings.findings.map((f) => f.code)).toContain('SP_ANNOTATION_SIZE');
  });
});

describe('suggested names collapse runs of dashes', () => {
  test.each([
    ['my--service', 'my-service'],
    ['My__Service--Name', 'my-service-name'],
  ])('%s becomes %s', (input, suggestion) => {
    // THEN
    expect([suggestDns1035Label(input), suggestDns1123Label(input)]).toEqual([suggestion, suggestion]);
  });
});
