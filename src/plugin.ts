/**
 * A cdk8s validation plugin: `cdk8s synth` runs this library's App-wide rules over the synthesized manifests of
 * any app, whoever built them (cdk8s-plus of any version, raw ApiObjects, Helm charts pulled in with Include).
 *
 * In the app's cdk8s.yaml (the path form works before and after the package is on npm):
 *
 *     validations:
 *       - package: ./node_modules/cdk8s-service-patterns/lib/plugin
 *         class: ServicePatternsValidationPlugin
 *         version: 0.0.0
 *         properties:
 *           severities:
 *             SP_APP_BACKEND_UNKNOWN: warning   # error (default for most), warning or off
 *
 * The CLI's report has no code or severity field: the finding code leads the rule name, warnings are reported
 * with `(warning)` and do not fail the synth, and each location names the kind, namespace and field. An object
 * opts out of one rule with the annotation `ignore-check.cdk8s-service-patterns.io/<CODE>: <reason>` (the reason
 * is required).
 *
 * Not part of the jsii API (index.ts does not export it): it is loaded by path, in Node, by the cdk8s CLI. It needs
 * neither cdk8s nor cdk8s-plus at runtime.
 */
import { appWideFindings, FactsEntry, SourcedFinding } from './private/app-rules';
import { factsOf, identityOf } from './private/facts';
import { manifestFindings, NamedTargets, namedTargetsOf, PodsEntry } from './private/manifest-rules';
import { podsOfAnyManifest } from './private/pods';

/** The parts of the cdk8s CLI's validation context the plugin uses (cdk8s-cli/lib/plugins/validation). */
export interface PluginContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: Array<{ resourceName: string; locations: string[]; manifestPath: string }>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: { [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
  parseManifest(manifestPath: string): any[];
}

/** How a finding counts. */
export type PluginSeverity = 'error' | 'warning' | 'off';

/** The plugin's `properties:` in cdk8s.yaml. */
export interface PluginProperties {
  /** Severity by finding code; the default is `error`, except the rules about objects outside the manifests. */
  readonly severities?: { readonly [code: string]: PluginSeverity };
}

/** Rules that judge what the manifests do not hold: warnings unless configured. */
const DEFAULT_WARNINGS: ReadonlySet<string> = new Set(['SP_APP_BACKEND_UNKNOWN', 'SP_APP_SERVICE_NO_PODS']);

/** The annotation prefix of a suppression: `ignore-check.cdk8s-service-patterns.io/<CODE>: <reason>`. */
export const SUPPRESSION_PREFIX = 'ignore-check.cdk8s-service-patterns.io/';

/** An object of the manifests, where it comes from. */
interface Located {
  readonly manifestPath: string;
  readonly manifest: any;
}

/** The cdk8s validation plugin of cdk8s-service-patterns. */
export class ServicePatternsValidationPlugin {
  private readonly severities: { readonly [code: string]: PluginSeverity };

  public constructor(properties: PluginProperties = {}) {
    this.severities = { ...properties?.severities };
  }

