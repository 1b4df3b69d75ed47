/**
 * The one synth helper every test uses: synthesizes a chart (running every construct validation of the App,
 * as `cdk8s synth` does) and schema-validates every emitted object with unknown fields rejected.
 */
import { createHash } from 'crypto';
import { writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, ChartProps, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { schemaViolations } from './k8s-schema';
import { ServicePatternsValidation, ServicePatternsValidationError } from '../../src';

/**
 * A fresh App and Chart for one test. The App's outdir is a path that is never created: the helpers synthesize
 * with `Testing.synth`, which does not write (`Testing.app()` would create a `/tmp/cdk8s.outdir.*` folder per
 * App and never remove it).
 */
export function newChart(props: ChartProps = {}, id = 'test'): Chart {
  return new Chart(new App({ outdir: join(tmpdir(), 'cdk8s-service-patterns-unwritten-outdir') }), id, props);
}

/** Synthesizes `chart`, fails on any schema violation, and returns the manifests. */
export function synthValidated(chart: Chart, options: SynthOptions = {}): any[] {
  const manifests = Testing.synth(chart);
  const violations = manifests.flatMap((m) => schemaViolations(m));
  if (violations.length > 0) {
    throw new Error(`synthesized manifests violate the Kubernetes schema:\n  ${violations.join('\n  ')}`);
  }
  return options.defaultCluster === false ? manifests : collected(manifests);
}

/** How a test's manifests are meant to be applied. */
export interface SynthOptions {
  /**
   * false for manifests that only a cluster started with other flags accepts (e.g. another
   * --service-node-port-range): they are not sent to the default API server of `npm run test:apiserver`.
   */
  readonly defaultCluster?: boolean;
}

/** Synthesizes `chart` like {@link synthValidated}, with the warnings it prints silenced (assert them with warningsOf). */
export function synthQuietly(chart: Chart): any[] {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return synthValidated(chart);
  } finally {
    stderr.mockRestore();
  }
}

/** The warning messages `construct` got at its App's last synth. */
export function warningsOf(construct: IConstruct): string[] {
  return ServicePatternsValidation.warnings(construct).filter((w) => w.path === construct.node.path).map((w) => w.message);
}

/** Synthesizes every chart of `app` as `cdk8s synth` does, schema-validating every object; returns them per chart. */
export function synthAppValidated(app: App): any[] {
  const manifests = app.charts.flatMap((chart) => Testing.synth(chart));
  const violations = manifests.flatMap((m) => schemaViolations(m));
  if (violations.length > 0) {
    throw new Error(`synthesized manifests violate the Kubernetes schema:\n  ${violations.join('\n  ')}`);
  }
  return collected(manifests);
}

/**
 * Off unless SP_COLLECT_MANIFESTS names a folder: then writes `manifests` there as one JSON file (named by its
 * content, so a repeated list is one file), for `npm run test:apiserver` to send to a real API server.
 */
function collected(manifests: any[]): any[] {
  const dir = process.env.SP_COLLECT_MANIFESTS;
  if (dir) {
    const json = JSON.stringify({ test: (globalThis as any).expect?.getState().currentTestName, manifests });
    writeFileSync(join(dir, `${createHash('sha256').update(JSON.stringify(manifests)).digest('hex')}.json`), json);
  }
  return manifests;
}

/**
 * Synthesizes `chart`, expecting validation to fail with the library's error; returns one line per
 * finding: `[construct path] message`.
 */
export function synthErrors(chart: Chart): string[] {
  return synthError(chart).findings.map((f) => `[${f.path}] ${f.message}`);
}

/** Synthesizes `chart`, expecting the library's validation error, and returns it. */
export function synthError(chart: Chart): ServicePatternsValidationError {
  let error: unknown;
  try {
    Testing.synth(chart);
  } catch (err) {
    error = err;
  }
  if (error === undefined) {
    throw new Error('expected synth to fail, but it succeeded');
  }
  if (!ServicePatternsValidationError.isServicePatternsValidationError(error)) {
    throw new Error(`expected a ServicePatternsValidationError, got: ${String((error as any)?.stack ?? error)}`);
  }
  return error as ServicePatternsValidationError;
}

/** The one manifest of `kind` named `name` (fails when there is not exactly one). */
export function findOne(manifests: any[], kind: string, name?: string): any {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}: ${manifests.map((m) => `${m.kind}/${m.metadata?.name}`).join(', ')}`);
  }
  return found[0];
}

/** All manifests of `kind`. */
export function findAll(manifests: any[], kind: string): any[] {
  return manifests.filter((m) => m.kind === kind);
}
