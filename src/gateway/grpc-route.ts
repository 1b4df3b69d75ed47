import { Construct } from 'constructs';
import { HttpRouteFilter } from './http-route-filter';
import { HttpRouteBackend, HttpValueMatch, HttpValueMatchType } from './http-route-props';
import { RouteBase } from './route-base';
import { RouteParent } from './route-parent';
import * as gw from '../imports/gateway.networking.k8s.io';
import { ServiceBackend } from '../ingress/backend';
import { FindingCollector } from '../private/findings';
import { guardProps } from '../private/guards';
import { copyModel } from '../private/model';
import { GRPC_ROUTE_PROPS } from '../private/prop-shapes';
import {
  checkGrpcMethodName, checkGrpcServiceName, checkHttpHeaderName, checkHttpHeaderValue, checkRegularExpression, checkSectionName, grpcMatchKey,
} from '../private/rules/gateway';

/**
 * A gRPC method condition: the service, the method, or both.
 */
export interface GrpcMethodMatch {
  /**
   * The fully qualified service, e.g. `shop.v1.Cart`.
   *
   * @default - every service
   */
  readonly service?: string;
  /**
   * The method, e.g. `AddItem`.
   *
   * @default - every method
   */
  readonly method?: string;
  /**
   * How service and method are compared.
   *
   * @default HttpValueMatchType.EXACT
   */
  readonly type?: HttpValueMatchType;
}

/**
 * A match of a GRPCRoute rule: every condition given must hold.
 */
export interface GrpcRouteMatch {
  /**
   * The gRPC method.
   *
   * @default - every method of every service
   */
  readonly method?: GrpcMethodMatch;
  /**
   * Header conditions.
   *
   * @default - none
   */
  readonly headers?: HttpValueMatch[];
}

/**
 * A rule of a GRPCRoute: matches, filters and the backends matching calls go to.
 */
export interface GrpcRouteRule {
  /**
   * The rule name (for policies and status).
   *
   * @default - none
   */
  readonly name?: string;
  /**
   * The matches (the rule applies when any matches).
   *
   * @default - every call
   */
  readonly matches?: GrpcRouteMatch[];
  /**
   * The filters, in order: header modifiers and mirrors (GRPCRoute has no redirect or rewrite).
   *
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /** The backends, weighted (at least one). */
  readonly backends: HttpRouteBackend[];
}

/**
 * Properties of a {@link GrpcRoute}.
 */
export interface GrpcRouteProps {
  /**
   * The GRPCRoute name.
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
  /** The Gateways (and listeners) the route attaches to (1 to 32). */
  readonly parents: RouteParent[];
  /**
   * The hostnames the route serves (at most 16).
   *
   * @default - every hostname of the listeners
   */
  readonly hostnames?: string[];
  /** The rules (1 to 16). */
  readonly rules: GrpcRouteRule[];
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

/** A match as the model keeps it. */
interface GrpcMatchModel {
  readonly method?: { readonly service?: string; readonly method?: string; readonly type: string };
  readonly headers: ReadonlyArray<{ readonly name: string; readonly value: string; readonly type: string }>;
}

/** A rule as the model keeps it. */
interface GrpcRuleModel {
  readonly name?: string;
  readonly matches?: readonly GrpcMatchModel[];
  readonly filters: readonly HttpRouteFilter[];
  readonly backends: ReadonlyArray<{ readonly backend?: ServiceBackend; readonly weight?: number }>;
}

/** The filter types a GRPCRoute takes. */
const GRPC_FILTERS: readonly string[] = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror'];
/** The CRD's limits. */
const LIMITS = { matches: 64, totalMatches: 128, headers: 16 } as const;

function grpcRuleModel(rule: GrpcRouteRule | undefined): GrpcRuleModel {
  return {
    ...(rule?.name !== undefined ? { name: rule.name } : {}),
    ...(rule?.matches !== undefined ? {
      matches: rule.matches.map((m) => ({
        ...(m?.method !== undefined
          ? { method: { service: m.method?.service, method: m.method?.method, type: m.method?.type ?? HttpValueMatchType.EXACT } }
          : {}),
        headers: (m?.headers ?? []).map((h) => ({ name: h?.name, value: h?.value, type: h?.type ?? HttpValueMatchType.EXACT })),
      })),
    } : {}),
    filters: (rule?.filters ?? []).filter((f): f is HttpRouteFilter => f instanceof HttpRouteFilter),
    backends: (rule?.backends ?? []).map((b) => ({
      ...(b?.backend instanceof ServiceBackend ? { backend: b.backend } : {}),
      ...(b?.weight !== undefined ? { weight: b.weight } : {}),
    })),
  };
}

/**
 * A `gateway.networking.k8s.io/v1` GRPCRoute: gRPC calls matched by service, method and headers, sent to
 * weighted Service backends, with header modifiers and mirrors; attached like an HttpRoute, and checked the
 * same way (a listener must take GRPCRoute; an HTTPRoute and a GRPCRoute must not share a listener hostname).
 */
export class GrpcRoute extends RouteBase {
  private readonly rules: readonly GrpcRuleModel[];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: GrpcRouteProps) {
    const guarded = guardProps(props, GRPC_ROUTE_PROPS);
    const given = copyModel(guarded.value);
    super(scope, id, 'GRPCRoute', given);
    this._keepGuardFindings(guarded.findings);
    this.rules = (given.rules ?? []).map(grpcRuleModel);
    this._grantBackends(this.rules.flatMap((r) => [...r.backends.map((b) => b.backend), ...r.filters.map((f) => f._mirrorBackend)]));
  }

