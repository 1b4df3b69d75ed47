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
 * - a canary Ingress (`canary: "true"`) emits no route of its own: each of its paths joins the rule of the main
 *   TlsIngress of the App with the same namespace, host and path as a weighted backend (canary-weight of
 *   canary-weight-total; the main backend gets the rest), and canary-by-header becomes rules with a header match
 *   (the value or pattern to the canary; without one, `always` to the canary and `never` to the main backend),
 *   whichever of the two is constructed first; a canary path without a main is a finding, canary-by-cookie too;
 * - TLS moves to the listeners the routes attach to: an HTTPS listener with a certificate must serve each TLS
 *   host (a Gateway of the app, or the listeners declared of one it refers to), a finding otherwise;
 * - every other ingress-nginx annotation is a finding that names it: nothing is dropped silently.
 */
import { Construct } from 'constructs';
import { ServiceBackend } from './backend';
import { NginxOptions, nginxUseRegex } from './nginx';
import { HttpRoute } from '../gateway/http-route';
import { HttpRouteFilter } from '../gateway/http-route-filter';
import { HttpPathType, HttpRouteRule, HttpValueMatchType } from '../gateway/http-route-props';
import { RouteParent } from '../gateway/route-parent';
import { FindingCollector } from '../private/findings';
import { AppReport } from '../private/report';
import { CanarySpec, isCanary, readCanary, TRANSLATED_CANARY_ANNOTATIONS } from '../private/rules/canary';
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
  /** The namespace as given (undefined: none given, the objects carry none). */
  readonly namespace?: string;
  /** The namespace the routes are judged in (`default` without one). */
  readonly routeNamespace: string;
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
const TRANSLATED: readonly string[] = [
  ...['ssl-redirect', 'force-ssl-redirect', 'rewrite-target', 'use-regex'].map((a) => `nginx.ingress.kubernetes.io/${a}`),
  ...TRANSLATED_CANARY_ANNOTATIONS,
];

/** A path of a main TlsIngress, as a rule of one of its routes. */
interface MainPath {
  readonly key: string;
  readonly route: HttpRoute;
  readonly ruleIndex: number;
  readonly rule: HttpRouteRule;
  readonly backend?: ServiceBackend;
  /** The canary merged into it, if any (a path has at most one canary, as with ingress-nginx). */
  canary?: CanaryPath;
}

/** A path of a canary TlsIngress, waiting for (or merged into) its main. */
interface CanaryPath {
  readonly key: string;
  /** The TlsIngress (construct) it belongs to. */
  readonly owner: Construct;
  readonly field: string;
  readonly backend?: ServiceBackend;
  readonly spec: CanarySpec;
  mergedInto?: HttpRoute;
  /** Another canary already took the main path. */
  takenBy?: Construct;
}

/** The main and canary paths of the App's TlsIngresses emitted as Gateway API, paired whichever comes first. */
interface CanaryPairs {
  readonly mains: MainPath[];
  readonly canaries: CanaryPath[];
}

function canaryPairs(scope: Construct): CanaryPairs {
  return AppReport.of(scope).shared<CanaryPairs>('TlsIngress gatewayApi canaries', () => ({ mains: [], canaries: [] }));
}

function pathKey(namespace: string, host: string | undefined, path: string): string {
  return JSON.stringify([namespace, host ?? '', path]);
}

/** Merges `canary` into `main` unless the main path already has one. */
function pair(main: MainPath, canary: CanaryPath): void {
  if (main.canary !== undefined) {
    canary.takenBy = main.canary.owner;
    return;
  }
  main.canary = canary;
  canary.mergedInto = main.route;
  if (main.backend === undefined || canary.backend === undefined) return;
  const { weight, total, headers } = canary.spec;
  const matchOf = main.rule.matches?.[0];
  main.route._mergeCanary(main.ruleIndex, [{ backend: main.backend, weight: total - weight }, { backend: canary.backend, weight }],
    headers.map((h) => ({
      matches: [{ ...matchOf, headers: [{ name: h.name, value: h.value, type: h.type === 'Exact' ? HttpValueMatchType.EXACT : HttpValueMatchType.REGULAR_EXPRESSION }] }],
      ...(main.rule.filters !== undefined ? { filters: [...main.rule.filters] } : {}),
      backends: [{ backend: h.to === 'canary' ? canary.backend! : main.backend! }],
    })));
}

