/**
 * Manifest-shaped facts: what the App-wide rules need to know of an object, read from a manifest (a plain
 * JSON object as it is written to YAML). The same reader serves the objects of this library's constructs,
 * the objects of any other construct, and — later — plain YAML handed to a validation plugin.
 */
import { GATEWAY_KINDS_WITH_FACTS, gatewayApiFacts, GatewayFacts, ReferenceGrantFacts, RouteFacts } from './gateway-facts';
import { asArray, asObject, stringMap } from './json';

/** The namespace an object without `metadata.namespace` is applied to with a default kubectl context. */
export const DEFAULT_NAMESPACE = 'default';

/** Kinds that are not namespaced: their identity has no namespace. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'IngressClass',
  'CustomResourceDefinition', 'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ClusterIssuer', 'APIService', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CertificateSigningRequest',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'FlowSchema', 'PriorityLevelConfiguration', 'PodSecurityPolicy', 'ClusterTrustBundle', 'IPAddress', 'ServiceCIDR',
  'DeviceClass', 'ResourceSlice', 'StorageVersion', 'StorageVersionMigration', 'VolumeAttributesClass', 'GatewayClass',
]);

/** The label an EndpointSlice names its Service with. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** The label that says who manages an EndpointSlice. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** The managers whose EndpointSlices Kubernetes writes itself (from a selector, or mirrored from Endpoints). */
const KUBERNETES_SLICE_MANAGERS: ReadonlySet<string> = new Set(['endpointslice-controller.k8s.io', 'endpointslicemirroring-controller.k8s.io']);

