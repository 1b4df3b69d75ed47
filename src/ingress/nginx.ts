/**
 * ingress-nginx: the presets a TlsIngress turns into annotations, and the path rule the controller enforces.
 */
import { formatValue } from '../private/findings';

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