  /** @internal */
  protected _renderRouteSpec(): unknown {
    const namespace = this.namespace;
    const spec: gw.GrpcRouteSpec = {
      ...this._renderParentsAndHostnames() as Pick<gw.GrpcRouteSpec, 'parentRefs' | 'hostnames'>,
      rules: this.rules.map((rule): gw.GrpcRouteSpecRules => ({
        ...(rule.name !== undefined ? { name: rule.name } : {}),
        ...(rule.matches !== undefined ? {
          matches: rule.matches.map((m) => ({
            ...(m.method !== undefined ? {
              method: {
                type: m.method.type as gw.GrpcRouteSpecRulesMatchesMethodType,
                ...(m.method.service !== undefined ? { service: m.method.service } : {}),
                ...(m.method.method !== undefined ? { method: m.method.method } : {}),
              },
            } : {}),
            ...(m.headers.length > 0
              ? { headers: m.headers.map((h) => ({ name: h.name, value: h.value, type: h.type as gw.GrpcRouteSpecRulesMatchesHeadersType })) }
              : {}),
          })),
        } : {}),
        ...(rule.filters.length > 0 ? { filters: rule.filters.map((f) => f._render(namespace) as unknown as gw.GrpcRouteSpecRulesFilters) } : {}),
        ...(rule.backends.length > 0 ? { backendRefs: this._renderBackends(rule.backends) } : {}),
      })),
    };
    return gw.toJson_GrpcRouteSpec(spec);
  }

  /** @internal */
  protected _ruleCount(): number {
    return this.rules.length;
  }

