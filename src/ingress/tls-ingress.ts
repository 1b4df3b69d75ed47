import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ServiceBackend } from './backend';
import { collectGatewayApiFindings, emitGatewayApiRoutes, IngressForGatewayApi, IngressGatewayApiOptions } from './gateway-api-output';
import { checkNginxPath, collectNginxSecurityFindings, NginxOptions, nginxUseRegex, renderNginxAnnotations } from './nginx';
import { collectTlsEntryFindings, TlsEntryModel, TlsSource } from './tls-source';
import { HttpRoute } from '../gateway/http-route';
import { NameRule, PatternBase } from '../pattern-base';
import { Finding, FindingCollector, formatValue } from '../private/findings';
import { guardProps } from '../private/guards';
import { copyModel } from '../private/model';
import { TLS_INGRESS_PROPS } from '../private/prop-shapes';
import { isCanary } from '../private/rules/canary';
import { checkIngressHost, checkIngressPath, indexHostPatterns } from '../private/rules/http';
import { checkDns1123Subdomain, collectAnnotationFindings } from '../private/rules/names';

/** How an Ingress path matches request paths. */
export enum PathType {
  /** Matches the path and everything below it, element by element (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`). */
  PREFIX = 'Prefix',
  /** Matches the path exactly. */
  EXACT = 'Exact',
  /** Matching is up to the ingress controller (e.g. regular expressions with ingress-nginx `use-regex`). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * A TLS entry: hosts served with one certificate.
 */
export interface TlsEntry {
  /** The hosts the certificate is for; each must be a host of the rules. */
  readonly hosts: string[];
  /** Where the certificate comes from. */
  readonly source: TlsSource;
}

/**
 * A path of an Ingress rule.
 */
export interface TlsIngressPath {
  /**
   * The path.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * How the path matches.
   *
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /** Where matching requests go. */
  readonly backend: ServiceBackend;
}

/**
 * An Ingress rule: a host (or every host) and its paths, in the order given.
 */
export interface TlsIngressRule {
  /**
   * The host, e.g. `shop.example.com` or `*.example.com`.
   *
   * @default - every host
   */
  readonly host?: string;
  /** The paths, in the order given (at least one). */
  readonly paths: TlsIngressPath[];
}

/**
 * Properties of a {@link TlsIngress}.
 */
export interface TlsIngressProps {
  /**
   * The Ingress name (a DNS-1123 subdomain).
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly ingressName?: string;
  /**
   * The namespace of the Ingress and its Secrets; backends must live there too.
   *
   * @default - the chart's namespace; when neither is set, no namespace is written and the checks assume `default`
   */
  readonly namespace?: string;
  /**
   * The IngressClass (`spec.ingressClassName`), e.g. `nginx`.
   *
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /**
   * The rules, in the order given.
   *
   * @default - none (then `defaultBackend` is required)
   */
  readonly rules?: TlsIngressRule[];
  /**
   * Where requests that match no rule go.
   *
   * @default - the controller's default backend
   */
  readonly defaultBackend?: ServiceBackend;
  /**
   * TLS entries: hosts and where their certificate comes from.
   *
   * @default - no TLS (every rule host must then be listed in `plainHttpHosts`)
   */
  readonly tls?: TlsEntry[];
  /**
   * Rule hosts meant to stay plain HTTP. Every other rule host must be covered by a TLS entry.
   *
   * @default - none
   */
  readonly plainHttpHosts?: string[];
  /**
   * ingress-nginx presets.
   *
   * @default - no ingress-nginx annotations
   */
  readonly nginx?: NginxOptions;
  /**
   * Annotations of the Ingress (they override presets).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Labels of the Ingress and its Secrets.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Also (or only) emit the Ingress as Gateway API HTTPRoutes attached to the given listeners: the way off
   * ingress-nginx without rewriting the routes. What does not carry over is a finding (see the README's
   * migration section).
   *
   * @default - an Ingress only
   */
  readonly gatewayApi?: IngressGatewayApiOptions;
}

/** A path as the model keeps it: defaults applied. */
interface PathModel {
  readonly path: string;
  readonly pathType: string;
  /** Undefined when none (or something else than a ServiceBackend) was given. */
  readonly backend?: ServiceBackend;
}

/** A rule as the model keeps it. */
interface RuleModel {
  readonly host?: string;
  readonly paths: readonly PathModel[];
}

/** What the nginx path rule needs to know of the Ingress. */
interface NginxPathContext {
  /** Whether the Ingress is for ingress-nginx (presets, or class `nginx`). */
  readonly applies: boolean;
  readonly useRegex: boolean;
}

/** Reads a rule into the model (tolerating untyped callers). */
function ruleModel(rule: TlsIngressRule | undefined): RuleModel {
  return {
    ...(rule?.host !== undefined ? { host: rule.host } : {}),
    paths: (rule?.paths ?? []).map((p): PathModel => ({
      path: p?.path ?? '/',
      pathType: p?.pathType ?? PathType.PREFIX,
      ...(p?.backend instanceof ServiceBackend ? { backend: p.backend } : {}),
    })),
  };
}

/** The SP_ANNOTATION_SIZE finding of an annotation map, when it is over the API server's limit. */
function annotationSizeFinding(annotations: { [key: string]: string }): Finding | undefined {
  const scratch = new FindingCollector();
  collectAnnotationFindings(scratch, 'annotations', annotations);
  return scratch.findings.find((f) => f.code === 'SP_ANNOTATION_SIZE');
}

/**
 * A `networking.k8s.io/v1` Ingress routing by host and path to Services of its namespace, with TLS
 * terminated at the controller: from PEM material (a `kubernetes.io/tls` Secret is created and checked), an
 * existing Secret, or cert-manager. Every rule host must be covered by TLS unless listed as plain HTTP.
 *
 * The props are copied at construction; the backends and TLS sources in them are kept as given (a backend's
 * Service ports are read at synth).
 */
export class TlsIngress extends PatternBase {
  /**
   * The Ingress object.
   *
   * @default - none when the Ingress is emitted as Gateway API routes only (`gatewayApi` without `keepIngress`)
   */
  public readonly ingress?: ApiObject;
  /** The Gateway API routes the Ingress is emitted as (`gatewayApi`), in order: per host, default, redirect. */
  public readonly gatewayApiRoutes: HttpRoute[];
  /** The TLS Secrets this construct creates (PEM sources only), in the order of the TLS entries. */
  public readonly secrets: ApiObject[];
  /** The Ingress name. */
  public readonly ingressName: string;

