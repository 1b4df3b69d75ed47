import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { grantReference } from './reference-grant';
import { RouteParent } from './route-parent';
import { ServiceBackend } from '../ingress/backend';
import { NameRule, PatternBase } from '../pattern-base';
import { FindingCollector } from '../private/findings';
import { GATEWAY_GROUP } from '../private/gateway-facts';
import { checkBackendWeight, checkGatewayHostname } from '../private/rules/gateway';
import { checkDns1123Subdomain } from '../private/rules/names';

/** A weighted backend as a route's model keeps it. */
export interface WeightedBackendModel {
  /** Undefined when none (or something else than a ServiceBackend) was given. */
  readonly backend?: ServiceBackend;
  readonly weight?: number;
}

/** What every route kind has: name, namespace, labels, annotations, parents and hostnames. */
export interface RouteBaseProps {
  /**
   * The route name.
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly routeName?: string;
  /**
   * The namespace of the route.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The Gateways (and listeners) the route attaches to (1 to 32).
   *
   * @default - none (a finding: a route needs a parent)
   */
  readonly parents?: RouteParent[];
  /**
   * The hostnames the route serves (at most 16).
   *
   * @default - every hostname of the listeners
   */
  readonly hostnames?: string[];
  /**
   * Labels of the route.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the route.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** The CRDs' limits shared by HTTPRoute and GRPCRoute. */
export const ROUTE_LIMITS = { parents: 32, hostnames: 16, rules: 16, backends: 16, filters: 16, conditions: 16 } as const;

/**
 * The shared base of the Gateway API routes (HttpRoute, GrpcRoute): the route object, its parents and
 * hostnames and their checks, weighted backends and the ReferenceGrants they need.
 */
export abstract class RouteBase extends PatternBase {
  /** The route object. */
  public readonly route: ApiObject;
  /** The route name. */
  public readonly routeName: string;

  /** The kind emitted, `HTTPRoute` or `GRPCRoute`. @internal */
  protected readonly _routeKind: string;
  /** The parents (Gateways and listeners). @internal */
  protected readonly _parents: readonly RouteParent[];
  /** The hostnames. @internal */
  protected readonly _hostnames: readonly string[];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param kind `HTTPRoute` or `GRPCRoute`
   * @param props the common props, guarded by the subclass
   */
  protected constructor(scope: Construct, id: string, kind: string, props: RouteBaseProps) {
    super(scope, id, { name: props.routeName, namespace: props.namespace, labels: props.labels, annotations: props.annotations });
    this._routeKind = kind;
    this.routeName = this._name;
    this._parents = (props.parents ?? []).filter((p): p is RouteParent => p instanceof RouteParent);
    this._hostnames = props.hostnames ?? [];
    this.route = this._emit('Resource', `${GATEWAY_GROUP}/v1`, kind, this._objectMetadata(this.routeName, this._labels, this._annotations), {
      spec: () => this._renderRouteSpec(),
    });
  }

  /** The hostnames the route serves (empty: every hostname of its listeners). */
  public get routeHostnames(): string[] {
    return [...this._hostnames];
  }

  /**
   * The spec, manifest-shaped.
   * @internal
   */
  protected abstract _renderRouteSpec(): unknown;

  /**
   * The rules' findings.
   * @internal
   */
  protected abstract _collectRuleFindings(findings: FindingCollector): void;

  /**
   * The number of rules (for the size rule).
   * @internal
   */
  protected abstract _ruleCount(): number;

  /** @internal */
  protected _nameRule(): NameRule {
    return { field: 'routeName', code: 'SP_ROUTE_NAME', check: checkDns1123Subdomain, fix: () => 'use a lowercase name such as "web"' };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    const namespace = this.namespace;
    const sizes: Array<[string, number, number, number]> = [
      ['parents', this._parents.length, 1, ROUTE_LIMITS.parents],
      ['hostnames', this._hostnames.length, 0, ROUTE_LIMITS.hostnames],
      ['rules', this._ruleCount(), 1, ROUTE_LIMITS.rules],
    ];
    for (const [field, size, min, max] of sizes) {
      if (size < min || size > max) {
        findings.add('SP_ROUTE_SIZE', field, size, `a ${this._routeKind} has ${min} to ${max} ${field}`, size < min ? `add ${field}` : 'split the route');
      }
    }
    const route = { kind: this._routeKind, namespace, hostnames: this._hostnames };
    this._parents.forEach((p, i) => p._collectFindings(findings, `parents[${i}]`, route));
    this.collectParentDuplicates(findings);
    this._hostnames.forEach((h, i) => findings.check(checkGatewayHostname(h), 'SP_GATEWAY_HOSTNAME', `hostnames[${i}]`, h,
      'use a DNS name such as "shop.example.com" or "*.example.com"'));
    this._collectRuleFindings(findings);
  }

