/**
 * The App-wide Gateway API rules over manifests: the same findings whoever built the objects (hand-written
 * ApiObjects, Helm output, this library).
 */
import { appWideFindings, FactsEntry } from '../../src/private/app-rules';
import { factsOf, identityOf } from '../../src/private/facts';
import { judgeParent } from '../../src/private/gateway-rules';

const GROUP = 'gateway.networking.k8s.io/v1';

function entry(source: string, manifest: any): FactsEntry {
  return {
    source,
    identity: identityOf(manifest.apiVersion, manifest.kind, manifest.metadata.name, manifest.metadata.namespace),
    facts: factsOf(manifest),
  };
}

const gateway = (listeners: object[], namespace = 'infra') => ({
  apiVersion: GROUP, kind: 'Gateway', metadata: { name: 'shared', namespace }, spec: { gatewayClassName: 'eg', listeners },
});
const HTTPS = { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } }, tls: { certificateRefs: [{ name: 'wild' }] } };
const route = (name: string, spec: object, namespace = 'web') => ({ apiVersion: GROUP, kind: 'HTTPRoute', metadata: { name, namespace }, spec });
const service = (name: string, namespace: string, ports: object[] = [{ name: 'http', port: 80 }]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports } });

const findings = (entries: FactsEntry[]) => appWideFindings(entries).map((f) => `${f.source} ${f.finding.code} ${f.finding.field} ${f.finding.value}`);

describe('facts of Gateway API manifests', () => {
  test('a Gateway: listeners with defaults; an Istio Gateway of the same kind name is not read', () => {
    const facts = factsOf(gateway([{ name: 'http', port: 80, protocol: 'HTTP' }, HTTPS, { name: 'broken' }]));
    expect(facts).toEqual({
      kind: 'Gateway',
      name: 'shared',
      namespace: 'infra',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedNamespaces: 'Same', certificateRefs: [] },
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: '*.example.com',
          allowedNamespaces: 'All',
          certificateRefs: [{ group: '', kind: 'Secret', name: 'wild', field: 'spec.listeners[1].tls.certificateRefs[0]' }],
        },
      ],
    });
    expect(factsOf({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: {} })).toBeUndefined();
  });

  test('an HTTPRoute: parents (Gateways only), hostnames, matches with defaults, Service backends', () => {
    const facts: any = factsOf(route('r', {
      parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'https' }, { name: 'mesh', kind: 'Service', group: '' }],
      hostnames: ['a.example.com'],
      rules: [
        { matches: [{ path: { type: 'Exact', value: '/x' } }, { headers: [{ name: 'X-A', value: '1' }] }], backendRefs: [{ name: 'web', port: 80 }, { name: 'b', kind: 'Bucket', group: 'x.io' }] },
        { backendRefs: [{ name: 'api', namespace: 'data', port: 8080 }] },
      ],
    }));
    expect(facts.parents).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'https', field: 'spec.parentRefs[0]' }]);
    expect(facts.hostnames).toEqual(['a.example.com']);
    expect(facts.matches.map((m: any) => [m.label, m.field])).toEqual([
      ['Exact /x', 'spec.rules[0].matches[0]'],
      ['PathPrefix / (with header, query or method conditions)', 'spec.rules[0].matches[1]'],
      ['PathPrefix /', 'spec.rules[1]'],
    ]);
    expect(facts.backends).toEqual([
      { serviceName: 'web', namespace: 'web', portNumber: 80, field: 'spec.rules[0].backendRefs[0]' },
      { serviceName: 'api', namespace: 'data', portNumber: 8080, field: 'spec.rules[1].backendRefs[0]' },
    ]);
  });
});