  private readonly ingressClassName?: string;
  private readonly rules: readonly RuleModel[];
  private readonly defaultBackend?: ServiceBackend;
  private readonly tlsEntries: readonly TlsEntryModel[];
  private readonly plainHttpHosts: readonly string[];
  private readonly nginx?: NginxOptions;
  private readonly gatewayApi?: IngressGatewayApiOptions;
  /** The Ingress's annotations: cert-manager's, the nginx presets, then the user's (which override them). */
  private readonly renderedAnnotations: { [key: string]: string };

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: TlsIngressProps) {
    const guarded = guardProps(props, TLS_INGRESS_PROPS);
    const given = guarded.value;
    super(scope, id, { name: given.ingressName, namespace: given.namespace, labels: given.labels, annotations: given.annotations });
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(given);
    this.ingressName = this._name;
    this.ingressClassName = model.ingressClassName;
    this.rules = (model.rules ?? []).map(ruleModel);
    this.defaultBackend = model.defaultBackend instanceof ServiceBackend ? model.defaultBackend : undefined;
    this.plainHttpHosts = model.plainHttpHosts ?? [];
    this.nginx = model.nginx;
    this.tlsEntries = this.bindTls(model.tls ?? []);
    this.renderedAnnotations = this.renderAnnotations();

    this.secrets = this.emitSecrets();
    this.gatewayApi = model.gatewayApi;
    // Emitted after its Secrets, so it follows them in the output.
    if (this.gatewayApi === undefined || this.gatewayApi.keepIngress === true) {
      this.ingress = this._emit('Resource', 'networking.k8s.io/v1', 'Ingress',
        this._objectMetadata(this.ingressName, this._labels, this.renderedAnnotations), { spec: () => this.renderSpec() });
    }
    this.gatewayApiRoutes = this.gatewayApi !== undefined ? emitGatewayApiRoutes(this, this.forGatewayApi(), this.gatewayApi) : [];
  }

