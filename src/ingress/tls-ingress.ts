import * as fs from 'fs';
import { ApiObjectMetadata, Chart, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IngressFacts, registerPattern } from './report';
import { ServicePatternBase } from './service-base';
import {
  checkDns1035Label,
  checkDns1123Label,
  checkIanaSvcName,
  checkDns1123Subdomain,
  checkIngressHost,
  checkIngressPath,
  checkPortNumber,
  collectAnnotationFindings,
  collectLabelFindings,
  collectPemFindings,
  FindingCollector,
  formatValue,
  hostCovers,
} from './validation';

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
 * Which port of the backend Service to route to: by number or by name (at most one).
 */
export interface BackendPortOptions {
  /**
   * The Service port number.
   *
   * @default - the Service's only port (an error when it has several)
   */
  readonly portNumber?: number;

  /**
   * The Service port name.
   *
   * @default - the Service's only port (an error when it has several)
   */
  readonly portName?: string;
}

interface ResolvedBackendPort {
  readonly number?: number;
  readonly name?: string;
}

/**
 * A Service an Ingress routes to: one of this library's constructs, a cdk8s-plus Service, or a Service
 * referenced by name (for Services that live outside the app).
 */
export class IngressBackend {
  /**
   * A Service built by one of this library's constructs (ExposedApp, HeadlessStatefulService,
   * ManualEndpointService, ExternalAlias...). The port must exist on it; with a single port it is picked.
   */
  public static fromServicePattern(pattern: ServicePatternBase, options: BackendPortOptions = {}): IngressBackend {
    return new IngressBackend(pattern.serviceName, options, {
      label: `${pattern.node.path} (Service ${JSON.stringify(pattern.serviceName)})`,
      namespace: pattern.namespace,
      ports: () => pattern._backendPorts(),
    });
  }

  /**
   * A cdk8s-plus Service. The port must exist on it; with a single port it is picked.
   */
  public static fromService(service: kplus.Service, options: BackendPortOptions = {}): IngressBackend {
    return new IngressBackend(service.name, options, {
      label: `${service.node.path} (Service ${JSON.stringify(service.name)})`,
      namespace: service.metadata.namespace ?? Chart.of(service).namespace ?? 'default',
      ports: () => service.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) })),
    });
  }

  /**
   * A Service by name, in the Ingress's namespace (for Services created outside the app). Its ports cannot be
   * checked, so the port must be given.
   */
  public static fromServiceName(serviceName: string, options: BackendPortOptions): IngressBackend {
    return new IngressBackend(serviceName, options, undefined);
  }

  private constructor(
    /** The Service name. */
    public readonly serviceName: string,
    private readonly options: BackendPortOptions,
    private readonly known: { label: string; namespace: string; ports: () => Array<{ port: number; name?: string }> } | undefined,
  ) {}

  /**
   * The Service name and port of a backend referenced by name (undefined for other backends).
   * @internal
   */
  public _byName(): { serviceName: string; portNumber?: number; portName?: string } | undefined {
    if (this.known !== undefined) return undefined;
    return { serviceName: this.serviceName, ...this.options };
  }

  /**
   * Checks the backend for an Ingress in `namespace` and returns the port to render (undefined on error).
   * @internal
   */
  public _resolve(findings: FindingCollector, field: string, namespace: string): ResolvedBackendPort | undefined {
    const { portNumber, portName } = this.options ?? {};
    findings.check(checkDns1035Label(this.serviceName), 'SP_BACKEND_SERVICE', `${field}.serviceName`, this.serviceName, 'name a Service (a DNS-1035 label such as "web")');
    if (portNumber !== undefined && portName !== undefined) {
      findings.addWithoutValue('SP_BACKEND_PORT', `${field}.port`, 'both portNumber and portName were given', 'give one of them');
      return undefined;
    }
    if (portNumber !== undefined && findings.check(checkPortNumber(portNumber), 'SP_BACKEND_PORT', `${field}.portNumber`, portNumber, 'use the Service port number')) {
      return undefined;
    }
    if (portName !== undefined && findings.check(checkIanaSvcName(portName), 'SP_BACKEND_PORT', `${field}.portName`, portName,
      'use the Service port name (an Ingress backend port name is an IANA service name: at most 15 characters, with a letter)')) {
      return undefined;
    }
    if (this.known === undefined) {
      if (portNumber === undefined && portName === undefined) {
        findings.add('SP_BACKEND_PORT_REQUIRED', `${field}.port`, this.serviceName, 'a Service referenced by name needs a port',
          'pass { portNumber } or { portName }');
        return undefined;
      }
      return portNumber !== undefined ? { number: portNumber } : { name: portName };
    }
    if (this.known.namespace !== namespace) {
      findings.add('SP_BACKEND_NAMESPACE', field, this.known.label,
        `is in namespace ${JSON.stringify(this.known.namespace)}, and an Ingress in ${JSON.stringify(namespace)} can only route to Services of its own namespace`,
        'create the Ingress in the Service\'s namespace, or alias the Service into this one with ExternalAlias');
      return undefined;
    }
    const ports = this.known.ports();
    const listed = ports.map((p) => (p.name ? `${p.name} (${p.port})` : `${p.port}`)).join(', ') || 'none';
    if (portNumber === undefined && portName === undefined) {
      if (ports.length === 1) return { number: ports[0].port };
      findings.add('SP_BACKEND_PORT_AMBIGUOUS', `${field}.port`, this.known.label,
        ports.length === 0 ? 'the Service has no ports to route to' : `the Service has ${ports.length} ports: ${listed}`,
        ports.length === 0 ? 'add a port to the Service' : 'choose one with { portName } or { portNumber }');
      return undefined;
    }
    const match = ports.find((p) => (portNumber !== undefined ? p.port === portNumber : p.name === portName));
    if (match === undefined) {
      findings.add('SP_BACKEND_PORT_UNKNOWN', `${field}.port`, portNumber ?? portName, `${this.known.label} has no such port (ports: ${listed})`,
        'route to a port the Service has');
      return undefined;
    }
    return portNumber !== undefined ? { number: portNumber } : { name: portName };
  }
}

