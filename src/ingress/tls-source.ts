import { Finding, FindingCollector } from '../private/findings';
import { guardArgs, rebase } from '../private/guards';
import { FACTORY_ARGS } from '../private/prop-shapes';
import { looksLikeKeyMaterial, PEM_FILE_MAX_BYTES, PemFileProblem, readPemFile } from '../private/rules/files';
import { checkIngressHost, indexCoveredHosts } from '../private/rules/http';
import { checkDns1123Label, checkDns1123Subdomain } from '../private/rules/names';
import { collectPemFindings, parseClock } from '../private/rules/pem';

/**
 * The environment variable that sets the instant certificates are judged against (an ISO 8601 date, e.g.
 * `2025-01-01T00:00:00Z`), for tests and reproducible re-runs; the real clock when unset.
 */
const NOW_ENV = 'CDK8S_SERVICE_PATTERNS_NOW';

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
   * @default `<ingress name>-tls` (`-tls-<n>` for the n-th TLS entry without a Secret name after the first)
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
 * Options of a TLS certificate given as PEM files (read when `TlsSource.fromPemFiles` is called).
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
   * @default `<ingress name>-tls` (`-tls-<n>` for the n-th TLS entry without a Secret name after the first)
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
   * @default `<ingress name>-tls` (`-tls-<n>` for the n-th TLS entry without a Secret name after the first)
   */
  readonly secretName?: string;
}

/** Options of {@link TlsSource.fromExistingSecret}. */
export interface ExistingSecretTlsOptions {
  /**
   * The namespace of the Secret. A Gateway listener may use a Secret of another namespace: the Gateway then adds
   * the ReferenceGrant that namespace must give it. An Ingress reads its TLS Secrets from its own namespace only.
   *
   * @default - the namespace of the Ingress or Gateway
   */
  readonly namespace?: string;
}

/**
 * What a TLS entry of an Ingress gives its source when binding it. Internal: not exported from the index.
 */
export interface TlsBindContext {
  /** The entry's field in messages, e.g. `tls[0]`. */
  readonly field: string;
  /** The hosts of the entry (the Ingress's model: not to be changed). */
  readonly hosts: readonly string[];
  /** Allocates the next default Secret name (`<ingress>-tls`, `<ingress>-tls-2`...): call it only when the source names no Secret. */
  readonly defaultSecretName: () => string;
}

/**
 * What a source contributes to its Ingress once bound to a TLS entry. Internal: not exported from the index.
 */
export interface BoundTls {
  /** The Secret the entry names in `spec.tls[].secretName`. */
  readonly secretName: string;
  /** The Secret's namespace when the source names one (a Gateway listener may use another namespace's). */
  readonly secretNamespace?: string;
  /** The `data` (base64) of the `kubernetes.io/tls` Secret this library writes; undefined when someone else writes it. */
  readonly secretData?: () => { [key: string]: string };
  /** The annotations the source needs on the Ingress. */
  readonly annotations: { readonly [key: string]: string };
  /** How messages name the source: `pem`, `secret` or `cert-manager`. */
  readonly label: string;
  /**
   * Whether a controller issues a certificate for every TLS entry of the Ingress because of this source's
   * annotations (cert-manager): such a source cannot share an Ingress with other sources.
   */
  readonly issuesEveryEntry: boolean;
  /** The issuer the annotations name (`Issuer x`, `ClusterIssuer y`): an Ingress has one issuer annotation. */
  readonly issuer?: string;
  /** Records the source's own findings for its entry. */
  collectFindings(findings: FindingCollector): void;
}

/** PEM material, read when the source was made. */
interface PemMaterial {
  readonly certificate?: string;
  readonly privateKey?: string;
  readonly caCertificate?: string;
  /** Problems reading files (paths only, never contents). */
  readonly readErrors: ReadonlyArray<{ readonly field: string; readonly path: string; readonly problem: PemFileProblem }>;
}

