/**
 * The shapes of every props interface and of every static factory's arguments, written once: the constructs
 * and factories guard what they are given against them (guards.ts). test/prop-shapes.test.ts reads the
 * interfaces and factories from the TypeScript sources and fails when a field or an argument has no shape here,
 * or a shape of another kind than its declared type: a prop added later without a guard fails `npm test`.
 *
 * Classes and enums are referred to lazily: the construct modules import this one, and it imports them.
 */
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  arrayOf, bool, enumOf, extend, Field, instanceOf, int, map, opt, req, str, struct, StructShape,
} from './guards';
import { Gateway, ListenerProtocol, RouteKind, RouteNamespaces } from '../gateway/gateway';
import { HttpRouteFilter, RedirectScheme } from '../gateway/http-route-filter';
import { HttpMethod, HttpPathType, HttpValueMatchType } from '../gateway/http-route-props';
import { RouteParent } from '../gateway/route-parent';
import { ServiceBackend } from '../ingress/backend';
import { PathType } from '../ingress/tls-ingress';
import { TlsSource } from '../ingress/tls-source';
import {
  ExposureType, ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, LoadBalancerPreset, SessionAffinity, TrafficDistribution,
} from '../service/exposed-app-props';
import { AliasTarget } from '../service/external-alias';
import { EndpointObjects } from '../service/manual-endpoints';
import { ServicePatternBase } from '../service/service-base';
import { TargetPort } from '../service/target-port';

// ---------------------------------------------------------------------------------------------------------
// Enums and classes
// ---------------------------------------------------------------------------------------------------------

/** A protocol: membership is the port rules' (SP_PORT_PROTOCOL, SP_CONTAINER_PORT_PROTOCOL). */
const protocol = (checkedBy: string) => enumOf('Protocol', () => Object.values(kplus.Protocol), checkedBy);

const targetPort = instanceOf('TargetPort', () => TargetPort, 'TargetPort.named("http") or TargetPort.number(8080)');
const servicePattern = instanceOf('ServicePatternBase', () => ServicePatternBase, 'one of this library\'s Service constructs');
const serviceBackend = instanceOf('ServiceBackend', () => ServiceBackend,
  'ServiceBackend.fromServicePattern(app), fromService(service) or fromServiceName("web", { portNumber: 80 })');

const tlsSource = instanceOf('TlsSource', () => TlsSource, 'TlsSource.fromExistingSecret("shop-tls"), fromCertManager(...) or fromPem(...)');

// ---------------------------------------------------------------------------------------------------------
// cdk8s-plus-27 props: only the fields this library reads itself (cdk8s-plus checks the rest, see workload.ts)
// ---------------------------------------------------------------------------------------------------------

const containerPort = struct('ContainerPort', {
  number: req(int),
  name: opt(str),
  protocol: opt(protocol('SP_CONTAINER_PORT_PROTOCOL')),
}, true);

export const CONTAINER_PROPS = struct('ContainerProps', { ports: opt(arrayOf(containerPort)) }, true);

const workloadMetadata = struct('ApiObjectMetadata', { name: opt(str), namespace: opt(str), labels: opt(map) }, true);

const DEPLOYMENT_PROPS = struct('DeploymentProps', {
  replicas: opt(int),
  metadata: opt(workloadMetadata),
  podMetadata: opt(workloadMetadata),
  containers: opt(arrayOf(CONTAINER_PROPS)),
}, true);

const STATEFUL_SET_PROPS = struct('StatefulSetProps', {
  replicas: opt(int),
  metadata: opt(workloadMetadata),
  podMetadata: opt(workloadMetadata),
  containers: opt(arrayOf(CONTAINER_PROPS)),
  service: opt(instanceOf('Service', () => kplus.Service, 'a cdk8s-plus-27 Service')),
}, true);

// ---------------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------------

const PATTERN_BASE_PROPS = struct('PatternBaseProps', { name: opt(str), namespace: opt(str), labels: opt(map), annotations: opt(map) });

const SERVICE_PATTERN_PROPS = struct('ServicePatternProps', {
  serviceName: opt(str), namespace: opt(str), clusterDomain: opt(str), labels: opt(map), annotations: opt(map),
});

