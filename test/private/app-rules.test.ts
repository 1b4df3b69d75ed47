import { appWideFindings, FactsEntry } from '../../src/private/app-rules';
import { factsOf, identityOf } from '../../src/private/facts';

/** An App entry built from a manifest, as the report builds it. */
function entry(source: string, manifest: any): FactsEntry {
  return {
    source,
    identity: identityOf(manifest.apiVersion ?? 'v1', manifest.kind, manifest.metadata.name, manifest.metadata.namespace),
    facts: factsOf(manifest),
  };
}

function service(name: string, spec: object, namespace = 'shop'): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

function ingress(name: string, spec: object, annotations: object = {}): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'shop', annotations }, spec };
}

const codes = (entries: FactsEntry[]) => appWideFindings(entries).map((f) => `${f.source} ${f.finding.code} ${f.finding.field} ${f.finding.value}`);

describe('duplicate objects', () => {
  test('same group, kind, namespace and name: reported at the second, naming the first', () => {
    const found = appWideFindings([
      entry('a/Web', service('web', {})),
      entry('b/Web', service('web', {})),
      entry('c/Other', service('web', {}, 'other')),
      entry('d/Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'shop' } }),
    ]);
    expect(found).toEqual([{
      source: 'b/Web',
      finding: {
        code: 'SP_APP_DUPLICATE_OBJECT',
        field: 'metadata.name',
        value: '"web"',
        rule: 'Service "web" in namespace "shop" is also emitted by a/Web; one would overwrite the other on apply',
        fix: 'give one of them another name or namespace',
      },
    }]);
  });

  test('cluster-scoped kinds clash across namespaces', () => {
    const ns = (n: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: n } });
    expect(codes([entry('a', ns('x')), entry('b', ns('y'))])).toEqual(['b SP_APP_DUPLICATE_OBJECT metadata.name "shop"']);
  });
});

describe('node ports', () => {
  const nodePort = (name: string, port: number, protocol = 'TCP', type = 'NodePort') =>
    service(name, { type, ports: [{ port: 80, protocol, nodePort: port }] });

  test('two Services claiming one node port and protocol conflict', () => {
    expect(codes([entry('a', nodePort('a', 30080)), entry('b', nodePort('b', 30080, 'TCP', 'LoadBalancer'))]))
      .toEqual(['b SP_APP_NODE_PORT_CONFLICT nodePort 30080']);
  });

  test('a node port is one number whatever the protocol: TCP in one Service and UDP in another conflict', () => {
    const found = appWideFindings([entry('a', nodePort('a', 30053)), entry('b', nodePort('b', 30053, 'UDP'))]);
    expect(found.map((f) => [f.source, f.finding.code, f.finding.rule])).toEqual([[
      'b', 'SP_APP_NODE_PORT_CONFLICT',
      'node port 30053 (UDP) is also claimed by a (TCP); a node port is one number cluster-wide, whatever the protocol, so the second Service is refused',
    ]]);
  });

  test('a health check node port claims a node port too', () => {
    const lb = service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }], healthCheckNodePort: 30080 });
    expect(codes([entry('a', nodePort('a', 30080)), entry('lb', lb)])).toEqual(['lb SP_APP_NODE_PORT_CONFLICT nodePort 30080']);
  });

  test('ClusterIP Services, other numbers and one Service reusing its own port are no conflict', () => {
    const own = service('dns', { type: 'NodePort', ports: [{ name: 'a', port: 53, nodePort: 30053 }, { name: 'b', port: 53, nodePort: 30053 }] });
    expect(codes([
      entry('a', nodePort('a', 30080)),
      entry('b', nodePort('b', 30081)),
      entry('c', service('c', { ports: [{ port: 80, nodePort: 30080 }] })),
      entry('dns', own),
    ])).toEqual([]);
  });
});

describe('cluster IPs', () => {
  test('one cluster IP asked for by two Services (any spelling of the address)', () => {
    expect(codes([
      entry('a', service('a', { clusterIP: '10.96.200.10' })),
      entry('b', service('b', { clusterIP: '10.96.200.10', clusterIPs: ['10.96.200.10'] })),
      entry('c', service('c', { clusterIPs: ['fd00::a'] })),
      entry('d', service('d', { clusterIP: 'fd00:0::A' })),
      entry('e', service('e', { clusterIP: 'None' })),
      entry('f', service('f', { clusterIP: 'None' })),
      entry('g', service('g', { clusterIP: '' })),
    ])).toEqual(['b SP_APP_CLUSTER_IP_CONFLICT spec.clusterIP "10.96.200.10"', 'd SP_APP_CLUSTER_IP_CONFLICT spec.clusterIP "fd00:0::A"']);
  });
});