/**
 * Options of a TLS certificate given as PEM text.
 */
export interface PemTlsOptions {
  /** The certificate chain, PEM (the leaf certificate first). */
  readonly certificate: string;
  /** The private key, PEM, unencrypted. It ends up in the synthesized YAML (and so in Git). */
  readonly privateKey: string;
  /**
   * A CA certificate, PEM, stored as `ca.crt`.
   *
   * @default - none
   */
  readonly caCertificate?: string;
  /**
   * The name of the Secret to create.
   *
   * @default `<ingress name>-tls` (`-tls-<n>` for the n-th PEM entry after the first)
   */
  readonly secretName?: string;
  /**
   * Acknowledges that the private key is written into the synthesized YAML, silencing the warning that
   * recommends an existing Secret or cert-manager.
   *
   * @default false
   */
  readonly acknowledgeKeyInManifest?: boolean;
}

/**
 * Options of a TLS certificate given as PEM files (read at synth time of the app, i.e. when the construct is
 * created).
 */
export interface PemFileTlsOptions {
  /**
   * A CA certificate file, PEM, stored as `ca.crt`.
   *
   * @default - none
   */
  readonly caCertificatePath?: string;
  /**
   * The name of the Secret to create.
   *
   * @default `<ingress name>-tls` (`-tls-<n>` for the n-th PEM entry after the first)
   */
  readonly secretName?: string;
  /**
   * Acknowledges that the private key is written into the synthesized YAML.
   *
   * @default false
   */
  readonly acknowledgeKeyInManifest?: boolean;
}

/**
 * Options of a certificate issued by cert-manager.
 */
export interface CertManagerTlsOptions {
  /**
   * A namespaced cert-manager Issuer. Exactly one of `issuer` and `clusterIssuer`.
   *
   * @default - use `clusterIssuer`
   */
  readonly issuer?: string;
  /**
   * A cert-manager ClusterIssuer. Exactly one of `issuer` and `clusterIssuer`.
   *
   * @default - use `issuer`
   */
  readonly clusterIssuer?: string;
  /**
   * The name of the Secret cert-manager fills.
   *
   * @default `<ingress name>-tls` (`-tls-<n>` for the n-th cert-manager entry after the first)
   */
  readonly secretName?: string;
}

