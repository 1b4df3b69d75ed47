import {
  checkNginxMirrorTarget, checkSensitiveExternalName, isNginxSnippetAnnotation, overriddenInternalAnnotation, urlHost,
} from '../../../src/private/rules/security';

describe('checkSensitiveExternalName', () => {
  test.each(['localhost', 'LOCALHOST.', 'api.localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback'])(
    'GIVEN %s WHEN judged THEN it is a loopback name', (name) => {
      expect(checkSensitiveExternalName(name)).toEqual('is a loopback name: clients that resolve it reach themselves (or the node), not an outside service');
    });

  test.each(['kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'kubernetes.default.svc.cluster.local.'])(
    'GIVEN %s WHEN judged THEN it names the API server', (name) => {
      expect(checkSensitiveExternalName(name)).toEqual(
        'names the Kubernetes API server: the alias would hand API traffic (and the tokens clients send) to whoever follows it');
    });

  test.each(['metadata.google.internal', 'metadata.google.internal.', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal'])(
    'GIVEN %s WHEN judged THEN it is a cloud metadata name', (name) => {
      expect(checkSensitiveExternalName(name)).toEqual('is a cloud metadata service name: traffic sent to it can read the node\'s credentials');
    });

  test.each(['db.example.com', 'localhost.example.com', 'kubernetes.example.com', 'kubernetes.defaults.svc', 'metadata.example.com', 'my-localhost'])(
    'GIVEN %s WHEN judged THEN it is fine', (name) => {
      expect(checkSensitiveExternalName(name)).toBeUndefined();
    });
});

describe('isNginxSnippetAnnotation', () => {
  test.each([
    'nginx.ingress.kubernetes.io/configuration-snippet',
    'nginx.ingress.kubernetes.io/server-snippet',
    'nginx.ingress.kubernetes.io/auth-snippet',
    'nginx.ingress.kubernetes.io/stream-snippet',
    'nginx.ingress.kubernetes.io/modsecurity-snippet',
  ])('GIVEN %s WHEN judged THEN it is a snippet annotation', (key) => {
    expect(isNginxSnippetAnnotation(key)).toBe(true);
  });

  test.each(['nginx.ingress.kubernetes.io/ssl-redirect', 'example.com/server-snippet', 'nginx.ingress.kubernetes.io/snippet-count'])(
    'GIVEN %s WHEN judged THEN it is not a snippet annotation', (key) => {
      expect(isNginxSnippetAnnotation(key)).toBe(false);
    });
});

describe('urlHost', () => {
  test.each([
    ['https://169.254.169.254$request_uri', '169.254.169.254'],
    ['http://user:pw@metadata.google.internal:80/x', 'metadata.google.internal'],
    ['https://[fe80::1]:8443/mirror', 'fe80::1'],
    ['fe80::1', 'fe80::1'],
    ['shadow.example.com', 'shadow.example.com'],
    ['http://shadow.example.com?x=1', 'shadow.example.com'],
  ])('GIVEN %s WHEN read THEN the host is %s', (url, host) => {
    expect(urlHost(url)).toEqual(host);
  });
});

describe('checkNginxMirrorTarget', () => {
  test.each([
    ['http://169.254.169.254$request_uri', '169.254.169.254'],
    ['https://169.254.1.2/latest', '169.254.1.2'],
    ['http://[fe80::a9fe:a9fe]/', 'fe80::a9fe:a9fe'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:169.254.169.254'],
    ['http://100.100.100.200/latest/meta-data', '100.100.100.200'],
    ['http://[fd00:ec2::254]/latest', 'fd00:ec2::254'],
  ])('GIVEN %s WHEN judged THEN it mirrors to a link-local or metadata address', (url, canonical) => {
    expect(checkNginxMirrorTarget(url)).toEqual(
      `mirrors requests to ${canonical}, a link-local or cloud metadata address: the mirror can read the node's credentials`);
  });

  test('GIVEN a metadata name WHEN judged THEN it mirrors to the metadata service', () => {
    expect(checkNginxMirrorTarget('http://Metadata.Google.Internal/computeMetadata/v1$request_uri')).toEqual(
      'mirrors requests to "Metadata.Google.Internal", which is a cloud metadata service name: traffic sent to it can read the node\'s credentials');
  });

  test.each(['https://shadow.example.com$request_uri', 'http://10.0.0.5/', 'http://[2001:db8::1]/', '/internal-mirror'])(
    'GIVEN %s WHEN judged THEN it is fine', (url) => {
      expect(checkNginxMirrorTarget(url)).toBeUndefined();
    });
});

describe('overriddenInternalAnnotation', () => {
  const aws = {
    'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
    'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
    'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
  };

  test('GIVEN the preset\'s own annotations WHEN judged THEN the load balancer stays internal', () => {
    expect(overriddenInternalAnnotation(aws, aws)).toBeUndefined();
  });

  test.each([
    ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internet-facing'],
    ['service.beta.kubernetes.io/aws-load-balancer-internal', 'false'],
    ['service.beta.kubernetes.io/aws-load-balancer-internal', ''],
  ])('GIVEN the AWS preset with %s: %j WHEN judged THEN that annotation made it public', (key, value) => {
    expect(overriddenInternalAnnotation(aws, { ...aws, [key]: value })).toEqual(key);
  });

  test('GIVEN the AWS preset with another load balancer type WHEN judged THEN it stays internal', () => {
    expect(overriddenInternalAnnotation(aws, { ...aws, 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' })).toBeUndefined();
  });

  test('GIVEN the GCP preset with a type other than Internal WHEN judged THEN that annotation made it public', () => {
    const gcp = { 'networking.gke.io/load-balancer-type': 'Internal' };
    expect(overriddenInternalAnnotation(gcp, { 'networking.gke.io/load-balancer-type': 'External' })).toEqual('networking.gke.io/load-balancer-type');
  });

  test('GIVEN the Azure preset with internal "false" WHEN judged THEN that annotation made it public', () => {
    const azure = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };
    expect(overriddenInternalAnnotation(azure, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'false' }))
      .toEqual('service.beta.kubernetes.io/azure-load-balancer-internal');
  });
});

describe('checkNginxMirrorTarget: the edges of the link-local and metadata ranges', () => {
  test('GIVEN a target padded with spaces WHEN judged THEN the address is still found', () => {
    expect(checkNginxMirrorTarget('  http://169.254.169.254/latest  ')).toEqual(
      'mirrors requests to 169.254.169.254, a link-local or cloud metadata address: the mirror can read the node\'s credentials');
  });

  test('GIVEN the Alibaba metadata address IPv4-mapped WHEN judged THEN it is a metadata address', () => {
    expect(checkNginxMirrorTarget('http://[::ffff:100.100.100.200]/latest/meta-data')).toEqual(
      'mirrors requests to ::ffff:100.100.100.200, a link-local or cloud metadata address: the mirror can read the node\'s credentials');
  });

  test.each(['http://169.1.2.3/', 'http://10.254.1.1/', 'http://[fec0::1]/', 'http://[2080::1]/'])(
    'GIVEN %s, next to a link-local range WHEN judged THEN it is fine', (url) => {
      expect(checkNginxMirrorTarget(url)).toBeUndefined();
    });
});

describe('urlHost: an IPv6 host without its closing bracket', () => {
  test('GIVEN http://[fe80::1 WHEN read THEN the host is fe80::1', () => {
    expect(urlHost('http://[fe80::1')).toEqual('fe80::1');
  });
});

describe('overriddenInternalAnnotation: the GCP and Azure presets as they are', () => {
  test.each([
    [{ 'networking.gke.io/load-balancer-type': 'Internal' }],
    [{ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }],
  ])('GIVEN the preset %j and its own annotations WHEN judged THEN the load balancer stays internal', (preset) => {
    expect(overriddenInternalAnnotation(preset, preset)).toBeUndefined();
  });
});
