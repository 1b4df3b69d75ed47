import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { grantReference } from './reference-grant';
import * as gw from '../imports/gateway.networking.k8s.io';
import { BoundTls, collectCertManagerFindings, TlsSource } from '../ingress/tls-source';
import { NameRule, PatternBase } from '../pattern-base';
import { FindingCollector } from '../private/findings';
import { GATEWAY_GROUP } from '../private/gateway-facts';
import { guardProps } from '../private/guards';
import { copyModel } from '../private/model';
import { GATEWAY_PROPS } from '../private/prop-shapes';
import { checkGatewayHostname, checkSectionName, routeKindsOfProtocol } from '../private/rules/gateway';
import { checkDns1123Label, checkDns1123Subdomain, collectAnnotationFindings, collectLabelFindings } from '../private/rules/names';
import { checkPortNumber } from '../private/rules/ports';

/** The protocol of a Gateway listener. */
export enum ListenerProtocol {
  /** Plain HTTP: HTTPRoute and GRPCRoute. */
  HTTP = 'HTTP',
  /** HTTPS, TLS terminated at the Gateway with the listener's certificate: HTTPRoute and GRPCRoute. */
  HTTPS = 'HTTPS',
  /** TLS passed through to the backend (or terminated, with a certificate): TLSRoute. */
  TLS = 'TLS',
}

/** The namespaces whose routes a listener admits. */
export enum RouteNamespaces {
  /** Routes of the Gateway's namespace only. */
  SAME = 'Same',
  /** Routes of every namespace. */
  ALL = 'All',
  /** Routes of the namespaces whose labels match `namespaceSelector`. */
  SELECTOR = 'Selector',
}

/** A route kind a listener admits. */
export enum RouteKind {
  /** HTTPRoute (HTTP and HTTPS listeners). */
  HTTP_ROUTE = 'HTTPRoute',
  /** GRPCRoute (HTTP and HTTPS listeners). */
  GRPC_ROUTE = 'GRPCRoute',
  /** TLSRoute (TLS listeners). */
  TLS_ROUTE = 'TLSRoute',
}

/**
 * A listener of a {@link Gateway}: a port, a protocol and, optionally, a hostname.
 */
export interface GatewayListener {
  /** The listener name, unique in the Gateway; routes attach to it by this name (`sectionName`). */
  readonly name: string;
  /** The protocol. */
  readonly protocol: ListenerProtocol;
  /**
   * The port.
   *
   * @default 80 for HTTP, 443 for HTTPS and TLS
   */
  readonly port?: number;
  /**
   * The hostname the listener serves, e.g. `shop.example.com` or `*.example.com`.
   *
   * @default - every hostname
   */
  readonly hostname?: string;
  /**
   * The certificate: required for HTTPS (terminated at the Gateway). For TLS, a certificate terminates TLS at
   * the Gateway; without one, TLS is passed through to the backend.
   *
   * @default - none (HTTP; TLS passthrough)
   */
  readonly tls?: TlsSource;
  /**
   * The namespaces whose routes the listener admits.
   *
   * @default RouteNamespaces.SAME
   */
  readonly allowedNamespaces?: RouteNamespaces;
  /**
   * The labels a namespace needs for its routes to be admitted (with `RouteNamespaces.SELECTOR` only).
   *
   * @default - none
   */
  readonly namespaceSelector?: { [key: string]: string };
  /**
   * The route kinds the listener admits.
   *
   * @default - the protocol's kinds (HTTPRoute and GRPCRoute for HTTP and HTTPS, TLSRoute for TLS)
   */
  readonly allowedKinds?: RouteKind[];
}

/**
 * Properties of a {@link Gateway}.
 */