  /** What the Gateway API translation reads of the Ingress. */
  private forGatewayApi(): IngressForGatewayApi {
    return {
      ingressName: this.ingressName,
      ...(this._explicitNamespace !== undefined ? { namespace: this._explicitNamespace } : {}),
      routeNamespace: this.namespace,
      rules: this.rules,
      ...(this.defaultBackend !== undefined ? { defaultBackend: this.defaultBackend } : {}),
      tlsHosts: [...new Set(this.tlsEntries.flatMap((e) => e.hosts))],
      ...(this.nginx !== undefined ? { nginx: this.nginx } : {}),
      annotations: this._annotations,
      labels: this._labels,
    };
  }

  /** The hosts of the rules, in order, without duplicates. */
  public get hosts(): string[] {
    return [...new Set(this.rules.map((r) => r.host).filter((h): h is string => h !== undefined))];
  }

  /**
   * The URLs the Ingress serves, in rule order: `https://host/path` for hosts with TLS, `http://...` for plain
   * hosts (rules without a host are left out).
   */
  public get urls(): string[] {
    const urls: string[] = [];
    const coveredByTls = this.tlsCoverage();
    for (const rule of this.rules) {
      if (rule.host === undefined) continue;
      const scheme = coveredByTls(rule.host) ? 'https' : 'http';
      for (const path of rule.paths) {
        urls.push(`${scheme}://${rule.host}${path.path}`);
      }
    }
    return [...new Set(urls)];
  }

  /** @internal */
  protected _nameRule(): NameRule {
    return {
      field: 'ingressName',
      code: 'SP_INGRESS_NAME',
      check: checkDns1123Subdomain,
      fix: () => 'use a lowercase name such as "web"',
    };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    this.collectClassFindings(findings);
    this.collectRenderedAnnotationFindings(findings);
    collectNginxSecurityFindings(findings, this._annotations);
    this.collectRuleFindings(findings);
    collectTlsEntryFindings(findings, this.tlsEntries, this.hosts);
    this.tlsEntries.forEach(({ bound }, t) => {
      const secretNamespace = bound?.secretNamespace;
      if (secretNamespace === undefined || secretNamespace === this.namespace) return;
      findings.add('SP_TLS_SECRET_NAMESPACE', `tls[${t}].source.namespace`, secretNamespace,
        `an Ingress reads its TLS Secrets from its own namespace (${JSON.stringify(this.namespace)}) only`,
        'copy the Secret into the Ingress\'s namespace (e.g. with external-secrets or reflector), or terminate TLS on a Gateway listener, which may use another namespace\'s Secret');
    });
    this.collectPlainHostFindings(findings);
    if (this.gatewayApi !== undefined) collectGatewayApiFindings(findings, this, this.forGatewayApi(), this.gatewayApi);
  }

  /**
   * Binds every TLS source to its entry. Entries without a Secret name are numbered together, whatever their
   * source, so default names never collide.
   */
  private bindTls(entries: readonly TlsEntry[]): TlsEntryModel[] {
    let unnamed = 0;
    const defaultSecretName = (): string => {
      unnamed++;
      return `${this.ingressName}-tls${unnamed === 1 ? '' : `-${unnamed}`}`;
    };
    return entries.map((tls, t) => {
      const hosts: readonly string[] = tls?.hosts ?? [];
      const source = tls?.source;
      const bound = source instanceof TlsSource ? source._bind({ field: `tls[${t}]`, hosts, defaultSecretName }) : undefined;
      return { hosts, bound, secretName: bound?.secretName ?? defaultSecretName() };
    });
  }

