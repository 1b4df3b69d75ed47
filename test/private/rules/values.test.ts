import { checkNonNegativeInteger, checkReplicas, isString } from '../../../src/private/rules/values';

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

describe('checkReplicas', () => {
  test.each([0, 3, 2147483647])('accepts %p', (value) => {
    expect(checkReplicas(value)).toBeUndefined();
  });

  test.each([-1, 1.5, 'x'])('refuses %p as not an integer >= 0', (value) => {
    expect(checkReplicas(value)).toEqual('must be an integer >= 0');
  });

  test.each([2147483648, 1e21])('refuses %p as beyond an int32', (value) => {
    expect(checkReplicas(value)).toEqual('must be at most 2147483647 (an int32)');
  });
});

