/**
 * Test certificates, made at test time (no key material is committed): RSA keys from node:crypto (a pool of
 * eight, generated once per machine and shared by every test file), X.509
 * certificates built and signed with node-forge, either by a throwaway test CA or self-signed.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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

/** How many RSA-2048 key pairs the test run shares (generating one takes about 100 ms to 1 s). */
const KEY_POOL_SIZE = 8;
/** The pool is generated once per machine and test-support version, and shared by every test file and worker. */
const KEY_POOL_FILE = path.join(os.tmpdir(), 'cdk8s-service-patterns-test-keys-v1.json');

function loadKeyPool(): string[] {
  try {
    const pool = JSON.parse(fs.readFileSync(KEY_POOL_FILE, 'utf8'));
    if (Array.isArray(pool) && pool.length === KEY_POOL_SIZE && pool.every((k) => typeof k === 'string')) return pool;
  } catch {
    // not there yet, or unreadable: generate it
  }
  const pool = Array.from({ length: KEY_POOL_SIZE }, () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const partial = `${KEY_POOL_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(pool), { mode: 0o600 });
  fs.renameSync(partial, KEY_POOL_FILE); // atomic: a concurrent worker reads the old file or the new one
  return pool;
}

let keyPool: string[] | undefined;
let nextKey = 0;

/** The next key pair of the shared pool: consecutive calls return different keys. */
function newKeyPair(): KeyPair {
  keyPool = keyPool ?? loadKeyPool();
  const privatePem = keyPool[nextKey++ % keyPool.length];
  const privateKey = crypto.createPrivateKey(privatePem);
  const publicPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    privatePem,
    forgePrivate: forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey,
    forgePublic: forge.pki.publicKeyFromPem(publicPem) as forge.pki.rsa.PublicKey,
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