/** Who an object is, for duplicate detection: API group, kind, namespace (when namespaced) and name. */
export interface ObjectIdentity {
  readonly group: string;
  readonly kind: string;
  /** The namespace; undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly name: string;
}

/** A Service port as the App-wide rules see it. */
export interface PortFacts {
  readonly port: number;
  readonly name?: string;
  readonly protocol: string;
  readonly nodePort?: number;
}

/** A Service. */
export interface ServiceFacts {
  readonly kind: 'Service';
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly selector: { readonly [key: string]: string };
  readonly ports: readonly PortFacts[];
  readonly healthCheckNodePort?: number;
  /** The cluster IPs the Service asks for (`clusterIP`, `clusterIPs`), without `None` and empty values. */
  readonly clusterIPs: readonly string[];
  /** The DNS name an ExternalName Service aliases (`spec.externalName`); undefined for other types. */
  readonly externalName?: string;
}

/** A route of an Ingress: host (undefined: every host), path and pathType. */
export interface IngressRouteFacts {
  readonly host?: string;
  readonly path: string;
  readonly pathType: string;
}

/** A Service an Ingress routes to, by name and port. */
export interface IngressBackendFacts {
  readonly serviceName: string;
  readonly portNumber?: number;
  readonly portName?: string;
  /** Where in the manifest, e.g. `spec.rules[0].http.paths[1].backend`. */
  readonly field: string;
}

/** An Ingress. */
export interface IngressFacts {
  readonly kind: 'Ingress';
  readonly name: string;
  readonly namespace: string;
  readonly ingressClass?: string;
  readonly routes: readonly IngressRouteFacts[];
  readonly tls: ReadonlyArray<{ readonly host: string; readonly secretName: string }>;
  readonly backends: readonly IngressBackendFacts[];
  /** An ingress-nginx canary Ingress shares routes with its main Ingress on purpose. */
  readonly canary: boolean;
}

/** A StatefulSet: its governing Service. */
export interface StatefulSetFacts {
  readonly kind: 'StatefulSet';
  readonly name: string;
  readonly namespace: string;
  readonly serviceName?: string;
}

/** Endpoints or an EndpointSlice written by hand (not by a Kubernetes controller) for a Service. */
export interface ManualEndpointsFacts {
  readonly kind: 'ManualEndpoints';
  /** `Endpoints` or `EndpointSlice`. */
  readonly objectKind: string;
  readonly name: string;
  readonly namespace: string;
  readonly serviceName: string;
}

/** The facts of one object that an App-wide rule reads. */
export type ManifestFacts = ServiceFacts | IngressFacts | StatefulSetFacts | ManualEndpointsFacts | GatewayFacts | RouteFacts | ReferenceGrantFacts;

/** The kinds {@link factsOf} reads (other kinds count only for their identity). */
export const KINDS_WITH_FACTS: ReadonlySet<string> = new Set(['Service', 'Ingress', 'StatefulSet', 'Endpoints', 'EndpointSlice', ...GATEWAY_KINDS_WITH_FACTS]);

/** The API group of an apiVersion (`core` for `v1`). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'core';
}

/** Whether objects of `kind` are namespaced. */
export function isNamespaced(kind: string): boolean {
  return !CLUSTER_SCOPED_KINDS.has(kind);
}

/** The identity of an object from its apiVersion, kind, name and namespace. */
export function identityOf(apiVersion: string, kind: string, name: string, namespace: string | undefined): ObjectIdentity {
  return {
    group: groupOf(apiVersion),
    kind,
    name,
    ...(isNamespaced(kind) ? { namespace: namespace ?? DEFAULT_NAMESPACE } : {}),
  };
}


/**
 * Reads the facts of a manifest. Returns undefined for kinds no App-wide rule reads, for malformed manifests
 * and for endpoints that Kubernetes manages itself.
 */
export function factsOf(manifest: any): ManifestFacts | undefined {
  const kind = manifest?.kind;
  if (typeof kind !== 'string' || !KINDS_WITH_FACTS.has(kind)) return undefined;
  const metadata = asObject(manifest.metadata);
  const name = metadata.name;
  if (typeof name !== 'string') return undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : DEFAULT_NAMESPACE;
  if (kind === 'Endpoints' || kind === 'EndpointSlice') {
    return manualEndpointsFacts(kind, name, namespace, stringMap(metadata.labels));
  }
  if (GATEWAY_KINDS_WITH_FACTS.includes(kind)) return gatewayApiFacts(manifest, kind, name, namespace);
  const spec = asObject(manifest.spec);
  if (kind === 'Service') return serviceFacts(name, namespace, spec);
  if (kind === 'StatefulSet') {
    return { kind, name, namespace, ...(typeof spec.serviceName === 'string' ? { serviceName: spec.serviceName } : {}) };
  }
  return ingressFacts(name, namespace, spec, stringMap(metadata.annotations));
}

function manualEndpointsFacts(kind: string, name: string, namespace: string, labels: { [key: string]: string }): ManualEndpointsFacts | undefined {
  if (kind === 'Endpoints') {
    return { kind: 'ManualEndpoints', objectKind: kind, name, namespace, serviceName: name };
  }
  const serviceName = labels[SERVICE_NAME_LABEL];
  if (serviceName === undefined || KUBERNETES_SLICE_MANAGERS.has(labels[MANAGED_BY_LABEL] ?? '')) return undefined;
  return { kind: 'ManualEndpoints', objectKind: kind, name, namespace, serviceName };
}

function serviceFacts(name: string, namespace: string, spec: { [key: string]: any }): ServiceFacts {
  const ports = asArray(spec.ports).filter((p) => typeof p?.port === 'number').map((p): PortFacts => ({
    port: p.port,
    protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
    ...(typeof p.name === 'string' && p.name !== '' ? { name: p.name } : {}),
    ...(typeof p.nodePort === 'number' ? { nodePort: p.nodePort } : {}),
  }));
  return {
    kind: 'Service',
    name,
    namespace,
    type: typeof spec.type === 'string' ? spec.type : 'ClusterIP',
    selector: stringMap(spec.selector),
    ports,
    ...(typeof spec.healthCheckNodePort === 'number' ? { healthCheckNodePort: spec.healthCheckNodePort } : {}),
    clusterIPs: [...new Set([spec.clusterIP, ...asArray(spec.clusterIPs)])].filter((ip) => typeof ip === 'string' && ip !== '' && ip !== 'None'),
    ...(spec.type === 'ExternalName' && typeof spec.externalName === 'string' ? { externalName: spec.externalName } : {}),
  };
}

function backendFacts(backend: unknown, field: string): IngressBackendFacts[] {
  const service = asObject(asObject(backend).service);
  if (typeof service.name !== 'string') return [];
  const port = asObject(service.port);
  if (typeof port.number !== 'number' && typeof port.name !== 'string') return [];
  return [{
    serviceName: service.name,
    ...(typeof port.number === 'number' ? { portNumber: port.number } : { portName: port.name }),
    field,
  }];
}

function ingressFacts(name: string, namespace: string, spec: { [key: string]: any }, annotations: { [key: string]: string }): IngressFacts {
  const rules = asArray(spec.rules);
  const ingressClass = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : annotations['kubernetes.io/ingress.class'];
  return {
    kind: 'Ingress',
    name,
    namespace,
    ...(ingressClass !== undefined ? { ingressClass } : {}),
    routes: rules.flatMap((rule) => asArray(asObject(asObject(rule).http).paths).map((p): IngressRouteFacts => ({
      ...(typeof rule.host === 'string' ? { host: rule.host } : {}),
      path: typeof p?.path === 'string' ? p.path : '/',
      pathType: typeof p?.pathType === 'string' ? p.pathType : 'ImplementationSpecific',
    }))),
    tls: asArray(spec.tls).flatMap((t) => asArray(asObject(t).hosts).filter((h) => typeof h === 'string')
      .map((host: string) => ({ host, secretName: typeof t.secretName === 'string' ? t.secretName : '' }))),
    backends: [
      ...backendFacts(spec.defaultBackend, 'spec.defaultBackend'),
      ...rules.flatMap((rule, i) => asArray(asObject(asObject(rule).http).paths)
        .flatMap((p, j) => backendFacts(asObject(p).backend, `spec.rules[${i}].http.paths[${j}].backend`))),
    ],
    canary: annotations['nginx.ingress.kubernetes.io/canary'] === 'true',
  };
}