/**
 * Where the certificate of a TLS entry comes from: PEM text or files (a `kubernetes.io/tls` Secret is created
 * and checked), an existing Secret, or cert-manager.
 *
 * PEM certificates are judged against the clock at synth; the environment variable `CDK8S_SERVICE_PATTERNS_NOW`
 * (an ISO 8601 date such as `2025-01-01T00:00:00Z`) sets the instant instead, for tests and reproducible re-runs.
 */
export abstract class TlsSource {
  /**
   * A certificate and private key given as PEM text: a `kubernetes.io/tls` Secret is created.
   *
   * @param options the PEM text and the Secret
   */
  public static fromPem(options: PemTlsOptions): TlsSource {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['TlsSource.fromPem'][0]]]);
    const pem = (given ?? {}) as Partial<PemTlsOptions>;
    return new PemTlsSource(pem.secretName, {
      certificate: pem.certificate,
      privateKey: pem.privateKey,
      caCertificate: pem.caCertificate,
      readErrors: [],
    }, pem.acknowledgeKeyInManifest ?? false, findings);
  }

  /**
   * A certificate and private key read from PEM files, now: a `kubernetes.io/tls` Secret is created. Regular
   * files of at most 1 MiB only (a FIFO or a device is refused without being read).
   *
   * @param certificatePath the certificate chain file, PEM
   * @param privateKeyPath the private key file, PEM, unencrypted
   * @param options the CA certificate and the Secret
   */
  public static fromPemFiles(certificatePath: string, privateKeyPath: string, options?: PemFileTlsOptions): TlsSource {
    const [certificateArg, keyArg, optionsArg] = FACTORY_ARGS['TlsSource.fromPemFiles'];
    const { values, findings } = guardArgs([
      ['certificatePath', certificatePath, certificateArg], ['privateKeyPath', privateKeyPath, keyArg], ['', options, optionsArg],
    ]);
    const [certificateFile, keyFile] = values as Array<string | undefined>;
    const given = (values[2] ?? {}) as PemFileTlsOptions;
    const readErrors: Array<{ field: string; path: string; problem: PemFileProblem }> = [];
    const read = (field: string, path: string | undefined): string | undefined => {
      if (path === undefined) return undefined;
      const outcome = readPemFile(path);
      if ('text' in outcome) return outcome.text;
      readErrors.push({ field, path, problem: outcome.problem });
      return undefined;
    };
    return new PemTlsSource(given.secretName, {
      certificate: read('certificatePath', certificateFile),
      privateKey: read('privateKeyPath', keyFile),
      caCertificate: read('caCertificatePath', given.caCertificatePath),
      readErrors,
    }, given.acknowledgeKeyInManifest ?? false, findings);
  }

  /**
   * An existing `kubernetes.io/tls` Secret (sealed-secrets, external-secrets, by hand), in the namespace of the
   * Ingress or Gateway unless `options.namespace` names another (Gateway listeners only).
   *
   * @param secretName the name of the Secret
   * @param options the Secret's namespace
   */
  public static fromExistingSecret(secretName: string, options?: ExistingSecretTlsOptions): TlsSource {
    const [nameShape, optionsShape] = FACTORY_ARGS['TlsSource.fromExistingSecret'];
    const { values: [name, given], findings } = guardArgs([['secretName', secretName, nameShape], ['', options, optionsShape]]);
    return new ExistingSecretTlsSource(name as string | undefined, (given as ExistingSecretTlsOptions | undefined)?.namespace, findings);
  }

  /**
   * A certificate cert-manager issues into a Secret: sets the `cert-manager.io/issuer` or
   * `cert-manager.io/cluster-issuer` annotation on the Ingress.
   *
   * @param options the issuer and the Secret
   */
  public static fromCertManager(options: CertManagerTlsOptions): TlsSource {
    const { values: [given], findings } = guardArgs([['', options, FACTORY_ARGS['TlsSource.fromCertManager'][0]]]);
    const certManager = (given ?? {}) as CertManagerTlsOptions;
    return new CertManagerTlsSource(certManager.secretName, certManager.issuer, certManager.clusterIssuer, findings);
  }

  protected constructor() {}

  /**
   * Binds the source to a TLS entry of an Ingress: the Secret name, the Secret to write (if any), the
   * annotations and the checks of the entry.
   * @internal
   */
  public abstract _bind(context: TlsBindContext): BoundTls;
}

