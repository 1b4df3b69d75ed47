import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { NameRule, PatternBase } from '../pattern-base';
import { FindingCollector } from '../private/findings';
import { PatternObject } from '../private/pattern-object';
import { checkDns1035Label, checkDns1123Subdomain, suggestDns1035Label } from '../private/rules/names';
import { collectServicePortFindings } from '../private/rules/ports';

/** The cluster domain Kubernetes clusters use unless the kubelet is configured otherwise. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/**
 * A port of a Service, common to every pattern of this library.
 */
export interface ServicePortOptions {
  /**
   * The port the Service listens on.
   */
  readonly port: number;

  /**
   * The port's name: a DNS-1123 label. Required when the Service has more than one port; Endpoints and
   * EndpointSlice ports, SRV records (`_<name>._<protocol>.<service>...`) and Ingress backends refer to it.
   *
   * @default - no name (allowed only for a single-port Service)
   */
  readonly name?: string;

  /**
   * The IP protocol of the port.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * The application protocol of the port (`appProtocol`), e.g. `http`, `https`, `kubernetes.io/h2c`.
   * Some ingress controllers and service meshes read it.
   *
   * @default - not set
   */
  readonly appProtocol?: string;
}

/**
 * Properties every Service pattern of this library accepts.
 */
export interface ServicePatternProps {
  /**
   * The name of the Service: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter,
   * at most 63 characters). Clients reach the Service at `<serviceName>.<namespace>.svc.<clusterDomain>`.
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly serviceName?: string;

  /**
   * The namespace of the Service (and of every object the pattern emits).
   *
   * @default - the chart's namespace; DNS names assume `default` when neither is set
   */
  readonly namespace?: string;

  /**
   * The cluster's DNS domain, used to compute the fully qualified DNS names this construct exposes.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;

  /**
   * Extra labels for the Service.
   *
   * @default - no extra labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations for the Service.
   *
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
}

/** A Service port as rendered into the manifest: the user's port with its target, when it has one. */
export interface RenderedServicePort extends ServicePortOptions {
  /** A container port name, or a number. */
  readonly targetPort?: string | number;
  /** The node port, for NodePort and LoadBalancer Services. */
  readonly nodePort?: number;
}

/**
 * The shared base of every Service pattern: the Service object, its name, namespace and DNS name, and the
 * validation of what every Service has in common.
 */
export abstract class ServicePatternBase extends PatternBase {
  /**
   * The Service object this construct emits. Its fields are rendered from the construct at synth; every
   * field of the API is reachable through `addJsonPatch`, and a patched Service is checked like any other.
   */
  public readonly service: ApiObject;

  /** The Service's name. */
  public readonly serviceName: string;

  /** The cluster DNS domain used in the DNS names this construct exposes. */
  public readonly clusterDomain: string;


  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  protected constructor(scope: Construct, id: string, props: ServicePatternProps) {
    const given = props ?? {};
    super(scope, id, { name: given.serviceName, namespace: given.namespace, labels: given.labels, annotations: given.annotations });
    this.serviceName = this._name;
    this.clusterDomain = given.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    this.service = this._emit('Resource', 'v1', 'Service', this._objectMetadata(this.serviceName, this._labels, this._annotations), {
      spec: () => this._renderServiceSpec(),
    });
  }

  /**
   * The Service's fully qualified cluster DNS name: `<serviceName>.<namespace>.svc.<clusterDomain>`. Without a
   * namespace (props or chart) it assumes `default`, and the synth warns (SP_NAMESPACE_ASSUMED).
   */
  public get dnsName(): string {
    return this._dnsName(this._namespaceFor('dnsName'));
  }

  /**
   * The DNS name in `namespace`.
   * @internal
   */
  protected _dnsName(namespace: string): string {
    return `${this.serviceName}.${namespace}.svc.${this.clusterDomain}`;
  }

  /**
   * The Service's ports (number and name), for Ingress backends. Called at synth time.
   * @internal
   */
  public abstract _backendPorts(): Array<{ readonly port: number; readonly name?: string }>;

  /**
   * The Service object, as the construct emits it.
   * @internal
   */
  protected get _serviceObject(): PatternObject {
    return this.service as PatternObject;
  }

  /** @internal */
  protected _nameRule(): NameRule {
    return {
      field: 'serviceName',
      code: 'SP_SERVICE_NAME',
      check: checkDns1035Label,
      fix: (name) => `use a name such as ${JSON.stringify(suggestDns1035Label(name))}`,
    };
  }

  /**
   * Renders the Service's `spec`, manifest-shaped (`clusterIP`, not `clusterIp`). Called at synth time.
   * @internal
   */
  protected abstract _renderServiceSpec(): { [field: string]: unknown };

  /**
   * Records the checks every Service shares (cluster domain), then the pattern's own.
   * @internal
   */
  protected _collectFindings(findings: FindingCollector): void {
    findings.check(checkDns1123Subdomain(this.clusterDomain), 'SP_CLUSTER_DOMAIN', 'clusterDomain', this.clusterDomain,
      'use the kubelet\'s --cluster-domain, usually "cluster.local"');
    this._collectServiceFindings(findings);
  }

  /**
   * Records the pattern-specific findings. Called at synth time.
   * @internal
   */
  protected abstract _collectServiceFindings(findings: FindingCollector): void;

  /**
   * Validates a Service port list (names, numbers, protocols, duplicates).
   * @internal
   */
  protected _collectPortFindings(findings: FindingCollector, ports: readonly ServicePortOptions[], field = 'ports'): void {
    collectServicePortFindings(findings, field, ports);
  }

  /**
   * Renders Service ports in the order given, omitting unset optional fields.
   * @internal
   */
  protected _renderPorts(ports: readonly RenderedServicePort[]): Array<{ [field: string]: unknown }> | undefined {
    if (ports.length === 0) {
      return undefined;
    }
    return ports.map((p) => ({
      ...(p.name !== undefined && p.name !== '' ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol ?? kplus.Protocol.TCP,
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
      ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    }));
  }
}