  private emitSecrets(): ApiObject[] {
    const secrets: ApiObject[] = [];
    this.tlsEntries.forEach((entry, i) => {
      const data = entry.bound?.secretData;
      if (data === undefined) return;
      secrets.push(this._emit(`TlsSecret${i}`, 'v1', 'Secret', this._objectMetadata(entry.secretName, this._labels), {
        type: () => 'kubernetes.io/tls',
        data,
      }));
    });
    return secrets;
  }

  private renderAnnotations(): { [key: string]: string } {
    const fromSources: { [key: string]: string } = {};
    for (const { bound } of this.tlsEntries) {
      for (const [key, value] of Object.entries(bound?.annotations ?? {})) {
        if (!(key in fromSources)) fromSources[key] = value;
      }
    }
    return { ...fromSources, ...renderNginxAnnotations(this.nginx, this.tlsEntries.length > 0), ...this._annotations };
  }

  private renderSpec(): { [field: string]: unknown } {
    const namespace = this.namespace;
    return {
      ...(this.ingressClassName !== undefined ? { ingressClassName: this.ingressClassName } : {}),
      ...(this.defaultBackend !== undefined ? { defaultBackend: this.defaultBackend._render(namespace) } : {}),
      ...(this.tlsEntries.length > 0 ? { tls: this.tlsEntries.map((e) => ({ hosts: [...e.hosts], secretName: e.secretName })) } : {}),
      ...(this.rules.length > 0
        ? {
          rules: this.rules.map((rule) => ({
            ...(rule.host !== undefined ? { host: rule.host } : {}),
            http: {
              paths: rule.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: p.backend?._render(namespace) })),
            },
          })),
        }
        : {}),
    };
  }

  /** Whether a TLS entry covers a host (the TLS hosts indexed once: O(1) per host). */
  private tlsCoverage(): (host: string) => boolean {
    return indexHostPatterns(this.tlsEntries.flatMap((e) => e.hosts));
  }

  private collectClassFindings(findings: FindingCollector): void {
    if (this.ingressClassName !== undefined) {
      findings.check(checkDns1123Subdomain(this.ingressClassName), 'SP_INGRESS_CLASS', 'ingressClassName', this.ingressClassName,
        'name an IngressClass such as "nginx"');
    }
    const classAnnotation = this.renderedAnnotations['kubernetes.io/ingress.class'];
    if (classAnnotation !== undefined) {
      findings.add('SP_INGRESS_CLASS_ANNOTATION', 'annotations["kubernetes.io/ingress.class"]', classAnnotation,
        'is deprecated and conflicts with spec.ingressClassName', 'use ingressClassName instead');
    }
  }

  /**
   * The base checks the user's annotations; this checks the ones the Ingress adds (cert-manager's and the
   * presets the user did not override), and the size of the whole map when only the sum is over the limit.
   */
  private collectRenderedAnnotationFindings(findings: FindingCollector): void {
    const added: { [key: string]: string } = {};
    for (const [key, value] of Object.entries(this.renderedAnnotations)) {
      if (!(key in this._annotations)) added[key] = value;
    }
    if (Object.keys(added).length === 0) return;
    collectAnnotationFindings(findings, 'annotations', added);
    const size = annotationSizeFinding(this.renderedAnnotations);
    if (size !== undefined && annotationSizeFinding(this._annotations) === undefined && annotationSizeFinding(added) === undefined) {
      findings.addWithoutValue(size.code, size.field, size.rule, size.fix);
    }
  }

  private collectRuleFindings(findings: FindingCollector): void {
    if (this.rules.length === 0 && this.defaultBackend === undefined) {
      findings.addWithoutValue('SP_INGRESS_EMPTY', 'rules', 'an Ingress needs rules or a defaultBackend', 'add a rule or a defaultBackend');
    }
    this.defaultBackend?._collectFindings(findings, 'defaultBackend', this.namespace);
    const seenRoutes = new Map<string, string>();
    const nginx: NginxPathContext = {
      applies: this.nginx !== undefined || this.ingressClassName === 'nginx',
      useRegex: nginxUseRegex(this.nginx) === true,
    };
    this.rules.forEach((rule, r) => {
      if (rule.host !== undefined) {
        findings.check(checkIngressHost(rule.host), 'SP_INGRESS_HOST', `rules[${r}].host`, rule.host, 'use a DNS name such as "shop.example.com" or "*.example.com"');
      }
      if (rule.paths.length === 0) {
        findings.addWithoutValue('SP_INGRESS_PATHS', `rules[${r}].paths`, 'a rule needs at least one path', 'add { path: "/", backend }');
      }
      rule.paths.forEach((path, i) => this.collectPathFindings(findings, `rules[${r}].paths[${i}]`, rule.host, path, seenRoutes, nginx));
    });
  }

  private collectPathFindings(findings: FindingCollector, field: string, host: string | undefined, path: PathModel,
    seenRoutes: Map<string, string>, nginx: NginxPathContext): void {
    const { path: value, pathType } = path;
    findings.check(checkIngressPath(value, pathType), 'SP_INGRESS_PATH', `${field}.path`, value,
      pathType === PathType.IMPLEMENTATION_SPECIFIC ? 'start the path with "/"' : 'use a normalised absolute path such as "/api"');
    if (nginx.applies) {
      findings.check(checkNginxPath(value, pathType, nginx.useRegex), 'SP_INGRESS_NGINX_PATH', `${field}.pathType`, pathType,
        'use pathType: PathType.IMPLEMENTATION_SPECIFIC for regular expressions and special characters');
    }
    const key = `${host ?? '*'} ${value} ${pathType}`;
    const first = seenRoutes.get(key);
    if (first !== undefined) {
      findings.add('SP_INGRESS_ROUTE_DUPLICATE', `${field}.path`, value, `host ${formatValue(host ?? '(any)')} already routes this ${pathType} path at ${first}`,
        'route each host + path + pathType once');
    } else {
      seenRoutes.set(key, field);
    }
    if (path.backend === undefined) {
      findings.addWithoutValue('SP_BACKEND_REQUIRED', `${field}.backend`, 'a path needs a backend', 'give backend: ServiceBackend.fromServicePattern(...)');
    } else {
      path.backend._collectFindings(findings, `${field}.backend`, this.namespace);
    }
  }

  private collectPlainHostFindings(findings: FindingCollector): void {
    const ruleHosts = this.hosts;
    const ruleHostSet = new Set(ruleHosts);
    const coveredByTls = this.tlsCoverage();
    const plain = new Set(this.plainHttpHosts);
    for (const host of plain) {
      if (!ruleHostSet.has(host)) {
        findings.add('SP_PLAIN_HOST_UNUSED', 'plainHttpHosts', host, 'is not a host of the rules', 'remove it, or add a rule for it');
      }
    }
    // an ingress-nginx canary is served by its main Ingress's server (TLS included): its own TLS does not matter
    if (isCanary(this._annotations)) return;
    for (const host of ruleHosts.filter((h) => checkIngressHost(h) === undefined)) {
      if (!coveredByTls(host) && !plain.has(host)) {
        findings.add('SP_TLS_HOST_UNCOVERED', 'tls', host, 'is a rule host without TLS, and a TlsIngress serves every host over HTTPS by default',
          'add the host to a TLS entry, or list it in plainHttpHosts to keep it plain HTTP');
      }
    }
  }
}