describe('hand-written endpoints behind a selector', () => {
  const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'db-ipv4', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'db' } } };

  test('a Service with a selector and an EndpointSlice written for it', () => {
    const found = appWideFindings([entry('m/Db', slice), entry('w/Db', service('db', { selector: { app: 'db' } }))]);
    expect(found.map((f) => [f.source, f.finding.code, f.finding.rule])).toEqual([[
      'w/Db', 'SP_APP_MANUAL_ENDPOINTS_SELECTOR',
      'the Service has a selector, and m/Db writes its endpoints by hand (EndpointSlice "db-ipv4"); the endpoints controller would replace them with the selected pods',
    ]]);
  });

  test('no selector, another namespace, or another name: no finding', () => {
    expect(codes([
      entry('m', slice),
      entry('a', service('db', {})),
      entry('b', service('db', { selector: { app: 'db' } }, 'other')),
      entry('c', service('cache', { selector: { app: 'db' } })),
    ])).toEqual([]);
  });
});

describe('governing Services', () => {
  const sts = (name: string, serviceName?: string) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'shop' }, spec: { serviceName } });

  test('two StatefulSets governed by one Service', () => {
    expect(codes([entry('a', sts('a', 'hs')), entry('b', sts('b', 'hs')), entry('c', sts('c', 'other')), entry('d', sts('d'))]))
      .toEqual(['b SP_APP_GOVERNING_SERVICE_CONFLICT spec.serviceName "hs"']);
  });
});

describe('Ingresses of one class', () => {
  const route = (host: string, path: string) => ({ host, http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } });

  test('the same host, path and pathType in two Ingresses of a class', () => {
    expect(codes([
      entry('a', ingress('a', { ingressClassName: 'nginx', rules: [route('x.example.com', '/')] })),
      entry('b', ingress('b', { ingressClassName: 'nginx', rules: [route('x.example.com', '/')] })),
      entry('c', ingress('c', { ingressClassName: 'traefik', rules: [route('x.example.com', '/')] })),
      entry('d', ingress('d', { ingressClassName: 'nginx', rules: [route('x.example.com', '/api')] })),
    ])).toEqual(['b SP_APP_INGRESS_ROUTE_CONFLICT rules "x.example.com/"']);
  });

  test('an ingress-nginx canary shares its routes on purpose', () => {
    expect(codes([
      entry('a', ingress('a', { rules: [route('x.example.com', '/')] })),
      entry('b', ingress('b', { rules: [route('x.example.com', '/')] }, { 'nginx.ingress.kubernetes.io/canary': 'true' })),
    ])).toEqual([]);
  });

  test('one TLS host served with two Secrets', () => {
    expect(codes([
      entry('a', ingress('a', { tls: [{ hosts: ['x.example.com'], secretName: 'one' }] })),
      entry('b', ingress('b', { tls: [{ hosts: ['x.example.com'], secretName: 'two' }] })),
      entry('c', ingress('c', { tls: [{ hosts: ['x.example.com'], secretName: 'one' }] })),
    ])).toEqual(['b SP_APP_TLS_SECRET_CONFLICT tls "x.example.com"']);
  });
});

describe('backend ports', () => {
  const web = service('web', { ports: [{ name: 'http', port: 80 }] });
  const to = (name: string, port: object) => ingress(name, { defaultBackend: { service: { name: 'web', port } } });

  test('a backend port the Service of the App lacks, by number or by name', () => {
    const found = appWideFindings([entry('w', web), entry('i1', to('i1', { number: 8080 })), entry('i2', to('i2', { name: 'grpc' }))]);
    expect(found.map((f) => `${f.source} ${f.finding.code} ${f.finding.field} ${f.finding.value} ${f.finding.rule}`)).toEqual([
      'i1 SP_APP_BACKEND_PORT_UNKNOWN spec.defaultBackend 8080 Service "web" (w) has no such port (ports: http (80))',
      'i2 SP_APP_BACKEND_PORT_UNKNOWN spec.defaultBackend "grpc" Service "web" (w) has no such port (ports: http (80))',
    ]);
  });

  test('a port the Service has, or a Service outside the App: no finding', () => {
    expect(codes([entry('w', web), entry('i1', to('i1', { number: 80 })), entry('i2', to('i2', { name: 'http' })),
      entry('i3', ingress('i3', { defaultBackend: { service: { name: 'elsewhere', port: { number: 1 } } } }))])).toEqual([]);
  });
});