export interface GatewayProps {
  /**
   * The Gateway name. Implementations name the Services and Deployments they create after it, so keep it a
   * DNS label (at most 63 characters).
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly gatewayName?: string;
  /**
   * The namespace of the Gateway and its Secrets.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /** The GatewayClass (`spec.gatewayClassName`), e.g. `eg` (Envoy Gateway), `istio`, `cilium`, `nginx`. */
  readonly gatewayClassName: string;
  /** The listeners (1 to 64). */
  readonly listeners: GatewayListener[];
  /**
   * Labels the implementation puts on the infrastructure it creates for the Gateway (its Service, Deployment...).
   *
   * @default - none
   */
  readonly infrastructureLabels?: { [key: string]: string };
  /**
   * Annotations the implementation puts on the infrastructure it creates (e.g. cloud load balancer settings).
   *
   * @default - none
   */
  readonly infrastructureAnnotations?: { [key: string]: string };
  /**
   * Labels of the Gateway and its Secrets.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Gateway (a cert-manager source adds its issuer annotation).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A listener as the model keeps it: defaults applied, its TLS source bound. */
export interface ListenerModel {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly hostname?: string;
  readonly allowedNamespaces: string;
  readonly namespaceSelector?: { readonly [key: string]: string };
  readonly allowedKinds?: readonly string[];
  readonly tls?: BoundTls;
}

/** The most listeners of a Gateway (the CRD's maxItems). */
const MAX_LISTENERS = 64;

/**
 * A `gateway.networking.k8s.io/v1` Gateway: listeners (HTTP, HTTPS, TLS) that routes attach to, with HTTPS
 * certificates from the same sources as TlsIngress (PEM: a `kubernetes.io/tls` Secret is created and checked
 * against the listener's hostname; an existing Secret; cert-manager, through the Gateway annotation its
 * gateway-shim reads).
 *
 * Platform teams often own the Gateway: routes of an app can also attach to one it only refers to, with
 * `RouteParent.fromExternalGateway`.
 */
export class Gateway extends PatternBase {
  /** The Gateway object. */
  public readonly gatewayObject: ApiObject;
  /** The TLS Secrets this construct creates (PEM sources only), in listener order. */
  public readonly secrets: ApiObject[];
  /** The Gateway name. */
  public readonly gatewayName: string;

  private readonly gatewayClassName: string;
  private readonly listeners: readonly ListenerModel[];
  private readonly infrastructureLabels: { [key: string]: string };
  private readonly infrastructureAnnotations: { [key: string]: string };
  private readonly renderedAnnotations: { [key: string]: string };

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: GatewayProps) {
    const guarded = guardProps(props, GATEWAY_PROPS);
    const given = guarded.value;
    super(scope, id, { name: given.gatewayName, namespace: given.namespace, labels: given.labels, annotations: given.annotations });
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(given);
    this.gatewayName = this._name;
    this.gatewayClassName = model.gatewayClassName;
    this.infrastructureLabels = model.infrastructureLabels ?? {};
    this.infrastructureAnnotations = model.infrastructureAnnotations ?? {};
    this.listeners = (model.listeners ?? []).map((l, i) => this.listenerModel(l, i));
    const fromSources: { [key: string]: string } = {};
    for (const listener of this.listeners) Object.assign(fromSources, listener.tls?.annotations ?? {});
    this.renderedAnnotations = { ...fromSources, ...this._annotations };

    this.secrets = [];
    this.listeners.forEach((listener, i) => {
      const data = listener.tls?.secretData;
      if (data === undefined) return;
      this.secrets.push(this._emit(`TlsSecret${i}`, 'v1', 'Secret', this._objectMetadata(listener.tls!.secretName, this._labels), {
        type: () => 'kubernetes.io/tls',
        data,
      }));
    });
    // a listener's Secret in another namespace: that namespace grants this Gateway the reference
    for (const { tls } of this.listeners) {
      // (a namespace that is not a namespace name is refused; no grant is made for it)
      if (tls?.secretNamespace !== undefined && tls.secretNamespace !== this.namespace && checkDns1123Label(tls.secretNamespace) === undefined) {
        grantReference(this, 'Gateway', this.namespace, 'Secret', tls.secretNamespace, tls.secretName);
      }
    }
    this.gatewayObject = this._emit('Resource', `${GATEWAY_GROUP}/v1`, 'Gateway', this._objectMetadata(this.gatewayName, this._labels, this.renderedAnnotations), {
      spec: () => gw.toJson_GatewaySpec(this.renderSpec()),
    });
  }

  /** The listener names, in order. */
  public get listenerNames(): string[] {
    return this.listeners.map((l) => l.name);
  }

  /**
   * The listeners as routes' checks read them.
   * @internal
   */
  public _listeners(): readonly ListenerModel[] {
    return this.listeners;
  }