/** PEM text or files: this library writes the Secret. */
class PemTlsSource extends TlsSource {
  public constructor(
    private readonly secretName: string | undefined,
    private readonly pem: PemMaterial,
    private readonly acknowledged: boolean,
    private readonly refused: readonly Finding[],
  ) {
    super();
  }

  /** @internal */
  public _bind(context: TlsBindContext): BoundTls {
    const secretName = this.secretName ?? context.defaultSecretName();
    return {
      secretName,
      secretData: () => this.secretData(),
      annotations: {},
      label: 'pem',
      issuesEveryEntry: false,
      collectFindings: (findings) => this.collectFindings(findings, context, secretName),
    };
  }

  private secretData(): { [key: string]: string } {
    const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    return {
      'tls.crt': base64(this.pem.certificate ?? ''),
      'tls.key': base64(this.pem.privateKey ?? ''),
      ...(this.pem.caCertificate !== undefined ? { 'ca.crt': base64(this.pem.caCertificate) } : {}),
    };
  }

  private collectFindings(findings: FindingCollector, context: TlsBindContext, secretName: string): void {
    const field = `${context.field}.source`;
    if (reportRefused(findings, field, this.refused)) return;
    for (const readError of this.pem.readErrors) reportReadError(findings, `${field}.${readError.field}`, readError.path, readError.problem);
    if (this.pem.readErrors.length > 0) return;
    const now = parseClock(process.env[NOW_ENV]);
    if (now === undefined) {
      findings.add('SP_TLS_CLOCK', NOW_ENV, process.env[NOW_ENV], 'is not an ISO 8601 date',
        'set it to the instant certificates are judged against, e.g. 2025-01-01T00:00:00Z, or unset it to use the clock');
      return;
    }
    collectPemFindings(findings, this.pem.certificate, this.pem.privateKey, context.hosts, now, field, this.pem.caCertificate);
    if (!this.acknowledged) {
      findings.warn('SP_TLS_INLINE_KEY', field, undefined,
        `the private key is written into Secret ${JSON.stringify(secretName)} of the synthesized YAML, and so into Git`,
        'use TlsSource.fromExistingSecret (sealed-secrets, external-secrets) or TlsSource.fromCertManager; or set acknowledgeKeyInManifest: true');
    }
  }
}

/** A Secret someone else writes. */
class ExistingSecretTlsSource extends TlsSource {
  public constructor(
    private readonly secretName: string | undefined,
    private readonly secretNamespace: string | undefined,
    private readonly refused: readonly Finding[],
  ) {
    super();
  }

  /** @internal */
  public _bind(context: TlsBindContext): BoundTls {
    const secretNamespace = this.secretNamespace;
    return {
      secretName: this.secretName ?? context.defaultSecretName(),
      ...(secretNamespace !== undefined ? { secretNamespace } : {}),
      annotations: {},
      label: 'secret',
      issuesEveryEntry: false,
      collectFindings: (findings) => {
        if (reportRefused(findings, `${context.field}.source`, this.refused) || secretNamespace === undefined) return;
        findings.check(checkDns1123Label(secretNamespace), 'SP_NAMESPACE', `${context.field}.source.namespace`, secretNamespace,
          'use the lowercase name of the Secret\'s namespace, e.g. "certs"');
      },
    };
  }
}

/** cert-manager: the Ingress carries the issuer annotation, cert-manager writes the Secret. */
class CertManagerTlsSource extends TlsSource {
  public constructor(
    private readonly secretName: string | undefined,
    private readonly issuer: string | undefined,
    private readonly clusterIssuer: string | undefined,
    private readonly refused: readonly Finding[],
  ) {
    super();
  }

