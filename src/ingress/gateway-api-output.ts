/**
 * A TlsIngress emitted as Gateway API routes: the way off ingress-nginx without rewriting routes. The mapping is
 * not one-to-one; each gap is handled on purpose:
 * - every rule host becomes an HTTPRoute with that hostname (rules without a host: one route without
 *   hostnames); Prefix paths become PathPrefix, Exact stays Exact, ImplementationSpecific becomes a
 *   RegularExpression match with use-regex, and is refused otherwise (no equivalent);
 * - `defaultBackend` applies to every host: it becomes a route with no hostnames, not a catch-all rule of one
 *   route;
 * - ssl-redirect becomes a separate route with a RequestRedirect on the HTTP listener (`redirectParents`);
 * - `rewrite-target` without capture groups becomes URLRewrite (ReplacePrefixMatch, ReplaceFullPath for Exact
 *   paths); with capture groups there is no equivalent: a finding;
 * - TLS moves to the listeners the routes attach to: an HTTPS listener with a certificate must serve each TLS
 *   host (a Gateway of the app, or the listeners declared of one it refers to), a finding otherwise;
 * - every other ingress-nginx annotation is a finding that names it: nothing is dropped silently.
 */
import { Construct } from 'constructs';
import { ServiceBackend } from './backend';
import { NginxOptions, nginxUseRegex } from './nginx';
import { HttpRoute } from '../gateway/http-route';
import { HttpRouteFilter } from '../gateway/http-route-filter';
import { HttpPathType, HttpRouteRule } from '../gateway/http-route-props';
import { RouteParent } from '../gateway/route-parent';
import { FindingCollector } from '../private/findings';
import { hostnamesIntersect } from '../private/rules/gateway';

/**
 * How a TlsIngress is also (or only) emitted as Gateway API routes.
 */
export interface IngressGatewayApiOptions {
  /** The Gateway listeners the routes attach to: HTTPS for hosts with TLS (a Gateway of the app, or one it refers to). */
  readonly parents: RouteParent[];
  /**
   * The HTTP listener of the HTTP to HTTPS redirect route (what ingress-nginx's ssl-redirect did).
   *
   * @default - no redirect route (a finding when ssl-redirect is on)
   */
  readonly redirectParents?: RouteParent[];
  /**
   * Keep the Ingress next to the routes, for a cutover (both served until DNS or the load balancer moves).
   *
   * @default false - the routes replace the Ingress
   */
  readonly keepIngress?: boolean;
}

/** What the translation reads of a TlsIngress. */
export interface IngressForGatewayApi {
  readonly ingressName: string;
  readonly namespace?: string;
  readonly rules: ReadonlyArray<{
    readonly host?: string;
    readonly paths: ReadonlyArray<{ readonly path: string; readonly pathType: string; readonly backend?: ServiceBackend }>;
  }>;
  readonly defaultBackend?: ServiceBackend;
  readonly tlsHosts: readonly string[];
  readonly nginx?: NginxOptions;
  /** The user's annotations (presets excluded). */
  readonly annotations: { readonly [key: string]: string };
  readonly labels: { readonly [key: string]: string };
}

/** The ingress-nginx annotations the translation carries over (through the presets or as they are). */
const TRANSLATED: readonly string[] = ['ssl-redirect', 'force-ssl-redirect', 'rewrite-target', 'use-regex'].map((a) => `nginx.ingress.kubernetes.io/${a}`);

/** Creates the routes under `scope`; returns them. */
export function emitGatewayApiRoutes(scope: Construct, ingress: IngressForGatewayApi, options: IngressGatewayApiOptions): HttpRoute[] {
  const routes: HttpRoute[] = [];
  if ((options.parents ?? []).length === 0) return routes; // SP_MIGRATION_PARENTS says why
  const common = { namespace: ingress.namespace, labels: { ...ingress.labels } };
  const parents = [...(options.parents ?? [])];
  const rewrite = rewriteOf(ingress.nginx);
  const useRegex = nginxUseRegex(ingress.nginx) === true;
  const hosts = [...new Set(ingress.rules.map((r) => r.host))];
  hosts.forEach((host, i) => {
    const rules: HttpRouteRule[] = ingress.rules.filter((r) => r.host === host).flatMap((r) => r.paths).map((p) => ({
      matches: [{ path: p.path, pathType: pathTypeOf(p.pathType, useRegex) ?? HttpPathType.PATH_PREFIX }],
      ...(rewrite !== undefined ? { filters: [HttpRouteFilter.urlRewrite(p.pathType === 'Exact' ? { replaceFullPath: rewrite } : { replacePrefixMatch: rewrite })] } : {}),
      backends: p.backend !== undefined ? [{ backend: p.backend }] : [],
    }));
    routes.push(new HttpRoute(scope, `GatewayApiRoute${i}`, {
      ...common,
      routeName: hosts.length === 1 ? ingress.ingressName : `${ingress.ingressName}-${i}`,
      parents,
      ...(host !== undefined ? { hostnames: [host] } : {}),
      rules,
    }));
  });
  if (ingress.defaultBackend !== undefined) {
    routes.push(new HttpRoute(scope, 'GatewayApiDefaultRoute', {
      ...common, routeName: `${ingress.ingressName}-default`, parents, rules: [{ backends: [{ backend: ingress.defaultBackend }] }],
    }));
  }
  if (redirects(ingress) && (options.redirectParents ?? []).length > 0) {
    const redirected = ingress.nginx?.forceSslRedirect === true ? hosts.filter((h): h is string => h !== undefined) : [...ingress.tlsHosts];
    routes.push(new HttpRoute(scope, 'GatewayApiRedirectRoute', {
      ...common,
      routeName: `${ingress.ingressName}-https-redirect`,
      parents: [...(options.redirectParents ?? [])],
      ...(redirected.length > 0 ? { hostnames: redirected } : {}),
      rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }],
    }));
  }
  return routes;
}

