import { join } from 'path';
import { ApiObject, Yaml } from 'cdk8s';
import { CRD_DIR, customResourceKinds, customResourceRuleCount } from './support/crd-schema';
import { schemaViolations } from './support/k8s-schema';
import { newChart, synthValidated } from './support/synth';

describe('the schema-validating synth helper', () => {
  test('accepts a valid Service', () => {
    expect(schemaViolations({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    })).toEqual([]);
  });

  test('rejects unknown and misspelled fields, with their path', () => {
    expect(schemaViolations({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labelz: {} },
      spec: { clusterIp: 'None', ports: [{ port: 80, targetport: 8080 }] },
    })).toEqual([
      'v1/Service web: .metadata.labelz: unknown field',
      'v1/Service web: .spec.clusterIp: unknown field',
      'v1/Service web: .spec.ports[0].targetport: unknown field',
    ]);
  });

  test('rejects fields in the wrong place of a nested object', () => {
    const violations = schemaViolations({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { serviceName: 'db', containers: [{ name: 'c', image: 'i' }] } },
      },
    });
    expect(violations).toEqual(['apps/v1/StatefulSet db: .spec.template.spec.serviceName: unknown field']);
  });

  test('rejects wrong types, missing required fields and values outside enums', () => {
    const violations = schemaViolations({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { type: 'Bogus', ports: [{ port: '80' }] } });
    expect(violations).toHaveLength(2);
    expect(violations.join('\n')).toMatch(/\/spec\/ports\/0\/port must be integer/);
    expect(violations.join('\n')).toMatch(/\/spec\/type must be equal to one of the allowed values/);
    expect(schemaViolations({ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ name: 'x' }] } }).join('\n')).toMatch(/port/);
  });

  test('rejects kinds the API does not know', () => {
    expect(schemaViolations({ apiVersion: 'v1', kind: 'Servise', metadata: { name: 'x' } })).toEqual([
      'v1/Servise x: kubernetes-models knows no v1/Servise; the API server would not know it either',
    ]);
  });

  test('synthValidated fails the test on a bad object', () => {
    const chart = newChart();
    new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad' }, spec: { clusterIp: 'None' } } as any);
    expect(() => synthValidated(chart)).toThrow(/\.spec\.clusterIp: unknown field/);
  });
});

