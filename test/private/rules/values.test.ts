import { checkNonNegativeInteger, checkOneOf, isString } from '../../../src/private/rules/values';

describe('isString', () => {
  test.each(['', 'a'])('is true for the string %j', (value) => {
    expect(isString(value)).toBe(true);
  });

  test.each([1, undefined, null, {}, ['a']])('is false for %j', (value) => {
    expect(isString(value)).toBe(false);
  });
});

describe('checkNonNegativeInteger', () => {
  test.each([0, 1, 86400, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(checkNonNegativeInteger(value)).toBeUndefined();
  });

  test.each([-1, 1.5, -0.5, NaN, Infinity, '1', undefined, null])('refuses %p with the rule', (value) => {
    expect(checkNonNegativeInteger(value)).toEqual('must be an integer >= 0');
  });
});

describe('checkOneOf', () => {
  const allowed = ['ClusterIP', 'NodePort'];

  test.each(allowed)('accepts the allowed value %s', (value) => {
    expect(checkOneOf(value, allowed)).toBeUndefined();
  });

  test('refuses a value that is not allowed and lists the allowed values', () => {
    expect(checkOneOf('LoadBalancer', allowed)).toEqual('must be one of ClusterIP, NodePort');
  });

  test('compares case-sensitively', () => {
    expect(checkOneOf('clusterip', allowed)).toEqual('must be one of ClusterIP, NodePort');
  });

  test('refuses a value that is not a string', () => {
    expect(checkOneOf(1, ['1'])).toEqual('must be one of 1');
  });

  test('refuses everything when nothing is allowed', () => {
    expect(checkOneOf('', [])).toEqual('must be one of ');
  });
});
