import {
  AliasTarget, ExposedApp, ExposedAppProps, ExposureType, ExternalAlias, LoadBalancerPreset, ServiceBackend, ServicePatternsValidation,
  TlsIngress, TlsSource,
} from '../src';
import { newChart, synthErrors, synthQuietly, warningsOf } from './support/synth';

const KUBIA = { image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] };
const OPEN_FIX = 'Fix: list the client CIDRs in loadBalancerSourceRanges, or use an internal load balancer (loadBalancerPreset) (SP_LOAD_BALANCER_OPEN)';
const ANY_ADDRESS = 'the load balancer accepts connections from any address (on most clouds: the internet)';

/** An ExposedApp LoadBalancer with `props` on top, in a new chart. */
function loadBalancer(props: Partial<ExposedAppProps>): ExposedApp {
  return new ExposedApp(newChart(), 'Lb', {
    serviceName: 'lb', type: ExposureType.LOAD_BALANCER, ports: [{ name: 'http', port: 80 }], container: KUBIA, ...props,
  });
}

describe('Security warnings', () => {
  describe('ExposedApp: an open load balancer (SP_LOAD_BALANCER_OPEN)', () => {
    test('source ranges that together cover IPv4 leave the load balancer open', () => {
      // GIVEN
      const app = loadBalancer({ loadBalancerSourceRanges: ['128.0.0.0/1', '10.0.0.0/8', '0.0.0.0/1'] });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(warningsOf(app)).toEqual([
        `loadBalancerSourceRanges ["128.0.0.0/1","10.0.0.0/8","0.0.0.0/1"]: together cover every IPv4 address: ${ANY_ADDRESS}. ${OPEN_FIX}`,
      ]);
    });

    test('the source-ranges annotation counts with the prop', () => {
      // GIVEN
      const app = loadBalancer({
        loadBalancerSourceRanges: ['::/1'],
        annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '8000::/1' },
      });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(warningsOf(app)).toEqual([`loadBalancerSourceRanges ["::/1","8000::/1"]: together cover every IPv6 address: ${ANY_ADDRESS}. ${OPEN_FIX}`]);
    });

    test('IPv6 open and IPv4 restricted: only IPv6 is reported', () => {
      // GIVEN
      const app = loadBalancer({ loadBalancerSourceRanges: ['203.0.113.0/24', '::/0'] });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(warningsOf(app)).toEqual([`loadBalancerSourceRanges "::/0": ${ANY_ADDRESS}. ${OPEN_FIX}`]);
    });

    test('ranges of one family only leave the other family closed', () => {
      // GIVEN
      const app = loadBalancer({ loadBalancerSourceRanges: ['203.0.113.0/24', '0.0.0.0/2'] });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(warningsOf(app)).toEqual([]);
    });

    test('a preset whose scheme the user overrode to internet-facing is no longer internal', () => {
      // GIVEN
      const app = loadBalancer({
        loadBalancerPreset: LoadBalancerPreset.awsInternalNlb(),
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' },
      });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(warningsOf(app)).toEqual([
        'annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] "internet-facing": overrides the internal load balancer preset '
        + `awsInternalNlb to a public value: ${ANY_ADDRESS}. Fix: remove the annotation to keep the load balancer internal, or list the client CIDRs `
        + 'in loadBalancerSourceRanges (SP_LOAD_BALANCER_OPEN)',
      ]);
    });

    test('a GCP preset overridden to External is no longer internal', () => {
      // GIVEN
      const app = loadBalancer({
        loadBalancerPreset: LoadBalancerPreset.gcpInternal(),
        annotations: { 'networking.gke.io/load-balancer-type': 'External' },
      });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(ServicePatternsValidation.warnings(app).map((w) => [w.code, w.field, w.value]))
        .toEqual([['SP_LOAD_BALANCER_OPEN', 'annotations["networking.gke.io/load-balancer-type"]', '"External"']]);
    });

    test('an overridden preset with source ranges is restricted by them', () => {
      // GIVEN
      const app = loadBalancer({
        loadBalancerPreset: LoadBalancerPreset.azureInternal(),
        annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'false' },
        loadBalancerSourceRanges: ['203.0.113.0/24'],
      });

      // WHEN
      synthQuietly(app.node.scope as any);

      // THEN
      expect(warningsOf(app)).toEqual([]);
    });

    test('strict mode makes the union of halves an error', () => {
      // GIVEN
      const app = loadBalancer({ loadBalancerSourceRanges: ['0.0.0.0/1', '128.0.0.0/1'] });
      ServicePatternsValidation.enableStrictMode(app);

      // WHEN
      const errors = synthErrors(app.node.scope as any);

      // THEN
      expect(errors).toEqual([
        `[test/Lb] loadBalancerSourceRanges ["0.0.0.0/1","128.0.0.0/1"]: together cover every IPv4 address: ${ANY_ADDRESS}. ${OPEN_FIX}`,
      ]);
    });
  });

  describe('ExternalAlias: a sensitive target (SP_EXTERNAL_NAME_SENSITIVE)', () => {
    const FIX = 'Fix: point the alias at the outside service\'s own DNS name; reach the API server through its in-cluster Service '
      + 'and the node or metadata service not at all (SP_EXTERNAL_NAME_SENSITIVE)';

    test.each([
      ['localhost', 'is a loopback name: clients that resolve it reach themselves (or the node), not an outside service'],
      ['kubernetes.default.svc.cluster.local', 'names the Kubernetes API server: the alias would hand API traffic (and the tokens clients send) to whoever follows it'],
      ['metadata.google.internal', 'is a cloud metadata service name: traffic sent to it can read the node\'s credentials'],
    ])('a target of %s is reported', (name, rule) => {
      // GIVEN
      const chart = newChart();
      const alias = new ExternalAlias(chart, 'Alias', { serviceName: 'alias', target: AliasTarget.fromDnsName(name) });

      // WHEN
      synthQuietly(chart);

      // THEN
      expect(warningsOf(alias)).toEqual([`target ${JSON.stringify(name)}: ${rule}. ${FIX}`]);
    });

    test('the API server named as a Service is reported', () => {
      // GIVEN
      const chart = newChart();
      const alias = new ExternalAlias(chart, 'Alias', { serviceName: 'api', target: AliasTarget.fromServiceName('kubernetes', 'default') });

      // WHEN
      synthQuietly(chart);

      // THEN
      expect(ServicePatternsValidation.warnings(alias).map((w) => [w.code, w.value]))
        .toEqual([['SP_EXTERNAL_NAME_SENSITIVE', '"kubernetes.default.svc.cluster.local"']]);
    });

    test('an outside name is not reported', () => {
      // GIVEN
      const chart = newChart();
      const alias = new ExternalAlias(chart, 'Alias', { serviceName: 'alias', target: AliasTarget.fromDnsName('db.example.com') });

      // WHEN
      synthQuietly(chart);

      // THEN
      expect(warningsOf(alias)).toEqual([]);
    });
  });

  describe('TlsIngress: ingress-nginx annotations', () => {
    /** A TlsIngress with `annotations`, in a new chart. */
    function ingressWith(annotations: { [key: string]: string }): TlsIngress {
      return new TlsIngress(newChart(), 'Web', {
        ingressName: 'web',
        ingressClassName: 'nginx',
        annotations,
        rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServiceName('web', { portNumber: 80 }) }] }],
        tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromExistingSecret('shop-tls') }],
      });
    }

    /** The message of SP_NGINX_SNIPPET for `key`. */
    function snippetMessage(key: string): string {
      return `annotations key ${JSON.stringify(key)}: injects raw NGINX configuration: a snippet can read every Secret the controller can `
        + '(CVE-2021-25742) and snippets were the way in for remote code execution in the controller (CVE-2025-1974); controllers refuse them by '
        + 'default since v1.9. Fix: use the dedicated annotations or the controller\'s ConfigMap instead of a snippet (SP_NGINX_SNIPPET)';
    }

    test.each(['configuration-snippet', 'server-snippet', 'auth-snippet'])('a %s annotation is reported, its value never shown', (name) => {
      // GIVEN
      const ingress = ingressWith({ [`nginx.ingress.kubernetes.io/${name}`]: 'more_set_headers "X-Secret: s3cr3t";' });

      // WHEN
      synthQuietly(ingress.node.scope as any);

      // THEN
      expect(warningsOf(ingress)).toEqual([snippetMessage(`nginx.ingress.kubernetes.io/${name}`)]);
    });

    test('a mirror target at the metadata address is reported', () => {
      // GIVEN
      const ingress = ingressWith({ 'nginx.ingress.kubernetes.io/mirror-target': 'http://169.254.169.254$request_uri' });

      // WHEN
      synthQuietly(ingress.node.scope as any);

      // THEN
      expect(warningsOf(ingress)).toEqual([
        'annotations["nginx.ingress.kubernetes.io/mirror-target"] "http://169.254.169.254$request_uri": mirrors requests to 169.254.169.254, a link-local '
        + 'or cloud metadata address: the mirror can read the node\'s credentials. Fix: mirror to a Service or host you run '
        + '(e.g. "https://shadow.example.com$request_uri") (SP_NGINX_MIRROR_TARGET)',
      ]);
    });

    test('a mirror target at a metadata name is reported', () => {
      // GIVEN
      const ingress = ingressWith({ 'nginx.ingress.kubernetes.io/mirror-target': 'http://metadata.google.internal/computeMetadata/v1/' });

      // WHEN
      synthQuietly(ingress.node.scope as any);

      // THEN
      expect(ServicePatternsValidation.warnings(ingress).map((w) => w.code)).toEqual(['SP_NGINX_MIRROR_TARGET']);
    });

    test('a mirror target of your own and other nginx annotations are not reported', () => {
      // GIVEN
      const ingress = ingressWith({
        'nginx.ingress.kubernetes.io/mirror-target': 'https://shadow.example.com$request_uri',
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
      });

      // WHEN
      synthQuietly(ingress.node.scope as any);

      // THEN
      expect(warningsOf(ingress)).toEqual([]);
    });

    test('strict mode makes a snippet an error', () => {
      // GIVEN
      const ingress = ingressWith({ 'nginx.ingress.kubernetes.io/server-snippet': 'location /x { return 200; }' });
      ServicePatternsValidation.enableStrictMode(ingress);

      // WHEN
      const errors = synthErrors(ingress.node.scope as any);

      // THEN
      expect(errors).toEqual([`[test/Web] ${snippetMessage('nginx.ingress.kubernetes.io/server-snippet')}`]);
    });
  });
});
