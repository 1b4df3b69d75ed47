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
   * Sets the Kubernetes version the App of `scope` is applied to (its oldest cluster): fields that version does
   * not accept are refused at synth (`trafficDistribution` before 1.33...). The default is the oldest version
   * still supported upstream (1.35); 1.21 is the oldest this library emits for.
   *
   * @param scope any construct of the App
   * @param version a minor version such as "1.33"
   */
  public static setKubernetesVersion(scope: IConstruct, version: string): void {
    AppReport.of(scope).kubernetesVersion = version;
  }

  /** The Kubernetes version the App of `scope` targets. */
  public static kubernetesVersion(scope: IConstruct): string {
    return AppReport.of(scope).kubernetesVersion;
  }

  /**
   * The warnings found for constructs of the App of `scope` at its last synth.
   */
  public static warnings(scope: IConstruct): ValidationFinding[] {
    return [...AppReport.of(scope).lastWarnings];
  }

  private constructor() {}
}
