/**
 * App-level validation settings: strict mode and the warnings of the last synth.
 */
import { IConstruct } from 'constructs';
import { AppReport } from './private/report';
import { ValidationFinding } from './validation-error';

/**
 * App-level validation settings.
 */
export class ServicePatternsValidation {
  /**
   * Turns warnings into errors for every construct of this library in the App of `scope`. The environment
   * variable `CDK8S_SERVICE_PATTERNS_STRICT=true` does the same for every App.
   */
  public static enableStrictMode(scope: IConstruct): void {
    AppReport.of(scope).strict = true;
  }

  /** Whether strict mode is on for the App of `scope`. */
  public static isStrictMode(scope: IConstruct): boolean {
    return AppReport.of(scope).strictMode;
  }

  /**
   * The warnings found for constructs of the App of `scope` at its last synth.
   */
  public static warnings(scope: IConstruct): ValidationFinding[] {
    return [...AppReport.of(scope).lastWarnings];
  }

  private constructor() {}
}
