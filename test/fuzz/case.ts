/**
 * One fuzz case and its invariant: synth (of every chart of the App) either throws the library's
 * ServicePatternsValidationError whose findings each carry a documented code and name their field, or emits
 * manifests that pass the schema and the oracle. Nothing the case prints, warns or throws quotes key material.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { allViolations } from './oracle';
import { FuzzWorkspace } from './workspace';
import { ServicePatternsValidation, ServicePatternsValidationError } from '../../src';

/** What a case did: emitted manifests, or was rejected with the library's error. */
export type Outcome = 'emitted' | 'rejected';

/** A fuzz property: an arbitrary of inputs and how to build an App from one. */
export interface FuzzProperty<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /**
   * Builds the constructs into `chart`. PEM files and certificates come from `workspace` (without one, a
   * workspace of its own is made and removed before returning: PEM files are read when the source is made).
   */
  readonly build: (chart: Chart, input: T, workspace?: FuzzWorkspace) => void;
}

/** Raised when a case breaks the invariant. */
export class InvariantViolation extends Error {}

/** The rule codes docs/validation.md documents: a finding must carry one of them. */
const KNOWN_CODES = new Set(
  [...fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'validation.md'), 'utf8').matchAll(/^\| `(SP_[A-Z0-9_]+)`/gm)].map((m) => m[1]));

/** Marks inputs that are valid by construction: they must be emitted, not rejected. */
export const MUST_EMIT = 'mustEmit';

/** Fails when `texts` (stderr, warnings, the error) quote any of `secrets`. */
function checkNoKeyMaterial(name: string, texts: Array<[string, string]>, secrets: string[]): void {
  for (const [where, text] of texts) {
    const leaked = secrets.find((secret) => text.includes(secret));
    if (leaked !== undefined) throw new InvariantViolation(`${name}: key material in ${where}: ${leaked === 'PRIVATE KEY' ? leaked : `${leaked.slice(0, 8)}…`}`);
  }
}

/** Synthesizes every chart of `app`, as `cdk8s synth` does (without writing). */
function synthAll(app: App): any[] {
  return app.charts.flatMap((chart) => Testing.synth(chart));
}

/** Checks a rejection: the library's error, with documented findings naming their field. */
function checkRejection(name: string, err: unknown, input: unknown): ServicePatternsValidationError {
  if (!ServicePatternsValidationError.isServicePatternsValidationError(err)) {
    throw new InvariantViolation(`${name}: not the library's error: ${(err as any)?.stack ?? String(err)}`);
  }
  const error = err as ServicePatternsValidationError;
  for (const f of error.findings) {
    if (f.code === 'EXTERNAL') {
      throw new InvariantViolation(`${name}: a problem the library did not catch itself: ${f.path}: ${f.message}`);
    }
    if (f.field.trim() === '' || !KNOWN_CODES.has(f.code) || f.rule.trim() === '' || f.fix.trim() === '') {
      throw new InvariantViolation(`${name}: a finding without field, documented code, rule or fix: ${f.message}`);
    }
  }
  if ((input as any)?.[MUST_EMIT]) {
    throw new InvariantViolation(`${name}: an input valid by construction was rejected:\n  ${error.message}`);
  }
  return error;
}

/**
 * Runs one case in `workspace` and checks the invariant; throws InvariantViolation when it breaks. What the
 * case writes to stderr is captured (and kept off the console) and, with the warnings and the error, scanned
 * for key material.
 */
export function runCase<T>(property: FuzzProperty<T>, input: T, workspace: FuzzWorkspace): Outcome {
  const app = workspace.app();
  const chart = new Chart(app, 'fuzz');
  const written: string[] = [];
  const stderrWrite = process.stderr.write;
  process.stderr.write = ((chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  }) as any;
  let manifests: any[] | undefined;
  let error: ServicePatternsValidationError | undefined;
  try {
    property.build(chart, input, workspace);
    manifests = synthAll(app);
  } catch (err) {
    error = checkRejection(property.name, err, input);
  } finally {
    process.stderr.write = stderrWrite;
  }
  const warnings = ServicePatternsValidation.warnings(app).map((w) => w.message);
  checkNoKeyMaterial(property.name, [
    ['stderr', written.join('')],
    ...warnings.map((w): [string, string] => ['a warning', w]),
    ...(error ? [['the error', `${error.message}\n${error.findings.map((f) => `${f.field} ${f.message} ${f.fix}`).join('\n')}`] as [string, string]] : []),
  ], workspace.keyMaterial());
  if (error) return 'rejected';
  const violations = allViolations(manifests!);
  if (violations.length > 0) {
    throw new InvariantViolation(`${property.name}: emitted manifests the API server would reject:\n  ${violations.join('\n  ')}`);
  }
  return 'emitted';
}