  /** Runs the rules over the synthesized manifests and submits the report. */
  public async validate(context: PluginContext): Promise<void> {
    const objects: Located[] = [];
    for (const manifestPath of context.manifests) {
      for (const manifest of context.parseManifest(manifestPath)) {
        if (manifest !== null && typeof manifest === 'object' && typeof manifest.kind === 'string') objects.push({ manifestPath, manifest });
      }
    }
    const labels = sourceLabels(objects.map((o) => o.manifest));
    const indexOf = new Map(labels.map((label, i) => [label, i]));
    const findings = judgeManifests(objects.map((o) => o.manifest), labels);
    let failed = false;
    let warnings = 0;
    for (const { source, finding } of findings) {
      const located = objects[indexOf.get(source)!];
      const severity = this.severityOf(finding.code);
      if (severity === 'off') continue;
      const reason = located.manifest.metadata?.annotations?.[`${SUPPRESSION_PREFIX}${finding.code}`];
      if (typeof reason === 'string' && reason.trim() !== '') continue;
      if (severity === 'error') failed = true;
      else warnings++;
      context.report.addViolation({
        ruleName: `${finding.code}${severity === 'warning' ? ' (warning)' : ''}`,
        recommendation: `${finding.field}${finding.value !== undefined ? ` ${finding.value}` : ''}: ${finding.rule}`,
        fix: finding.fix,
        violatingResources: [{
          resourceName: String(located.manifest.metadata?.name ?? ''),
          locations: [`${located.manifest.kind} ${located.manifest.metadata?.namespace ?? 'default'}/${located.manifest.metadata?.name ?? ''}: ${finding.field}`],
          manifestPath: located.manifestPath,
        }],
      });
    }
    for (const { manifest, manifestPath } of objects) this.checkSuppressions(context, manifest, manifestPath, () => { failed = true; });
    context.logger.log(`cdk8s-service-patterns: ${objects.length} objects checked, ${findings.length} findings (${warnings} reported as warnings)`);
    context.report.submit(failed ? 'failure' : 'success', { objects: String(objects.length), warnings: String(warnings) });
  }

  private severityOf(code: string): PluginSeverity {
    return this.severities[code] ?? (DEFAULT_WARNINGS.has(code) ? 'warning' : 'error');
  }

  /** A suppression without a reason is a violation of its own. */
  private checkSuppressions(context: PluginContext, manifest: any, manifestPath: string, fail: () => void): void {
    const annotations = manifest.metadata?.annotations ?? {};
    for (const [key, reason] of Object.entries(annotations)) {
      if (!key.startsWith(SUPPRESSION_PREFIX) || (typeof reason === 'string' && reason.trim() !== '')) continue;
      fail();
      context.report.addViolation({
        ruleName: 'SP_PLUGIN_SUPPRESSION',
        recommendation: `annotations["${key}"]: a suppression needs its reason as the value`,
        fix: `write why the rule does not apply, e.g. "${key}: the Service is deployed by the platform team"`,
        violatingResources: [{
          resourceName: String(manifest.metadata?.name ?? ''),
          locations: [`${manifest.kind} ${manifest.metadata?.namespace ?? 'default'}/${manifest.metadata?.name ?? ''}: metadata.annotations`],
          manifestPath,
        }],
      });
    }
  }
}

/** How messages name each object: `Service shop/web` (`#<index>` added to a second object of one identity). */
export function sourceLabels(manifests: readonly any[]): string[] {
  const seen = new Set<string>();
  return manifests.map((m, i) => {
    const label = `${m.kind} ${m.metadata?.namespace ?? 'default'}/${m.metadata?.name ?? ''}`;
    const unique = seen.has(label) ? `${label} #${i}` : label;
    seen.add(unique);
    return unique;
  });
}

/**
 * Every finding of the App-wide rules and the manifest rules over `manifests`; each finding's `source` is the
 * label of the object at fault (`labels`, by default {@link sourceLabels}).
 */
export function judgeManifests(manifests: readonly any[], labels: readonly string[] = sourceLabels(manifests)): SourcedFinding[] {
  const entries: FactsEntry[] = [];
  const pods: PodsEntry[] = [];
  const targets: NamedTargets[] = [];
  manifests.forEach((manifest, i) => {
    const source = labels[i];
    const name = typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : '';
    entries.push({
      source,
      identity: identityOf(String(manifest.apiVersion ?? ''), manifest.kind, name, manifest.metadata?.namespace),
      facts: factsOf(manifest),
      namespaceGiven: typeof manifest.metadata?.namespace === 'string',
    });
    const p = podsOfAnyManifest(manifest, source);
    if (p !== undefined) pods.push({ source, pods: p });
    const t = namedTargetsOf(manifest, source);
    if (t !== undefined && t.targets.length > 0) targets.push(t);
  });
  return [...appWideFindings(entries), ...manifestFindings(entries, pods, targets)];
}
