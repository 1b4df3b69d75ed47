/**
 * Rules about plain values, shared by every topic: strings, integers, enum membership.
 */

/** Whether `value` is a string. */
export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Returns a rule violation unless `value` is an integer >= 0. */
export function checkNonNegativeInteger(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return 'must be an integer >= 0';
  }
  return undefined;
}

/** Returns a rule violation unless `value` is one of `allowed`. */
export function checkOneOf(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;
}
