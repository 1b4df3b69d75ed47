/**
 * The model of a construct: its props, copied at construction so that nothing the caller still holds can change
 * what is checked or emitted. Arrays and plain objects are copied all the way down; instances of classes
 * (a cdk8s-plus workload, a TlsSource, a Probe) are kept as they are: they are read as they are at synth.
 */

/** Whether `value` is a plain object (a struct or a map), not an instance of a class. */
function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A deep copy of `value`'s arrays and plain objects; a cycle keeps the original reference. */
export function copyModel<T>(value: T): T {
  return copy(value, new Set()) as T;
}

function copy(value: unknown, path: Set<unknown>): unknown {
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  if (path.has(value)) return value;
  path.add(value);
  let out: unknown;
  if (isArray) {
    // Array.from keeps holes visible as undefined, so they are checked rather than skipped.
    out = Array.from(value as unknown[], (item) => copy(item, path));
  } else {
    const obj: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value as { [key: string]: unknown })) {
      obj[key] = copy(item, path);
    }
    out = obj;
  }
  path.delete(value);
  return out;
}