const SERVICE_PORT_OPTIONS = struct('ServicePortOptions', {
  port: req(int), name: opt(str), protocol: opt(protocol('SP_PORT_PROTOCOL')), appProtocol: opt(str),
});

export const HEADLESS_SERVICE_PORT = extend('HeadlessServicePort', [SERVICE_PORT_OPTIONS], { targetPort: opt(targetPort) });

const HEADLESS_SERVICE_OPTIONS = extend('HeadlessServiceOptions', [SERVICE_PATTERN_PROPS], { publishNotReadyAddresses: opt(bool) });

export const HEADLESS_SERVICE_PROPS = extend('HeadlessServiceProps', [HEADLESS_SERVICE_OPTIONS], {
  ports: opt(arrayOf(HEADLESS_SERVICE_PORT)),
  selector: opt(map),
});

const APP_LABELS_PROPS = struct('AppLabelsProps', {
  appName: opt(str), appInstance: opt(str), appComponent: opt(str), appPartOf: opt(str), selectorLabels: opt(map),
});

export const HEADLESS_STATEFUL_SERVICE_PROPS = extend('HeadlessStatefulServiceProps', [HEADLESS_SERVICE_OPTIONS, APP_LABELS_PROPS], {
  statefulSet: opt(instanceOf('StatefulSet', () => kplus.StatefulSet, 'a cdk8s-plus-27 StatefulSet')),
  workload: opt(instanceOf('Construct', () => Construct, 'a StatefulSet construct (any cdk8s-plus version, or a KubeStatefulSet)')),
  container: opt(CONTAINER_PROPS),
  statefulSetProps: opt(STATEFUL_SET_PROPS),
  ports: opt(arrayOf(HEADLESS_SERVICE_PORT)),
});

export const EXTERNAL_ALIAS_PROPS = extend('ExternalAliasProps', [SERVICE_PATTERN_PROPS], {
  target: req(instanceOf('AliasTarget', () => AliasTarget, 'AliasTarget.fromDnsName("db.example.com") or AliasTarget.fromServiceName("db", "data")')),
  ports: opt(arrayOf(SERVICE_PORT_OPTIONS)),
});

export const ENDPOINT_MEMBER = struct('EndpointMember', { address: req(str), hostname: opt(str) });

const MANUAL_ENDPOINT_PORT = extend('ManualEndpointPort', [SERVICE_PORT_OPTIONS], { targetPort: opt(int) });

export const MANUAL_ENDPOINT_SERVICE_PROPS = extend('ManualEndpointServiceProps', [SERVICE_PATTERN_PROPS], {
  ports: opt(arrayOf(MANUAL_ENDPOINT_PORT)),
  members: opt(arrayOf(ENDPOINT_MEMBER)),
  headless: opt(bool),
  endpointObjects: opt(enumOf('EndpointObjects', () => Object.values(EndpointObjects))),
  primaryIpFamily: opt(enumOf('IpFamily', () => Object.values(IpFamily))),
  kubeLinterAnnotation: opt(bool),
});

export const EXPOSED_PORT = extend('ExposedPort', [SERVICE_PORT_OPTIONS], { targetPort: opt(targetPort), nodePort: opt(int) });

const NODE_PORT_RANGE = struct('NodePortRange', { min: req(int), max: req(int) });

const DECLARED_POD_PORT = struct('DeclaredPodPort', { number: req(int), name: opt(str), protocol: opt(protocol('SP_CONTAINER_PORT_PROTOCOL')) });
const POD_SELECTION = struct('PodSelection', { labels: req(map), ports: opt(arrayOf(DECLARED_POD_PORT)) });


