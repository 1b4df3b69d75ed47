/**
 * PEM rules (node:crypto): the certificate parses, the key parses and matches it, its DNS names cover the
 * hosts, it is valid now. Key material never appears in a message.
 */
import * as crypto from 'crypto';
import { FindingCollector } from '../findings';
import { hostCovers } from './http';
import { isString } from './values';

/** A certificate expiring sooner than this is a warning. */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

/** A PEM block labelled as a private key (`-----BEGIN [RSA |EC |ENCRYPTED ]PRIVATE KEY-----`). */
const KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/**
 * The instant certificates are judged against: the clock when `setting` is unset or empty, the ISO 8601 date
 * it holds otherwise; undefined when it is not one.
 */
export function parseClock(setting: string | undefined, clock: () => Date = () => new Date()): Date | undefined {
  if (setting === undefined || setting.trim() === '') return clock();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(setting.trim())) return undefined;
  const date = new Date(setting.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Whether PEM text holds a private-key block. */
export function holdsKeyBlock(pem: string): boolean {
  return KEY_BLOCK.test(pem);
}

/** The DNS names of a certificate's subjectAltName extension. */
function certificateDnsNames(cert: crypto.X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length).toLowerCase());
}

/**
 * Checks PEM material for a TLS Secret: the certificate (and the CA certificate, if any) parses as X.509 and
 * holds no private key, the key parses and matches it, its DNS names cover every host, and both are valid `now`. Self-signed and soon-expiring certificates are warnings.
 * Messages describe the certificate (subject, names, dates) but never the key.
 */
export function collectPemFindings(findings: FindingCollector, certificatePem: unknown, privateKeyPem: unknown,
  hosts: readonly string[], now: Date, fieldPrefix: string, caCertificatePem?: unknown): void {
  const cert = parseCertificate(findings, certificatePem, `${fieldPrefix}.certificate`, 'SP_TLS_CERTIFICATE', 'tls.crt');
  let key: crypto.KeyObject | undefined;
  try {
    if (!isString(privateKeyPem)) throw new Error('not a string');
    key = crypto.createPrivateKey(privateKeyPem);
  } catch {
    // The key text, or a parser message that might quote it, is never echoed.
    findings.addWithoutValue('SP_TLS_PRIVATE_KEY', `${fieldPrefix}.privateKey`, 'does not parse as a PEM private key',
      'give the unencrypted PEM private key (PKCS#8, or the RSA or EC form of OpenSSL)');
  }
  if (cert !== undefined) collectCertificateFindings(findings, cert, key, hosts, now, fieldPrefix);
  if (caCertificatePem !== undefined) {
    const ca = parseCertificate(findings, caCertificatePem, `${fieldPrefix}.caCertificate`, 'SP_TLS_CA_CERTIFICATE', 'ca.crt');
    if (ca !== undefined) collectValidityFindings(findings, ca, now, `${fieldPrefix}.caCertificate`);
  }
}

/** The certificate: the key belongs to it, it covers the hosts, it is valid now; self-signed is a warning. */
function collectCertificateFindings(findings: FindingCollector, cert: crypto.X509Certificate, key: crypto.KeyObject | undefined,
  hosts: readonly string[], now: Date, fieldPrefix: string): void {
  const subject = cert.subject.replace(/\n/g, ', ');
  if (key !== undefined && !cert.checkPrivateKey(key)) {
    findings.addWithoutValue('SP_TLS_KEY_MISMATCH', `${fieldPrefix}.privateKey`,
      `does not belong to the certificate (subject ${JSON.stringify(subject)})`, 'give the private key the certificate was issued for');
  }
  const names = certificateDnsNames(cert);
  for (const host of hosts) {
    if (!names.some((name) => hostCovers(name, host))) {
      findings.add('SP_TLS_HOST_NOT_COVERED', `${fieldPrefix}.hosts`, host,
        `is not covered by the certificate's DNS names (${names.length > 0 ? names.join(', ') : 'none: clients ignore the subject CN'}); clients would reject the connection`,
        'issue a certificate whose subjectAltName covers the host, or move the host to another TLS entry');
    }
  }
  collectValidityFindings(findings, cert, now, `${fieldPrefix}.certificate`);
  if (cert.issuer === cert.subject && cert.verify(cert.publicKey)) {
    findings.warn('SP_TLS_SELF_SIGNED', `${fieldPrefix}.certificate`, subject,
      'is self-signed; browsers and most clients reject it', 'use a certificate from a CA the clients trust, e.g. via cert-manager');
  }
}

/**
 * Parses the first certificate of a PEM field (`code` when it is not one); a private-key block in it is refused
 * (`SP_TLS_CERTIFICATE_KEY`), as it would be written into `file` of the Secret. Returns the certificate even then,
 * so the other rules still judge it.
 */
function parseCertificate(findings: FindingCollector, pem: unknown, field: string, code: string, file: string): crypto.X509Certificate | undefined {
  const keyBlock = isString(pem) && holdsKeyBlock(pem);
  if (keyBlock) {
    findings.addWithoutValue('SP_TLS_CERTIFICATE_KEY', field, `holds a private key, which would be written into ${file} of the Secret`,
      'give the certificates only; the key goes in privateKey');
  }
  try {
    if (!isString(pem)) throw new Error('not a string');
    return new crypto.X509Certificate(pem);
  } catch {
    if (keyBlock) return undefined; // one finding for the value
    findings.addWithoutValue(code, field, 'does not parse as a PEM X.509 certificate',
      'give the PEM text that starts with -----BEGIN CERTIFICATE-----');
    return undefined;
  }
}

/** A certificate is valid now, and not about to expire (a warning). */
function collectValidityFindings(findings: FindingCollector, cert: crypto.X509Certificate, now: Date, field: string): void {
  const subject = cert.subject.replace(/\n/g, ', ');
  const validTo = new Date(cert.validTo);
  const validFrom = new Date(cert.validFrom);
  if (validTo.getTime() < now.getTime()) { // notAfter is inclusive (RFC 5280)
    findings.add('SP_TLS_EXPIRED', field, subject,
      `expired on ${validTo.toISOString()}`, 'renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager)');
  } else if (validTo.getTime() - now.getTime() < CERTIFICATE_EXPIRY_WARNING_DAYS * 24 * 3600 * 1000) {
    findings.warn('SP_TLS_EXPIRES_SOON', field, subject,
      `expires on ${validTo.toISOString()}, in less than ${CERTIFICATE_EXPIRY_WARNING_DAYS} days`, 'renew the certificate');
  }
  if (validFrom.getTime() > now.getTime()) {
    findings.add('SP_TLS_NOT_YET_VALID', field, subject,
      `is not valid before ${validFrom.toISOString()}`, 'check the certificate dates (and the clock of the machine that issued it)');
  }
}