interface PemMaterial {
  readonly certificate?: string;
  readonly privateKey?: string;
  readonly caCertificate?: string;
  /** Problems reading files (paths only, never contents). */
  readonly readErrors: Array<{ field: string; path: string }>;
}

/**
 * Where the certificate of a TLS entry comes from.
 */
export class TlsSource {
  /** A certificate and private key given as PEM text: a `kubernetes.io/tls` Secret is created. */
  public static fromPem(options: PemTlsOptions): TlsSource {
    return new TlsSource('pem', options.secretName, {
      pem: { certificate: options.certificate, privateKey: options.privateKey, caCertificate: options.caCertificate, readErrors: [] },
      acknowledged: options.acknowledgeKeyInManifest ?? false,
    });
  }

  /** A certificate and private key read from PEM files: a `kubernetes.io/tls` Secret is created. */
  public static fromPemFiles(certificatePath: string, privateKeyPath: string, options: PemFileTlsOptions = {}): TlsSource {
    const readErrors: PemMaterial['readErrors'] = [];
    const read = (field: string, path: string | undefined): string | undefined => {
      if (path === undefined) return undefined;
      try {
        return fs.readFileSync(path, 'utf8');
      } catch {
        readErrors.push({ field, path });
        return undefined;
      }
    };
    return new TlsSource('pem', options.secretName, {
      pem: {
        certificate: read('certificatePath', certificatePath),
        privateKey: read('privateKeyPath', privateKeyPath),
        caCertificate: read('caCertificatePath', options.caCertificatePath),
        readErrors,
      },
      acknowledged: options.acknowledgeKeyInManifest ?? false,
    });
  }

  /** An existing `kubernetes.io/tls` Secret in the Ingress's namespace (sealed-secrets, external-secrets, by hand). */
  public static fromExistingSecret(secretName: string): TlsSource {
    return new TlsSource('secret', secretName, {});
  }

  /**
   * A certificate cert-manager issues into a Secret: sets the `cert-manager.io/issuer` or
   * `cert-manager.io/cluster-issuer` annotation on the Ingress.
   */
  public static fromCertManager(options: CertManagerTlsOptions): TlsSource {
    return new TlsSource('cert-manager', options.secretName, { issuer: options.issuer, clusterIssuer: options.clusterIssuer });
  }

  private constructor(
    /** The kind of source: `pem`, `secret` or `cert-manager`. */
    public readonly kind: string,
    private readonly secretNameOption: string | undefined,
    private readonly details: { pem?: PemMaterial; acknowledged?: boolean; issuer?: string; clusterIssuer?: string },
  ) {}

  /** @internal */
  public get _secretName(): string | undefined {
    return this.secretNameOption;
  }

  /** @internal */
  public get _details(): { pem?: PemMaterial; acknowledged?: boolean; issuer?: string; clusterIssuer?: string } {
    return this.details;
  }
}

/**
 * A TLS entry: hosts served with one certificate.
 */
export interface IngressTls {
  /** The hosts the certificate is for; each must be a host of the rules. */
  readonly hosts: string[];
  /** Where the certificate comes from. */
  readonly source: TlsSource;
}

/**
 * A path of an Ingress rule.
 */
export interface IngressPath {
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
  readonly backend: IngressBackend;
}

/**
 * An Ingress rule: a host (or every host) and its paths, in the order given.
 */
export interface IngressRule {
  /**
   * The host, e.g. `shop.example.com` or `*.example.com`.
   *
   * @default - every host
   */
  readonly host?: string;
  /** The paths, in the order given (at least one). */
  readonly paths: IngressPath[];
}

/**
 * ingress-nginx presets.
 */