export const EXPOSED_APP_PROPS = extend('ExposedAppProps', [SERVICE_PATTERN_PROPS, APP_LABELS_PROPS], {
  type: req(enumOf('ExposureType', () => Object.values(ExposureType), 'SP_EXPOSURE_TYPE')),
  ports: req(arrayOf(EXPOSED_PORT)),
  deployment: opt(instanceOf('Deployment', () => kplus.Deployment, 'a cdk8s-plus-27 Deployment')),
  workload: opt(instanceOf('Construct', () => Construct, 'a Deployment or StatefulSet construct (any cdk8s-plus version, or a KubeDeployment)')),
  pods: opt(POD_SELECTION),
  container: opt(CONTAINER_PROPS),
  deploymentProps: opt(DEPLOYMENT_PROPS),
  externalTrafficPolicy: opt(enumOf('ExternalTrafficPolicy', () => Object.values(ExternalTrafficPolicy))),
  healthCheckNodePort: opt(int),
  sessionAffinity: opt(enumOf('SessionAffinity', () => Object.values(SessionAffinity))),
  sessionAffinityTimeoutSeconds: opt(int),
  loadBalancerSourceRanges: opt(arrayOf(str)),
  loadBalancerClass: opt(str),
  allocateLoadBalancerNodePorts: opt(bool),
  loadBalancerPreset: opt(instanceOf('LoadBalancerPreset', () => LoadBalancerPreset, 'LoadBalancerPreset.awsInternalNlb(), gcpInternal() or azureInternal()')),
  ipFamilyPolicy: opt(enumOf('IpFamilyPolicy', () => Object.values(IpFamilyPolicy))),
  ipFamilies: opt(arrayOf(enumOf('IpFamily', () => Object.values(IpFamily)))),
  nodePortRange: opt(NODE_PORT_RANGE),
  internalTrafficPolicy: opt(enumOf('InternalTrafficPolicy', () => Object.values(InternalTrafficPolicy))),
  trafficDistribution: opt(enumOf('TrafficDistribution', () => Object.values(TrafficDistribution))),
  publishNotReadyAddresses: opt(bool),
});

// ---------------------------------------------------------------------------------------------------------
// Ingress
// ---------------------------------------------------------------------------------------------------------

export const BACKEND_PORT_OPTIONS = struct('BackendPortOptions', { portNumber: opt(int), portName: opt(str), namespace: opt(str) });

export const PEM_TLS_OPTIONS = struct('PemTlsOptions', {
  certificate: req(str, true),
  privateKey: req(str, true),
  caCertificate: opt(str, true),
  secretName: opt(str),
  acknowledgeKeyInManifest: opt(bool),
});

export const EXISTING_SECRET_TLS_OPTIONS = struct('ExistingSecretTlsOptions', { namespace: opt(str) });

export const PEM_FILE_TLS_OPTIONS = struct('PemFileTlsOptions', {
  caCertificatePath: opt(str, true),
  secretName: opt(str),
  acknowledgeKeyInManifest: opt(bool),
});

export const CERT_MANAGER_TLS_OPTIONS = struct('CertManagerTlsOptions', { issuer: opt(str), clusterIssuer: opt(str), secretName: opt(str) });

const NGINX_OPTIONS = struct('NginxOptions', { sslRedirect: opt(bool), forceSslRedirect: opt(bool), rewriteTarget: opt(str), useRegex: opt(bool) });

const TLS_ENTRY = struct('TlsEntry', {
  hosts: req(arrayOf(str)),
  // secret: a JavaScript caller may hand PEM options where the TlsSource belongs
  source: req(tlsSource, true),
});

const TLS_INGRESS_PATH = struct('TlsIngressPath', {
  path: opt(str),
  pathType: opt(enumOf('PathType', () => Object.values(PathType))),
  backend: req(serviceBackend),
});

const TLS_INGRESS_RULE = struct('TlsIngressRule', { host: opt(str), paths: req(arrayOf(TLS_INGRESS_PATH)) });

const INGRESS_GATEWAY_API_OPTIONS = struct('IngressGatewayApiOptions', {
  parents: req(arrayOf(instanceOf('RouteParent', () => RouteParent, 'RouteParent.fromGateway(gateway, { sectionName: "https" })'))),
  redirectParents: opt(arrayOf(instanceOf('RouteParent', () => RouteParent, 'RouteParent.fromGateway(gateway, { sectionName: "http" })'))),
  keepIngress: opt(bool),
});

export const TLS_INGRESS_PROPS = struct('TlsIngressProps', {
  ingressName: opt(str),
  namespace: opt(str),
  ingressClassName: opt(str),
  rules: opt(arrayOf(TLS_INGRESS_RULE)),
  defaultBackend: opt(serviceBackend),
  tls: opt(arrayOf(TLS_ENTRY)),
  plainHttpHosts: opt(arrayOf(str)),
  nginx: opt(NGINX_OPTIONS),
  annotations: opt(map),
  labels: opt(map),
  gatewayApi: opt(INGRESS_GATEWAY_API_OPTIONS),
});

