/**
 * Findings: what a rule violation becomes once it has a field, a value and a fix. Constructs record them in a
 * FindingCollector during validation; the App report (report.ts) turns them into the public ValidationFinding.
 */
// ---------------------------------------------------------------------------------------------------------

/**
 * A problem found in a construct's configuration.
 */
export interface Finding {
  /** Stable machine-readable code, e.g. `SP_SERVICE_NAME`. */
  readonly code: string;
  /** The field at fault, e.g. `ports[1].name` or `spec.externalName`. */
  readonly field: string;
  /** The offending value (already formatted for display), or undefined when the field is missing. */
  readonly value?: string;
  /** The rule that was violated. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Longest value echoed back in a message. */
const MAX_VALUE_CHARS = 80;

/**
 * Formats a user value for an error message: JSON-quoted, truncated, never multi-line.
 */
export function formatValue(value: unknown): string {
  let text: string;
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    text = String(value);
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length > MAX_VALUE_CHARS) {
    text = `${text.slice(0, MAX_VALUE_CHARS)}... (${text.length} characters)`;
  }
  return text;
}

/**
 * Renders a finding as one line. cdk8s prefixes it with the construct path (`[chart/construct]`).
 */
export function renderFinding(f: Finding): string {
  const value = f.value === undefined ? '' : ` ${f.value}`;
  return `${f.field}${value}: ${f.rule}. Fix: ${f.fix} (${f.code})`;
}

/**
 * Collects findings during one validation pass: errors (which fail synth) and warnings (which are printed).
 */
export class FindingCollector {
  private readonly items: Finding[] = [];
  private readonly warningItems: Finding[] = [];

  /** Records a warning: printed at synth, does not fail it. */
  public warn(code: string, field: string, value: unknown, rule: string, fix: string): void {
    this.warningItems.push({ code, field, value: value === undefined ? undefined : formatValue(value), rule, fix });
  }

  /** All warnings so far. */
  public get warningFindings(): Finding[] {
    return [...this.warningItems];
  }

  /** Records a finding; `value` is formatted with {@link formatValue}. */
  public add(code: string, field: string, value: unknown, rule: string, fix: string): void {
    this.items.push({ code, field, value: formatValue(value), rule, fix });
  }

  /** Records a finding made elsewhere (a guard's, a factory's), as it is. */
  public addFinding(finding: Finding): void {
    this.items.push(finding);
  }

  /** Records a finding about a field that is missing or about a combination of fields (no single value). */
  public addWithoutValue(code: string, field: string, rule: string, fix: string): void {
    this.items.push({ code, field, rule, fix });
  }

  /**
   * Records `violation` (the result of a rule check) when it is defined. Returns whether it was recorded.
   * `fix` may be a function, called only on a violation (for fixes that cost something to compute).
   */
  public check(violation: string | undefined, code: string, field: string, value: unknown, fix: string | (() => string)): boolean {
    if (violation === undefined) {
      return false;
    }
    this.add(code, field, value, violation, typeof fix === 'function' ? fix() : fix);
    return true;
  }

  /** All findings so far. */
  public get findings(): Finding[] {
    return [...this.items];
  }

  /** The findings rendered as messages for `node.addValidation`. */
  public messages(): string[] {
    return this.items.map(renderFinding);
  }
}