/** Registers the paths of a canary TlsIngress, and pairs them with the main paths already there. */
function registerCanary(scope: Construct, ingress: IngressForGatewayApi): void {
  const pairs = canaryPairs(scope);
  const spec = readCanary(ingress.annotations);
  const namespace = ingress.routeNamespace;
  ingress.rules.forEach((rule, r) => rule.paths.forEach((p, i) => {
    const canary: CanaryPath = { key: pathKey(namespace, rule.host, p.path), owner: scope, field: `rules[${r}].paths[${i}]`, backend: p.backend, spec };
    pairs.canaries.push(canary);
    const main = pairs.mains.find((m) => m.key === canary.key);
    if (main !== undefined) pair(main, canary);
  }));
}

/** Registers a main path's rule, and pairs it with a canary path already there. */
function registerMain(scope: Construct, main: MainPath): void {
  const pairs = canaryPairs(scope);
  pairs.mains.push(main);
  for (const canary of pairs.canaries.filter((c) => c.key === main.key && c.mergedInto === undefined && c.takenBy === undefined)) pair(main, canary);
}

/** Creates the routes under `scope`; returns them. */
export function emitGatewayApiRoutes(scope: Construct, ingress: IngressForGatewayApi, options: IngressGatewayApiOptions): HttpRoute[] {
  const routes: HttpRoute[] = [];
  if ((options.parents ?? []).length === 0) return routes; // SP_MIGRATION_PARENTS says why
  if (isCanary(ingress.annotations)) {
    registerCanary(scope, ingress); // its paths join the routes of its main
    return routes;
  }
  const namespace = ingress.routeNamespace;
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
    const route = new HttpRoute(scope, `GatewayApiRoute${i}`, {
      ...common,
      routeName: hosts.length === 1 ? ingress.ingressName : `${ingress.ingressName}-${i}`,
      parents,
      ...(host !== undefined ? { hostnames: [host] } : {}),
      rules,
    });
    routes.push(route);
    ingress.rules.filter((r) => r.host === host).flatMap((r) => r.paths).forEach((p, ruleIndex) => registerMain(scope, {
      key: pathKey(namespace, host, p.path), route, ruleIndex, rule: rules[ruleIndex], ...(p.backend !== undefined ? { backend: p.backend } : {}),
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
export function collectGatewayApiFindings(
  findings: FindingCollector, scope: Construct, ingress: IngressForGatewayApi, options: IngressGatewayApiOptions): void {
  if ((options.parents ?? []).length === 0) {
    findings.addWithoutValue('SP_MIGRATION_PARENTS', 'gatewayApi.parents', 'the routes need the Gateway listeners they attach to',
      'give parents: [RouteParent.fromGateway(gateway, { sectionName: "https" })] or RouteParent.fromExternalGateway({ ... })');
    return;
  }
  if (isCanary(ingress.annotations)) {
    collectCanaryFindings(findings, scope, ingress);
  } else {
    collectRouteFindings(findings, ingress, options);
  }
  const untranslated = Object.keys(ingress.annotations).filter((k) => k.startsWith('nginx.ingress.kubernetes.io/') && !TRANSLATED.includes(k)).sort();
  if (untranslated.length > 0) {
    findings.addWithoutValue('SP_MIGRATION_ANNOTATION', 'annotations',
      `ingress-nginx annotations without a translation to Gateway API would be dropped: ${untranslated.join(', ')}`,
      'remove them, or express them with the Gateway implementation\'s own policies (keepIngress: true keeps the Ingress meanwhile)');
  }
}

/** A canary: each path has a main to join (once), and its annotations can be read. */
function collectCanaryFindings(findings: FindingCollector, scope: Construct, ingress: IngressForGatewayApi): void {
  for (const problem of readCanary(ingress.annotations).problems) {
    findings.add('SP_MIGRATION_CANARY', `annotations["${problem.annotation}"]`, problem.value, problem.rule, 'fix the annotation as ingress-nginx reads it');
  }
  for (const canary of canaryPairs(scope).canaries.filter((c) => c.owner === scope)) {
    if (canary.takenBy !== undefined) {
      findings.add('SP_MIGRATION_CANARY', canary.field, canary.takenBy.node.path,
        'the main path already has this canary: ingress-nginx takes one canary per host and path',
        'keep one canary Ingress per host and path');
    } else if (canary.mergedInto === undefined) {
      findings.addWithoutValue('SP_MIGRATION_CANARY', canary.field,
        'a canary becomes backend weights of its main\'s route, and no TlsIngress of the App emitted as Gateway API (gatewayApi) has this namespace, host and path without the canary annotation',
        'emit the main TlsIngress as Gateway API too (gatewayApi with the same parents), or remove the canary');
    }
  }
}

/** A main TlsIngress: what does not carry over to its routes. */
function collectRouteFindings(findings: FindingCollector, ingress: IngressForGatewayApi, options: IngressGatewayApiOptions): void {
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
