/**
 * ingress-nginx canary annotations, read for the translation to Gateway API backend weights and header matches.
 * Pure: annotations in, what they mean (and what they cannot mean) out.
 */

const PREFIX = 'nginx.ingress.kubernetes.io/';

/** The canary annotations the translation carries over (`canary-by-cookie` has no Gateway API equivalent). */
export const TRANSLATED_CANARY_ANNOTATIONS: readonly string[] = [
  'canary', 'canary-weight', 'canary-weight-total', 'canary-by-header', 'canary-by-header-value', 'canary-by-header-pattern',
].map((a) => `${PREFIX}${a}`);

/** A header that sends requests to the canary (or, for `never`, keeps them on the main backends). */
export interface CanaryHeaderRoute {
  readonly name: string;
  readonly value: string;
  /** `Exact` or `RegularExpression` (Gateway API header match types). */
  readonly type: 'Exact' | 'RegularExpression';
  /** Where matching requests go. */
  readonly to: 'canary' | 'main';
}

/** What an ingress-nginx canary Ingress means, once read. */
export interface CanarySpec {
  /** The canary's share: `weight` of `total` requests (ingress-nginx: canary-weight, default 0, of canary-weight-total, default 100). */
  readonly weight: number;
  readonly total: number;
  /** The header routes (canary-by-header with its value or pattern, or the `always` / `never` values). */
  readonly headers: readonly CanaryHeaderRoute[];
  /** Annotations whose value cannot be read, with why. */
  readonly problems: ReadonlyArray<{ readonly annotation: string; readonly value: string; readonly rule: string }>;
}

/** Whether the annotations make the Ingress an ingress-nginx canary. */
export function isCanary(annotations: { readonly [key: string]: string }): boolean {
  return annotations[`${PREFIX}canary`] === 'true';
}

/** Reads the canary annotations as ingress-nginx does. */
export function readCanary(annotations: { readonly [key: string]: string }): CanarySpec {
  const problems: Array<{ annotation: string; value: string; rule: string }> = [];
  const integer = (name: string, fallback: number, min: number): number => {
    const key = `${PREFIX}${name}`;
    const text = annotations[key];
    if (text === undefined) return fallback;
    if (!/^[0-9]+$/.test(text) || Number(text) < min) {
      problems.push({ annotation: key, value: text, rule: `must be a whole number${min > 0 ? ` of at least ${min}` : ''}` });
      return fallback;
    }
    return Number(text);
  };
  const total = integer('canary-weight-total', 100, 1);
  let weight = integer('canary-weight', 0, 0);
  if (weight > total) {
    problems.push({ annotation: `${PREFIX}canary-weight`, value: String(weight), rule: `is more than canary-weight-total (${total})` });
    weight = total;
  }
  const headers: CanaryHeaderRoute[] = [];
  const header = annotations[`${PREFIX}canary-by-header`];
  if (header !== undefined) {
    const value = annotations[`${PREFIX}canary-by-header-value`];
    const pattern = annotations[`${PREFIX}canary-by-header-pattern`];
    if (value !== undefined) {
      headers.push({ name: header, value, type: 'Exact', to: 'canary' });
    } else if (pattern !== undefined) {
      headers.push({ name: header, value: pattern, type: 'RegularExpression', to: 'canary' });
    } else {
      // ingress-nginx: "always" goes to the canary, "never" never does, any other value falls back to the weight
      headers.push({ name: header, value: 'always', type: 'Exact', to: 'canary' }, { name: header, value: 'never', type: 'Exact', to: 'main' });
    }
  }
  return { weight, total, headers, problems };
}