/** The findings of the translation: what does not carry over. */
export function collectGatewayApiFindings(findings: FindingCollector, ingress: IngressForGatewayApi, options: IngressGatewayApiOptions): void {
  if ((options.parents ?? []).length === 0) {
    findings.addWithoutValue('SP_MIGRATION_PARENTS', 'gatewayApi.parents', 'the routes need the Gateway listeners they attach to',
      'give parents: [RouteParent.fromGateway(gateway, { sectionName: "https" })] or RouteParent.fromExternalGateway({ ... })');
    return;
  }
  const useRegex = nginxUseRegex(ingress.nginx) === true;
  ingress.rules.forEach((rule, r) => rule.paths.forEach((p, i) => {
    if (pathTypeOf(p.pathType, useRegex) === undefined) {
      findings.add('SP_MIGRATION_PATH_TYPE', `rules[${r}].paths[${i}].pathType`, p.pathType,
        'an ImplementationSpecific path has no Gateway API equivalent without use-regex (then it becomes a RegularExpression match)',
        'use PathType.PREFIX or PathType.EXACT, or nginx: { useRegex: true } for a regular expression');
    }
  }));
  const target = ingress.nginx?.rewriteTarget;
  if (target !== undefined && /\$[0-9]/.test(target)) {
    findings.add('SP_MIGRATION_REWRITE', 'nginx.rewriteTarget', target, 'a rewrite with capture groups has no Gateway API equivalent (URLRewrite replaces a prefix or the full path)',
      'rewrite to a fixed prefix (e.g. "/"), or keep the Ingress for these paths');
  }
  if (redirects(ingress) && (options.redirectParents ?? []).length === 0) {
    findings.addWithoutValue('SP_MIGRATION_REDIRECT', 'gatewayApi.redirectParents', 'ssl-redirect is on: the HTTP to HTTPS redirect needs a route on an HTTP listener',
      'give redirectParents: [RouteParent.fromGateway(gateway, { sectionName: "http" })], or set nginx: { sslRedirect: false }');
  }
  const untranslated = Object.keys(ingress.annotations).filter((k) => k.startsWith('nginx.ingress.kubernetes.io/') && !TRANSLATED.includes(k)).sort();
  if (untranslated.length > 0) {
    findings.addWithoutValue('SP_MIGRATION_ANNOTATION', 'annotations',
      `ingress-nginx annotations without a translation to Gateway API would be dropped: ${untranslated.join(', ')}`,
      'remove them, or express them with the Gateway implementation\'s own policies (keepIngress: true keeps the Ingress meanwhile)');
  }
  const listeners = (options.parents ?? []).map((p) => p._knownListeners());
  for (const host of ingress.tlsHosts) {
    const served = listeners.some((known) => known?.some((l) => l.protocol === 'HTTPS' && l.hasCertificate !== false && hostnamesIntersect(host, l.hostname)));
    if (served) continue;
    const unknown = listeners.some((known) => known === undefined);
    findings.add('SP_MIGRATION_TLS', 'tls', host,
      unknown
        ? 'TLS moves to the Gateway listener, and nothing is declared of the listeners of the Gateway the routes refer to'
        : 'TLS moves to the Gateway listener, and no HTTPS listener with a certificate the routes attach to serves this host',
      unknown
        ? 'declare the HTTPS listener of the referred Gateway (RouteParent.fromExternalGateway({ listeners }))'
        : 'add an HTTPS listener for the host with its certificate to the Gateway');
  }
}

function redirects(ingress: IngressForGatewayApi): boolean {
  const nginx = ingress.nginx;
  if (nginx === undefined) return false;
  return nginx.forceSslRedirect === true || (nginx.sslRedirect ?? ingress.tlsHosts.length > 0) === true;
}

function rewriteOf(nginx: NginxOptions | undefined): string | undefined {
  const target = nginx?.rewriteTarget;
  return target === undefined || /\$[0-9]/.test(target) ? undefined : target;
}

/** The Gateway API path type of an Ingress path type; undefined when there is none. */
function pathTypeOf(pathType: string, useRegex: boolean): HttpPathType | undefined {
  if (pathType === 'Prefix') return HttpPathType.PATH_PREFIX;
  if (pathType === 'Exact') return HttpPathType.EXACT;
  return useRegex ? HttpPathType.REGULAR_EXPRESSION : undefined;
}