// ---------------------------------------------------------------------------------------------------------
// Gateway API
// ---------------------------------------------------------------------------------------------------------

const listenerProtocol = enumOf('ListenerProtocol', () => Object.values(ListenerProtocol));
const routeNamespaces = enumOf('RouteNamespaces', () => Object.values(RouteNamespaces));

const GATEWAY_LISTENER = struct('GatewayListener', {
  name: req(str),
  protocol: req(listenerProtocol),
  port: opt(int),
  hostname: opt(str),
  tls: opt(tlsSource, true),
  allowedNamespaces: opt(routeNamespaces),
  namespaceSelector: opt(map),
  allowedKinds: opt(arrayOf(enumOf('RouteKind', () => Object.values(RouteKind)))),
});

export const GATEWAY_PROPS = struct('GatewayProps', {
  gatewayName: opt(str),
  namespace: opt(str),
  gatewayClassName: req(str),
  listeners: req(arrayOf(GATEWAY_LISTENER)),
  infrastructureLabels: opt(map),
  infrastructureAnnotations: opt(map),
  labels: opt(map),
  annotations: opt(map),
});

const DECLARED_LISTENER = struct('DeclaredListener', {
  name: req(str), protocol: req(listenerProtocol), port: opt(int), hostname: opt(str), allowedNamespaces: opt(routeNamespaces),
});

const EXTERNAL_GATEWAY_OPTIONS = struct('ExternalGatewayOptions', {
  gatewayName: req(str), namespace: req(str), sectionName: opt(str), listeners: opt(arrayOf(DECLARED_LISTENER)),
});

const GATEWAY_PARENT_OPTIONS = struct('GatewayParentOptions', { sectionName: opt(str) });

const HTTP_VALUE_MATCH = struct('HttpValueMatch', {
  name: req(str), value: req(str), type: opt(enumOf('HttpValueMatchType', () => Object.values(HttpValueMatchType))),
});

const HTTP_ROUTE_MATCH = struct('HttpRouteMatch', {
  path: opt(str),
  pathType: opt(enumOf('HttpPathType', () => Object.values(HttpPathType))),
  headers: opt(arrayOf(HTTP_VALUE_MATCH)),
  queryParams: opt(arrayOf(HTTP_VALUE_MATCH)),
  method: opt(enumOf('HttpMethod', () => Object.values(HttpMethod))),
});

const HTTP_ROUTE_BACKEND = struct('HttpRouteBackend', { backend: req(serviceBackend), weight: opt(int) });

const HTTP_ROUTE_RULE = struct('HttpRouteRule', {
  name: opt(str),
  matches: opt(arrayOf(HTTP_ROUTE_MATCH)),
  filters: opt(arrayOf(instanceOf('HttpRouteFilter', () => HttpRouteFilter, 'HttpRouteFilter.httpsRedirect(), urlRewrite(...), requestHeaderModifier(...)...'))),
  backends: opt(arrayOf(HTTP_ROUTE_BACKEND)),
  requestTimeout: opt(str),
  backendRequestTimeout: opt(str),
});

const routeParent = instanceOf('RouteParent', () => RouteParent, 'RouteParent.fromGateway(gateway) or RouteParent.fromExternalGateway({ gatewayName, namespace })');

const ROUTE_BASE_PROPS = struct('RouteBaseProps', {
  routeName: opt(str), namespace: opt(str), parents: opt(arrayOf(routeParent)), hostnames: opt(arrayOf(str)), labels: opt(map), annotations: opt(map),
});

export const HTTP_ROUTE_PROPS = struct('HttpRouteProps', {
  routeName: opt(str),
  namespace: opt(str),
  parents: req(arrayOf(routeParent)),
  hostnames: opt(arrayOf(str)),
  rules: req(arrayOf(HTTP_ROUTE_RULE)),
  labels: opt(map),
  annotations: opt(map),
});

