/**
 * The recommended labels (`app.kubernetes.io/*`) of the constructs that build their workload, and the stable
 * selector taken from them: neither depends on the construct path, so moving a construct into another scope
 * changes no selector (a Deployment's or StatefulSet's `spec.selector` is immutable).
 */

/**
 * The recommended Kubernetes labels of an app and the labels its Service selects its pods by.
 */
export interface AppLabelsProps {
  /**
   * `app.kubernetes.io/name`: the name of the application.
   *
   * @default - the Service name
   */
  readonly appName?: string;

  /**
   * `app.kubernetes.io/instance`: the instance of the application (e.g. `web-prod`); part of the selector.
   *
   * @default - not set
   */
  readonly appInstance?: string;

  /**
   * `app.kubernetes.io/component`: the component within the architecture (e.g. `frontend`); part of the selector.
   *
   * @default - not set
   */
  readonly appComponent?: string;

  /**
   * `app.kubernetes.io/part-of`: the higher-level application this one is part of (not part of the selector).
   *
   * @default - not set
   */
  readonly appPartOf?: string;

  /**
   * The labels the Service selects the pods by, and the workload it builds selects them by (e.g. `{ app: 'kubia' }`).
   * They are added to the pod template. Never put a version label here: a selector cannot change after the apply.
   *
   * @default - `app.kubernetes.io/name`, plus `instance` and `component` when given
   */
  readonly selectorLabels?: { [key: string]: string };
}

import { FindingCollector } from '../private/findings';
import { checkLabelValue, collectLabelFindings, nameFromId } from '../private/rules/names';

/** The recommended labels of an app and the labels its pods are selected by. */
export interface AppLabels {
  readonly labels: { [key: string]: string };
  readonly selector: { [key: string]: string };
}

/** The recommended label keys. */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';
const APP_INSTANCE_LABEL = 'app.kubernetes.io/instance';
const APP_COMPONENT_LABEL = 'app.kubernetes.io/component';
const APP_PART_OF_LABEL = 'app.kubernetes.io/part-of';

/** The recommended labels and the selector of an app named `defaultName` unless `props.appName` says otherwise. */
export function appLabels(props: AppLabelsProps, defaultName: string): AppLabels {
  const labels: { [key: string]: string } = { [APP_NAME_LABEL]: props.appName ?? defaultName };
  if (props.appInstance !== undefined) labels[APP_INSTANCE_LABEL] = props.appInstance;
  if (props.appComponent !== undefined) labels[APP_COMPONENT_LABEL] = props.appComponent;
  const selector = props.selectorLabels !== undefined ? { ...props.selectorLabels } : { ...labels };
  if (props.appPartOf !== undefined) labels[APP_PART_OF_LABEL] = props.appPartOf;
  return { labels, selector };
}

/**
 * The app name when none is given: the Service name if the user chose one, else the construct id as a DNS label
 * (the id moves with the construct; the generated Service name is a hash of the whole path).
 */
export function defaultAppName(serviceName: string | undefined, id: string): string {
  return serviceName ?? nameFromId(id);
}

/** Checks the label values the props give and the selector labels. */
export function collectAppLabelFindings(findings: FindingCollector, props: AppLabelsProps): void {
  for (const field of ['appName', 'appInstance', 'appComponent', 'appPartOf'] as const) {
    const value = props[field];
    if (value !== undefined) {
      findings.check(checkLabelValue(value), 'SP_LABEL_VALUE', field, value, 'use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit');
    }
  }
  if (props.selectorLabels !== undefined) {
    collectLabelFindings(findings, 'selectorLabels', props.selectorLabels);
    if (Object.keys(props.selectorLabels).length === 0) {
      findings.addWithoutValue('SP_SELECTOR_EMPTY', 'selectorLabels', 'an empty selector selects no pods (or every pod of the namespace)',
        'give at least one label, e.g. { app: "kubia" }, or leave selectorLabels out');
    }
  }
}
