/**
 * Hostile values, as JavaScript callers, `any`-typed code (JSON, YAML) and jsii hosts pass them: nulls, holes,
 * strings for numbers, booleans as strings, enum typos, NaN/Infinity/1e21, unicode and homoglyph hosts,
 * YAML-significant text and 1 MB strings. `hostile(arb)` mixes them (rarely) into a plausible arbitrary.
 */
import * as fc from 'fast-check';

/** A 1 MB string (made once: generating it per case would dominate the run). */
export const ONE_MB = 'a'.repeat(1024 * 1024);

/** Text YAML reads as something else than a plain string, or that breaks a naive emitter. */
export const YAML_TEXT = ['yes', 'no', 'on', 'off', 'null', '~', 'true', '0x1F', '1e3', '010', '.inf', ': x', '- a', '# c', '{a: b}',
  '[a]', '&anchor', '*ref', '!!str x', '|', '>', '"', "'", '---', '...', 'a\nb', 'tab\there', ' lead', 'trail '];

/** Hosts that look like ASCII hosts but are not, or are not what they seem. */
export const UNICODE_HOSTS = ['shop.exаmple.com' /* Cyrillic а */, 'ѕhop.example.com', 'ßhop.example.com', 'shop.example.com\u200b',
  'ｓｈｏｐ.example.com', 'xn--80ak6aa92e.com', 'shop.example.com.', 'münchen.example.com', 'shop\u0000.example.com', '\u202eshop.example.com'];

/** Numbers no API server field takes. */
export const BAD_NUMBERS = [NaN, Infinity, -Infinity, 1e21, -0, 2 ** 53 + 2, 0.1];

/** Any hostile value, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, '80', '8080', 'true', 'false', 'True', '', ' ', ONE_MB, {}, [], [null], () => 1, Symbol.for('x') as unknown),
  fc.constantFrom(...BAD_NUMBERS),
  fc.constantFrom(...YAML_TEXT),
  fc.constantFrom(...UNICODE_HOSTS),
);

/** `arb`, or (1 time in `1 + odds`) a hostile value. */
export function hostile<T>(arb: fc.Arbitrary<T>, odds = 12): fc.Arbitrary<T> {
  return fc.oneof({ weight: odds, arbitrary: arb }, { weight: 1, arbitrary: hostileValue as fc.Arbitrary<T> });
}

/** An array of `arb`, sometimes with holes or null entries. */
export function hostileArray<T>(arb: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(arb, { maxLength }) },
    { weight: 1, arbitrary: fc.sparseArray(arb, { maxLength }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(arb, fc.constant(null as unknown as T)), { minLength: 1, maxLength }) },
  );
}

/** An enum value, a typo of one, or the right value in the wrong case. */
export function enumOrTypo<T extends string>(values: readonly T[], typos: readonly string[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...typos) as fc.Arbitrary<T> });
}

/** Label or annotation keys: valid, prefixed, and broken. */
const metaKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('app', 'team', 'app.kubernetes.io/part-of', 'example.com/owner', 'tier') },
  { weight: 1, arbitrary: fc.constantFrom('Bad Key', 'a/b/c', '/x', 'x/', `${'k'.repeat(64)}`, `${'p'.repeat(254)}/x`, 'ключ', '-a', '') },
);

/** Labels: mostly valid, some with YAML-significant, unicode or overlong values. */
export const labelsArb = fc.dictionary(metaKey, fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('web', 'shop', 'v1.2', 'a_b', '') },
  { weight: 1, arbitrary: fc.constantFrom('yes', 'null', 'a b', '-x', 'x-', 'v'.repeat(64), 'ünï', '1e3', 'a\nb') },
), { maxKeys: 3 });

/** Annotations: any text (YAML-significant, unicode, multi-line), sometimes a non-string or 1 MB. */
export const annotationsArb = fc.dictionary(metaKey, fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...YAML_TEXT, ...UNICODE_HOSTS) },
  { weight: 1, arbitrary: fc.constantFrom(ONE_MB, 1 as unknown as string, null as unknown as string, true as unknown as string) },
), { maxKeys: 3 });
