/**
 * ingress-nginx: the presets a TlsIngress turns into annotations, and the path rule the controller enforces.
 */
import { FindingCollector, formatValue } from '../private/findings';
import { checkNginxMirrorTarget, isNginxSnippetAnnotation } from '../private/rules/security';

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

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/** The characters ingress-nginx accepts in Exact and Prefix paths (strict-validate-path-type, on by default). */
const NGINX_STRICT_PATH = /^\/[A-Za-z0-9._\-/]*$/;

/** Whether `use-regex` is set, and to what: explicitly, or on because `rewriteTarget` uses capture groups. */
export function nginxUseRegex(nginx: NginxOptions | undefined): boolean | undefined {
  if (nginx === undefined) return undefined;
  if (nginx.useRegex !== undefined) return nginx.useRegex;
  return nginx.rewriteTarget !== undefined && /\$[0-9]/.test(nginx.rewriteTarget) ? true : undefined;
}

/** The annotations of the presets (none without presets); `hasTls` turns `ssl-redirect` on by default. */
export function renderNginxAnnotations(nginx: NginxOptions | undefined, hasTls: boolean): { [key: string]: string } {
  if (nginx === undefined) return {};
  const annotations: { [key: string]: string } = {};
  const sslRedirect = nginx.sslRedirect ?? (hasTls ? true : undefined);
  if (sslRedirect !== undefined) annotations[`${NGINX_PREFIX}ssl-redirect`] = String(sslRedirect);
  if (nginx.forceSslRedirect !== undefined) annotations[`${NGINX_PREFIX}force-ssl-redirect`] = String(nginx.forceSslRedirect);
  if (nginx.rewriteTarget !== undefined) annotations[`${NGINX_PREFIX}rewrite-target`] = nginx.rewriteTarget;
  const useRegex = nginxUseRegex(nginx);
  if (useRegex !== undefined) annotations[`${NGINX_PREFIX}use-regex`] = String(useRegex);
  return annotations;
}

/**
 * Returns a rule violation unless ingress-nginx accepts `path` for `pathType`: Exact and Prefix paths are
 * checked strictly (letters, digits, '.', '_', '-' and '/'); ImplementationSpecific paths are not.
 */
export function checkNginxPath(path: string, pathType: string, useRegex: boolean): string | undefined {
  if (pathType === 'ImplementationSpecific' || NGINX_STRICT_PATH.test(path)) return undefined;
  return `path ${formatValue(path)} has characters ingress-nginx refuses in ${pathType} paths (only letters, digits, '.', '_', '-' and '/')${useRegex ? '; use-regex is on' : ''}`;
}

/**
 * Warns about the ingress-nginx annotations that let an Ingress reach beyond itself: snippets (raw NGINX
 * configuration) and a `mirror-target` at a link-local or metadata address.
 */
export function collectNginxSecurityFindings(findings: FindingCollector, annotations: { readonly [key: string]: string }): void {
  for (const key of Object.keys(annotations).filter(isNginxSnippetAnnotation)) {
    findings.warn('SP_NGINX_SNIPPET', 'annotations key', key,
      'injects raw NGINX configuration: a snippet can read every Secret the controller can (CVE-2021-25742) and snippets '
      + 'were the way in for remote code execution in the controller (CVE-2025-1974); controllers refuse them by default since v1.9',
      'use the dedicated annotations or the controller\'s ConfigMap instead of a snippet');
  }
  const mirrorKey = `${NGINX_PREFIX}mirror-target`;
  const mirror = annotations[mirrorKey];
  if (mirror !== undefined) {
    const violation = checkNginxMirrorTarget(mirror);
    if (violation !== undefined) {
      findings.warn('SP_NGINX_MIRROR_TARGET', `annotations["${mirrorKey}"]`, mirror, violation,
        'mirror to a Service or host you run (e.g. "https://shadow.example.com$request_uri")');
    }
  }
}
