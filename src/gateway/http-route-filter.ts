import * as gw from '../imports/gateway.networking.k8s.io';
import { ServiceBackend } from '../ingress/backend';
import { Finding, FindingCollector } from '../private/findings';
import { guardArgs, rebase } from '../private/guards';
import { copyModel } from '../private/model';
import { FACTORY_ARGS } from '../private/prop-shapes';
import { checkGatewayHostname, checkHttpHeaderName, checkHttpHeaderValue, checkHttpPathValue, checkPercent } from '../private/rules/gateway';
import { checkPortNumber } from '../private/rules/ports';

/** The scheme of a redirect. */
export enum RedirectScheme {
  /** http */
  HTTP = 'http',
  /** https */
  HTTPS = 'https',
}

/**
 * Where a RequestRedirect sends the client; what is not given stays as in the request.
 */
export interface RequestRedirectOptions {
  /**
   * The scheme.
   *
   * @default - the request's scheme
   */
  readonly scheme?: RedirectScheme;
  /**
   * The hostname (no wildcard).
   *
   * @default - the request's hostname
   */
  readonly hostname?: string;
  /**
   * The port.
   *
   * @default - the scheme's well-known port when the scheme changes, else the request's port
   */
  readonly port?: number;
  /**
   * The status code: 301, 302, 303, 307 or 308.
   *
   * @default 302
   */
  readonly statusCode?: number;
  /**
   * Replaces the whole path.
   *
   * @default - the request's path
   */
  readonly replaceFullPath?: string;
  /**
   * Replaces the prefix the rule's PathPrefix match matched (the rule needs exactly one match, a PathPrefix one).
   *
   * @default - the request's path
   */
  readonly replacePrefixMatch?: string;
}

/**
 * How a URLRewrite changes the request before it reaches the backend.
 */
export interface UrlRewriteOptions {
  /**
   * The Host header (no wildcard).
   *
   * @default - unchanged
   */
  readonly hostname?: string;
  /**
   * Replaces the whole path.
   *
   * @default - unchanged
   */
  readonly replaceFullPath?: string;
  /**
   * Replaces the prefix the rule's PathPrefix match matched (the rule needs exactly one match, a PathPrefix one).
   *
   * @default - unchanged
   */
  readonly replacePrefixMatch?: string;
}

/**
 * Header changes: set (replace), add (append) and remove, by header name (case-insensitive).
 */