describe('ExternalName loops', () => {
  const alias = (name: string, externalName: string, namespace = 'shop') => service(name, { type: 'ExternalName', externalName }, namespace);

  test('two aliases pointing at each other: each is reported, naming the cycle', () => {
    // GIVEN a → b → a across namespaces
    const entries = [entry('x/A', alias('a', 'b.data.svc.cluster.local')), entry('x/B', alias('b', 'a.shop.svc.cluster.local.', 'data'))];
    // WHEN the App is judged
    const found = appWideFindings(entries);
    // THEN both are at fault
    expect(found).toEqual([
      {
        source: 'x/A',
        finding: {
          code: 'SP_APP_EXTERNAL_NAME_LOOP',
          field: 'spec.externalName',
          value: '"b.data.svc.cluster.local"',
          rule: 'the ExternalName Services shop/a → data/b → shop/a alias each other in a cycle, a CNAME loop that never resolves',
          fix: 'point one of them at a Service with endpoints or at an outside DNS name',
        },
      },
      {
        source: 'x/B',
        finding: {
          code: 'SP_APP_EXTERNAL_NAME_LOOP',
          field: 'spec.externalName',
          value: '"a.shop.svc.cluster.local."',
          rule: 'the ExternalName Services shop/a → data/b → shop/a alias each other in a cycle, a CNAME loop that never resolves',
          fix: 'point one of them at a Service with endpoints or at an outside DNS name',
        },
      },
    ]);
  });

  test('a chain leading into a cycle: only the members of the cycle are reported', () => {
    // GIVEN head → a → b → c → a
    const entries = [
      entry('head', alias('head', 'a.shop.svc.cluster.local')),
      entry('a', alias('a', 'b.shop.svc.cluster.local')),
      entry('b', alias('b', 'c.shop.svc.cluster.local')),
      entry('c', alias('c', 'a.shop.svc.cluster.local')),
    ];
    // WHEN the App is judged
    // THEN
    expect(codes(entries)).toEqual([
      'a SP_APP_EXTERNAL_NAME_LOOP spec.externalName "b.shop.svc.cluster.local"',
      'b SP_APP_EXTERNAL_NAME_LOOP spec.externalName "c.shop.svc.cluster.local"',
      'c SP_APP_EXTERNAL_NAME_LOOP spec.externalName "a.shop.svc.cluster.local"',
    ]);
  });

  test('a chain ending at a Service with a cluster IP is no loop', () => {
    // GIVEN a → b → web, web a ClusterIP Service
    const entries = [
      entry('a', alias('a', 'b.shop.svc.cluster.local')),
      entry('b', alias('b', 'web.shop.svc.cluster.local')),
      entry('web', service('web', { ports: [{ port: 80 }] })),
    ];
    // WHEN the App is judged
    // THEN
    expect(codes(entries)).toEqual([]);
  });

  test('a self-alias is left to the construct\'s own rule', () => {
    // GIVEN a → a
    // WHEN the App is judged
    // THEN
    expect(codes([entry('a', alias('a', 'a.shop.svc.cluster.local'))])).toEqual([]);
  });

  test('outside DNS names and names of another form are not followed', () => {
    // GIVEN a → b.shop (no svc), b → a.shop.example.com
    const entries = [entry('a', alias('a', 'b.shop')), entry('b', alias('b', 'a.shop.example.com'))];
    // WHEN the App is judged
    // THEN
    expect(codes(entries)).toEqual([]);
  });

  test('a long chain of aliases is judged in one pass', () => {
    // GIVEN 20,000 aliases in one ring
    const n = 20000;
    const entries = Array.from({ length: n }, (_, i) => entry(`s${i}`, alias(`s${i}`, `s${(i + 1) % n}.shop.svc.cluster.local`)));
    // WHEN the App is judged
    const found = appWideFindings(entries);
    // THEN every member is reported once, and the message names a few of them
    expect(found).toHaveLength(n);
    expect(found[0].finding.rule)
      .toEqual('the ExternalName Services shop/s0 → shop/s1 → shop/s2 → shop/s3 → shop/s4 → … (20000 Services) → shop/s0 alias each other in a cycle, a CNAME loop that never resolves');
  });
});