export interface NginxOptions {
  /**
   * Redirect HTTP to HTTPS for hosts with TLS (`nginx.ingress.kubernetes.io/ssl-redirect`).
   *
   * @default true when TLS is configured
   */
  readonly sslRedirect?: boolean;
  /**
   * Redirect HTTP to HTTPS even without TLS on this Ingress, e.g. behind a TLS-terminating load balancer
   * (`nginx.ingress.kubernetes.io/force-ssl-redirect`).
   *
   * @default false
   */
  readonly forceSslRedirect?: boolean;
  /**
   * Rewrite the matched path before proxying (`nginx.ingress.kubernetes.io/rewrite-target`), e.g. `/$2` with
   * a path such as `/api(/|$)(.*)`. Capture groups (`$1`...) turn on `use-regex`, which needs
   * ImplementationSpecific paths.
   *
   * @default - no rewrite
   */
  readonly rewriteTarget?: string;
  /**
   * Treat paths as regular expressions (`nginx.ingress.kubernetes.io/use-regex`).
   *
   * @default - true when `rewriteTarget` uses capture groups, else not set
   */
  readonly useRegex?: boolean;
}

/**
 * Properties of a {@link TlsIngress}.
 */
export interface TlsIngressProps {
  /**
   * The Ingress name (a DNS-1123 subdomain).
   *
   * @default - a stable name derived from the construct path
   */
  readonly ingressName?: string;
  /**
   * The namespace of the Ingress and its Secrets; backends must live there too.
   *
   * @default - the chart's namespace, else `default`
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
  readonly rules?: IngressRule[];
  /**
   * Where requests that match no rule go.
   *
   * @default - the controller's default backend
   */
  readonly defaultBackend?: IngressBackend;
  /**
   * TLS entries: hosts and where their certificate comes from.
   *
   * @default - no TLS (every rule host must then be listed in `plainHttpHosts`)
   */
  readonly tls?: IngressTls[];
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
}

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/**
 * A `networking.k8s.io/v1` Ingress routing by host and path to Services of its namespace, with TLS
 * terminated at the controller: from PEM material (a `kubernetes.io/tls` Secret is created and checked), an
 * existing Secret, or cert-manager. Every rule host must be covered by TLS unless listed as plain HTTP.
 */
export class TlsIngress extends Construct {
  /** The Ingress object. */
  public readonly ingress: kplus.k8s.KubeIngress;
  /** The TLS Secrets this construct creates (PEM sources only). */
  public readonly secrets: kplus.k8s.KubeSecret[] = [];
  /** The Ingress name. */
  public readonly ingressName: string;
  /** The namespace of the Ingress. */
  public readonly namespace: string;