  private listenerModel(listener: GatewayListener, i: number): ListenerModel {
    const protocol: string = listener?.protocol;
    const hostname = listener?.hostname;
    const source = listener?.tls;
    return {
      name: listener?.name,
      protocol,
      port: listener?.port ?? (protocol === ListenerProtocol.HTTP ? 80 : 443),
      ...(hostname !== undefined ? { hostname } : {}),
      allowedNamespaces: listener?.allowedNamespaces ?? RouteNamespaces.SAME,
      ...(listener?.namespaceSelector !== undefined ? { namespaceSelector: listener.namespaceSelector } : {}),
      ...(listener?.allowedKinds !== undefined ? { allowedKinds: listener.allowedKinds } : {}),
      ...(source instanceof TlsSource
        ? { tls: source._bind({ field: `listeners[${i}].tls`, hosts: hostname !== undefined ? [hostname] : [], defaultSecretName: () => `${this.gatewayName}-${listener?.name}-tls` }) }
        : {}),
    };
  }

  private renderSpec(): gw.GatewaySpec {
    const hasInfrastructure = Object.keys(this.infrastructureLabels).length + Object.keys(this.infrastructureAnnotations).length > 0;
    return {
      gatewayClassName: this.gatewayClassName,
      listeners: this.listeners.map((l): gw.GatewaySpecListeners => ({
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
        ...(l.tls !== undefined || l.protocol === ListenerProtocol.TLS
          ? {
            tls: l.tls !== undefined
              ? {
                mode: gw.GatewaySpecListenersTlsMode.TERMINATE,
                certificateRefs: [{
                  group: '', kind: 'Secret', name: l.tls.secretName, ...(l.tls.secretNamespace !== undefined ? { namespace: l.tls.secretNamespace } : {}),
                }],
              }
              : { mode: gw.GatewaySpecListenersTlsMode.PASSTHROUGH },
          }
          : {}),
        // allowedRoutes only when it differs from the default (routes of the Gateway's namespace, the protocol's kinds)
        ...(l.allowedNamespaces !== RouteNamespaces.SAME || l.allowedKinds !== undefined
          ? {
            allowedRoutes: {
              namespaces: {
                from: l.allowedNamespaces as gw.GatewaySpecListenersAllowedRoutesNamespacesFrom,
                ...(l.namespaceSelector !== undefined ? { selector: { matchLabels: { ...l.namespaceSelector } } } : {}),
              },
              ...(l.allowedKinds !== undefined ? { kinds: l.allowedKinds.map((kind) => ({ group: GATEWAY_GROUP, kind })) } : {}),
            },
          }
          : {}),
      })),
      ...(hasInfrastructure
        ? {
          infrastructure: {
            ...(Object.keys(this.infrastructureLabels).length > 0 ? { labels: { ...this.infrastructureLabels } } : {}),
            ...(Object.keys(this.infrastructureAnnotations).length > 0 ? { annotations: { ...this.infrastructureAnnotations } } : {}),
          },
        }
        : {}),
    };
  }

  /** @internal */
  protected _nameRule(): NameRule {
    return {
      field: 'gatewayName',
      code: 'SP_GATEWAY_NAME',
      check: checkDns1123Label,
      fix: () => 'use a lowercase name of at most 63 characters such as "shared-gateway" (implementations name their Services after it)',
    };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    findings.check(checkDns1123Subdomain(this.gatewayClassName), 'SP_GATEWAY_CLASS', 'gatewayClassName', this.gatewayClassName,
      'name a GatewayClass of the cluster, e.g. "eg" (Envoy Gateway), "istio" or "cilium"');
    collectLabelFindings(findings, 'infrastructureLabels', this.infrastructureLabels);
    collectAnnotationFindings(findings, 'infrastructureAnnotations', this.infrastructureAnnotations);
    if (this.listeners.length === 0 || this.listeners.length > MAX_LISTENERS) {
      findings.add('SP_GATEWAY_LISTENERS', 'listeners', this.listeners.length, `a Gateway has 1 to ${MAX_LISTENERS} listeners`,
        'e.g. listeners: [{ name: "https", protocol: ListenerProtocol.HTTPS, tls: TlsSource.fromExistingSecret("web-tls") }]');
    }
    const names = new Map<string, number>();
    const endpoints = new Map<string, number>();
    this.listeners.forEach((l, i) => {
      this.collectListenerFindings(findings, `listeners[${i}]`, l);
      const first = names.get(l.name);
      if (first !== undefined) {
        findings.add('SP_GATEWAY_LISTENER_DUPLICATE', `listeners[${i}].name`, l.name, `is also the name of listeners[${first}]; listener names are unique in a Gateway`, 'give each listener its own name');
      } else {
        names.set(l.name, i);
      }
      const endpoint = `${l.port} ${l.protocol} ${l.hostname ?? '*'}`;
      const same = endpoints.get(endpoint);
      if (same !== undefined) {
        findings.add('SP_GATEWAY_LISTENER_DUPLICATE', `listeners[${i}]`, `${l.protocol} ${l.port} ${l.hostname ?? '(every hostname)'}`,
          `listeners[${same}] has the same port, protocol and hostname; each combination is unique in a Gateway`, 'change the port or hostname, or merge the listeners');
      } else {
        endpoints.set(endpoint, i);
      }
    });
    collectCertManagerFindings(findings, this.listeners.map((l) => l.tls).filter((b): b is BoundTls => b !== undefined), 'Gateway');
  }

