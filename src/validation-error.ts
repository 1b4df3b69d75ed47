/**
 * What a failed synth throws: the findings of the whole App, as one error.
 */

/** Whether a finding fails the synth. */
export enum FindingSeverity {
  /** Fails the synth. */
  ERROR = 'error',
  /** Printed; fails the synth only in strict mode. */
  WARNING = 'warning',
}

/**
 * One problem found at synth time.
 */
export interface ValidationFinding {
  /** The construct path, e.g. `shop/Web`. */
  readonly path: string;
  /** The field at fault, e.g. `ports[1].name`. */
  readonly field: string;
  /** A stable code, e.g. `SP_PORT_NAME`; see docs/validation.md. */
  readonly code: string;
  /** The whole message: field, value, rule, fix and code. */
  readonly message: string;
  /** The rule that was violated. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The offending value, as shown.
   *
   * @default - the finding is about a missing field or a combination of fields
   */
  readonly value?: string;
  /** Error or warning. */
  readonly severity: FindingSeverity;
}

/**
 * Thrown by `cdk8s synth` (App.synth, Testing.synth) when an App has errors: lists every finding of the
 * App. It is an `Error` (`instanceof Error` holds) whose message groups the findings by construct path and
 * whose stack is the message alone: user errors print without a stack trace.
 */
export class ServicePatternsValidationError {
  /**
   * Whether `candidate` is a ServicePatternsValidationError (also across copies of this library).
   */
  public static isServicePatternsValidationError(candidate: any): boolean {
    return typeof candidate === 'object' && candidate !== null && (candidate as any)[ERROR_SYMBOL] === true;
  }

  /**
   * @param findings the findings that fail the synth
   * @param warnings the warnings of the same synth
   */
  public constructor(findings: ValidationFinding[], warnings: ValidationFinding[] = []) {
    // Non-enumerable, like an Error's own fields: node prints an uncaught one as its message alone.
    const message = renderReport(findings);
    Object.defineProperty(this, DATA, { value: { findings: [...findings], warnings: [...warnings], message }, enumerable: false });
    Object.defineProperty(this, ERROR_SYMBOL, { value: true, enumerable: false });
  }

  /** The error's name. */
  public get name(): string {
    return 'ServicePatternsValidationError';
  }

  /** The message: every error, grouped by construct path. */
  public get message(): string {
    return (this as any)[DATA].message;
  }

  /**
   * The stack: the message, then one line that says what to do instead of a stack trace. Node prints an
   * uncaught error without stack frames wrapped in brackets (`[cdk8s-service-patterns: ...]`); a line in the
   * form of a frame keeps the report one clean block, as `cdk8s synth` shows it.
   */
  public get stack(): string {
    return `${this.message}\n    at cdk8s synth (fix the problems above; this synth wrote no manifest)`;
  }

  /** Every finding that failed the synth (errors, and warnings in strict mode). */
  public get findings(): ValidationFinding[] {
    return [...(this as any)[DATA].findings];
  }

  /** The warnings (outside strict mode). */
  public get warnings(): ValidationFinding[] {
    return [...(this as any)[DATA].warnings];
  }

  /** The message. */
  public toString(): string {
    return this.message;
  }
}
const ERROR_SYMBOL = Symbol.for('cdk8s-service-patterns.ValidationError');
const DATA = Symbol('data');
// An Error without `extends` (jsii cannot export subclasses of built-ins): `instanceof Error` holds and
// runtimes print it as an error.
Object.setPrototypeOf(ServicePatternsValidationError.prototype, Error.prototype);

/** Renders findings grouped by construct path. */
function renderReport(findings: readonly ValidationFinding[]): string {
  const byPath = new Map<string, ValidationFinding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path) ?? [];
    list.push(f);
    byPath.set(f.path, list);
  }
  const lines = [`cdk8s-service-patterns: ${findings.length} problem${findings.length === 1 ? '' : 's'} found at synth`];
  for (const [path, list] of byPath) {
    lines.push(`  [${path}]`);
    for (const f of list) lines.push(`    ${f.severity === FindingSeverity.WARNING ? '(warning, strict mode) ' : ''}${f.message}`);
  }
  return lines.join('\n');
}