export interface HeaderModifierOptions {
  /**
   * Headers to set, replacing any value.
   *
   * @default - none
   */
  readonly set?: { [name: string]: string };
  /**
   * Headers to add, keeping existing values.
   *
   * @default - none
   */
  readonly add?: { [name: string]: string };
  /**
   * Headers to remove.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/**
 * Options of a RequestMirror.
 */
export interface RequestMirrorOptions {
  /**
   * The percentage of requests mirrored.
   *
   * @default 100
   */
  readonly percent?: number;
}

/** A filter as the model keeps it. */
type FilterModel =
  | { readonly type: 'RequestRedirect'; readonly options: RequestRedirectOptions }
  | { readonly type: 'URLRewrite'; readonly options: UrlRewriteOptions }
  | { readonly type: 'RequestHeaderModifier' | 'ResponseHeaderModifier'; readonly options: HeaderModifierOptions }
  | { readonly type: 'RequestMirror'; readonly backend?: ServiceBackend; readonly percent?: number };

/** The status codes a RequestRedirect takes. */
const REDIRECT_STATUS_CODES: readonly number[] = [301, 302, 303, 307, 308];

/**
 * A filter of an HTTPRoute rule: a redirect (e.g. HTTP to HTTPS), a URL rewrite, header changes, or a mirror.
 */
export class HttpRouteFilter {
  /**
   * Redirects the client (no backend is called).
   *
   * @param options where to
   */
  public static requestRedirect(options: RequestRedirectOptions): HttpRouteFilter {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['HttpRouteFilter.requestRedirect'][0]]]);
    return new HttpRouteFilter({ type: 'RequestRedirect', options: copyModel((given ?? {}) as RequestRedirectOptions) }, findings);
  }

  /**
   * The HTTP to HTTPS redirect: scheme https, status 301 (for a route on the HTTP listener).
   */
  public static httpsRedirect(): HttpRouteFilter {
    return new HttpRouteFilter({ type: 'RequestRedirect', options: { scheme: RedirectScheme.HTTPS, statusCode: 301 } }, []);
  }

  /**
   * Rewrites the request's hostname or path before it is sent to the backends.
   *
   * @param options the rewrite
   */
  public static urlRewrite(options: UrlRewriteOptions): HttpRouteFilter {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['HttpRouteFilter.urlRewrite'][0]]]);
    return new HttpRouteFilter({ type: 'URLRewrite', options: copyModel((given ?? {}) as UrlRewriteOptions) }, findings);
  }

  /**
   * Changes request headers before the request is sent to the backends.
   *
   * @param options the changes
   */
  public static requestHeaderModifier(options: HeaderModifierOptions): HttpRouteFilter {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['HttpRouteFilter.requestHeaderModifier'][0]]]);
    return new HttpRouteFilter({ type: 'RequestHeaderModifier', options: copyModel((given ?? {}) as HeaderModifierOptions) }, findings);
  }

  /**
   * Changes response headers before the response is sent to the client.
   *
   * @param options the changes
   */
  public static responseHeaderModifier(options: HeaderModifierOptions): HttpRouteFilter {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['HttpRouteFilter.responseHeaderModifier'][0]]]);
    return new HttpRouteFilter({ type: 'ResponseHeaderModifier', options: copyModel((given ?? {}) as HeaderModifierOptions) }, findings);
  }

  /**
   * Sends a copy of the requests to another backend (its responses are ignored).
   *
   * @param backend the Service that gets the copies
   * @param options the share of requests
   */
  public static requestMirror(backend: ServiceBackend, options?: RequestMirrorOptions): HttpRouteFilter {
    const [backendArg, optionsArg] = FACTORY_ARGS['HttpRouteFilter.requestMirror'];
    const { values: [given, mirrorOptions], findings } = guardArgs([['backend', backend, backendArg], ['', options, optionsArg]]);
    const percent = (mirrorOptions as RequestMirrorOptions | undefined)?.percent;
    return new HttpRouteFilter({
      type: 'RequestMirror',
      ...(given instanceof ServiceBackend ? { backend: given } : {}),
      ...(percent !== undefined ? { percent } : {}),
    }, findings);
  }

  private constructor(private readonly model: FilterModel, private readonly refused: readonly Finding[]) {}

  /**
   * The filter type (`RequestRedirect`, `URLRewrite`...).
   * @internal
   */
  public get _type(): string {
    return this.model.type;
  }

  /**
   * Whether the filter replaces the matched prefix (it needs exactly one PathPrefix match in its rule).
   * @internal
   */
  public get _replacesPrefix(): boolean {
    return 'options' in this.model && 'replacePrefixMatch' in this.model.options && this.model.options.replacePrefixMatch !== undefined;
  }

  /**
   * The mirror's backend, for the route's ReferenceGrants.
   * @internal
   */
  public get _mirrorBackend(): ServiceBackend | undefined {
    return this.model.type === 'RequestMirror' ? this.model.backend : undefined;
  }

  /**
   * The filter as an HTTPRoute rule renders it in `routeNamespace`.
   * @internal
   */
  public _render(routeNamespace: string): gw.HttpRouteSpecRulesFilters {
    const m = this.model;
    switch (m.type) {
      case 'RequestRedirect':
        return {
          type: gw.HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
          requestRedirect: {
            ...(m.options.scheme !== undefined ? { scheme: m.options.scheme as string as gw.HttpRouteSpecRulesFiltersRequestRedirectScheme } : {}),
            ...(m.options.hostname !== undefined ? { hostname: m.options.hostname } : {}),
            ...(m.options.port !== undefined ? { port: m.options.port } : {}),
            ...(m.options.statusCode !== undefined
              ? { statusCode: m.options.statusCode as gw.HttpRouteSpecRulesFiltersRequestRedirectStatusCode }
              : {}),
            ...renderPathModifier(m.options),
          },
        };
      case 'URLRewrite':
        return {
          type: gw.HttpRouteSpecRulesFiltersType.URL_REWRITE,
          urlRewrite: {
            ...(m.options.hostname !== undefined ? { hostname: m.options.hostname } : {}),
            ...renderPathModifier(m.options),
          },
        };
      case 'RequestHeaderModifier':
        return { type: gw.HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: renderHeaderModifier(m.options) };
      case 'ResponseHeaderModifier':
        return { type: gw.HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: renderHeaderModifier(m.options) };
      case 'RequestMirror': {
        const ref = m.backend?._routeRef(routeNamespace) ?? { name: '' };
        return {
          type: gw.HttpRouteSpecRulesFiltersType.REQUEST_MIRROR,
          requestMirror: { backendRef: ref, ...(m.percent !== undefined ? { percent: m.percent } : {}) },
        };
      }
    }
  }

  /**
   * Records the findings of the filter at `field` of a route in `routeNamespace`.
   * @internal
   */
  public _collectFindings(findings: FindingCollector, field: string, routeNamespace: string): void {
    if (this.refused.length > 0) {
      rebase(this.refused, field).forEach((f) => findings.addFinding(f));
      return;
    }
    const m = this.model;
    switch (m.type) {
      case 'RequestRedirect': {
        const { hostname, port, statusCode } = m.options;
        if (hostname !== undefined) collectPreciseHostname(findings, `${field}.hostname`, hostname);
        if (port !== undefined) findings.check(checkPortNumber(port), 'SP_PORT_NUMBER', `${field}.port`, port, 'use a port such as 443');
        if (statusCode !== undefined && !REDIRECT_STATUS_CODES.includes(statusCode)) {
          findings.add('SP_ROUTE_REDIRECT_STATUS', `${field}.statusCode`, statusCode, `must be one of ${REDIRECT_STATUS_CODES.join(', ')}`, 'use 301 (permanent) or 302 (temporary)');
        }
        return collectPathModifierFindings(findings, field, m.options);
      }
      case 'URLRewrite':
        if (m.options.hostname !== undefined) collectPreciseHostname(findings, `${field}.hostname`, m.options.hostname);
        if (m.options.hostname === undefined && m.options.replaceFullPath === undefined && m.options.replacePrefixMatch === undefined) {
          findings.addWithoutValue('SP_ROUTE_FILTER_EMPTY', field, 'a URLRewrite changes nothing without hostname, replaceFullPath or replacePrefixMatch', 'give one of them, or remove the filter');
        }
        return collectPathModifierFindings(findings, field, m.options);
      case 'RequestHeaderModifier':
      case 'ResponseHeaderModifier':
        return collectHeaderModifierFindings(findings, field, m.options);
      case 'RequestMirror':
        if (m.percent !== undefined) findings.check(checkPercent(m.percent), 'SP_ROUTE_MIRROR_PERCENT', `${field}.percent`, m.percent, 'use a percentage such as 10');
        if (m.backend === undefined) {
          findings.addWithoutValue('SP_BACKEND_REQUIRED', `${field}.backend`, 'a mirror needs a backend', 'give a ServiceBackend');
        } else {
          m.backend._collectRouteFindings(findings, `${field}.backend`, routeNamespace);
        }
    }
  }
}

