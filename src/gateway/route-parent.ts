import { Gateway, ListenerProtocol, RouteNamespaces } from './gateway';
import { Finding, FindingCollector } from '../private/findings';
import { judgeParent, KnownGateway } from '../private/gateway-rules';
import { guardArgs, rebase } from '../private/guards';
import { copyModel } from '../private/model';
import { FACTORY_ARGS } from '../private/prop-shapes';
import { checkGatewayHostname, checkSectionName } from '../private/rules/gateway';
import { checkDns1123Label } from '../private/rules/names';
import { checkPortNumber } from '../private/rules/ports';

/**
 * What an app knows of a listener of a Gateway it does not own, so that its routes are checked against it.
 */
export interface DeclaredListener {
  /** The listener name. */
  readonly name: string;
  /** The listener protocol. */
  readonly protocol: ListenerProtocol;
  /**
   * The listener port.
   *
   * @default 80 for HTTP, 443 for HTTPS and TLS
   */
  readonly port?: number;
  /**
   * The listener hostname.
   *
   * @default - every hostname
   */
  readonly hostname?: string;
  /**
   * The namespaces whose routes the listener admits.
   *
   * @default RouteNamespaces.SAME
   */
  readonly allowedNamespaces?: RouteNamespaces;
}

/**
 * A Gateway that lives outside the app (a platform team's), referred to by name.
 */
export interface ExternalGatewayOptions {
  /** The Gateway name. */
  readonly gatewayName: string;
  /** The Gateway's namespace. */
  readonly namespace: string;
  /**
   * The listener to attach to.
   *
   * @default - every listener of the Gateway that takes the route
   */
  readonly sectionName?: string;
  /**
   * What the app knows of the Gateway's listeners: with them, routes are checked as against a Gateway of the
   * app (the listener exists, takes the route's kind and namespace, serves its hostnames).
   *
   * @default - nothing is known: only the reference itself is checked
   */
  readonly listeners?: DeclaredListener[];
}

/**
 * Options of a route's attachment to a Gateway of the app.
 */
export interface GatewayParentOptions {
  /**
   * The listener to attach to, by name.
   *
   * @default - every listener of the Gateway that takes the route
   */
  readonly sectionName?: string;
}

/** A listener as a TlsIngress emitted as Gateway API checks its TLS against it. */
interface KnownListener {
  readonly protocol: string;
  readonly hostname?: string;
  /** Undefined: not known (a declared listener). */
  readonly hasCertificate?: boolean;
}

/** How a route renders a parent. */
interface ParentRef {
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
}

/**
 * The Gateway (and, optionally, the listener) a route attaches to: a {@link Gateway} of the app, or a Gateway
 * the app refers to by name.
 */
export class RouteParent {
  /**
   * A Gateway of this app. The App-wide checks judge the attachment against its listeners.
   *
   * @param gateway the Gateway
   * @param options the listener
   */
  public static fromGateway(gateway: Gateway, options?: GatewayParentOptions): RouteParent {
    const [gatewayArg, optionsArg] = FACTORY_ARGS['RouteParent.fromGateway'];
    const { values: [given, parentOptions], findings } = guardArgs([['', gateway, gatewayArg], ['', options, optionsArg]]);
    const sectionName = (copyModel(parentOptions ?? {}) as GatewayParentOptions).sectionName;
    if (given === undefined) return new RouteParent('', '', sectionName, undefined, findings);
    return new RouteParent(gateway.gatewayName, gateway.namespace, sectionName, undefined, findings, gateway);
  }