/** Gateway API (custom resources): the CRD's schema with defaulting, unknown fields refused, and its CEL rules. */
describe('the schema helper on Gateway API custom resources', () => {
  const API = 'gateway.networking.k8s.io/v1';
  const gateway = (spec: any): any => ({ apiVersion: API, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec });
  const route = (spec: any): any => ({ apiVersion: API, kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'apps' }, spec });
  const validGatewaySpec = (): any => ({
    gatewayClassName: 'example',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'wildcard-cert' }] } },
    ],
  });
  const validRouteSpec = (): any => ({
    parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'https' }],
    hostnames: ['www.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }, { headers: [{ name: 'x-canary', value: 'true' }], method: 'GET' }],
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-via', value: 'gw' }] } }],
        backendRefs: [{ name: 'api', port: 8080, weight: 90 }, { name: 'api-canary', port: 8080, weight: 10 }],
        timeouts: { request: '10s', backendRequest: '5s' },
      },
      { matches: [{ path: { type: 'Exact', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 301 } }] },
    ],
  });
  /** The violations of `manifest`, one string. */
  const violationsOf = (manifest: any): string => schemaViolations(manifest).join('\n');

  test('accepts a valid Gateway, HTTPRoute, GRPCRoute and ReferenceGrant', () => {
    expect(schemaViolations(gateway(validGatewaySpec()))).toEqual([]);
    expect(schemaViolations(route(validRouteSpec()))).toEqual([]);
    expect(schemaViolations({
      apiVersion: API,
      kind: 'GRPCRoute',
      metadata: { name: 'grpc' },
      spec: {
        parentRefs: [{ name: 'gw' }],
        rules: [{ matches: [{ method: { service: 'shop.v1.Cart', method: 'AddItem' } }], backendRefs: [{ name: 'cart', port: 9000 }] }],
      },
    })).toEqual([]);
    expect(schemaViolations({
      apiVersion: API,
      kind: 'ReferenceGrant',
      metadata: { name: 'routes-to-services', namespace: 'backends' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service', name: 'api' }] },
    })).toEqual([]);
  });

  test('applies defaults before the CEL rules, as the API server does, without changing the manifest', () => {
    // path.type defaults to PathPrefix and path.value to '/': an empty path match is valid
    const manifest = route({ parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: {} }], backendRefs: [{ name: 'api', port: 80 }] }] });
    const before = JSON.stringify(manifest);
    expect(schemaViolations(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).toBe(before);
    // rules[].matches defaults to one PathPrefix '/' match, which the rule counting matches reads without has()
    expect(schemaViolations(route({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] }))).toEqual([]);
    // a value without a type is a PathPrefix (the default), so it must start with '/'
    expect(violationsOf(route({ rules: [{ matches: [{ path: { value: 'api' } }] }] })))
      .toMatch(/\.spec\.rules\[0\]\.matches\[0\]\.path: Invalid value: value must be an absolute path and start with '\/' when type one of \['Exact', 'PathPrefix'\]/);
    // tls.mode defaults to Terminate: then certificateRefs (absent) is read, an evaluation error the API server reports
    expect(violationsOf(gateway({ gatewayClassName: 'x', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: {} }] })))
      .toMatch(/\.spec\.listeners\[0\]\.tls: Invalid value: CEL rule evaluation error: .*certificateRefs/);
  });

  test('rejects unknown fields, with their path', () => {
    const spec = validRouteSpec();
    spec.rules[0].backendRefs[0].weigth = 1;
    spec.parentRef = { name: 'gw' };
    expect(schemaViolations(route(spec))).toEqual([
      'gateway.networking.k8s.io/v1/HTTPRoute web: .spec.rules[0].backendRefs[0].weigth: unknown field',
      'gateway.networking.k8s.io/v1/HTTPRoute web: .spec.parentRef: unknown field',
    ]);
  });

  test('rejects wrong types (and then, as the API server, evaluates no CEL rule)', () => {
    const spec = validGatewaySpec();
    spec.listeners[0].port = '80';
    expect(schemaViolations(gateway(spec))).toEqual([
      'gateway.networking.k8s.io/v1/Gateway gw: .spec.listeners[0].port: Invalid value: string: must be of type integer',
      'gateway.networking.k8s.io/v1/Gateway gw: Internal error: CEL validation rules were not evaluated because the object has a type error',
    ]);
    expect(violationsOf(route({ hostnames: 'www.example.com' }))).toMatch(/\.spec\.hostnames: Invalid value: string: must be of type array/);
  });

  test('rejects missing required fields', () => {
    expect(violationsOf(gateway({ listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }))).toMatch(/\.spec\.gatewayClassName: Required value/);
    expect(violationsOf(route({ rules: [{ backendRefs: [{ port: 80 }] }] }))).toMatch(/\.spec\.rules\[0\]\.backendRefs\[0\]\.name: Required value/);
    expect(violationsOf({ apiVersion: API, kind: 'HTTPRoute', metadata: { name: 'web' } })).toMatch(/\.spec: Required value/);
    expect(violationsOf({ apiVersion: API, kind: 'HTTPRoute', metadata: {}, spec: {} })).toMatch(/\.metadata\.name: Required value/);
  });

  test('rejects values outside an enum', () => {
    const spec = validRouteSpec();
    spec.rules[0].matches[0].path.type = 'Prefix';
    expect(violationsOf(route(spec)))
      .toMatch(/\.spec\.rules\[0\]\.matches\[0\]\.path\.type: Unsupported value: "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression"/);
  });

  test('rejects too long strings, too many items and out-of-range numbers', () => {
    const spec = validGatewaySpec();
    spec.listeners[0].name = 'a'.repeat(254);
    expect(violationsOf(gateway(spec))).toMatch(/\.spec\.listeners\[0\]\.name: Too long: may not be longer than 253/);
    expect(violationsOf(route({ hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`) })))
      .toMatch(/\.spec\.hostnames: Too many: 17: must have at most 16 items/);
    const weights = validRouteSpec();
    weights.rules[0].backendRefs[0].weight = 1000001;
    expect(violationsOf(route(weights))).toMatch(/\.spec\.rules\[0\]\.backendRefs\[0\]\.weight: Invalid value: 1000001: should be less than or equal to 1000000/);
  });

  test('rejects pattern violations (RE2 patterns) and bad formats', () => {
    expect(violationsOf(route({ hostnames: ['Www_Example.com'] }))).toMatch(/\.spec\.hostnames\[0\]: Invalid value: "Www_Example.com": should match/);
    expect(violationsOf(route({ rules: [{ timeouts: { request: '10 seconds' } }] }))).toMatch(/\.spec\.rules\[0\]\.timeouts\.request: Invalid value: "10 seconds": should match/);
    const addresses = (value: string): any => gateway({ ...validGatewaySpec(), addresses: [{ type: 'IPAddress', value }] });
    expect(schemaViolations(addresses('10.0.0.1'))).toEqual([]);
    expect(schemaViolations(addresses('fd00::1'))).toEqual([]);
    expect(violationsOf(addresses('10.0.0.256'))).toMatch(/\.spec\.addresses\[0\]: must validate one and only one schema \(oneOf\)/);
  });

  test('rejects duplicates in x-kubernetes-list-type map and set lists', () => {
    const spec = validRouteSpec();
    spec.rules[0].filters[0].requestHeaderModifier.remove = ['x-a', 'x-a'];
    expect(violationsOf(route(spec))).toMatch(/\.requestHeaderModifier\.remove: Duplicate value: "x-a"/);
  });

  describe('evaluates the CEL rules (x-kubernetes-validations)', () => {
    test('Gateway: TLS and hostname of listeners by protocol', () => {
      const passthrough = validGatewaySpec();
      passthrough.listeners[1].tls.mode = 'Passthrough';
      expect(violationsOf(gateway(passthrough))).toMatch(/\.spec\.listeners: Invalid value: tls mode must be Terminate for protocol HTTPS/);
      expect(violationsOf(gateway({ gatewayClassName: 'x', listeners: [{ name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'db.example.com' }] })))
        .toMatch(/\.spec\.listeners: Invalid value: hostname must not be specified for protocols \['TCP', 'UDP'\]/);
      expect(violationsOf(gateway({ gatewayClassName: 'x', listeners: [{ name: 'tls', port: 443, protocol: 'TLS' }] })))
        .toMatch(/tls mode must be set for protocol TLS/);
      expect(violationsOf(gateway({ gatewayClassName: 'x', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', tls: { certificateRefs: [{ name: 'c' }] } }] })))
        .toMatch(/tls must not be specified for protocols \['HTTP', 'TCP', 'UDP'\]/);
    });

    test('Gateway: listener names unique, and port/protocol/hostname combinations unique', () => {
      const spec = validGatewaySpec();
      spec.listeners[1].name = 'http';
      expect(violationsOf(gateway(spec))).toMatch(/\.spec\.listeners: Invalid value: Listener name must be unique within the Gateway/);
      const same = validGatewaySpec();
      same.listeners.push({ name: 'http-2', port: 80, protocol: 'HTTP' });
      expect(violationsOf(gateway(same))).toMatch(/Combination of port, protocol and hostname must be unique for each listener/);
    });

    test('Gateway: annotation keys (split and matches)', () => {
      const spec = { ...validGatewaySpec(), infrastructure: { annotations: { [`${'a'.repeat(253)}/key`]: 'v' } } };
      expect(violationsOf(gateway(spec))).toMatch(/If specified, the annotation key's prefix must be a DNS subdomain/);
      expect(schemaViolations(gateway({ ...validGatewaySpec(), infrastructure: { annotations: { 'example.com/key': 'v' } } }))).toEqual([]);
    });

    test('HTTPRoute: RequestRedirect and URLRewrite together', () => {
      const spec = validRouteSpec();
      spec.rules[1].filters.push({ type: 'URLRewrite', urlRewrite: { hostname: 'other.example.com' } });
      expect(violationsOf(route(spec)))
        .toMatch(/\.spec\.rules\[1\]\.filters: Invalid value: May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both/);
    });

    test('HTTPRoute: path values', () => {
      const exact = validRouteSpec();
      exact.rules[1].matches[0].path.value = 'old';
      expect(violationsOf(route(exact))).toMatch(/\.spec\.rules\[1\]\.matches\[0\]\.path: Invalid value: value must be an absolute path and start with '\/'/);
      const slashes = validRouteSpec();
      slashes.rules[0].matches[0].path.value = '/api//v1';
      expect(violationsOf(route(slashes))).toMatch(/\.spec\.rules\[0\]\.matches\[0\]\.path: Invalid value: must not contain '\/\/' when type one of \['Exact', 'PathPrefix'\]/);
      const chars = validRouteSpec();
      chars.rules[0].matches[0].path.value = '/a b';
      expect(violationsOf(route(chars))).toMatch(/must only contain valid characters/);
      const regex = validRouteSpec();
      regex.rules[0].matches[0].path = { type: 'RegularExpression', value: '/a b.*' };
      expect(schemaViolations(route(regex))).toEqual([]);
    });

    test('HTTPRoute: a Service backendRef needs a port', () => {
      const spec = validRouteSpec();
      delete spec.rules[0].backendRefs[1].port;
      expect(violationsOf(route(spec))).toMatch(/\.spec\.rules\[0\]\.backendRefs\[1\]: Invalid value: Must have port for Service reference/);
      const other = validRouteSpec();
      other.rules[0].backendRefs[1] = { group: 'example.com', kind: 'Bucket', name: 'b' };
      expect(schemaViolations(route(other))).toEqual([]);
    });

    test('HTTPRoute: backendRequest timeout not above the request timeout (duration())', () => {
      const spec = validRouteSpec();
      spec.rules[0].timeouts = { request: '1m', backendRequest: '1h' };
      expect(violationsOf(route(spec))).toMatch(/\.spec\.rules\[0\]\.timeouts: Invalid value: backendRequest timeout cannot be longer than request timeout/);
      spec.rules[0].timeouts = { request: '1h', backendRequest: '59m59s' };
      expect(schemaViolations(route(spec))).toEqual([]);
      spec.rules[0].timeouts = { request: '0s', backendRequest: '1h' };
      expect(schemaViolations(route(spec))).toEqual([]);
    });

    test('HTTPRoute: URLRewrite ReplacePrefixMatch only with one PathPrefix match', () => {
      const rewrite = { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } };
      const exact = route({ rules: [{ matches: [{ path: { type: 'Exact', value: '/v1' } }], filters: [rewrite], backendRefs: [{ name: 'api', port: 80 }] }] });
      expect(violationsOf(exact))
        .toMatch(/\.spec\.rules\[0\]: Invalid value: When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified/);
      const prefix = route({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/v1' } }], filters: [rewrite], backendRefs: [{ name: 'api', port: 80 }] }] });
      expect(schemaViolations(prefix)).toEqual([]);
    });

    test('HTTPRoute: filter type and its field agree; a filter type is not repeated', () => {
      const spec = validRouteSpec();
      spec.rules[0].filters[0].type = 'ResponseHeaderModifier';
      const found = violationsOf(route(spec));
      expect(found).toMatch(/filter\.requestHeaderModifier must be nil if the filter\.type is not RequestHeaderModifier/);
      expect(found).toMatch(/filter\.responseHeaderModifier must be specified for ResponseHeaderModifier filter\.type/);
      const twice = validRouteSpec();
      twice.rules[0].filters.push(twice.rules[0].filters[0]);
      expect(violationsOf(route(twice))).toMatch(/RequestHeaderModifier filter cannot be repeated/);
    });

    test('HTTPRoute: parentRefs to the same parent need distinct sectionNames (the escaped __namespace__ field)', () => {
      const spec = validRouteSpec();
      spec.parentRefs = [{ name: 'gw', namespace: 'infra' }, { name: 'gw', namespace: 'infra', sectionName: 'https' }];
      expect(violationsOf(route(spec))).toMatch(/sectionName must be specified when parentRefs includes 2 or more references to the same parent/);
      spec.parentRefs = [{ name: 'gw', namespace: 'infra' }, { name: 'gw', namespace: 'other' }];
      expect(schemaViolations(route(spec))).toEqual([]);
    });

    test('GRPCRoute: service and method names (matches with an RE2 (?i) flag)', () => {
      const grpc = (method: any): any => ({ apiVersion: API, kind: 'GRPCRoute', metadata: { name: 'grpc' }, spec: { rules: [{ matches: [{ method }] }] } });
      expect(schemaViolations(grpc({ service: 'Shop.V1.Cart' }))).toEqual([]);
      expect(violationsOf(grpc({ service: 'shop.v1/Cart' }))).toMatch(/\.spec\.rules\[0\]\.matches\[0\]\.method: Invalid value: service must only contain valid characters/);
      expect(violationsOf(grpc({ type: 'Exact' }))).toMatch(/One or both of 'service' or 'method' must be specified/);
    });
  });

  test('compiles every CEL rule of the CRDs (none skipped), per kind', () => {
    const crdRules = (file: string): number => {
      const crd = Yaml.load(join(CRD_DIR, file)).find((o: any) => o?.kind === 'CustomResourceDefinition');
      const schema = crd.spec.versions.find((v: any) => v.name === 'v1').schema.openAPIV3Schema;
      let n = 0;
      const walk = (s: any): void => {
        if (Array.isArray(s)) return s.forEach(walk);
        if (s === null || typeof s !== 'object') return;
        n += (s['x-kubernetes-validations'] ?? []).filter((r: any) => !/\boldSelf\b/.test(r.rule)).length;
        Object.entries(s).forEach(([k, v]) => k !== 'default' && walk(v));
      };
      walk(schema);
      return n;
    };
    const expected: { [kind: string]: number } = {
      Gateway: crdRules('gateway.networking.k8s.io_gateways.yaml'),
      HTTPRoute: crdRules('gateway.networking.k8s.io_httproutes.yaml'),
      GRPCRoute: crdRules('gateway.networking.k8s.io_grpcroutes.yaml'),
      ReferenceGrant: crdRules('gateway.networking.k8s.io_referencegrants.yaml'),
    };
    expect(customResourceKinds().sort()).toEqual(Object.keys(expected).map((k) => `${API}/${k}`).sort());
    for (const [kind, count] of Object.entries(expected)) {
      expect({ kind, ...customResourceRuleCount(`${API}/${kind}`) }).toEqual({ kind, evaluated: count, transition: 0 });
    }
    expect(expected.Gateway).toBeGreaterThan(0);
    expect(expected.HTTPRoute).toBeGreaterThan(0);
    expect(expected.GRPCRoute).toBeGreaterThan(0);
  });

  test('refuses other served versions and unknown kinds of the group', () => {
    expect(violationsOf({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'HTTPRoute', metadata: { name: 'web' }, spec: {} }))
      .toMatch(/judges only v1/);
    expect(violationsOf({ apiVersion: API, kind: 'TCPRoute', metadata: { name: 'x' }, spec: {} })).toMatch(/knows no gateway\.networking\.k8s\.io\/v1\/TCPRoute/);
  });

  test('synthValidated fails the test on a bad Gateway API object', () => {
    const chart = newChart();
    new ApiObject(chart, 'bad', route({ rules: [{ matches: [{ path: { type: 'Exact', value: 'x' } }] }] }));
    expect(() => synthValidated(chart)).toThrow(/value must be an absolute path/);
  });
});
