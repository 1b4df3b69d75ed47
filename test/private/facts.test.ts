import { factsOf, identityOf } from '../../src/private/facts';

describe('factsOf reads manifests as written to YAML', () => {
  test('a Service: type, selector, ports with defaults, health check node port', () => {
    // GIVEN a NodePort Service manifest with one port lacking a protocol
    const manifest = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'web', bad: 42 },
        ports: [{ name: 'http', port: 80, nodePort: 30080 }, { port: 53, protocol: 'UDP' }, { name: 'nonum' }],
        healthCheckNodePort: 30999,
      },
    };
    // WHEN / THEN
    expect(factsOf(manifest)).toEqual({
      kind: 'Service',
      name: 'web',
      namespace: 'shop',
      type: 'LoadBalancer',
      selector: { app: 'web' },
      ports: [{ port: 80, name: 'http', protocol: 'TCP', nodePort: 30080 }, { port: 53, protocol: 'UDP' }],
      healthCheckNodePort: 30999,
      clusterIPs: [],
    });
  });

  test('a Service\'s cluster IPs: clusterIP and clusterIPs, without None and empty values', () => {
    const facts: any = factsOf({ kind: 'Service', metadata: { name: 'a' }, spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1', ''] } });
    expect(facts.clusterIPs).toEqual(['10.0.0.1', 'fd00::1']);
    expect((factsOf({ kind: 'Service', metadata: { name: 'a' }, spec: { clusterIP: 'None' } }) as any).clusterIPs).toEqual([]);
  });

  test('an ExternalName Service: the name it aliases', () => {
    const facts: any = factsOf({ kind: 'Service', metadata: { name: 'a' }, spec: { type: 'ExternalName', externalName: 'b.shop.svc.cluster.local' } });
    expect(facts.externalName).toEqual('b.shop.svc.cluster.local');
  });

  test('a Service of another type has no alias, whatever its externalName field', () => {
    const facts: any = factsOf({ kind: 'Service', metadata: { name: 'a' }, spec: { type: 'ClusterIP', externalName: 'b.shop.svc.cluster.local' } });
    expect(facts.externalName).toBeUndefined();
  });

  test('a Service without namespace, type or spec is a ClusterIP Service in "default"', () => {
    expect(factsOf({ kind: 'Service', metadata: { name: 'a' } })).toEqual({
      kind: 'Service', name: 'a', namespace: 'default', type: 'ClusterIP', selector: {}, ports: [], clusterIPs: [],
    });
  });

  test('an Ingress: class, routes, TLS hosts, backends with a port, canary', () => {
    const manifest = {
      kind: 'Ingress',
      metadata: { name: 'web', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'kubernetes.io/ingress.class': 'old' } },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'fallback', port: { number: 8080 } } },
        tls: [{ hosts: ['a.example.com', 7], secretName: 'a-tls' }, { hosts: ['b.example.com'] }],
        rules: [
          { host: 'a.example.com', http: { paths: [{ path: '/x', pathType: 'Exact', backend: { service: { name: 'x', port: { name: 'http' } } } }] } },
          { http: { paths: [{ backend: { service: { name: 'noport' } } }, { backend: { resource: { kind: 'Bucket' } } }] } },
        ],
      },
    };
    expect(factsOf(manifest)).toEqual({
      kind: 'Ingress',
      name: 'web',
      namespace: 'default',
      ingressClass: 'nginx',
      routes: [
        { host: 'a.example.com', path: '/x', pathType: 'Exact' },
        { path: '/', pathType: 'ImplementationSpecific' },
        { path: '/', pathType: 'ImplementationSpecific' },
      ],
      tls: [{ host: 'a.example.com', secretName: 'a-tls' }, { host: 'b.example.com', secretName: '' }],
      backends: [
        { serviceName: 'fallback', portNumber: 8080, field: 'spec.defaultBackend' },
        { serviceName: 'x', portName: 'http', field: 'spec.rules[0].http.paths[0].backend' },
      ],
      canary: true,
    });
  });

  test('an Ingress without ingressClassName takes the deprecated class annotation', () => {
    const facts: any = factsOf({ kind: 'Ingress', metadata: { name: 'i', annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, spec: {} });
    expect(facts.ingressClass).toEqual('traefik');
    expect(facts.canary).toBe(false);
  });

  test('a StatefulSet: its governing Service', () => {
    expect(factsOf({ kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' }, spec: { serviceName: 'db-hs' } }))
      .toEqual({ kind: 'StatefulSet', name: 'db', namespace: 'data', serviceName: 'db-hs' });
    expect(factsOf({ kind: 'StatefulSet', metadata: { name: 'db' }, spec: {} }))
      .toEqual({ kind: 'StatefulSet', name: 'db', namespace: 'default' });
  });

  test('Endpoints are hand-written endpoints of the Service with their name', () => {
    expect(factsOf({ kind: 'Endpoints', metadata: { name: 'db', namespace: 'data' } }))
      .toEqual({ kind: 'ManualEndpoints', objectKind: 'Endpoints', name: 'db', namespace: 'data', serviceName: 'db' });
  });

  test('an EndpointSlice is hand-written unless a Kubernetes controller manages it', () => {
    const slice = (labels: object) => factsOf({ kind: 'EndpointSlice', metadata: { name: 'db-1', labels } });
    expect(slice({ 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'me' }))
      .toEqual({ kind: 'ManualEndpoints', objectKind: 'EndpointSlice', name: 'db-1', namespace: 'default', serviceName: 'db' });
    expect(slice({ 'kubernetes.io/service-name': 'db' })).toMatchObject({ serviceName: 'db' });
    expect(slice({ 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' })).toBeUndefined();
    expect(slice({ 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' })).toBeUndefined();
    expect(slice({})).toBeUndefined();
  });

  test('kinds no rule reads, and malformed manifests, have no facts', () => {
    expect(factsOf({ kind: 'ConfigMap', metadata: { name: 'c' } })).toBeUndefined();
    expect(factsOf({ kind: 'Service', metadata: {} })).toBeUndefined();
    expect(factsOf({ kind: 'Service' })).toBeUndefined();
    expect(factsOf(null)).toBeUndefined();
    expect(factsOf('Service')).toBeUndefined();
  });
});

describe('identityOf', () => {
  test('namespaced kinds default to "default"; cluster-scoped kinds have no namespace', () => {
    expect(identityOf('v1', 'Service', 'web', undefined)).toEqual({ group: 'core', kind: 'Service', name: 'web', namespace: 'default' });
    expect(identityOf('networking.k8s.io/v1', 'Ingress', 'web', 'shop')).toEqual({ group: 'networking.k8s.io', kind: 'Ingress', name: 'web', namespace: 'shop' });
    expect(identityOf('v1', 'Namespace', 'shop', 'ignored')).toEqual({ group: 'core', kind: 'Namespace', name: 'shop' });
    expect(identityOf('networking.k8s.io/v1', 'IngressClass', 'nginx', undefined)).toEqual({ group: 'networking.k8s.io', kind: 'IngressClass', name: 'nginx' });
  });
});
