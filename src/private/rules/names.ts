/**
 * Name rules of the API server (k8s.io/apimachinery/pkg/util/validation): DNS-1123 labels and subdomains,
 * DNS-1035 labels, IANA service names (port names), qualified names (label and annotation keys), label values.
 */
import { FindingCollector } from '../findings';
import { isString } from './values';

const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const DNS1123_LABEL_RULE =
  "must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit";
export const DNS1123_SUBDOMAIN_RULE =
  "must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels of lowercase letters, digits and '-'";
export const DNS1035_LABEL_RULE =
  "must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";

/** Checks `value` against a DNS name rule: a string, not empty, at most `max` characters, matching `re`. */
function checkDnsName(value: unknown, max: number, re: RegExp, rule: string): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  if (value.length === 0) return `must not be empty; ${rule}`;
  if (value.length > max) return `is ${value.length} characters long; ${rule}`;
  if (!re.test(value)) return rule;
  return undefined;
}

/** Returns a rule violation unless `value` is a DNS-1123 label. */
export function checkDns1123Label(value: unknown): string | undefined {
  return checkDnsName(value, DNS1123_LABEL_MAX, DNS1123_LABEL_RE, DNS1123_LABEL_RULE);
}

/** Returns a rule violation unless `value` is a DNS-1123 subdomain. */
export function checkDns1123Subdomain(value: unknown): string | undefined {
  return checkDnsName(value, DNS1123_SUBDOMAIN_MAX, DNS1123_SUBDOMAIN_RE, DNS1123_SUBDOMAIN_RULE);
}

/** Returns a rule violation unless `value` is a DNS-1035 label (the rule for Service names). */
export function checkDns1035Label(value: unknown): string | undefined {
  return checkDnsName(value, DNS1123_LABEL_MAX, DNS1035_LABEL_RE, DNS1035_LABEL_RULE);
}

/**
 * Suggests a DNS-1035 label close to `value` (lowercased, invalid characters replaced by '-', trimmed to 63
 * characters, a leading letter added when needed), for use in a fix hint.
 */
export function suggestDns1035Label(value: string): string {
  let s = String(value).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+/, '');
  if (!/^[a-z]/.test(s)) s = `x-${s}`;
  s = s.slice(0, DNS1123_LABEL_MAX).replace(/-+$/, '');
  return s.length === 0 ? 'x' : s;
}

/**
 * The default name of an object from its construct id: kebab-case (`LegacyDb` → `legacy-db`), a DNS-1035 label
 * (valid for every kind this library emits). It depends on the id only, not on the construct path, so moving
 * a construct into another scope keeps its objects' names.
 */
export function nameFromId(id: string): string {
  return suggestDns1035Label(String(id).replace(/([a-z0-9])([A-Z])/g, '$1-$2'));
}

/**
 * Suggests a DNS-1123 label close to `value`, for use in a fix hint.
 */
export function suggestDns1123Label(value: string): string {
  const s = String(value).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-')
    .replace(/^-+/, '').slice(0, DNS1123_LABEL_MAX).replace(/-+$/, '');
  return s.length === 0 ? 'x' : s;
}

const IANA_SVC_NAME_MAX = 15;
export const IANA_SVC_NAME_RULE =
  "must be an IANA service name: 1-15 characters, lowercase letters, digits and '-', at least one letter, no leading, trailing or double '-'";

/**
 * Returns a rule violation unless `value` is an IANA service name (the rule for container port names and for
 * named `targetPort`s; k8s `IsValidPortName`).
 */
export function checkIanaSvcName(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  if (value.length === 0 || value.length > IANA_SVC_NAME_MAX) {
    return `is ${value.length} characters long; ${IANA_SVC_NAME_RULE}`;
  }
  if (!/^[-a-z0-9]+$/.test(value) || !/[a-z]/.test(value) || value.includes('--') || value.startsWith('-') || value.endsWith('-')) {
    return IANA_SVC_NAME_RULE;
  }
  return undefined;
}

const QUALIFIED_NAME_PART_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Returns a rule violation unless `value` is a qualified name (`[prefix/]name`), the rule for label and
 * annotation keys.
 */
export function checkQualifiedName(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  const rule =
    "must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    if (parts[0].length === 0 || checkDns1123Subdomain(parts[0]) !== undefined) return rule;
    name = parts[1];
  } else if (parts.length > 2) {
    return rule;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART_RE.test(name)) return rule;
  return undefined;
}

/** Returns a rule violation unless `value` is a valid label value. */
export function checkLabelValue(value: unknown): string | undefined {
  if (!isString(value)) return `must be a string, got ${typeof value}`;
  if (value.length > 63 || !LABEL_VALUE_RE.test(value)) {
    return "must be a label value: empty or at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/**
 * Checks a label map (`metadata.labels` or a selector) and records findings.
 */
export function collectLabelFindings(findings: FindingCollector, field: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    findings.check(checkQualifiedName(key), 'SP_LABEL_KEY', `${field} key`, key,
      'use a key such as "app.kubernetes.io/name" or "tier"');
    findings.check(checkLabelValue(value), 'SP_LABEL_VALUE', `${field}[${JSON.stringify(key)}]`, value,
      'shorten the value to 63 characters and use only letters, digits, "-", "_" and "."');
  }
}

/**
 * Checks an annotation map and records findings.
 */
export function collectAnnotationFindings(findings: FindingCollector, field: string, annotations: Record<string, string> | undefined): void {
  let total = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    findings.check(checkQualifiedName(key.toLowerCase()), 'SP_ANNOTATION_KEY', `${field} key`, key,
      'use a key such as "example.com/owner"');
    if (!isString(value)) {
      findings.add('SP_ANNOTATION_VALUE', `${field}[${JSON.stringify(key)}]`, value, 'must be a string', 'quote the value');
    } else {
      total += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    }
  }
  if (total > 256 * 1024) {
    findings.addWithoutValue('SP_ANNOTATION_SIZE', field, `total size ${total} bytes exceeds the API server's 256 KiB limit`,
      'move large data into a ConfigMap');
  }
}