  /** @internal */
  public _bind(context: TlsBindContext): BoundTls {
    const exactlyOne = (this.issuer === undefined) !== (this.clusterIssuer === undefined);
    return {
      secretName: this.secretName ?? context.defaultSecretName(),
      annotations: this.annotations(),
      label: 'cert-manager',
      issuesEveryEntry: true,
      ...(exactlyOne ? { issuer: this.issuer !== undefined ? `Issuer ${this.issuer}` : `ClusterIssuer ${this.clusterIssuer}` } : {}),
      collectFindings: (findings) => this.collectFindings(findings, `${context.field}.source`),
    };
  }

  private annotations(): { [key: string]: string } {
    if (this.issuer !== undefined) return { 'cert-manager.io/issuer': this.issuer };
    if (this.clusterIssuer !== undefined) return { 'cert-manager.io/cluster-issuer': this.clusterIssuer };
    return {};
  }

  private collectFindings(findings: FindingCollector, field: string): void {
    if (reportRefused(findings, field, this.refused)) return;
    if ((this.issuer === undefined) === (this.clusterIssuer === undefined)) {
      findings.addWithoutValue('SP_CERT_MANAGER_ISSUER', field, 'give exactly one of issuer and clusterIssuer',
        'e.g. TlsSource.fromCertManager({ clusterIssuer: "letsencrypt" })');
      return;
    }
    const issuer = this.issuer ?? this.clusterIssuer!;
    findings.check(checkDns1123Subdomain(issuer), 'SP_CERT_MANAGER_ISSUER', `${field}.${this.issuer !== undefined ? 'issuer' : 'clusterIssuer'}`, issuer,
      'name an existing cert-manager Issuer or ClusterIssuer');
  }
}

/** What could not be read of a PEM file: the path is shown unless it looks like PEM text or key material. */
function reportReadError(findings: FindingCollector, field: string, path: string, problem: PemFileProblem): void {
  if (looksLikeKeyMaterial(path)) {
    findings.addWithoutValue('SP_TLS_FILE', field, 'is PEM text or key material, not a file path',
      'pass the PEM text with TlsSource.fromPem({ certificate, privateKey }), or give the paths of the files');
  } else if (problem === 'not a regular file') {
    findings.add('SP_TLS_FILE', field, path, 'is not a regular file (a directory, FIFO or device is not read)', 'give the path of the PEM file');
  } else if (problem === 'too large') {
    findings.add('SP_TLS_FILE', field, path, `is larger than ${PEM_FILE_MAX_BYTES / 1024 / 1024} MiB`, 'give the path of the PEM file');
  } else {
    findings.add('SP_TLS_FILE', field, path, 'cannot be read', 'check the path (relative paths are resolved from the working directory)');
  }
}

/**
 * Reports what the guards refused in a factory's arguments under the source's field; returns whether there was
 * anything (then nothing else about the source can be judged).
 */
function reportRefused(findings: FindingCollector, field: string, refused: readonly Finding[]): boolean {
  rebase(refused, field).forEach((f) => findings.addFinding(f));
  return refused.length > 0;
}

/** A TLS entry of an Ingress's model: its hosts, its Secret, and its source bound to the Ingress. */
export interface TlsEntryModel {
  readonly hosts: readonly string[];
  readonly secretName: string;
  /** Undefined when no TlsSource was given. */
  readonly bound?: BoundTls;
}

/**
 * Records the findings of an Ingress's TLS entries: each entry's Secret name, hosts and source, then the rules
 * across entries (one Secret per entry, cert-manager alone and with one issuer), from what the bound sources
 * report.
 */
export function collectTlsEntryFindings(findings: FindingCollector, entries: readonly TlsEntryModel[], ruleHosts: readonly string[]): void {
  const hostOwner = new Map<string, number>();
  const coversRuleHost = indexCoveredHosts(ruleHosts);
  entries.forEach((entry, t) => {
    const field = `tls[${t}]`;
    findings.check(checkDns1123Subdomain(entry.secretName), 'SP_TLS_SECRET_NAME', `${field}.secretName`, entry.secretName, 'use a lowercase name such as "shop-tls"');
    if (entry.hosts.length === 0) {
      findings.addWithoutValue('SP_TLS_HOSTS', `${field}.hosts`, 'a TLS entry needs the hosts it serves', 'list the hosts, e.g. hosts: ["shop.example.com"]');
    }
    entry.hosts.forEach((host, h) => collectTlsHostFindings(findings, `${field}.hosts[${h}]`, host, t, ruleHosts, hostOwner, coversRuleHost));
    if (entry.bound === undefined) {
      findings.addWithoutValue('SP_TLS_SOURCE', `${field}.source`, 'a TLS entry needs a source', 'use TlsSource.fromExistingSecret(...), fromCertManager(...) or fromPem(...)');
    } else {
      entry.bound.collectFindings(findings);
    }
  });
  collectSecretDuplicates(findings, entries);
  collectCertManagerFindings(findings, entries.map((e) => e.bound).filter((b): b is BoundTls => b !== undefined));
}