  /** The parentRefs and hostnames of the spec. @internal */
  protected _renderParentsAndHostnames(): { parentRefs: unknown[]; hostnames?: string[] } {
    const namespace = this.namespace;
    return {
      parentRefs: this._parents.map((p) => p._render(namespace)),
      ...(this._hostnames.length > 0 ? { hostnames: [...this._hostnames] } : {}),
    };
  }

  /** The backendRefs of a rule. @internal */
  protected _renderBackends(backends: readonly WeightedBackendModel[]): Array<{ name: string; namespace?: string; port?: number; weight?: number }> {
    const namespace = this.namespace;
    return backends.map((b) => ({ ...(b.backend?._routeRef(namespace) ?? { name: '' }), ...(b.weight !== undefined ? { weight: b.weight } : {}) }));
  }

  /** The findings of a rule's backends at `field` (`rules[0]`). @internal */
  protected _collectBackendFindings(findings: FindingCollector, field: string, backends: readonly WeightedBackendModel[]): void {
    if (backends.length > ROUTE_LIMITS.backends) {
      findings.add('SP_ROUTE_SIZE', `${field}.backends`, backends.length, `a rule has at most ${ROUTE_LIMITS.backends} backends`, 'split the rule');
    }
    backends.forEach((b, k) => {
      const at = `${field}.backends[${k}]`;
      if (b.weight !== undefined) findings.check(checkBackendWeight(b.weight), 'SP_ROUTE_WEIGHT', `${at}.weight`, b.weight, 'use a weight such as 90 and 10 for a 90/10 split');
      if (b.backend === undefined) {
        findings.addWithoutValue('SP_BACKEND_REQUIRED', `${at}.backend`, 'a backend needs a ServiceBackend', 'give backend: ServiceBackend.fromServicePattern(...)');
      } else {
        b.backend._collectRouteFindings(findings, `${at}.backend`, this.namespace);
      }
    });
    if (backends.length > 0 && backends.every((b) => b.weight === 0)) {
      findings.addWithoutValue('SP_ROUTE_WEIGHT', `${field}.backends`, 'every backend has weight 0: the rule answers every request with 500', 'give a backend a positive weight');
    }
  }

  /** Backends of the app in another namespace need a ReferenceGrant there: one per pair of namespaces, App-wide. @internal */
  protected _grantBackends(backends: ReadonlyArray<ServiceBackend | undefined>): void {
    for (const backend of backends) {
      const target = backend?._grantTarget();
      if (target !== undefined && target.namespace !== this.namespace) {
        grantReference(target.scope, this._routeKind, this.namespace, 'Service', target.namespace, backend!.serviceName);
      }
    }
  }

  /** Each Gateway + listener once; a Gateway referred to twice needs a sectionName each time. */
  private collectParentDuplicates(findings: FindingCollector): void {
    const namespace = this.namespace;
    const parentKeys = new Map<string, number>();
    this._parents.forEach((p, i) => {
      const ref = p._render(namespace);
      const key = `${ref.namespace ?? namespace}/${ref.name}/${ref.sectionName ?? ''}`;
      const first = parentKeys.get(key);
      if (first !== undefined) {
        findings.add('SP_ROUTE_PARENT_DUPLICATE', `parents[${i}]`, ref.name, `parents[${first}] is the same Gateway and listener`, 'attach to each listener once');
      } else {
        parentKeys.set(key, i);
      }
    });
    if (this._parents.length > 1 && [...parentKeys.keys()].some((k) => k.endsWith('/'))) {
      const gateways = [...parentKeys.keys()].map((k) => k.slice(0, k.lastIndexOf('/')));
      if (new Set(gateways).size < gateways.length) {
        findings.addWithoutValue('SP_ROUTE_PARENT_DUPLICATE', 'parents', 'a Gateway referred to more than once needs a sectionName in every reference',
          'give each reference to the Gateway its listener (sectionName)');
      }
    }
  }
}