  /** @internal */
  protected _collectRuleFindings(findings: FindingCollector): void {
    const total = this.rules.reduce((sum, r) => sum + (r.matches?.length ?? 1), 0);
    if (total >= LIMITS.totalMatches) {
      findings.add('SP_ROUTE_SIZE', 'rules', total, `a GRPCRoute has fewer than ${LIMITS.totalMatches} matches across its rules`, 'split the route');
    }
    const seen = new Map<string, string>();
    this.rules.forEach((rule, r) => {
      const field = `rules[${r}]`;
      if (rule.name !== undefined) findings.check(checkSectionName(rule.name), 'SP_ROUTE_RULE_NAME', `${field}.name`, rule.name, 'use a lowercase name such as "cart"');
      const matches = rule.matches ?? [{ headers: [] }];
      if (matches.length > LIMITS.matches) findings.add('SP_ROUTE_SIZE', `${field}.matches`, matches.length, `a rule has at most ${LIMITS.matches} matches`, 'split the rule');
      (rule.matches ?? []).forEach((m, j) => collectGrpcMatchFindings(findings, `${field}.matches[${j}]`, m));
      matches.forEach((m, j) => {
        const key = grpcMatchKey(m);
        const at = rule.matches !== undefined ? `${field}.matches[${j}]` : field;
        const first = seen.get(key);
        if (first !== undefined) {
          findings.add('SP_ROUTE_MATCH_DUPLICATE', at, describeMatch(m), `${first} has the same match; the later one never applies`, 'merge the rules, or make the matches differ');
        } else {
          seen.set(key, at);
        }
      });
      rule.filters.forEach((f, i) => {
        const at = `${field}.filters[${i}]`;
        if (!GRPC_FILTERS.includes(f._type)) {
          findings.add('SP_ROUTE_FILTER_KIND', at, f._type, `a GRPCRoute takes ${GRPC_FILTERS.join(', ')} filters only`, 'remove the filter (redirects and rewrites are HTTPRoute filters)');
        } else {
          f._collectFindings(findings, at, this.namespace);
        }
        if (f._type !== 'RequestMirror' && rule.filters.findIndex((g) => g._type === f._type) < i) {
          findings.add('SP_ROUTE_FILTER_REPEATED', at, f._type, `the rule already has a ${f._type}; it cannot be repeated in a rule`, 'merge them into one filter');
        }
      });
      if (rule.backends.length === 0) {
        findings.addWithoutValue('SP_ROUTE_BACKENDS', `${field}.backends`, 'a GRPCRoute rule without backends answers every call with UNAVAILABLE', 'add backends');
      }
      this._collectBackendFindings(findings, field, rule.backends);
    });
  }
}

function describeMatch(m: GrpcMatchModel): string {
  const method = m.method === undefined ? '*' : `${m.method.service ?? '*'}/${m.method.method ?? '*'}`;
  return `${method}${m.headers.length > 0 ? ' (with header conditions)' : ''}`;
}

function collectGrpcMatchFindings(findings: FindingCollector, field: string, m: GrpcMatchModel): void {
  if (m.method !== undefined) {
    const { service, method, type } = m.method;
    if (service === undefined && method === undefined) {
      findings.addWithoutValue('SP_GRPC_METHOD', `${field}.method`, 'a method match needs a service, a method or both', 'give { service: "shop.v1.Cart" }, { method: "AddItem" } or both');
    }
    const exact = type === HttpValueMatchType.EXACT;
    if (service !== undefined) {
      findings.check(exact ? checkGrpcServiceName(service) : checkRegularExpression(service), 'SP_GRPC_METHOD', `${field}.method.service`, service,
        exact ? 'use a fully qualified service such as "shop.v1.Cart"' : 'use a valid regular expression');
    }
    if (method !== undefined) {
      findings.check(exact ? checkGrpcMethodName(method) : checkRegularExpression(method), 'SP_GRPC_METHOD', `${field}.method.method`, method,
        exact ? 'use a method name such as "AddItem"' : 'use a valid regular expression');
    }
  }
  if (m.headers.length > LIMITS.headers) findings.add('SP_ROUTE_SIZE', `${field}.headers`, m.headers.length, `a match has at most ${LIMITS.headers} headers`, 'split the match');
  const names = new Set<string>();
  m.headers.forEach((h, k) => {
    const at = `${field}.headers[${k}]`;
    if (findings.check(checkHttpHeaderName(h.name), 'SP_ROUTE_HEADER', `${at}.name`, h.name, 'use a name such as "x-tenant"')) return;
    findings.check(checkHttpHeaderValue(h.value), 'SP_ROUTE_HEADER', `${at}.value`, h.value, 'use a non-empty value');
    if (names.has(h.name.toLowerCase())) {
      findings.add('SP_ROUTE_HEADER_DUPLICATE', `${at}.name`, h.name, 'is already a condition of this match (header names are case-insensitive)', 'give each name once');
    }
    names.add(h.name.toLowerCase());
  });
}
