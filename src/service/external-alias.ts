import { Construct } from 'constructs';
import { DEFAULT_CLUSTER_DOMAIN, ServicePatternBase, ServicePatternProps, ServicePortOptions } from './service-base';
import { Finding, FindingCollector } from '../private/findings';
import { guardArgs, guardProps, rebase } from '../private/guards';
import { copyModel } from '../private/model';
import { EXTERNAL_ALIAS_PROPS, FACTORY_ARGS } from '../private/prop-shapes';
import { checkDnsLabelLengths } from '../private/rules/http';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain } from '../private/rules/names';
import { parseIp } from '../private/rules/net';
import { checkSensitiveExternalName } from '../private/rules/security';

/** The Service an {@link AliasTarget} names, when it names one of the cluster. */
interface TargetService {
  readonly serviceName: string;
  readonly namespace: string;
  readonly clusterDomain: string;
}

/**
 * What an {@link ExternalAlias} points at: an outside DNS name, or a Service of the cluster (typically in
 * another namespace).
 */
export class AliasTarget {
  /**
   * An outside fully qualified domain name, e.g. `db.example.com`. One trailing dot is removed; the rest must
   * be a lowercase DNS-1123 subdomain.
   */
  public static fromDnsName(dnsName: string): AliasTarget {
    const { values: [name], findings } = guardArgs([['', dnsName, FACTORY_ARGS['AliasTarget.fromDnsName'][0]]]);
    return new AliasTarget((name as string | undefined) ?? '', 'target', undefined, findings);
  }

  /**
   * A Service of the cluster by name and namespace: `<serviceName>.<namespace>.svc.<clusterDomain>`.
   *
   * @param serviceName the name of the Service
   * @param namespace the namespace of the Service
   * @param clusterDomain the cluster's DNS domain; default "cluster.local"
   */
  public static fromServiceName(serviceName: string, namespace: string, clusterDomain?: string): AliasTarget {
    const [nameArg, namespaceArg, domainArg] = FACTORY_ARGS['AliasTarget.fromServiceName'];
    const { values, findings } = guardArgs([
      ['serviceName', serviceName, nameArg], ['namespace', namespace, namespaceArg], ['clusterDomain', clusterDomain, domainArg],
    ]);
    const [name, ns, domain] = [values[0] ?? '', values[1] ?? '', values[2] ?? DEFAULT_CLUSTER_DOMAIN] as string[];
    return new AliasTarget(`${name}.${ns}.svc.${domain}`, 'target service',
      Object.freeze({ serviceName: name, namespace: ns, clusterDomain: domain }), findings);
  }

  /**
   * A Service built by one of this library's constructs (its `dnsName`).
   */
  public static fromServicePattern(pattern: ServicePatternBase): AliasTarget {
    const { values: [given], findings } = guardArgs([['', pattern, FACTORY_ARGS['AliasTarget.fromServicePattern'][0]]]);
    if (given === undefined) return new AliasTarget('', 'target', undefined, findings);
    return AliasTarget.fromServiceName(pattern.serviceName, pattern._namespaceFor('the DNS name an ExternalAlias points at'), pattern.clusterDomain);
  }

  /**
   * The field messages name for this target.
   * @internal
   */
  public readonly _field: string;

  /**
   * The Service of the cluster this target names, when it names one.
   * @internal
   */
  public readonly _service?: TargetService;

  /**
   * What the guards refused in the factory's arguments (fields relative to `_field`).
   * @internal
   */
  public readonly _guardFindings: readonly Finding[];

  /**
   * @param hostname the DNS name as given
   * @param field the field messages name for it
   * @param service the Service of the cluster it names, if any
   * @param guardFindings what the guards refused in the factory's arguments
   */
  private constructor(public readonly hostname: string, field: string, service: TargetService | undefined, guardFindings: readonly Finding[]) {
    this._field = field;
    this._service = service;
    this._guardFindings = guardFindings;
  }
}

/**
 * Properties of an {@link ExternalAlias}.
 */
export interface ExternalAliasProps extends ServicePatternProps {
  /**
   * What the Service's name resolves to (a CNAME): `AliasTarget.fromDnsName('db.example.com')` for an outside
   * DNS name, `AliasTarget.fromServiceName('db', 'data')` for a Service in another namespace.
   */
  readonly target: AliasTarget;

  /**
   * Ports of the Service. ExternalName Services do not proxy, but ingress controllers and service meshes
   * read the ports, so they are kept in the output.
   *
   * @default - no ports
   */
  readonly ports?: ServicePortOptions[];
}

/** The alias target as the model keeps it: read from the AliasTarget once, at construction. */
interface TargetModel {
  /** The DNS name, one trailing dot removed. */
  readonly name: string;
  /** The field messages name. */
  readonly field: string;
  readonly service?: TargetService;
  /** What the guards refused in the factory's arguments, at their fields. */
  readonly refused: readonly Finding[];
}