  private readonly props: TlsIngressProps;
  private readonly rules: IngressRule[];
  private readonly tlsEntries: Array<{ tls: IngressTls; secretName: string }>;
  private readonly explicitNamespace?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: TlsIngressProps) {
    super(scope, id);
    this.props = props;
    this.ingressName = props.ingressName ?? Names.toDnsLabel(this);
    this.explicitNamespace = props.namespace ?? Chart.of(this).namespace;
    this.namespace = this.explicitNamespace ?? 'default';
    this.rules = [...(props.rules ?? [])];

    // Entries without a secretName are numbered together, whatever their source, so defaults never collide.
    let unnamed = 0;
    this.tlsEntries = (props.tls ?? []).map((tls) => {
      const given = tls?.source?._secretName;
      if (given !== undefined) return { tls, secretName: given };
      unnamed++;
      return { tls, secretName: `${this.ingressName}-tls${unnamed === 1 ? '' : `-${unnamed}`}` };
    });

    this.tlsEntries.forEach(({ tls, secretName }, i) => {
      const pem = tls?.source?._details.pem;
      if (tls?.source?.kind !== 'pem' || pem === undefined) return;
      const data: { [key: string]: string } = {
        'tls.crt': Buffer.from(pem.certificate ?? '', 'utf8').toString('base64'),
        'tls.key': Buffer.from(pem.privateKey ?? '', 'utf8').toString('base64'),
      };
      if (pem.caCertificate !== undefined) data['ca.crt'] = Buffer.from(pem.caCertificate, 'utf8').toString('base64');
      const secret = new kplus.k8s.KubeSecret(this, `TlsSecret${i}`, {
        metadata: this.metadata(secretName),
        type: 'kubernetes.io/tls',
        data,
      });
      this.secrets.push(secret);
    });

    // Created after its Secrets, so it follows them in the output.
    this.ingress = new kplus.k8s.KubeIngress(this, 'Resource', {
      metadata: this.metadata(this.ingressName, this.renderAnnotations()),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });

    registerPattern(this, {
      apiObject: this.ingress,
      collect: (findings) => this.collectFindings(findings),
      facts: (): IngressFacts => ({
        kind: 'ingress',
        name: this.ingressName,
        namespace: this.namespace,
        ...(props.ingressClassName !== undefined ? { ingressClass: props.ingressClassName } : {}),
        canary: props.annotations?.['nginx.ingress.kubernetes.io/canary'] === 'true',
        routes: this.rules.flatMap((rule) => (rule.paths ?? []).map((p) => ({ host: rule.host, path: p.path ?? '/', pathType: p.pathType ?? PathType.PREFIX }))),
        tls: this.tlsEntries.flatMap(({ tls, secretName }) => (tls?.hosts ?? []).map((host) => ({ host, secretName }))),
        namedBackends: [
          ...(props.defaultBackend ? [{ backend: props.defaultBackend, field: 'defaultBackend' }] : []),
          ...this.rules.flatMap((rule, r) => (rule.paths ?? []).map((p, i) => ({ backend: p.backend, field: `rules[${r}].paths[${i}].backend` }))),
        ].flatMap(({ backend, field }) => {
          const byName = backend?._byName();
          return byName === undefined ? [] : [{ ...byName, field }];
        }),
      }),
    });
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
    for (const rule of this.rules) {
      if (rule.host === undefined) continue;
      const scheme = this.tlsEntries.some(({ tls }) => (tls?.hosts ?? []).some((h) => hostCovers(h, rule.host!))) ? 'https' : 'http';
      for (const path of rule.paths ?? []) {
        urls.push(`${scheme}://${rule.host}${path.path ?? '/'}`);
      }
    }
    return [...new Set(urls)];
  }

  private metadata(name: string, annotations?: { [key: string]: string }): ApiObjectMetadata {
    return {
      name,
      ...(this.explicitNamespace !== undefined ? { namespace: this.explicitNamespace } : {}),
      ...(this.props.labels && Object.keys(this.props.labels).length > 0 ? { labels: { ...this.props.labels } } : {}),
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
  }

  private useRegex(): boolean | undefined {
    const nginx = this.props.nginx;
    if (nginx === undefined) return undefined;
    if (nginx.useRegex !== undefined) return nginx.useRegex;
    return nginx.rewriteTarget !== undefined && /\$[0-9]/.test(nginx.rewriteTarget) ? true : undefined;
  }

  private renderAnnotations(): { [key: string]: string } {
    const annotations: { [key: string]: string } = {};
    const issuers = this.tlsEntries.map(({ tls }) => tls?.source).filter((s) => s?.kind === 'cert-manager');
    const first = issuers[0]?._details;
    if (first?.issuer !== undefined) annotations['cert-manager.io/issuer'] = first.issuer;
    else if (first?.clusterIssuer !== undefined) annotations['cert-manager.io/cluster-issuer'] = first.clusterIssuer;
    const nginx = this.props.nginx;
    if (nginx !== undefined) {
      const sslRedirect = nginx.sslRedirect ?? (this.tlsEntries.length > 0 ? true : undefined);
      if (sslRedirect !== undefined) annotations[`${NGINX_PREFIX}ssl-redirect`] = String(sslRedirect);
      if (nginx.forceSslRedirect !== undefined) annotations[`${NGINX_PREFIX}force-ssl-redirect`] = String(nginx.forceSslRedirect);
      if (nginx.rewriteTarget !== undefined) annotations[`${NGINX_PREFIX}rewrite-target`] = nginx.rewriteTarget;
      const useRegex = this.useRegex();
      if (useRegex !== undefined) annotations[`${NGINX_PREFIX}use-regex`] = String(useRegex);
    }
    return { ...annotations, ...this.props.annotations };
  }

  private renderSpec(): kplus.k8s.IngressSpec {
    const findings = new FindingCollector(); // resolution problems are reported by the validation pass
    const backend = (b: IngressBackend, field: string): kplus.k8s.IngressBackend => {
      const port = b?._resolve(findings, field, this.namespace);
      const servicePort = port === undefined ? undefined : port.number !== undefined ? { number: port.number } : { name: port.name };
      return { service: { name: b?.serviceName, ...(servicePort ? { port: servicePort } : {}) } };
    };
    return {
      ...(this.props.ingressClassName !== undefined ? { ingressClassName: this.props.ingressClassName } : {}),
      ...(this.props.defaultBackend !== undefined ? { defaultBackend: backend(this.props.defaultBackend, 'defaultBackend') } : {}),
      ...(this.tlsEntries.length > 0 ? { tls: this.tlsEntries.map(({ tls, secretName }) => ({ hosts: [...(tls?.hosts ?? [])], secretName })) } : {}),
      ...(this.rules.length > 0
        ? {
          rules: this.rules.map((rule, r) => ({
            ...(rule.host !== undefined ? { host: rule.host } : {}),
            http: {
              paths: (rule.paths ?? []).map((p, i) => ({
                path: p.path ?? '/',
                pathType: p.pathType ?? PathType.PREFIX,
                backend: backend(p.backend, `rules[${r}].paths[${i}].backend`),
              })),
            },
          })),
        }
        : {}),
    };
  }

  private collectFindings(findings: FindingCollector): void {
    const p = this.props;
    findings.check(checkDns1123Subdomain(this.ingressName), 'SP_INGRESS_NAME', 'ingressName', this.ingressName, 'use a lowercase name such as "web"');
    if (this.explicitNamespace !== undefined) {
      findings.check(checkDns1123Label(this.explicitNamespace), 'SP_NAMESPACE', 'namespace', this.explicitNamespace, 'use a lowercase namespace name such as "apps"');
    }
    if (p.ingressClassName !== undefined) {
      findings.check(checkDns1123Subdomain(p.ingressClassName), 'SP_INGRESS_CLASS', 'ingressClassName', p.ingressClassName, 'name an IngressClass such as "nginx"');
    }
    collectLabelFindings(findings, 'labels', p.labels);
    const annotations = this.renderAnnotations();
    collectAnnotationFindings(findings, 'annotations', annotations);
    if (annotations['kubernetes.io/ingress.class'] !== undefined) {
      findings.add('SP_INGRESS_CLASS_ANNOTATION', 'annotations["kubernetes.io/ingress.class"]', annotations['kubernetes.io/ingress.class'],
        'is deprecated and conflicts with spec.ingressClassName', 'use ingressClassName instead');
    }

    // rules and paths
    if (this.rules.length === 0 && p.defaultBackend === undefined) {
      findings.addWithoutValue('SP_INGRESS_EMPTY', 'rules', 'an Ingress needs rules or a defaultBackend', 'add a rule or a defaultBackend');
    }
    if (p.defaultBackend !== undefined) p.defaultBackend._resolve(findings, 'defaultBackend', this.namespace);
    const seenRoutes = new Map<string, string>();
    const regex = this.useRegex() === true;
    const nginx = p.nginx !== undefined || p.ingressClassName === 'nginx';
    this.rules.forEach((rule, r) => {
      if (rule.host !== undefined) {
        findings.check(checkIngressHost(rule.host), 'SP_INGRESS_HOST', `rules[${r}].host`, rule.host, 'use a DNS name such as "shop.example.com" or "*.example.com"');
      }
      const paths = rule.paths ?? [];
      if (paths.length === 0) {
        findings.addWithoutValue('SP_INGRESS_PATHS', `rules[${r}].paths`, 'a rule needs at least one path', 'add { path: "/", backend }');
      }
      paths.forEach((path, i) => {
        const field = `rules[${r}].paths[${i}]`;
        const value = path.path ?? '/';
        const pathType = path.pathType ?? PathType.PREFIX;
        findings.check(checkIngressPath(value, pathType), 'SP_INGRESS_PATH', `${field}.path`, value,
          pathType === PathType.IMPLEMENTATION_SPECIFIC ? 'start the path with "/"' : 'use a normalised absolute path such as "/api"');
        if (nginx && pathType !== PathType.IMPLEMENTATION_SPECIFIC && !/^\/[A-Za-z0-9._\-/]*$/.test(value)) {
          // ingress-nginx validates Exact and Prefix paths strictly (strict-validate-path-type, on by default)
          findings.add('SP_INGRESS_NGINX_PATH', `${field}.pathType`, pathType,
            `path ${formatValue(value)} has characters ingress-nginx refuses in ${pathType} paths (only letters, digits, '.', '_', '-' and '/')${regex ? '; use-regex is on' : ''}`,
            'use pathType: PathType.IMPLEMENTATION_SPECIFIC for regular expressions and special characters');
        }
        const key = `${rule.host ?? '*'} ${value} ${pathType}`;
        const first = seenRoutes.get(key);
        if (first !== undefined) {
          findings.add('SP_INGRESS_ROUTE_DUPLICATE', `${field}.path`, value, `host ${formatValue(rule.host ?? '(any)')} already routes this ${pathType} path at ${first}`,
            'route each host + path + pathType once');
        } else {
          seenRoutes.set(key, field);
        }
        if (path.backend === undefined) {
          findings.addWithoutValue('SP_BACKEND_REQUIRED', `${field}.backend`, 'a path needs a backend', 'give backend: IngressBackend.fromServicePattern(...)');
        } else {
          path.backend._resolve(findings, `${field}.backend`, this.namespace);
        }
      });
    });

    // TLS
    const ruleHosts = this.hosts;
    const now = new Date();
    const tlsHostOwner = new Map<string, number>();
    const issuers = new Set<string>();
    this.tlsEntries.forEach(({ tls, secretName }, t) => {
      const field = `tls[${t}]`;
      findings.check(checkDns1123Subdomain(secretName), 'SP_TLS_SECRET_NAME', `${field}.secretName`, secretName, 'use a lowercase name such as "shop-tls"');
      const hosts = tls?.hosts ?? [];
      if (hosts.length === 0) {
        findings.addWithoutValue('SP_TLS_HOSTS', `${field}.hosts`, 'a TLS entry needs the hosts it serves', 'list the hosts, e.g. hosts: ["shop.example.com"]');
      }
      hosts.forEach((host, h) => {
        if (findings.check(checkIngressHost(host), 'SP_INGRESS_HOST', `${field}.hosts[${h}]`, host, 'use a DNS name such as "shop.example.com" or "*.example.com"')) return;
        if (!ruleHosts.some((ruleHost) => hostCovers(host, ruleHost))) {
          findings.add('SP_TLS_HOST_UNUSED', `${field}.hosts[${h}]`, host, `matches no rule host (rules: ${ruleHosts.join(', ') || 'none'})`,
            'add a rule for the host, or remove it from the TLS entry');
        }
        const owner = tlsHostOwner.get(host);
        if (owner !== undefined && owner !== t) {
          findings.add('SP_TLS_HOST_DUPLICATE', `${field}.hosts[${h}]`, host, `is already served by tls[${owner}]; the controller would use only one certificate`,
            'list each host in one TLS entry');
        } else {
          tlsHostOwner.set(host, t);
        }
      });
      const source = tls?.source;
      if (source === undefined) {
        findings.addWithoutValue('SP_TLS_SOURCE', `${field}.source`, 'a TLS entry needs a source', 'use TlsSource.fromExistingSecret(...), fromCertManager(...) or fromPem(...)');
        return;
      }
      const details = source._details;
      if (source.kind === 'cert-manager') {
        if ((details.issuer === undefined) === (details.clusterIssuer === undefined)) {
          findings.addWithoutValue('SP_CERT_MANAGER_ISSUER', `${field}.source`, 'give exactly one of issuer and clusterIssuer', 'e.g. TlsSource.fromCertManager({ clusterIssuer: "letsencrypt" })');
        } else {
          const issuer = details.issuer ?? details.clusterIssuer!;
          findings.check(checkDns1123Subdomain(issuer), 'SP_CERT_MANAGER_ISSUER', `${field}.source.${details.issuer !== undefined ? 'issuer' : 'clusterIssuer'}`, issuer,
            'name an existing cert-manager Issuer or ClusterIssuer');
          issuers.add(`${details.issuer !== undefined ? 'Issuer' : 'ClusterIssuer'} ${issuer}`);
        }
      }
      if (source.kind === 'pem' && details.pem !== undefined) {
        for (const { field: fileField, path } of details.pem.readErrors) {
          if (typeof path === 'string' && (path.includes('\n') || path.includes('-----BEGIN'))) {
            // PEM text given where a path was expected: never repeat it (it may be a private key)
            findings.addWithoutValue('SP_TLS_FILE', `${field}.source.${fileField}`, 'is PEM text, not a file path',
              'pass the PEM text with TlsSource.fromPem({ certificate, privateKey }), or give the paths of the files');
          } else {
            findings.add('SP_TLS_FILE', `${field}.source.${fileField}`, path, 'cannot be read', 'check the path (relative paths are resolved from the working directory)');
          }
        }
        if (details.pem.readErrors.length === 0) {
          collectPemFindings(findings, details.pem.certificate, details.pem.privateKey, hosts, now, `${field}.source`);
        }
        if (!details.acknowledged && details.pem.readErrors.length === 0) {
          findings.warn('SP_TLS_INLINE_KEY', `${field}.source`, undefined,
            `the private key is written into Secret ${JSON.stringify(secretName)} of the synthesized YAML, and so into Git`,
            'use TlsSource.fromExistingSecret (sealed-secrets, external-secrets) or TlsSource.fromCertManager; or set acknowledgeKeyInManifest: true');
        }
      }
    });
    const secretNames = new Map<string, number>();
    this.tlsEntries.forEach(({ secretName }, t) => {
      const first = secretNames.get(secretName);
      if (first !== undefined) {
        findings.add('SP_TLS_SECRET_DUPLICATE', `tls[${t}].secretName`, secretName, `is also the Secret of tls[${first}]; one Secret holds one certificate`,
          'give each TLS entry its own Secret (or list all its hosts in one entry)');
      } else {
        secretNames.set(secretName, t);
      }
    });
    const kinds = new Set(this.tlsEntries.map(({ tls }) => tls?.source?.kind));
    if (kinds.has('cert-manager') && kinds.size > 1) {
      findings.add('SP_CERT_MANAGER_MIXED', 'tls', [...kinds].join(', '),
        'cert-manager issues a certificate for every TLS entry of an Ingress with its issuer annotation, and would overwrite the other entries\' Secrets',
        'put the cert-manager hosts and the other hosts in separate TlsIngresses');
    }
    if (issuers.size > 1) {
      findings.add('SP_CERT_MANAGER_ISSUERS', 'tls', [...issuers].join(', '), 'cert-manager reads one issuer annotation per Ingress',
        'use one issuer for every cert-manager entry, or split the Ingress');
    }
    const plain = new Set(p.plainHttpHosts ?? []);
    for (const host of plain) {
      if (!ruleHosts.includes(host)) {
        findings.add('SP_PLAIN_HOST_UNUSED', 'plainHttpHosts', host, 'is not a host of the rules', 'remove it, or add a rule for it');
      }
    }
    for (const host of ruleHosts.filter((h) => checkIngressHost(h) === undefined)) {
      const covered = this.tlsEntries.some(({ tls }) => (tls?.hosts ?? []).some((h) => hostCovers(h, host)));
      if (!covered && !plain.has(host)) {
        findings.add('SP_TLS_HOST_UNCOVERED', 'tls', host, 'is a rule host without TLS, and a TlsIngress serves every host over HTTPS by default',
          'add the host to a TLS entry, or list it in plainHttpHosts to keep it plain HTTP');
      }
    }
  }
}
