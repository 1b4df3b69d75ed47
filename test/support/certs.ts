/**
 * Test certificates, made at test time (no key material is committed): RSA keys from node:crypto, X.509
 * certificates built and signed with node-forge, either by a throwaway test CA or self-signed.
 */
import * as crypto from 'crypto';
import * as forge from 'node-forge';

export interface TestCertificate {
  readonly certificate: string;
  readonly privateKey: string;
  readonly caCertificate: string;
}

interface KeyPair {
  readonly privatePem: string;
  readonly forgePrivate: forge.pki.rsa.PrivateKey;
  readonly forgePublic: forge.pki.rsa.PublicKey;
}

function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    privatePem,
    forgePrivate: forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey,
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
  };
}

let serial = 1;
const DAY = 24 * 3600 * 1000;

interface BuildOptions {
  readonly dnsNames?: string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa?: boolean;
}

function build(subjectCn: string, keys: KeyPair, issuer: { cn: string; keys: KeyPair }, options: BuildOptions): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublic;
  cert.serialNumber = (serial++).toString(16).padStart(2, '0');
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  cert.setSubject([{ name: 'commonName', value: subjectCn }]);
  cert.setIssuer([{ name: 'commonName', value: issuer.cn }]);
  const extensions: any[] = [{ name: 'basicConstraints', cA: options.isCa ?? false }];
  if (options.dnsNames && options.dnsNames.length > 0) {
    extensions.push({ name: 'subjectAltName', altNames: options.dnsNames.map((value) => ({ type: 2, value })) });
  }
  cert.setExtensions(extensions);
  cert.sign(issuer.keys.forgePrivate, forge.md.sha256.create());
  return cert;
}

let ca: { cn: string; keys: KeyPair; pem: string } | undefined;

function testCa(): { cn: string; keys: KeyPair; pem: string } {
  if (!ca) {
    const keys = newKeyPair();
    const now = Date.now();
    const cert = build('cdk8s-service-patterns test CA', keys, { cn: 'cdk8s-service-patterns test CA', keys },
      { notBefore: new Date(now - DAY), notAfter: new Date(now + 3650 * DAY), isCa: true });
    ca = { cn: 'cdk8s-service-patterns test CA', keys, pem: forge.pki.certificateToPem(cert) };
  }
  return ca;
}

/**
 * A certificate for `dnsNames` (subjectAltName), valid from yesterday for `validDays` days, signed by the test
 * CA unless `selfSigned`.
 */
export interface CertificateOptions {
  readonly validDays?: number;
  readonly selfSigned?: boolean;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly commonName?: string;
}

export function makeCertificate(dnsNames: string[], options: CertificateOptions = {}): TestCertificate {
  const keys = newKeyPair();
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - DAY);
  const notAfter = options.notAfter ?? new Date(now + (options.validDays ?? 90) * DAY);
  const cn = options.commonName ?? dnsNames[0] ?? 'no-names';
  const issuer = options.selfSigned ? { cn, keys } : testCa();
  const cert = build(cn, keys, issuer, { dnsNames, notBefore, notAfter });
  return { certificate: forge.pki.certificateToPem(cert), privateKey: keys.privatePem, caCertificate: testCa().pem };
}