  /**
   * A Gateway outside the app, by name and namespace; what `listeners` declares of it is checked like a Gateway
   * of the app.
   *
   * @param options the Gateway, the listener and what is known of the listeners
   */
  public static fromExternalGateway(options: ExternalGatewayOptions): RouteParent {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['RouteParent.fromExternalGateway'][0]]]);
    const external = copyModel((given ?? {}) as ExternalGatewayOptions);
    const declared: KnownGateway | undefined = external.listeners === undefined ? undefined : {
      namespace: external.namespace,
      listeners: external.listeners.map((l) => ({
        name: l?.name,
        protocol: l?.protocol,
        port: l?.port ?? (l?.protocol === ListenerProtocol.HTTP ? 80 : 443),
        ...(l?.hostname !== undefined ? { hostname: l.hostname } : {}),
        allowedNamespaces: l?.allowedNamespaces ?? RouteNamespaces.SAME,
      })),
    };
    return new RouteParent(external.gatewayName ?? '', external.namespace ?? '', external.sectionName, declared, findings);
  }

  private constructor(
    private readonly gatewayName: string,
    private readonly gatewayNamespace: string,
    private readonly sectionName: string | undefined,
    private readonly declared: KnownGateway | undefined,
    private readonly refused: readonly Finding[],
    private readonly gateway?: Gateway,
  ) {}

  /**
   * The listeners the parent attaches to, as far as the app knows them (a Gateway of the app, or what is
   * declared of another); undefined when nothing is known.
   * @internal
   */
  public _knownListeners(): KnownListener[] | undefined {
    const matches = (name: string) => this.sectionName === undefined || name === this.sectionName;
    if (this.gateway !== undefined) {
      return this.gateway._listeners().filter((l) => matches(l.name))
        .map((l) => ({ protocol: l.protocol, ...(l.hostname !== undefined ? { hostname: l.hostname } : {}), hasCertificate: l.tls !== undefined }));
    }
    return this.declared?.listeners.filter((l) => matches(l.name))
      .map((l) => ({ protocol: l.protocol, ...(l.hostname !== undefined ? { hostname: l.hostname } : {}) }));
  }

  /**
   * The parentRef of a route in `routeNamespace` (manifest-shaped).
   * @internal
   */
  public _render(routeNamespace: string): ParentRef {
    return {
      name: this.gatewayName,
      ...(this.gatewayNamespace !== routeNamespace ? { namespace: this.gatewayNamespace } : {}),
      ...(this.sectionName !== undefined ? { sectionName: this.sectionName } : {}),
    };
  }

  /**
   * Records the findings of the parent at `field` of a route (kind, namespace, hostnames). A Gateway of the
   * app is judged App-wide; a declared one here.
   * @internal
   */
  public _collectFindings(findings: FindingCollector, field: string, route: { kind: string; namespace: string; hostnames: readonly string[] }): void {
    if (this.refused.length > 0) {
      rebase(this.refused, field).forEach((f) => findings.addFinding(f));
      return;
    }
    findings.check(checkDns1123Label(this.gatewayName), 'SP_GATEWAY_NAME', `${field}.gatewayName`, this.gatewayName, 'name the Gateway, e.g. "shared-gateway"');
    findings.check(checkDns1123Label(this.gatewayNamespace), 'SP_NAMESPACE', `${field}.namespace`, this.gatewayNamespace, 'use the Gateway\'s namespace, e.g. "infra"');
    if (this.sectionName !== undefined) {
      findings.check(checkSectionName(this.sectionName), 'SP_GATEWAY_LISTENER_NAME', `${field}.sectionName`, this.sectionName, 'name a listener, e.g. "https"');
    }
    if (this.declared === undefined) return;
    let valid = true;
    this.declared.listeners.forEach((l, i) => {
      const at = `${field}.listeners[${i}]`;
      valid = !findings.check(checkSectionName(l.name), 'SP_GATEWAY_LISTENER_NAME', `${at}.name`, l.name, 'use the listener\'s name, e.g. "https"') && valid;
      valid = !findings.check(checkPortNumber(l.port), 'SP_PORT_NUMBER', `${at}.port`, l.port, 'use the listener\'s port, e.g. 443') && valid;
      if (l.hostname !== undefined) {
        valid = !findings.check(checkGatewayHostname(l.hostname), 'SP_GATEWAY_HOSTNAME', `${at}.hostname`, l.hostname, 'use the listener\'s hostname') && valid;
      }
    });
    if (!valid) return;
    const label = `Gateway ${this.gatewayNamespace}/${this.gatewayName} (declared)`;
    for (const p of judgeParent(route, { gatewayLabel: label, sectionName: this.sectionName }, this.declared)) {
      const at = p.field === 'hostnames' ? 'hostnames' : p.field === 'gateway' ? field : `${field}.${p.field}`;
      findings.add(p.code, at, p.value, p.rule, p.fix);
    }
  }
}
