import { Construct } from 'constructs';
import { HttpRouteFilter } from './http-route-filter';
import { HttpPathType, HttpRouteBackend, HttpRouteMatch, HttpRouteProps, HttpRouteRule, HttpValueMatch, HttpValueMatchType } from './http-route-props';
import { RouteBase } from './route-base';
import * as gw from '../imports/gateway.networking.k8s.io';
import { ServiceBackend } from '../ingress/backend';
import { FindingCollector } from '../private/findings';
import { guardProps } from '../private/guards';
import { copyModel } from '../private/model';
import { HTTP_ROUTE_PROPS } from '../private/prop-shapes';
import {
  checkDuration, checkHttpHeaderName, checkHttpHeaderValue, checkHttpPathValue, checkSectionName, checkTimeouts, httpMatchKey,
} from '../private/rules/gateway';

/** A match as the model keeps it: defaults applied. */
interface MatchModel {
  readonly path: string;
  readonly pathType: string;
  readonly headers: ReadonlyArray<{ readonly name: string; readonly value: string; readonly type: string }>;
  readonly queryParams: ReadonlyArray<{ readonly name: string; readonly value: string; readonly type: string }>;
  readonly method?: string;
}

/** A rule as the model keeps it. */
interface RuleModel {
  readonly name?: string;
  /** Undefined: the default match (PathPrefix "/"), left to the API server's defaulting. */
  readonly matches?: readonly MatchModel[];
  readonly filters: readonly HttpRouteFilter[];
  readonly backends: ReadonlyArray<{ readonly backend?: ServiceBackend; readonly weight?: number }>;
  readonly requestTimeout?: string;
  readonly backendRequestTimeout?: string;
}

/** The CRD's limits. */
const LIMITS = { matches: 64, totalMatches: 128, filters: 16, conditions: 16 } as const;

function matchModel(m: HttpRouteMatch | undefined): MatchModel {
  const values = (list: HttpValueMatch[] | undefined) =>
    (list ?? []).map((v) => ({ name: v?.name, value: v?.value, type: v?.type ?? HttpValueMatchType.EXACT }));
  return {
    path: m?.path ?? '/',
    pathType: m?.pathType ?? HttpPathType.PATH_PREFIX,
    headers: values(m?.headers),
    queryParams: values(m?.queryParams),
    ...(m?.method !== undefined ? { method: m.method } : {}),
  };
}

function ruleModel(rule: HttpRouteRule | undefined): RuleModel {
  return {
    ...(rule?.name !== undefined ? { name: rule.name } : {}),
    ...(rule?.matches !== undefined ? { matches: rule.matches.map(matchModel) } : {}),
    filters: (rule?.filters ?? []).filter((f): f is HttpRouteFilter => f instanceof HttpRouteFilter),
    backends: (rule?.backends ?? []).map((b) => ({
      ...(b?.backend instanceof ServiceBackend ? { backend: b.backend } : {}),
      ...(b?.weight !== undefined ? { weight: b.weight } : {}),
    })),
    ...(rule?.requestTimeout !== undefined ? { requestTimeout: rule.requestTimeout } : {}),
    ...(rule?.backendRequestTimeout !== undefined ? { backendRequestTimeout: rule.backendRequestTimeout } : {}),
  };
}

/**
 * A `gateway.networking.k8s.io/v1` HTTPRoute: hostnames and ordered rules (path, header, query and method
 * matches; redirect, rewrite, header and mirror filters; timeouts) sending requests to weighted Service
 * backends, attached to Gateways of the app or Gateways it refers to.
 *
 * What a controller would only report in the route's status after the apply is refused at synth: a listener
 * that does not exist or does not take the route, hostnames no listener serves, a backend port the Service
 * lacks, two routes claiming one match. A backend of the app in another namespace gets its ReferenceGrant.
 */
