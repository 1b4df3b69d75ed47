import * as childProcess from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ServiceBackend, TlsIngress, TlsSource } from '../src';
import { makeCertificate, TestCertificate } from './support/certs';
import { findOne, newChart, synthErrors, synthValidated } from './support/synth';

const NOW_ENV = 'CDK8S_SERVICE_PATTERNS_NOW';
const backend = ServiceBackend.fromServiceName('web', { portNumber: 80 });
const rules = [{ host: 'shop.example.com', paths: [{ backend }] }];

let dir: string;
let cert: TestCertificate;

beforeAll(() => {
  cert = makeCertificate(['shop.example.com']);
}, 60_000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env[NOW_ENV];
});

/** The errors of an Ingress whose only TLS entry has `source`. */
function errorsWith(source: TlsSource): string[] {
  const chart = newChart();
  new TlsIngress(chart, 'Ingress', { ingressName: 'shop', rules, tls: [{ hosts: ['shop.example.com'], source }] });
  return synthErrors(chart);
}

/** A file of `dir` holding `text`. */
function file(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

describe('PEM file paths', () => {
  test('a headerless EC key body given as privateKeyPath is never echoed', () => {
    // GIVEN
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const body = privateKey.export({ type: 'sec1', format: 'der' }).toString('base64');

    // WHEN
    const errors = errorsWith(TlsSource.fromPemFiles(file('tls.crt', cert.certificate), body, { acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.privateKeyPath: is PEM text or key material, not a file path. Fix: pass the PEM text with TlsSource.fromPem({ certificate, privateKey }), or give the paths of the files (SP_TLS_FILE)',
    ]);
    expect(errors.join('\n')).not.toContain(body.slice(0, 20));
  });

  test('a FIFO is refused without blocking the synth', () => {
    // GIVEN
    const fifo = path.join(dir, 'tls.key');
    childProcess.execFileSync('mkfifo', [fifo]);

    // WHEN
    const errors = errorsWith(TlsSource.fromPemFiles(file('tls.crt', cert.certificate), fifo, { acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      `[test/Ingress] tls[0].source.privateKeyPath ${JSON.stringify(fifo)}: is not a regular file (a directory, FIFO or device is not read). Fix: give the path of the PEM file (SP_TLS_FILE)`,
    ]);
  });

  test('/dev/zero is refused without being read', () => {
    // WHEN
    const errors = errorsWith(TlsSource.fromPemFiles('/dev/zero', file('tls.key', cert.privateKey), { acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.certificatePath "/dev/zero": is not a regular file (a directory, FIFO or device is not read). Fix: give the path of the PEM file (SP_TLS_FILE)',
    ]);
  });

  test('a file over 1 MiB is refused', () => {
    // GIVEN
    const big = file('tls.crt', cert.certificate + ' '.repeat(1024 * 1024));

    // WHEN
    const errors = errorsWith(TlsSource.fromPemFiles(big, file('tls.key', cert.privateKey), { acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      `[test/Ingress] tls[0].source.certificatePath ${JSON.stringify(big)}: is larger than 1 MiB. Fix: give the path of the PEM file (SP_TLS_FILE)`,
    ]);
  });
});

describe('certificate fields', () => {
  test('a certificate that also holds the private key is refused, and the key is not echoed', () => {
    // GIVEN
    const certificate = cert.certificate + cert.privateKey;

    // WHEN
    const errors = errorsWith(TlsSource.fromPem({ certificate, privateKey: cert.privateKey, acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.certificate: holds a private key, which would be written into tls.crt of the Secret. '
        + 'Fix: give the certificates only; the key goes in privateKey (SP_TLS_CERTIFICATE_KEY)',
    ]);
    expect(errors.join('\n')).not.toContain(cert.privateKey.split('\n')[1]);
  });

  test('a caCertificate that does not parse is refused', () => {
    // WHEN
    const errors = errorsWith(TlsSource.fromPem({ ...cert, caCertificate: 'garbage', acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.caCertificate: does not parse as a PEM X.509 certificate. Fix: give the PEM text that starts with -----BEGIN CERTIFICATE----- (SP_TLS_CA_CERTIFICATE)',
    ]);
  });

  test('a private key given as caCertificate is refused and never echoed', () => {
    // WHEN
    const errors = errorsWith(TlsSource.fromPem({ ...cert, caCertificate: cert.privateKey, acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.caCertificate: holds a private key, which would be written into ca.crt of the Secret. Fix: give the certificates only; the key goes in privateKey (SP_TLS_CERTIFICATE_KEY)',
    ]);
  });

  test('an expired CA certificate read from a file is refused', () => {
    // GIVEN
    const expired = makeCertificate(['ca.example.com'], { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01'), commonName: 'Old CA' });

    // WHEN
    const errors = errorsWith(TlsSource.fromPemFiles(file('tls.crt', cert.certificate), file('tls.key', cert.privateKey),
      { caCertificatePath: file('ca.crt', expired.certificate), acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.caCertificate "CN=Old CA": expired on 2021-01-01T00:00:00.000Z. Fix: renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager) (SP_TLS_EXPIRED)',
    ]);
  });

  test('a valid CA certificate is written into ca.crt', () => {
    // GIVEN
    const chart = newChart();
    new TlsIngress(chart, 'Ingress', { ingressName: 'shop', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem({ ...cert, acknowledgeKeyInManifest: true }) }] });

    // WHEN
    const secret = findOne(synthValidated(chart), 'Secret', 'shop-tls');

    // THEN
    expect(Buffer.from(secret.data['ca.crt'], 'base64').toString()).toEqual(cert.caCertificate);
  });
});

describe(`the clock (${NOW_ENV})`, () => {
  const dated = () => makeCertificate(['shop.example.com'], { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });

  test('certificates are judged against the real clock by default', () => {
    // WHEN
    const errors = errorsWith(TlsSource.fromPem({ ...dated(), caCertificate: undefined, acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] tls[0].source.certificate "CN=shop.example.com": expired on 2021-01-01T00:00:00.000Z. Fix: renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager) (SP_TLS_EXPIRED)',
    ]);
  });

  test('the environment variable sets the instant certificates are judged against', () => {
    // GIVEN
    process.env[NOW_ENV] = '2020-06-01T00:00:00Z';
    const chart = newChart();
    new TlsIngress(chart, 'Ingress', { ingressName: 'shop', rules, tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromPem({ ...dated(), caCertificate: undefined, acknowledgeKeyInManifest: true }) }] });

    // WHEN
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Secret', 'shop-tls').type).toEqual('kubernetes.io/tls');
  });

  test('a value that is not an ISO 8601 date is refused', () => {
    // GIVEN
    process.env[NOW_ENV] = 'yesterday';

    // WHEN
    const errors = errorsWith(TlsSource.fromPem({ ...cert, acknowledgeKeyInManifest: true }));

    // THEN
    expect(errors).toEqual([
      '[test/Ingress] CDK8S_SERVICE_PATTERNS_NOW "yesterday": is not an ISO 8601 date. Fix: set it to the instant certificates are judged against, e.g. 2025-01-01T00:00:00Z, or unset it to use the clock (SP_TLS_CLOCK)',
    ]);
  });
});
