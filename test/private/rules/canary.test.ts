import { isCanary, readCanary, TRANSLATED_CANARY_ANNOTATIONS } from '../../../src/private/rules/canary';

const A = 'nginx.ingress.kubernetes.io/';

describe('ingress-nginx canary annotations', () => {
  test('a canary is canary: "true" only', () => {
    expect(isCanary({ [`${A}canary`]: 'true' })).toBe(true);
    expect(isCanary({ [`${A}canary`]: 'True' })).toBe(false);
    expect(isCanary({})).toBe(false);
  });

  test('weight 0 of 100 by default; the total and the weight as given', () => {
    expect(readCanary({})).toEqual({ weight: 0, total: 100, headers: [], problems: [] });
    expect(readCanary({ [`${A}canary-weight`]: '0', [`${A}canary-weight-total`]: '1' })).toEqual({ weight: 0, total: 1, headers: [], problems: [] });
    expect(readCanary({ [`${A}canary-weight`]: '25', [`${A}canary-weight-total`]: '1000' })).toMatchObject({ weight: 25, total: 1000, problems: [] });
    expect(readCanary({ [`${A}canary-weight`]: '100' })).toMatchObject({ weight: 100, total: 100, problems: [] });
  });

  test('weights that are not whole numbers, a total of 0, a weight above the total', () => {
    expect(readCanary({ [`${A}canary-weight`]: '-1' }).problems).toEqual([{ annotation: `${A}canary-weight`, value: '-1', rule: 'must be a whole number' }]);
    expect(readCanary({ [`${A}canary-weight`]: '1.5' }).weight).toBe(0);
    expect(readCanary({ [`${A}canary-weight-total`]: '0' }).problems).toEqual([{ annotation: `${A}canary-weight-total`, value: '0', rule: 'must be a whole number of at least 1' }]);
    const above = readCanary({ [`${A}canary-weight`]: '101' });
    expect(above).toMatchObject({ weight: 100, problems: [{ annotation: `${A}canary-weight`, value: '101', rule: 'is more than canary-weight-total (100)' }] });
  });

  test('by header: the value (Exact) wins over the pattern (RegularExpression); neither: always and never', () => {
    const header = { [`${A}canary-by-header`]: 'X-Canary' };
    expect(readCanary({ ...header, [`${A}canary-by-header-value`]: 'yes', [`${A}canary-by-header-pattern`]: 'y.*' }).headers)
      .toEqual([{ name: 'X-Canary', value: 'yes', type: 'Exact', to: 'canary' }]);
    expect(readCanary({ ...header, [`${A}canary-by-header-pattern`]: 'y.*' }).headers).toEqual([{ name: 'X-Canary', value: 'y.*', type: 'RegularExpression', to: 'canary' }]);
    expect(readCanary(header).headers).toEqual([
      { name: 'X-Canary', value: 'always', type: 'Exact', to: 'canary' },
      { name: 'X-Canary', value: 'never', type: 'Exact', to: 'main' },
    ]);
    expect(readCanary({ [`${A}canary-by-header-value`]: 'yes' }).headers).toEqual([]);
  });

  test('the translated annotations: every canary one but canary-by-cookie', () => {
    expect(TRANSLATED_CANARY_ANNOTATIONS).toEqual(['canary', 'canary-weight', 'canary-weight-total', 'canary-by-header', 'canary-by-header-value', 'canary-by-header-pattern']
      .map((a) => `${A}${a}`));
    expect(TRANSLATED_CANARY_ANNOTATIONS).not.toContain(`${A}canary-by-cookie`);
  });
});
