/**
 * The props and option types of an ExposedApp (re-exported by exposed-app.ts, whose class they configure).
 */
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AppLabelsProps } from './app-labels';
import { ServicePatternProps, ServicePortOptions } from './service-base';
import { TargetPort } from './target-port';

/** How an {@link ExposedApp} is reachable: inside the cluster only, or also from outside. */
export enum ExposureType {
  /** A virtual IP inside the cluster only (the most common Service); reach it from outside through a Gateway or an Ingress. */
  CLUSTER_IP = 'ClusterIP',
  /** A port (30000-32767 by default) opened on every node. */
  NODE_PORT = 'NodePort',
  /** A cloud load balancer in front of the node ports. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Where external traffic may be sent. */
export enum ExternalTrafficPolicy {
  /** To any ready pod of the Service, through an extra hop when needed; the client IP is lost. */
  CLUSTER = 'Cluster',
  /**
   * Only to pods on the node that received the traffic: keeps the client IP and avoids the extra hop, but
   * nodes without a local pod do not answer and spreading becomes uneven.
   */
  LOCAL = 'Local',
}

/** Where traffic from inside the cluster may be sent. */
export enum InternalTrafficPolicy {
  /** To any ready pod of the Service. */
  CLUSTER = 'Cluster',
  /** Only to pods on the client's node: traffic from nodes without a ready local pod is dropped. */
  LOCAL = 'Local',
}

/** A preference for nearby endpoints (`spec.trafficDistribution`; GA in Kubernetes 1.33, PreferSameZone and PreferSameNode 1.34). */
export enum TrafficDistribution {
  /** Prefer endpoints topologically close to the client (the same zone). Deprecated from Kubernetes 1.35: use PREFER_SAME_ZONE. */
  PREFER_CLOSE = 'PreferClose',
  /** Prefer endpoints in the client's zone (Kubernetes 1.34 and later). */
  PREFER_SAME_ZONE = 'PreferSameZone',
  /** Prefer endpoints on the client's node, then its zone (Kubernetes 1.34 and later). */
  PREFER_SAME_NODE = 'PreferSameNode',
}

/** Session affinity of a Service (L4 only: by client IP, no cookies). */
export enum SessionAffinity {
  /** No affinity. */
  NONE = 'None',
  /** Connections from one client IP go to the same pod. */
  CLIENT_IP = 'ClientIP',
}

/** IP family policy of a Service (dual stack). */
export enum IpFamilyPolicy {
  /** One IP family. */
  SINGLE_STACK = 'SingleStack',
  /** Two families where the cluster has them, else one. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Two families; the Service is refused on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/** An IP family. */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

/**
 * A port of an {@link ExposedApp}.
 */
export interface ExposedPort extends ServicePortOptions {
  /**
   * The container port the Service port sends traffic to: `TargetPort.named('http')` (recommended: the
   * container's port number can then change without touching the Service) or `TargetPort.number(8080)`.
   *
   * @default - the container port named like this port's `name`
   */
  readonly targetPort?: TargetPort;

  /**
   * The node port, opened on every node. Must lie within the cluster's node port range, and is
   * cluster-wide: no other Service may use it.
   *
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
}

/**
 * A node port range (the API server's `--service-node-port-range`).
 */
export interface NodePortRange {
  /** The lowest node port. */
  readonly min: number;
  /** The highest node port. */
  readonly max: number;
}

/**
 * Annotations that make a cloud provider create an internal load balancer.
 */
export class LoadBalancerPreset {
  /**
   * An internal AWS Network Load Balancer: `service.beta.kubernetes.io/aws-load-balancer-type: nlb`,
   * `...-scheme: internal` (AWS Load Balancer Controller) and `...-internal: "true"` (in-tree provider).
   */
  public static awsInternalNlb(): LoadBalancerPreset {
    return new LoadBalancerPreset('awsInternalNlb', {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
    });
  }

  /** An internal GCP passthrough Network Load Balancer: `networking.gke.io/load-balancer-type: Internal`. */
  public static gcpInternal(): LoadBalancerPreset {
    return new LoadBalancerPreset('gcpInternal', { 'networking.gke.io/load-balancer-type': 'Internal' });
  }