const GRPC_METHOD_MATCH = struct('GrpcMethodMatch', {
  service: opt(str), method: opt(str), type: opt(enumOf('HttpValueMatchType', () => Object.values(HttpValueMatchType))),
});
const GRPC_ROUTE_MATCH = struct('GrpcRouteMatch', { method: opt(GRPC_METHOD_MATCH), headers: opt(arrayOf(HTTP_VALUE_MATCH)) });
const GRPC_ROUTE_RULE = struct('GrpcRouteRule', {
  name: opt(str),
  matches: opt(arrayOf(GRPC_ROUTE_MATCH)),
  filters: opt(arrayOf(instanceOf('HttpRouteFilter', () => HttpRouteFilter, 'HttpRouteFilter.requestHeaderModifier(...), responseHeaderModifier(...) or requestMirror(...)'))),
  backends: req(arrayOf(HTTP_ROUTE_BACKEND)),
});
export const GRPC_ROUTE_PROPS = struct('GrpcRouteProps', {
  routeName: opt(str),
  namespace: opt(str),
  parents: req(arrayOf(routeParent)),
  hostnames: opt(arrayOf(str)),
  rules: req(arrayOf(GRPC_ROUTE_RULE)),
  labels: opt(map),
  annotations: opt(map),
});

const REFERENCE_GRANT_FROM = struct('ReferenceGrantFrom', { kind: req(str), namespace: req(str), group: opt(str) });
const REFERENCE_GRANT_TO = struct('ReferenceGrantTo', { kind: req(str), name: opt(str), group: opt(str) });

export const REFERENCE_GRANT_PROPS = struct('ReferenceGrantProps', {
  grantName: opt(str),
  namespace: opt(str),
  from: req(arrayOf(REFERENCE_GRANT_FROM)),
  to: req(arrayOf(REFERENCE_GRANT_TO)),
  labels: opt(map),
  annotations: opt(map),
});

const PATH_MODIFIER = { replaceFullPath: opt(str), replacePrefixMatch: opt(str) };
const REQUEST_REDIRECT_OPTIONS = struct('RequestRedirectOptions', {
  scheme: opt(enumOf('RedirectScheme', () => Object.values(RedirectScheme))), hostname: opt(str), port: opt(int), statusCode: opt(int), ...PATH_MODIFIER,
});
const URL_REWRITE_OPTIONS = struct('UrlRewriteOptions', { hostname: opt(str), ...PATH_MODIFIER });
const HEADER_MODIFIER_OPTIONS = struct('HeaderModifierOptions', { set: opt(map), add: opt(map), remove: opt(arrayOf(str)) });
const REQUEST_MIRROR_OPTIONS = struct('RequestMirrorOptions', { percent: opt(int) });

// ---------------------------------------------------------------------------------------------------------
// Static factories: one field per argument, in order
// ---------------------------------------------------------------------------------------------------------

export const FACTORY_ARGS = {
  'TargetPort.named': [req(str)],
  'TargetPort.number': [req(int)],
  'AliasTarget.fromDnsName': [req(str)],
  'AliasTarget.fromServiceName': [req(str), req(str), opt(str)],
  'AliasTarget.fromServicePattern': [req(servicePattern)],
  'ServiceBackend.fromServicePattern': [req(servicePattern), opt(BACKEND_PORT_OPTIONS)],
  'ServiceBackend.fromService': [req(instanceOf('Service', () => kplus.Service, 'a cdk8s-plus-27 Service')), opt(BACKEND_PORT_OPTIONS)],
  'ServiceBackend.fromServiceName': [req(str), req(BACKEND_PORT_OPTIONS)],
  'TlsSource.fromPem': [req(PEM_TLS_OPTIONS)],
  'TlsSource.fromPemFiles': [req(str, true), req(str, true), opt(PEM_FILE_TLS_OPTIONS)],
  'TlsSource.fromExistingSecret': [req(str), opt(EXISTING_SECRET_TLS_OPTIONS)],
  'TlsSource.fromCertManager': [req(CERT_MANAGER_TLS_OPTIONS)],
  'LoadBalancerPreset.awsInternalNlb': [],
  'LoadBalancerPreset.gcpInternal': [],
  'LoadBalancerPreset.azureInternal': [],
  'RouteParent.fromGateway': [req(instanceOf('Gateway', () => Gateway, 'a Gateway of this library')), opt(GATEWAY_PARENT_OPTIONS)],
  'RouteParent.fromExternalGateway': [req(EXTERNAL_GATEWAY_OPTIONS)],
  'HttpRouteFilter.requestRedirect': [req(REQUEST_REDIRECT_OPTIONS)],
  'HttpRouteFilter.httpsRedirect': [],
  'HttpRouteFilter.urlRewrite': [req(URL_REWRITE_OPTIONS)],
  'HttpRouteFilter.requestHeaderModifier': [req(HEADER_MODIFIER_OPTIONS)],
  'HttpRouteFilter.responseHeaderModifier': [req(HEADER_MODIFIER_OPTIONS)],
  'HttpRouteFilter.requestMirror': [req(serviceBackend), opt(REQUEST_MIRROR_OPTIONS)],
} as const satisfies { readonly [factory: string]: readonly Field[] };

