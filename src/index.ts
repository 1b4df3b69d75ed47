// The public API of cdk8s-service-patterns, listed by name. Anything not listed here is internal.
// (Interfaces are re-exported with `export type`: the tests compile each file on its own.)

// Shared base
export { PatternBase } from './pattern-base';
export type { PatternBaseProps } from './pattern-base';

// Services
export { ServicePatternBase } from './service/service-base';
export type { ServicePatternProps, ServicePortOptions } from './service/service-base';
export { TargetPort } from './service/target-port';
export { HeadlessService, HeadlessStatefulService } from './service/headless';
export type { HeadlessServiceOptions, HeadlessServicePort, HeadlessServiceProps, HeadlessStatefulServiceProps } from './service/headless';
export { AliasTarget, ExternalAlias } from './service/external-alias';
export type { ExternalAliasProps } from './service/external-alias';
export { EndpointObjects, ManualEndpointService } from './service/manual-endpoints';
export type { EndpointMember, ManualEndpointPort, ManualEndpointServiceProps } from './service/manual-endpoints';
export { ExposedApp } from './service/exposed-app';
export type { AppLabelsProps } from './service/app-labels';
export {
  ExposureType, ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, LoadBalancerPreset, SessionAffinity, TrafficDistribution,
} from './service/exposed-app-props';
export type { DeclaredPodPort, ExposedAppProps, ExposedPort, NodePortRange, PodSelection } from './service/exposed-app-props';

// Ingress
export { ServiceBackend } from './ingress/backend';
export type { BackendPortOptions } from './ingress/backend';
export { TlsSource } from './ingress/tls-source';
export type { CertManagerTlsOptions, ExistingSecretTlsOptions, PemFileTlsOptions, PemTlsOptions } from './ingress/tls-source';
export type { NginxOptions } from './ingress/nginx';
export { PathType, TlsIngress } from './ingress/tls-ingress';
export type { IngressGatewayApiOptions } from './ingress/gateway-api-output';
export type { TlsEntry, TlsIngressPath, TlsIngressProps, TlsIngressRule } from './ingress/tls-ingress';

// Gateway API
export { Gateway, ListenerProtocol, RouteKind, RouteNamespaces } from './gateway/gateway';
export type { GatewayListener, GatewayProps } from './gateway/gateway';
export { RouteParent } from './gateway/route-parent';
export type { DeclaredListener, ExternalGatewayOptions, GatewayParentOptions } from './gateway/route-parent';
export { RouteBase } from './gateway/route-base';
export type { RouteBaseProps } from './gateway/route-base';
export { HttpRoute } from './gateway/http-route';
export { GrpcRoute } from './gateway/grpc-route';
export type { GrpcMethodMatch, GrpcRouteMatch, GrpcRouteProps, GrpcRouteRule } from './gateway/grpc-route';
export { HttpMethod, HttpPathType, HttpValueMatchType } from './gateway/http-route-props';
export type { HttpRouteBackend, HttpRouteMatch, HttpRouteProps, HttpRouteRule, HttpValueMatch } from './gateway/http-route-props';
export { HttpRouteFilter, RedirectScheme } from './gateway/http-route-filter';
export type { HeaderModifierOptions, RequestMirrorOptions, RequestRedirectOptions, UrlRewriteOptions } from './gateway/http-route-filter';
export { ReferenceGrant } from './gateway/reference-grant';
export type { ReferenceGrantFrom, ReferenceGrantProps, ReferenceGrantTo } from './gateway/reference-grant';

// Validation
export { FindingSeverity, ServicePatternsValidationError } from './validation-error';
export type { ValidationFinding } from './validation-error';
export { ServicePatternsValidation } from './validation';