  /** An internal Azure load balancer: `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`. */
  public static azureInternal(): LoadBalancerPreset {
    return new LoadBalancerPreset('azureInternal', { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
  }

  /**
   * @param name the preset's name, for messages
   * @param annotations the Service annotations the preset sets
   */
  private constructor(public readonly name: string, public readonly annotations: { [key: string]: string }) {}
}

/**
 * A port the selected pods declare (what `containerPort` says in their pod template).
 */
export interface DeclaredPodPort {
  /** The container port number. */
  readonly number: number;
  /**
   * The container port name (what a named target port refers to).
   *
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;
}

/**
 * Pods the app does not own (a Helm release, another repository): the labels to select them by and the ports
 * they declare, so that target ports are still checked.
 */
export interface PodSelection {
  /** The labels the pods carry; the Service selects them. */
  readonly labels: { [key: string]: string };
  /**
   * The container ports the pods declare.
   *
   * @default - none declared: only numeric target ports can be used
   */
  readonly ports?: DeclaredPodPort[];
}

/**
 * Properties of an {@link ExposedApp}: the pods the Service fronts come from one of `deployment` (cdk8s-plus-27),
 * `workload` (any Deployment or StatefulSet construct), `pods` (pods the app does not own), or the options to
 * build a Deployment (`container` and/or `deploymentProps`).
 */
export interface ExposedAppProps extends ServicePatternProps, AppLabelsProps {
  /** ClusterIP (inside the cluster only), NodePort or LoadBalancer. */
  readonly type: ExposureType;

  /**
   * The Service ports. With more than one port every port needs a name.
   */
  readonly ports: ExposedPort[];

  /**
   * An existing cdk8s-plus Deployment whose pods the Service selects. It is not copied: its labels and
   * containers are read as they are at synth.
   *
   * @default - a Deployment is built from `container` and `deploymentProps`
   */
  readonly deployment?: kplus.Deployment;

  /**
   * An existing workload of any kind whose pods the Service selects: a Deployment or StatefulSet of any
   * cdk8s-plus version (27 to 34), a raw `KubeDeployment` / `KubeStatefulSet`, or any construct whose ApiObject
   * has `spec.selector` and `spec.template`. Its selector, pod labels and container ports are read from its
   * resolved manifest at synth.
   *
   * @default - see `deployment`, `pods` and `container`
   */
  readonly workload?: IConstruct;

  /**
   * Pods the app does not own, by labels, with the ports they declare.
   *
   * @default - see `deployment`, `workload` and `container`
   */
  readonly pods?: PodSelection;

  /**
   * The main container of the Deployment to build (image, ports, env, resources, probes...). When the
   * container that declares the port the first exposed port targets has no readiness probe and that port is
   * TCP, a TCP readiness probe on it is added, so pods receive traffic only once they accept connections.
   * A probe you give is kept untouched. The probe is chosen from the ports given at construction.
   *
   * @default - only the containers of `deploymentProps`
   */
  readonly container?: kplus.ContainerProps;

  /**
   * Options of the Deployment to build: replicas, strategy, volumes, more containers...
   * `metadata.name` defaults to the Service name. The default readiness probe (see `container`) goes to
   * the container that declares the port the first exposed port targets.
   *
   * @default - the cdk8s-plus-27 Deployment defaults (2 replicas, RollingUpdate 25%/25%), named like the Service
   */
  readonly deploymentProps?: kplus.DeploymentProps;

  /**
   * Where external traffic may be sent.
   *
   * @default - not set (the API server uses Cluster)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;

  /**
   * The node port the load balancer health-checks (LoadBalancer with externalTrafficPolicy Local only).
   *
   * @default - allocated by the cluster when needed
   */
  readonly healthCheckNodePort?: number;

  /**
   * Session affinity.
   *
   * @default - not set (the API server uses None)
   */
  readonly sessionAffinity?: SessionAffinity;

  /**
   * How long a ClientIP session sticks, in seconds (1-86400). Only with `SessionAffinity.CLIENT_IP`.
   *
   * @default - not set (the API server uses 10800, three hours)
   */
  readonly sessionAffinityTimeoutSeconds?: number;

  /**
   * CIDRs allowed to reach the load balancer (LoadBalancer only).
   *
   * @default - not set: open to every source the cloud allows (usually 0.0.0.0/0)
   */
  readonly loadBalancerSourceRanges?: string[];

  /**
   * The load balancer implementation (LoadBalancer only), e.g. `service.k8s.aws/nlb`.
   *
   * @default - the cluster's default implementation
   */
  readonly loadBalancerClass?: string;

  /**
   * Whether node ports are allocated for a LoadBalancer Service (LoadBalancer only). `false` for load
   * balancers that route to pod IPs directly.
   *
   * @default - not set (the API server uses true)
   */
  readonly allocateLoadBalancerNodePorts?: boolean;

  /**
   * Annotations for an internal load balancer of a cloud provider (LoadBalancer only), merged into the
   * Service's annotations; `annotations` override the preset's.
   *
   * @default - no preset
   */
  readonly loadBalancerPreset?: LoadBalancerPreset;

  /**
   * The IP family policy (dual stack).
   *
   * @default - not set (the API server uses SingleStack)
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;

  /**
   * The IP families, in order of preference.
   *
   * @default - chosen by the API server: the cluster's primary family (both, primary first, under a dual-stack policy on a dual-stack cluster)
   */
  readonly ipFamilies?: IpFamily[];

  /**
   * The cluster's node port range, for clusters started with another `--service-node-port-range`.
   *
   * @default { min: 30000, max: 32767 }
   */
  readonly nodePortRange?: NodePortRange;

  /**
   * Where traffic from inside the cluster goes (`Local`: only to pods on the client's node).
   *
   * @default - not set (the API server uses Cluster)
   */
  readonly internalTrafficPolicy?: InternalTrafficPolicy;

  /**
   * A preference for nearby endpoints. Needs Kubernetes 1.33 (PreferClose, deprecated from 1.35) or 1.34 (PreferSameZone,
   * PreferSameNode).
   *
   * @default - not set: traffic is spread over every endpoint
   */
  readonly trafficDistribution?: TrafficDistribution;

  /**
   * Lists pods that are not ready among the endpoints (for peers that must find each other before they are ready).
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}
