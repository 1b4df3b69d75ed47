/**
 * More of the oracle: labels, selectors and annotations of every object, the PEM of `kubernetes.io/tls`
 * Secrets, and the backend ports of Ingresses (against the Services of the same App).
 */
import * as crypto from 'crypto';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A qualified name (label and annotation keys): `[prefix/]name`. */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (prefix !== undefined && !(prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length >= 1 && name.length <= 63 && NAME.test(name);
}

const isLabelValue = (v: unknown) => typeof v === 'string' && (v === '' || (v.length <= 63 && NAME.test(v)));

/** Label, selector and annotation violations of one manifest. */
export function metadataViolations(m: any): string[] {
  const out: string[] = [];
  const what = `${m.kind}/${m.metadata?.name}`;
  const labelMaps: Array<[string, unknown]> = [
    ['labels', m.metadata?.labels],
    ['spec.selector', m.kind === 'Service' ? m.spec?.selector : m.spec?.selector?.matchLabels],
    ['template labels', m.spec?.template?.metadata?.labels],
  ];
  for (const [where, labels] of labelMaps) {
    for (const [k, v] of Object.entries((labels ?? {}) as object)) {
      if (!isQualifiedName(k)) out.push(`${what}: ${where} key ${JSON.stringify(k)}`);
      if (!isLabelValue(v)) out.push(`${what}: ${where} value ${JSON.stringify(v)?.slice(0, 80)}`);
    }
  }
  const annotations = m.metadata?.annotations ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(annotations as object)) {
    if (!isQualifiedName(k)) out.push(`${what}: annotation key ${JSON.stringify(k)}`);
    if (typeof v !== 'string') out.push(`${what}: annotation ${k} is not a string`);
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > 256 * 1024) out.push(`${what}: annotations total ${size} bytes`);
  return out;
}

const decode = (b64: unknown) => (typeof b64 === 'string' ? Buffer.from(b64, 'base64').toString('utf8') : undefined);

/** A `kubernetes.io/tls` Secret holds a certificate, the private key of that certificate and (if any) a CA certificate. */
export function tlsSecretViolations(m: any): string[] {
  if (m.kind !== 'Secret' || m.type !== 'kubernetes.io/tls') return [];
  const what = `Secret/${m.metadata?.name}`;
  const crt = decode(m.data?.['tls.crt']);
  const key = decode(m.data?.['tls.key']);
  const out: string[] = [];
  let cert: crypto.X509Certificate | undefined;
  try {
    cert = new crypto.X509Certificate(crt ?? '');
  } catch {
    out.push(`${what}: tls.crt is not a PEM certificate`);
  }
  let privateKey: crypto.KeyObject | undefined;
  try {
    privateKey = crypto.createPrivateKey(key ?? '');
  } catch {
    out.push(`${what}: tls.key is not a PEM private key`);
  }
  if (cert && privateKey && !cert.checkPrivateKey(privateKey)) out.push(`${what}: tls.key does not match tls.crt`);
  if (m.data?.['ca.crt'] !== undefined) {
    try {
      new crypto.X509Certificate(decode(m.data['ca.crt']) ?? '');
    } catch {
      out.push(`${what}: ca.crt is not a PEM certificate`);
    }
  }
  return out;
}

const IANA = /^[-a-z0-9]{1,15}$/;

/**
 * An Ingress backend names a port by number (1-65535) or by IANA name, not both; when the Service is one of
 * `manifests` (same namespace), that Service has the port.
 */
export function backendPortViolations(manifests: any[]): string[] {
  const services = new Map<string, any>();
  for (const m of manifests) if (m.kind === 'Service') services.set(`${m.metadata?.namespace ?? ''}/${m.metadata?.name}`, m);
  const out: string[] = [];
  for (const ing of manifests.filter((m) => m.kind === 'Ingress')) {
    const what = `Ingress/${ing.metadata?.name}`;
    const backends = [ing.spec?.defaultBackend, ...(ing.spec?.rules ?? []).flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => p.backend))];
    for (const b of backends.filter((x) => x?.service)) {
      const port = b.service.port ?? {};
      const hasNumber = port.number !== undefined;
      const hasName = port.name !== undefined;
      if (hasNumber === hasName) out.push(`${what}: backend ${b.service.name} needs exactly one of port number and name`);
      if (hasNumber && !(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535)) out.push(`${what}: backend port ${port.number}`);
      if (hasName && !(IANA.test(port.name) && /[a-z]/.test(port.name))) out.push(`${what}: backend port name ${port.name}`);
      const svc = services.get(`${ing.metadata?.namespace ?? ''}/${b.service.name}`);
      if (svc && svc.spec?.type !== 'ExternalName') {
        const ports: any[] = svc.spec?.ports ?? [];
        if (!ports.some((p) => (hasNumber ? p.port === port.number : p.name === port.name))) {
          out.push(`${what}: backend ${b.service.name} port ${hasNumber ? port.number : port.name} is not a port of the Service`);
        }
      }
    }
  }
  return out;
}
