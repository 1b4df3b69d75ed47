import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServiceFacts } from './report';
import { DEFAULT_CLUSTER_DOMAIN, ServicePatternBase, ServicePatternProps, ServicePortOptions } from './service-base';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, FindingCollector, parseIp } from './validation';

/**
 * What an {@link ExternalAlias} points at: an outside DNS name, or a Service of the cluster (typically in
 * another namespace).
 */
export class AliasTarget {
  /**
   * An outside fully qualified domain name, e.g. `db.example.com`. One trailing dot is removed.
   */
  public static fromDnsName(dnsName: string): AliasTarget {
    return new AliasTarget(dnsName, 'externalName');
  }

  /**
   * A Service of the cluster by name and namespace: `<serviceName>.<namespace>.svc.<clusterDomain>`.
   *
   * @param clusterDomain the cluster's DNS domain; default "cluster.local"
   */
  public static fromServiceName(serviceName: string, namespace: string, clusterDomain?: string): AliasTarget {
    const domain = clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    const target = new AliasTarget(`${serviceName}.${namespace}.svc.${domain}`, 'target service');
    target._serviceParts = { serviceName, namespace, clusterDomain: domain };
    return target;
  }

  /**
   * A Service built by one of this library's constructs (its `dnsName`).
   */
  public static fromServicePattern(pattern: ServicePatternBase): AliasTarget {
    return AliasTarget.fromServiceName(pattern.serviceName, pattern.namespace, pattern.clusterDomain);
  }

  /** @internal */
  public _serviceParts?: { serviceName: string; namespace: string; clusterDomain: string };

  /**
   * @param hostname the DNS name as given
   * @param field the prop that named it, for messages
   */
  private constructor(public readonly hostname: string, private readonly field: string) {}

  /**
   * The field messages name for this target.
   * @internal
   */
  public get _field(): string {
    return this.field;
  }
}

/**
 * Properties of an {@link ExternalAlias}.
 */
export interface ExternalAliasProps extends ServicePatternProps {
  /**
   * The DNS name the Service's name resolves to (a CNAME), e.g. `external.example.com`. One trailing dot is
   * removed; the rest must be a lowercase DNS-1123 subdomain. Exactly one of `externalName` and `target`.
   *
   * @default - taken from `target`
   */
  readonly externalName?: string;

  /**
   * The alias target, e.g. `AliasTarget.fromServiceName('db', 'data')` for a Service in another namespace.
   * Exactly one of `externalName` and `target`.
   *
   * @default - taken from `externalName`
   */
  readonly target?: AliasTarget;

  /**
   * Ports of the Service. ExternalName Services do not proxy, but ingress controllers and service meshes
   * read the ports, so they are kept in the output.
   *
   * @default - no ports
   */
  readonly ports?: ServicePortOptions[];
}

/**
 * A `type: ExternalName` Service: cluster DNS answers the Service name with a CNAME to another DNS name.
 * Nothing is proxied and no cluster IP is allocated; moving the target means changing one object.
 */
export class ExternalAlias extends ServicePatternBase {
  /** The DNS name the Service resolves to (normalised: no trailing dot). */
  public readonly externalName: string;

  private readonly ports: ServicePortOptions[];
  private readonly externalNameField: string;
  private readonly targetCount: number;
  private readonly targetParts?: { serviceName: string; namespace: string; clusterDomain: string };

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: ExternalAliasProps) {
    super(scope, id, props);
    this.targetCount = (props.externalName !== undefined ? 1 : 0) + (props.target !== undefined ? 1 : 0);
    const raw = props.externalName ?? props.target?.hostname ?? '';
    this.externalNameField = props.externalName !== undefined ? 'externalName' : props.target?._field ?? 'externalName';
    this.targetParts = props.externalName === undefined ? props.target?._serviceParts : undefined;
    this.externalName = typeof raw === 'string' && raw.endsWith('.') ? raw.slice(0, -1) : raw;
    this.ports = [...(props.ports ?? [])];
  }

  /** @internal */
  public _serviceFacts(): Omit<ServiceFacts, 'kind' | 'name' | 'namespace'> {
    return { type: 'ExternalName', hasSelector: false, manualEndpoints: false, ports: this.ports.map((p) => ({ ...p })) };
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /** The Service ports, in order. */
  public get servicePorts(): ServicePortOptions[] {
    return [...this.ports];
  }

  /** @internal */
  protected _renderServiceSpec(): kplus.k8s.ServiceSpec {
    return {
      type: 'ExternalName',
      externalName: this.externalName,
      ports: this._renderPorts(this.ports),
    };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    this._collectPortFindings(findings, this.ports);
    if (this.targetCount !== 1) {
      findings.addWithoutValue('SP_ALIAS_TARGET', 'externalName',
        this.targetCount === 0 ? 'no alias target was given' : 'both `externalName` and `target` were given',
        'pass exactly one of `externalName: "db.example.com"` or `target: AliasTarget.fromServiceName(...)`');
      return;
    }
    const field = this.externalNameField;
    const name: unknown = this.externalName;
    if (typeof name !== 'string') {
      findings.add('SP_EXTERNAL_NAME', field, name, `must be a string, got ${typeof name}`, 'give a DNS name such as "db.example.com"');
      return;
    }
    if (this.targetParts !== undefined) {
      const { serviceName, namespace } = this.targetParts;
      findings.check(checkDns1035Label(serviceName), 'SP_ALIAS_TARGET_SERVICE', `${field} serviceName`, serviceName,
        'name an existing Service (a DNS-1035 label such as "db")');
      findings.check(checkDns1123Label(namespace), 'SP_ALIAS_TARGET_NAMESPACE', `${field} namespace`, namespace,
        'name an existing namespace (a DNS-1123 label such as "data")');
    }
    const ip = parseIp(name) ?? parseIp(name.replace(/^\[|\]$/g, ''));
    if (ip !== undefined) {
      findings.add('SP_EXTERNAL_NAME_IP', field, name,
        'is an IP address; cluster DNS would publish it as a CNAME target, which never resolves',
        'use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name');
      return;
    }
    if (name !== name.toLowerCase() && checkDns1123Subdomain(name.toLowerCase()) === undefined) {
      findings.add('SP_EXTERNAL_NAME', field, name, 'must be lowercase (a DNS-1123 subdomain)',
        `use ${JSON.stringify(name.toLowerCase())}`);
      return;
    }
    if (findings.check(checkDns1123Subdomain(name), 'SP_EXTERNAL_NAME', field, name,
      'give a fully qualified DNS name such as "db.example.com" (one trailing dot is allowed)')) {
      return;
    }
    if (name === this.dnsName || (this.namespace === this.targetParts?.namespace && this.serviceName === this.targetParts.serviceName)) {
      findings.add('SP_EXTERNAL_NAME_LOOP', field, name, 'points at this Service itself, a CNAME loop that never resolves',
        'point the alias at another Service or an outside DNS name');
    }
  }
}
