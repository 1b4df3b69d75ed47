/** Tolerant readers of manifest-shaped JSON: a value of the wrong type reads as empty, never throws. */

/** The value as a plain object, or `{}`. */
export function asObject(value: unknown): { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as { [key: string]: any } : {};
}

/** The value as an array, or `[]`. */
export function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** The string entries of a map (labels, annotations, a selector). */
export function stringMap(value: unknown): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [key, v] of Object.entries(asObject(value))) {
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** The value if it is a string. */
export function optString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