/** A TLS host: valid, a host of the rules, in one entry only (`hostOwner`: the entry that lists each host first). */
function collectTlsHostFindings(findings: FindingCollector, field: string, host: string, entry: number,
  ruleHosts: readonly string[], hostOwner: Map<string, number>, coversRuleHost: (pattern: string) => boolean): void {
  if (findings.check(checkIngressHost(host), 'SP_INGRESS_HOST', field, host, 'use a DNS name such as "shop.example.com" or "*.example.com"')) return;
  if (!coversRuleHost(host)) {
    findings.add('SP_TLS_HOST_UNUSED', field, host, `matches no rule host (rules: ${listSome(ruleHosts)})`,
      'add a rule for the host, or remove it from the TLS entry');
  }
  const owner = hostOwner.get(host);
  if (owner !== undefined && owner !== entry) {
    findings.add('SP_TLS_HOST_DUPLICATE', field, host, `is already served by tls[${owner}]; the controller would use only one certificate`,
      'list each host in one TLS entry');
  } else {
    hostOwner.set(host, entry);
  }
}

/** One Secret holds one certificate: two entries naming the same Secret. */
function collectSecretDuplicates(findings: FindingCollector, entries: readonly TlsEntryModel[]): void {
  const secretNames = new Map<string, number>();
  entries.forEach(({ secretName }, t) => {
    const first = secretNames.get(secretName);
    if (first !== undefined) {
      findings.add('SP_TLS_SECRET_DUPLICATE', `tls[${t}].secretName`, secretName, `is also the Secret of tls[${first}]; one Secret holds one certificate`,
        'give each TLS entry its own Secret (or list all its hosts in one entry)');
    } else {
      secretNames.set(secretName, t);
    }
  });
}

/**
 * cert-manager issues for every TLS entry of an Ingress (every listener with a hostname of a Gateway), with the
 * one issuer its annotation names.
 */
export function collectCertManagerFindings(findings: FindingCollector, bound: readonly BoundTls[], object: 'Ingress' | 'Gateway' = 'Ingress'): void {
  const [field, entries, fix] = object === 'Ingress'
    ? ['tls', 'TLS entry of an Ingress', 'put the cert-manager hosts and the other hosts in separate TlsIngresses']
    : ['listeners', 'HTTPS listener with a hostname of a Gateway', 'put the cert-manager listeners and the others in separate Gateways'];
  if (bound.some((b) => b.issuesEveryEntry) && bound.some((b) => !b.issuesEveryEntry)) {
    findings.add('SP_CERT_MANAGER_MIXED', field, [...new Set(bound.map((b) => b.label))].join(', '),
      `cert-manager issues a certificate for every ${entries} with its issuer annotation, and would overwrite the other ${object === 'Ingress' ? 'entries' : 'listeners'}' Secrets`, fix);
  }
  const issuers = new Set(bound.map((b) => b.issuer).filter((i): i is string => i !== undefined));
  if (issuers.size > 1) {
    findings.add('SP_CERT_MANAGER_ISSUERS', field, [...issuers].join(', '), `cert-manager reads one issuer annotation per ${object}`,
      `use one issuer for every cert-manager entry, or split the ${object}`);
  }
}

/** At most five items of a list for a message (a hostile list of 40k hosts must not make a 40k-host message). */
function listSome(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')}, ... (${items.length} in all)`;
}