  private collectListenerFindings(findings: FindingCollector, field: string, l: ListenerModel): void {
    findings.check(checkSectionName(l.name), 'SP_GATEWAY_LISTENER_NAME', `${field}.name`, l.name, 'use a lowercase name such as "https"');
    findings.check(checkPortNumber(l.port), 'SP_PORT_NUMBER', `${field}.port`, l.port, 'use a port such as 443');
    if (l.hostname !== undefined) {
      findings.check(checkGatewayHostname(l.hostname), 'SP_GATEWAY_HOSTNAME', `${field}.hostname`, l.hostname, 'use a DNS name such as "shop.example.com" or "*.example.com"');
    }
    if (l.protocol === ListenerProtocol.HTTPS && l.tls === undefined) {
      findings.addWithoutValue('SP_GATEWAY_LISTENER_TLS', `${field}.tls`, 'an HTTPS listener needs a certificate (Gateway API v1.6: HTTPS terminates TLS at the Gateway)',
        'give tls: TlsSource.fromExistingSecret("shop-tls"), fromCertManager(...) or fromPem(...); or use ListenerProtocol.HTTP');
    }
    if (l.protocol === ListenerProtocol.HTTP && l.tls !== undefined) {
      findings.addWithoutValue('SP_GATEWAY_LISTENER_TLS', `${field}.tls`, 'an HTTP listener takes no certificate', 'use ListenerProtocol.HTTPS, or remove tls');
    }
    if (l.tls !== undefined) {
      findings.check(checkDns1123Subdomain(l.tls.secretName), 'SP_TLS_SECRET_NAME', `${field}.tls.secretName`, l.tls.secretName, 'use a lowercase name such as "shop-tls"');
      l.tls.collectFindings(findings);
      if (l.tls.issuesEveryEntry && l.hostname === undefined) {
        findings.addWithoutValue('SP_GATEWAY_CERT_MANAGER_HOSTNAME', `${field}.hostname`, 'cert-manager issues certificates only for listeners with a hostname',
          'set the listener hostname, e.g. "shop.example.com"');
      }
    }
    const selects = l.allowedNamespaces === RouteNamespaces.SELECTOR;
    const selector = l.namespaceSelector ?? {};
    if (selects && Object.keys(selector).length === 0) {
      findings.addWithoutValue('SP_GATEWAY_NAMESPACE_SELECTOR', `${field}.namespaceSelector`, 'RouteNamespaces.SELECTOR needs the labels a namespace must have',
        'e.g. namespaceSelector: { "shared-gateway-access": "true" }');
    } else if (!selects && l.namespaceSelector !== undefined) {
      findings.addWithoutValue('SP_GATEWAY_NAMESPACE_SELECTOR', `${field}.namespaceSelector`, 'a namespace selector is read with RouteNamespaces.SELECTOR only',
        'set allowedNamespaces: RouteNamespaces.SELECTOR, or remove namespaceSelector');
    }
    collectLabelFindings(findings, `${field}.namespaceSelector`, l.namespaceSelector as { [key: string]: string } | undefined);
    const takes = routeKindsOfProtocol(l.protocol);
    (l.allowedKinds ?? []).forEach((kind, k) => {
      if (!takes.includes(kind)) {
        findings.add('SP_GATEWAY_ROUTE_KIND', `${field}.allowedKinds[${k}]`, kind, `a ${l.protocol} listener takes ${takes.join(', ')}`, 'list route kinds of the listener\'s protocol');
      }
    });
  }
}
