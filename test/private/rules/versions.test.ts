import {
  checkFieldVersion, checkKubernetesVersion, DEFAULT_KUBERNETES_VERSION, FIELD_MIN_VERSIONS, olderThan, parseKubernetesVersion,
} from '../../../src/private/rules/versions';

test('versions parse as major.minor, with an optional v and patch', () => {
  expect(parseKubernetesVersion('1.33')).toEqual({ major: 1, minor: 33 });
  expect(parseKubernetesVersion('v1.33.2')).toEqual({ major: 1, minor: 33 });
  expect(parseKubernetesVersion('1')).toBeUndefined();
  expect(parseKubernetesVersion('1.33-rc.1')).toBeUndefined();
  expect(parseKubernetesVersion(1.33)).toBeUndefined();
});

test('ordering compares minor numbers as numbers', () => {
  expect(olderThan({ major: 1, minor: 9 }, { major: 1, minor: 10 })).toBe(true);
  expect(olderThan({ major: 1, minor: 33 }, { major: 1, minor: 33 })).toBe(false);
  expect(olderThan({ major: 2, minor: 0 }, { major: 1, minor: 99 })).toBe(false);
});

test('the target: a version, 1.21 or later; the default is one', () => {
  expect(checkKubernetesVersion(DEFAULT_KUBERNETES_VERSION)).toBeUndefined();
  expect(checkKubernetesVersion('1.21')).toBeUndefined();
  expect(checkKubernetesVersion('1.20')).toContain('is older than 1.21');
  expect(checkKubernetesVersion('latest')).toBe('must be a Kubernetes version such as "1.33"');
});

test('fields are refused below their first version only', () => {
  expect(checkFieldVersion('spec.trafficDistribution: PreferClose', { major: 1, minor: 32 })).toBe('needs Kubernetes 1.33, and the App targets 1.32');
  expect(checkFieldVersion('spec.trafficDistribution: PreferClose', { major: 1, minor: 33 })).toBeUndefined();
  expect(checkFieldVersion('spec.trafficDistribution: PreferSameNode', { major: 1, minor: 33 })).toBe('needs Kubernetes 1.34, and the App targets 1.33');
  expect(checkFieldVersion('spec.unknown', { major: 1, minor: 21 })).toBeUndefined();
  for (const min of Object.values(FIELD_MIN_VERSIONS)) expect(parseKubernetesVersion(min)).toBeDefined();
});

test('versions: the whole text is the version, each number up to three digits', () => {
  expect(parseKubernetesVersion('10.1')).toEqual({ major: 10, minor: 1 });
  expect(parseKubernetesVersion('1.33.12')).toEqual({ major: 1, minor: 33 });
  expect(parseKubernetesVersion('kubernetes-1.33')).toBeUndefined();
});

test('ordering compares major numbers first, both ways', () => {
  expect(olderThan({ major: 1, minor: 99 }, { major: 2, minor: 0 })).toBe(true);
});