/** Every props interface of the public API, by name (the test checks each against its declaration). */
export const PROP_SHAPES: { readonly [name: string]: StructShape } = Object.fromEntries([
  PATTERN_BASE_PROPS, SERVICE_PATTERN_PROPS, SERVICE_PORT_OPTIONS, HEADLESS_SERVICE_PORT, HEADLESS_SERVICE_OPTIONS,
  HEADLESS_SERVICE_PROPS, HEADLESS_STATEFUL_SERVICE_PROPS, EXTERNAL_ALIAS_PROPS, ENDPOINT_MEMBER, MANUAL_ENDPOINT_PORT,
  MANUAL_ENDPOINT_SERVICE_PROPS, EXPOSED_PORT, NODE_PORT_RANGE, EXPOSED_APP_PROPS, DECLARED_POD_PORT, POD_SELECTION, APP_LABELS_PROPS,
  BACKEND_PORT_OPTIONS,
  PEM_TLS_OPTIONS,
  PEM_FILE_TLS_OPTIONS, EXISTING_SECRET_TLS_OPTIONS, CERT_MANAGER_TLS_OPTIONS, NGINX_OPTIONS,
  TLS_ENTRY, TLS_INGRESS_PATH, TLS_INGRESS_RULE, TLS_INGRESS_PROPS,
  INGRESS_GATEWAY_API_OPTIONS,
  GATEWAY_LISTENER, GATEWAY_PROPS, DECLARED_LISTENER, EXTERNAL_GATEWAY_OPTIONS, GATEWAY_PARENT_OPTIONS, HTTP_VALUE_MATCH, HTTP_ROUTE_MATCH,
  HTTP_ROUTE_BACKEND, HTTP_ROUTE_RULE, HTTP_ROUTE_PROPS, ROUTE_BASE_PROPS, GRPC_METHOD_MATCH, GRPC_ROUTE_MATCH, GRPC_ROUTE_RULE, GRPC_ROUTE_PROPS,
  REFERENCE_GRANT_FROM, REFERENCE_GRANT_TO, REFERENCE_GRANT_PROPS,
  REQUEST_REDIRECT_OPTIONS, URL_REWRITE_OPTIONS, HEADER_MODIFIER_OPTIONS, REQUEST_MIRROR_OPTIONS,
].map((shape) => [shape.name, shape]));

/** The props each construct guards, by construct. */
export const CONSTRUCT_PROPS: { readonly [construct: string]: StructShape } = {
  HeadlessService: HEADLESS_SERVICE_PROPS,
  HeadlessStatefulService: HEADLESS_STATEFUL_SERVICE_PROPS,
  ExternalAlias: EXTERNAL_ALIAS_PROPS,
  ManualEndpointService: MANUAL_ENDPOINT_SERVICE_PROPS,
  ExposedApp: EXPOSED_APP_PROPS,
  TlsIngress: TLS_INGRESS_PROPS,
  Gateway: GATEWAY_PROPS,
  HttpRoute: HTTP_ROUTE_PROPS,
  GrpcRoute: GRPC_ROUTE_PROPS,
  ReferenceGrant: REFERENCE_GRANT_PROPS,
};

// the shapes of the cdk8s-plus props, for the test (an open struct is checked field by field where it has one)
export const KPLUS_SHAPES: readonly StructShape[] = [CONTAINER_PROPS, DEPLOYMENT_PROPS, STATEFUL_SET_PROPS];
