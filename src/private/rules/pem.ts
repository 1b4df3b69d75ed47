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

/** The DNS names of a certificate's subjectAltName extension. */
function certificateDnsNames(cert: crypto.X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length).toLowerCase());
}

/**
 * Checks PEM material for a TLS Secret: the certificate parses as X.509, the key parses and matches it, its
 * DNS names cover every host, and it is valid now. Self-signed and soon-expiring certificates are warnings.
 * Messages describe the certificate (subject, names, dates) but never the key.
 */
export function collectPemFindings(
  findings: FindingCollector, certificatePem: unknown, privateKeyPem: unknown, hosts: readonly string[], now: Date, fieldPrefix: string): void {
  let cert: crypto.X509Certificate | undefined;
  try {
    if (!isString(certificatePem)) throw new Error('not a string');
    cert = new crypto.X509Certificate(certificatePem);
  } catch {
    findings.addWithoutValue('SP_TLS_CERTIFICATE', `${fieldPrefix}.certificate`, 'does not parse as a PEM X.509 certificate',
      'give the PEM text that starts with -----BEGIN CERTIFICATE-----');
  }
  let key: crypto.KeyObject | undefined;
  try {
    if (!isString(privateKeyPem)) throw new Error('not a string');
    key = crypto.createPrivateKey(privateKeyPem);
  } catch {
    // The key text, or a parser message that might quote it, is never echoed.
    findings.addWithoutValue('SP_TLS_PRIVATE_KEY', `${fieldPrefix}.privateKey`, 'does not parse as a PEM private key',
      'give the unencrypted PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----)');
  }
  if (cert === undefined) return;
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
  const validTo = new Date(cert.validTo);
  const validFrom = new Date(cert.validFrom);
  if (validTo.getTime() < now.getTime()) { // notAfter is inclusive (RFC 5280)
    findings.add('SP_TLS_EXPIRED', `${fieldPrefix}.certificate`, subject,
      `expired on ${validTo.toISOString()}`, 'renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager)');
  } else if (validTo.getTime() - now.getTime() < CERTIFICATE_EXPIRY_WARNING_DAYS * 24 * 3600 * 1000) {
    findings.warn('SP_TLS_EXPIRES_SOON', `${fieldPrefix}.certificate`, subject,
      `expires on ${validTo.toISOString()}, in less than ${CERTIFICATE_EXPIRY_WARNING_DAYS} days`, 'renew the certificate');
  }
  if (validFrom.getTime() > now.getTime()) {
    findings.add('SP_TLS_NOT_YET_VALID', `${fieldPrefix}.certificate`, subject,
      `is not valid before ${validFrom.toISOString()}`, 'check the certificate dates (and the clock of the machine that issued it)');
  }
  if (cert.issuer === cert.subject && cert.verify(cert.publicKey)) {
    findings.warn('SP_TLS_SELF_SIGNED', `${fieldPrefix}.certificate`, subject,
      'is self-signed; browsers and most clients reject it', 'use a certificate from a CA the clients trust, e.g. via cert-manager');
  }
}