export class HttpRoute extends RouteBase {
  private readonly rules: RuleModel[];

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: HttpRouteProps) {
    const guarded = guardProps(props, HTTP_ROUTE_PROPS);
    const given = copyModel(guarded.value);
    super(scope, id, 'HTTPRoute', given);
    this._keepGuardFindings(guarded.findings);
    this.rules = (given.rules ?? []).map(ruleModel);
    this._grantBackends(this.rules.flatMap((r) => [...r.backends.map((b) => b.backend), ...r.filters.map((f) => f._mirrorBackend)]));
  }

  /**
   * Merges an ingress-nginx canary into the rule it shares a host and path with (a TlsIngress emitted as
   * Gateway API): the rule's backends become `backends` (weighted), and `extraRules` (header matches) follow.
   * @internal
   */
  public _mergeCanary(ruleIndex: number, backends: readonly HttpRouteBackend[], extraRules: readonly HttpRouteRule[]): void {
    const rule = this.rules[ruleIndex];
    if (rule === undefined) return;
    this.rules[ruleIndex] = { ...rule, backends: ruleModel({ backends: [...backends] }).backends };
    this.rules.push(...extraRules.map(ruleModel));
    this._grantBackends(backends.map((b) => b.backend));
  }

  /** @internal */
  protected _renderRouteSpec(): unknown {
    const namespace = this.namespace;
    const spec: gw.HttpRouteSpec = {
      ...this._renderParentsAndHostnames() as Pick<gw.HttpRouteSpec, 'parentRefs' | 'hostnames'>,
      rules: this.rules.map((rule): gw.HttpRouteSpecRules => ({
        ...(rule.name !== undefined ? { name: rule.name } : {}),
        ...(rule.matches !== undefined ? { matches: rule.matches.map(renderMatch) } : {}),
        ...(rule.filters.length > 0 ? { filters: rule.filters.map((f) => f._render(namespace)) } : {}),
        ...(rule.backends.length > 0 ? { backendRefs: this._renderBackends(rule.backends) } : {}),
        ...(rule.requestTimeout !== undefined || rule.backendRequestTimeout !== undefined
          ? {
            timeouts: {
              ...(rule.requestTimeout !== undefined ? { request: rule.requestTimeout } : {}),
              ...(rule.backendRequestTimeout !== undefined ? { backendRequest: rule.backendRequestTimeout } : {}),
            },
          }
          : {}),
      })),
    };
    return gw.toJson_HttpRouteSpec(spec);
  }

  /** @internal */
  protected _ruleCount(): number {
    return this.rules.length;
  }

  /** @internal */
  protected _collectRuleFindings(findings: FindingCollector): void {
    const total = this.rules.reduce((sum, r) => sum + (r.matches?.length ?? 1), 0);
    if (total >= LIMITS.totalMatches) {
      findings.add('SP_ROUTE_SIZE', 'rules', total, `an HTTPRoute has fewer than ${LIMITS.totalMatches} matches across its rules`, 'split the route');
    }
    const seenMatches = new Map<string, string>();
    this.rules.forEach((rule, r) => this.collectRuleFindings(findings, `rules[${r}]`, rule, seenMatches));
  }

  private collectRuleFindings(findings: FindingCollector, field: string, rule: RuleModel, seenMatches: Map<string, string>): void {
    if (rule.name !== undefined) findings.check(checkSectionName(rule.name), 'SP_ROUTE_RULE_NAME', `${field}.name`, rule.name, 'use a lowercase name such as "api"');
    const matches = rule.matches ?? [matchModel(undefined)];
    if (matches.length > LIMITS.matches) findings.add('SP_ROUTE_SIZE', `${field}.matches`, matches.length, `a rule has at most ${LIMITS.matches} matches`, 'split the rule');
    (rule.matches ?? []).forEach((m, j) => this.collectMatchFindings(findings, `${field}.matches[${j}]`, m));
    matches.forEach((m, j) => {
      const key = httpMatchKey(m);
      const at = rule.matches !== undefined ? `${field}.matches[${j}]` : field;
      const first = seenMatches.get(key);
      if (first !== undefined) {
        findings.add('SP_ROUTE_MATCH_DUPLICATE', at, `${m.pathType} ${m.path}`, `${first} has the same match; the later one never applies (PathPrefix "/api" and "/api/" are the same match)`,
          'merge the rules, or make the matches differ');
      } else {
        seenMatches.set(key, at);
      }
    });
    this.collectFilterFindings(findings, field, rule, matches);
    this._collectBackendFindings(findings, field, rule.backends);
    const redirects = rule.filters.some((f) => f._type === 'RequestRedirect');
    if (rule.backends.length === 0 && !redirects) {
      findings.addWithoutValue('SP_ROUTE_BACKENDS', `${field}.backends`, 'a rule without backends and without a redirect answers every request with 500',
        'add backends, or a RequestRedirect filter (HttpRouteFilter.httpsRedirect())');
    }
    for (const [key, value] of [['requestTimeout', rule.requestTimeout], ['backendRequestTimeout', rule.backendRequestTimeout]] as const) {
      if (value !== undefined) findings.check(checkDuration(value), 'SP_ROUTE_TIMEOUT', `${field}.${key}`, value, 'use a duration such as "10s"');
    }
    findings.check(checkTimeouts(rule.requestTimeout, rule.backendRequestTimeout), 'SP_ROUTE_TIMEOUT', `${field}.backendRequestTimeout`, rule.backendRequestTimeout,
      'make backendRequestTimeout at most requestTimeout');
  }

  private collectMatchFindings(findings: FindingCollector, field: string, m: MatchModel): void {
    findings.check(checkHttpPathValue(m.path, m.pathType), 'SP_ROUTE_PATH', `${field}.path`, m.path,
      m.pathType === HttpPathType.REGULAR_EXPRESSION ? 'use a valid regular expression' : 'use a normalised absolute path such as "/api"');
    for (const [list, values] of [['headers', m.headers], ['queryParams', m.queryParams]] as const) {
      if (values.length > LIMITS.conditions) findings.add('SP_ROUTE_SIZE', `${field}.${list}`, values.length, `a match has at most ${LIMITS.conditions} ${list}`, 'split the match');
      const names = new Set<string>();
      values.forEach((v, k) => {
        const at = `${field}.${list}[${k}]`;
        if (findings.check(checkHttpHeaderName(v.name), 'SP_ROUTE_HEADER', `${at}.name`, v.name, 'use a name such as "X-Canary"')) return;
        findings.check(checkHttpHeaderValue(v.value, list === 'headers' ? 4096 : 1024), 'SP_ROUTE_HEADER', `${at}.value`, v.value, 'use a non-empty value');
        const key = list === 'headers' ? v.name.toLowerCase() : v.name;
        if (names.has(key)) {
          findings.add('SP_ROUTE_HEADER_DUPLICATE', `${at}.name`, v.name, `is already a condition of this match${list === 'headers' ? ' (header names are case-insensitive)' : ''}`, 'give each name once');
        }
        names.add(key);
      });
    }
  }

  private collectFilterFindings(findings: FindingCollector, field: string, rule: RuleModel, matches: readonly MatchModel[]): void {
    if (rule.filters.length > LIMITS.filters) findings.add('SP_ROUTE_SIZE', `${field}.filters`, rule.filters.length, `a rule has at most ${LIMITS.filters} filters`, 'split the rule');
    const seen = new Map<string, number>();
    rule.filters.forEach((f, i) => {
      const at = `${field}.filters[${i}]`;
      f._collectFindings(findings, at, this.namespace);
      const first = seen.get(f._type);
      if (first !== undefined && f._type !== 'RequestMirror') {
        findings.add('SP_ROUTE_FILTER_REPEATED', at, f._type, `${field}.filters[${first}] is also a ${f._type}; it cannot be repeated in a rule`, 'merge them into one filter');
      } else if (first === undefined) {
        seen.set(f._type, i);
      }
      if (f._replacesPrefix && !(matches.length === 1 && matches[0].pathType === HttpPathType.PATH_PREFIX)) {
        findings.addWithoutValue('SP_ROUTE_REPLACE_PREFIX', at, 'replacePrefixMatch needs exactly one match in the rule, a PathPrefix one',
          'give the rule one PathPrefix match, or use replaceFullPath');
      }
    });
    if (seen.has('RequestRedirect') && seen.has('URLRewrite')) {
      findings.addWithoutValue('SP_ROUTE_FILTER_CONFLICT', `${field}.filters`, 'a rule either redirects the client or rewrites the request, not both', 'split the rule, or drop one filter');
    }
    if (seen.has('RequestRedirect') && rule.backends.length > 0) {
      findings.addWithoutValue('SP_ROUTE_FILTER_CONFLICT', `${field}.backends`, 'a redirecting rule sends nothing to backends (the CRD refuses both)', 'remove the backends, or the redirect');
    }
  }
}

function renderMatch(m: MatchModel): gw.HttpRouteSpecRulesMatches {
  const values = (list: MatchModel['headers']) => list.map((v) => ({ name: v.name, value: v.value, type: v.type as any }));
  return {
    path: { type: m.pathType as gw.HttpRouteSpecRulesMatchesPathType, value: m.path },
    ...(m.headers.length > 0 ? { headers: values(m.headers) } : {}),
    ...(m.queryParams.length > 0 ? { queryParams: values(m.queryParams) } : {}),
    ...(m.method !== undefined ? { method: m.method as gw.HttpRouteSpecRulesMatchesMethod } : {}),
  };
}