describe('App-wide rules over hand-written objects', () => {
  test('a route attached to a listener the Gateway lacks, or one not admitting it, or with no common hostname', () => {
    expect(findings([
      entry('gw', gateway([{ name: 'http', port: 80, protocol: 'HTTP' }, HTTPS])),
      entry('missing', route('a', { parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'htps' }], rules: [{}] })),
      entry('same-only', route('b', { parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'http' }], rules: [{}] })),
      entry('hostname', route('c', { parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'https' }], hostnames: ['a.example.org'], rules: [{}] })),
      entry('by-port', route('d', { parentRefs: [{ name: 'shared', namespace: 'infra', port: 8443 }], rules: [{}] })),
      entry('fine', route('e', { parentRefs: [{ name: 'shared', namespace: 'infra' }], hostnames: ['a.example.com'], rules: [{}] })),
      entry('elsewhere', route('f', { parentRefs: [{ name: 'other', namespace: 'infra', sectionName: 'x' }], rules: [{}] })),
    ])).toEqual([
      'missing SP_APP_ROUTE_LISTENER_UNKNOWN spec.parentRefs[0].sectionName "htps"',
      'same-only SP_APP_ROUTE_NOT_ADMITTED spec.parentRefs[0].sectionName "http"',
      'hostname SP_APP_ROUTE_HOSTNAME_UNMATCHED spec.hostnames "a.example.org"',
      'by-port SP_APP_ROUTE_LISTENER_UNKNOWN spec.parentRefs[0].port 8443',
    ]);
  });

  test('allowedRoutes.kinds narrows what a listener takes', () => {
    const onlyGrpc = { ...HTTPS, allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } };
    expect(findings([
      entry('gw', gateway([onlyGrpc])),
      entry('r', route('r', { parentRefs: [{ name: 'shared', namespace: 'infra' }], rules: [{}] })),
    ])).toEqual(['r SP_APP_ROUTE_NOT_ADMITTED spec.parentRefs[0].gateway "Gateway \\"shared\\" (gw)"']);
  });

  test('two routes with one match on one listener and hostname conflict; the same route twice does not', () => {
    const spec = (path: string) => ({ parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'https' }], hostnames: ['a.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }] });
    expect(findings([
      entry('gw', gateway([HTTPS])),
      entry('one', route('one', spec('/api'))),
      entry('two', route('two', spec('/api/'))),
      entry('three', route('three', { ...spec('/api'), hostnames: ['b.example.com'] })),
    ])).toEqual(['two SP_APP_ROUTE_CONFLICT spec.rules[0].matches[0] "PathPrefix /api/"']);
  });

  test('backend ports of Services of the App, in the route\'s namespace or another', () => {
    expect(findings([
      entry('svc', service('web', 'web')),
      entry('api', service('api', 'data', [{ port: 8080 }])),
      entry('grant', { apiVersion: GROUP, kind: 'ReferenceGrant', metadata: { name: 'g', namespace: 'data' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], to: [{ group: '', kind: 'Service' }] } }),
      entry('r', route('r', { parentRefs: [{ name: 'x' }], rules: [{ backendRefs: [{ name: 'web', port: 81 }, { name: 'api', namespace: 'data', port: 8081 }, { name: 'outside', port: 1 }] }] })),
    ])).toEqual([
      'r SP_APP_BACKEND_PORT_UNKNOWN spec.rules[0].backendRefs[0] 81',
      'r SP_APP_BACKEND_PORT_UNKNOWN spec.rules[0].backendRefs[1] 8081',
    ]);
  });

  test('references across namespaces need a ReferenceGrant in the target namespace (backends and listener certificates)', () => {
    const grant = (to: object) => entry('grant', { apiVersion: GROUP, kind: 'ReferenceGrant', metadata: { name: 'g', namespace: 'data' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }, { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], to: [to] } });
    const base = [
      entry('api', service('api', 'data')),
      entry('secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cert', namespace: 'data' } }),
      entry('gw', gateway([{ ...HTTPS, tls: { certificateRefs: [{ name: 'cert', namespace: 'data' }, { name: 'elsewhere', namespace: 'vault' }] } }])),
      entry('r', route('r', { parentRefs: [{ name: 'x' }], rules: [{ backendRefs: [{ name: 'api', namespace: 'data', port: 80 }, { name: 'ext', namespace: 'other', port: 80 }] }] })),
    ];
    expect(findings(base)).toEqual([
      'r SP_APP_REFERENCE_GRANT_MISSING spec.rules[0].backendRefs[0] "data/api"',
      'gw SP_APP_REFERENCE_GRANT_MISSING spec.listeners[0].tls.certificateRefs[0] "data/cert"',
    ]);
    expect(findings([...base, grant({ group: '', kind: 'Service', name: 'api' })])).toEqual([
      'gw SP_APP_REFERENCE_GRANT_MISSING spec.listeners[0].tls.certificateRefs[0] "data/cert"',
    ]);
    expect(findings([...base, grant({ group: '', kind: 'Secret' })])).toEqual([
      'r SP_APP_REFERENCE_GRANT_MISSING spec.rules[0].backendRefs[0] "data/api"',
    ]);
  });
});

describe('judgeParent', () => {
  const listeners = [
    { name: 'http', port: 80, protocol: 'HTTP', allowedNamespaces: 'Same' },
    { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', allowedNamespaces: 'All' },
    { name: 'sel', port: 8080, protocol: 'HTTP', allowedNamespaces: 'Selector' },
  ];
  const judge = (routeNamespace: string, sectionName: string | undefined, hostnames: string[] = []) =>
    judgeParent({ kind: 'HTTPRoute', namespace: routeNamespace, hostnames }, { gatewayLabel: 'gw', sectionName }, { namespace: 'infra', listeners }).map((p) => p.code);

  test('without a sectionName, any listener that takes the route will do', () => {
    expect(judge('web', undefined, ['shop.example.com'])).toEqual([]);
    expect(judge('web', undefined, ['other.example.com'])).toEqual([]); // the Selector listener has no hostname
  });
  test('a Selector listener is not judged (namespace labels are not known at synth)', () => expect(judge('web', 'sel')).toEqual([]));
  test('Same admits the Gateway\'s namespace only', () => {
    expect(judge('infra', 'http')).toEqual([]);
    expect(judge('web', 'http')).toEqual(['SP_ROUTE_NOT_ADMITTED']);
  });
  test('a route without hostnames takes the listener\'s', () => expect(judge('web', 'https')).toEqual([]));
  test('a wildcard route hostname covering the listener\'s', () => expect(judge('web', 'https', ['*.example.com'])).toEqual([]));
  test('one intersecting hostname is enough', () => expect(judge('web', 'https', ['a.example.org', 'shop.example.com'])).toEqual([]));
});