function renderPathModifier(options: PathModifier): { path?: any } {
  if (options.replaceFullPath !== undefined) return { path: { type: 'ReplaceFullPath', replaceFullPath: options.replaceFullPath } };
  if (options.replacePrefixMatch !== undefined) return { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: options.replacePrefixMatch } };
  return {};
}

function renderHeaderModifier(options: HeaderModifierOptions): gw.HttpRouteSpecRulesFiltersRequestHeaderModifier {
  const pairs = (headers: { [name: string]: string } | undefined) => Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
  const set = pairs(options.set);
  const add = pairs(options.add);
  return {
    ...(set.length > 0 ? { set } : {}),
    ...(add.length > 0 ? { add } : {}),
    ...(options.remove !== undefined && options.remove.length > 0 ? { remove: [...options.remove] } : {}),
  };
}

function collectPreciseHostname(findings: FindingCollector, field: string, hostname: string): void {
  const violation = checkGatewayHostname(hostname) ?? (hostname.startsWith('*.') ? 'must not be a wildcard here' : undefined);
  findings.check(violation, 'SP_GATEWAY_HOSTNAME', field, hostname, 'use a DNS name such as "shop.example.com"');
}

/** The path replacement of a redirect or rewrite. */
interface PathModifier {
  readonly replaceFullPath?: string;
  readonly replacePrefixMatch?: string;
}

function collectPathModifierFindings(findings: FindingCollector, field: string, options: PathModifier): void {
  if (options.replaceFullPath !== undefined && options.replacePrefixMatch !== undefined) {
    findings.addWithoutValue('SP_ROUTE_PATH_MODIFIER', field, 'replaceFullPath and replacePrefixMatch exclude each other', 'give one of them');
    return;
  }
  for (const key of ['replaceFullPath', 'replacePrefixMatch'] as const) {
    const value = options[key];
    if (value !== undefined) findings.check(checkHttpPathValue(value, 'Exact'), 'SP_ROUTE_PATH', `${field}.${key}`, value, 'use an absolute path such as "/v2"');
  }
}

function collectHeaderModifierFindings(findings: FindingCollector, field: string, options: HeaderModifierOptions): void {
  const seen = new Map<string, string>();
  const entries: Array<[string, string, string | undefined]> = [
    ...Object.entries(options.set ?? {}).map(([n, v]): [string, string, string] => ['set', n, v]),
    ...Object.entries(options.add ?? {}).map(([n, v]): [string, string, string] => ['add', n, v]),
    ...(options.remove ?? []).map((n): [string, string, undefined] => ['remove', n, undefined]),
  ];
  if (entries.length === 0) {
    findings.addWithoutValue('SP_ROUTE_FILTER_EMPTY', field, 'a header modifier changes nothing without set, add or remove', 'give one of them, or remove the filter');
  }
  for (const [list, name, value] of entries) {
    const at = `${field}.${list}${value === undefined ? '' : `["${name}"]`}`;
    if (findings.check(checkHttpHeaderName(name), 'SP_ROUTE_HEADER', at, name, 'use a header name such as "X-Request-Id"')) continue;
    if (value !== undefined) findings.check(checkHttpHeaderValue(value), 'SP_ROUTE_HEADER', at, value, 'use a value of 1 to 4096 characters');
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      findings.add('SP_ROUTE_HEADER_DUPLICATE', at, name, `is also in ${first} (header names are case-insensitive; each appears once per modifier)`, 'list each header once');
    } else {
      seen.set(key, list);
    }
  }
}
