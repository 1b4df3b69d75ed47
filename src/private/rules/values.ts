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

/** The largest replica count the API accepts (an int32). */
const MAX_REPLICAS = 2147483647;

/** Returns a rule violation unless `value` is a replica count: an integer from 0 to 2147483647 (an int32). */
export function checkReplicas(value: unknown): string | undefined {
  return checkNonNegativeInteger(value) ?? ((value as number) > MAX_REPLICAS ? `must be at most ${MAX_REPLICAS} (an int32)` : undefined);
}