/** Reads an AliasTarget into the model; undefined when none (or something else) was given. */
function targetModel(target: unknown): TargetModel | undefined {
  if (!(target instanceof AliasTarget)) return undefined;
  const raw = target.hostname;
  return {
    name: raw.endsWith('.') ? raw.slice(0, -1) : raw,
    field: target._field,
    refused: rebase(target._guardFindings, target._field, ' '),
    ...(target._service !== undefined ? { service: { ...target._service } } : {}),
  };
}

/**
 * A `type: ExternalName` Service: cluster DNS answers the Service name with a CNAME to another DNS name.
 * Nothing is proxied and no cluster IP is allocated; moving the target means changing one object.
 */
export class ExternalAlias extends ServicePatternBase {
  private readonly ports: ServicePortOptions[];
  private readonly target?: TargetModel;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: ExternalAliasProps) {
    const guarded = guardProps(props, EXTERNAL_ALIAS_PROPS);
    super(scope, id, guarded.value);
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(guarded.value);
    this.target = targetModel(model.target);
    this.ports = model.ports ?? [];
  }

  /** The DNS name the Service resolves to (normalised: no trailing dot). */
  public get externalName(): string {
    return this.target?.name ?? '';
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /** The Service ports, in order (copies: change them with the props, not through this list). */
  public get servicePorts(): ServicePortOptions[] {
    return copyModel(this.ports);
  }

  /** @internal */
  protected _renderServiceSpec(): { [field: string]: unknown } {
    return {
      type: 'ExternalName',
      externalName: this.target?.name ?? '',
      ports: this._renderPorts(this.ports),
    };
  }

  /** @internal */
  protected _collectServiceFindings(findings: FindingCollector): void {
    this._collectPortFindings(findings, this.ports);
    const target = this.target;
    if (target === undefined) {
      findings.addWithoutValue('SP_ALIAS_TARGET', 'target', 'no alias target was given',
        'pass `target: AliasTarget.fromDnsName("db.example.com")` or `target: AliasTarget.fromServiceName("db", "data")`');
      return;
    }
    if (target.refused.length > 0) {
      target.refused.forEach((f) => findings.addFinding(f));
      return;
    }
    const name = target.name;
    if (target.service !== undefined) {
      this.collectTargetServiceFindings(findings, target.field, target.service);
    }
    if (!this.collectDnsNameFindings(findings, target.field, name)) {
      this.collectLoopFindings(findings, target.field, name, target.service);
      collectSensitiveNameFinding(findings, target.field, name);
    }
  }

  private collectTargetServiceFindings(findings: FindingCollector, field: string, service: TargetService): void {
    findings.check(checkDns1035Label(service.serviceName), 'SP_ALIAS_TARGET_SERVICE', `${field} serviceName`, service.serviceName,
      'name an existing Service (a DNS-1035 label such as "db")');
    findings.check(checkDns1123Label(service.namespace), 'SP_ALIAS_TARGET_NAMESPACE', `${field} namespace`, service.namespace,
      'name an existing namespace (a DNS-1123 label such as "data")');
  }

  /** Checks the DNS name itself; returns whether a finding was recorded. */
  private collectDnsNameFindings(findings: FindingCollector, field: string, name: string): boolean {
    const ip = parseIp(name) ?? parseIp(name.replace(/^\[|\]$/g, ''));
    if (ip !== undefined) {
      findings.add('SP_EXTERNAL_NAME_IP', field, name,
        'is an IP address; cluster DNS would publish it as a CNAME target, which never resolves',
        'use ManualEndpointService to give a Service fixed IP endpoints, or give the target a DNS name');
      return true;
    }
    if (name !== name.toLowerCase() && checkDns1123Subdomain(name.toLowerCase()) === undefined) {
      findings.add('SP_EXTERNAL_NAME', field, name, 'must be lowercase (a DNS-1123 subdomain)',
        `use ${JSON.stringify(name.toLowerCase())}`);
      return true;
    }
    return findings.check(checkDns1123Subdomain(name), 'SP_EXTERNAL_NAME', field, name,
      'give a fully qualified DNS name such as "db.example.com" (one trailing dot is allowed)')
      || findings.check(checkDnsLabelLengths(name), 'SP_EXTERNAL_NAME_LABEL', field, name, 'shorten every label of the name to 63 characters or fewer');
  }

  private collectLoopFindings(findings: FindingCollector, field: string, name: string, service: TargetService | undefined): void {
    const named = service !== undefined && this.namespace === service.namespace && this.serviceName === service.serviceName;
    if (name === this._dnsName(this.namespace) || named) {
      findings.add('SP_EXTERNAL_NAME_LOOP', field, name, 'points at this Service itself, a CNAME loop that never resolves',
        'point the alias at another Service or an outside DNS name');
    }
  }
}

/** Warns when the alias points at a loopback name, the API server or a cloud metadata name. */
function collectSensitiveNameFinding(findings: FindingCollector, field: string, name: string): void {
  const violation = checkSensitiveExternalName(name);
  if (violation !== undefined) {
    findings.warn('SP_EXTERNAL_NAME_SENSITIVE', field, name, violation,
      'point the alias at the outside service\'s own DNS name; reach the API server through its in-cluster Service and the node or metadata service not at all');
  }
}
