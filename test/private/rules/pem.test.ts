import * as crypto from 'crypto';
import * as forge from 'node-forge';
import { FindingCollector } from '../../../src/private/findings';
import { CERTIFICATE_EXPIRY_WARNING_DAYS, collectPemFindings, holdsKeyBlock, parseClock } from '../../../src/private/rules/pem';
import { makeCertificate, TestCertificate } from '../../support/certs';

const DAY = 24 * 3600 * 1000;
/** Whole seconds: X.509 dates have no milliseconds. */
const NOT_BEFORE = new Date('2024-01-01T00:00:00.000Z');
const NOT_AFTER = new Date('2024-12-31T00:00:00.000Z');
/** An instant well inside the validity of every certificate below. */
const NOW = new Date('2024-06-01T12:00:00.000Z');
const FIELD = 'spec.tls[0]';
const SUBJECT = '"CN=shop.example.com"';

/** A certificate for shop.example.com and *.api.example.com, signed by the test CA. */
let shop: TestCertificate;
/** A certificate (and key) for another host, signed by the test CA. */
let other: TestCertificate;
/** A self-signed certificate for shop.example.com. */
let selfSigned: TestCertificate;
/** A certificate without subjectAltName, whose subject CN is shop.example.com. */
let cnOnly: TestCertificate;
/** A certificate whose subject is the test CA's, but signed by the test CA's key, not its own. */
let subjectLikeIssuer: TestCertificate;

beforeAll(() => {
  const dates = { notBefore: NOT_BEFORE, notAfter: NOT_AFTER };
  shop = makeCertificate(['shop.example.com', '*.api.example.com'], dates);
  other = makeCertificate(['other.example.com'], dates);
  selfSigned = makeCertificate(['shop.example.com'], { ...dates, selfSigned: true });
  cnOnly = makeCertificate([], { ...dates, commonName: 'shop.example.com' });
  subjectLikeIssuer = makeCertificate(['shop.example.com'], { ...dates, commonName: 'cdk8s-service-patterns test CA' });
}, 60_000);

/** Runs the PEM rules and returns the collector. */
function check(certificate: unknown, privateKey: unknown, hosts: readonly string[] = ['shop.example.com'], now: Date = NOW): FindingCollector {
  const findings = new FindingCollector();
  collectPemFindings(findings, certificate, privateKey, hosts, now, FIELD);
  return findings;
}

/** Everything a collector would show a user: errors, warnings and messages. */
function everythingShown(findings: FindingCollector): string {
  return JSON.stringify([findings.findings, findings.warningFindings, findings.messages()]);
}

/** The base64 lines of a PEM text. */
function bodyLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));
}

const codes = (findings: FindingCollector) => findings.findings.map((f) => f.code);
const warningCodes = (findings: FindingCollector) => findings.warningFindings.map((f) => f.code);

describe('collectPemFindings', () => {
  test('records nothing for a valid certificate, its key and hosts it covers', () => {
    // WHEN
    const findings = check(shop.certificate, shop.privateKey, ['shop.example.com', 'v1.api.example.com']);

    // THEN
    expect(findings.findings).toEqual([]);
    expect(findings.warningFindings).toEqual([]);
  });

  describe('the certificate', () => {
    test('records garbage as SP_TLS_CERTIFICATE without a value', () => {
      // WHEN
      const findings = check('not a certificate', shop.privateKey);

      // THEN
      expect(findings.findings).toEqual([{
        code: 'SP_TLS_CERTIFICATE',
        field: 'spec.tls[0].certificate',
        rule: 'does not parse as a PEM X.509 certificate',
        fix: 'give the PEM text that starts with -----BEGIN CERTIFICATE-----',
      }]);
    });

    test('checks nothing more when the certificate does not parse', () => {
      // WHEN hosts cannot be covered and the key cannot match
      const findings = check('not a certificate', other.privateKey, ['nowhere.example.com']);

      // THEN
      expect(codes(findings)).toEqual(['SP_TLS_CERTIFICATE']);
      expect(findings.warningFindings).toEqual([]);
    });

    test('records a truncated certificate as SP_TLS_CERTIFICATE', () => {
      // GIVEN
      const truncated = shop.certificate.slice(0, 300) + '\n-----END CERTIFICATE-----\n';

      // WHEN
      const findings = check(truncated, shop.privateKey);

      // THEN
      expect(codes(findings)).toEqual(['SP_TLS_CERTIFICATE']);
    });

    test('records a certificate that is not a string as SP_TLS_CERTIFICATE', () => {
      expect(codes(check(undefined, shop.privateKey))).toEqual(['SP_TLS_CERTIFICATE']);
    });

    test('does not echo a private key given as the certificate', () => {
      // WHEN the certificate and the key are swapped
      const findings = check(shop.privateKey, shop.certificate);

      // THEN
      expect(codes(findings)).toEqual(['SP_TLS_CERTIFICATE_KEY', 'SP_TLS_PRIVATE_KEY']);
      for (const line of bodyLines(shop.privateKey)) {
        expect(everythingShown(findings)).not.toContain(line);
      }
    });
  });

  describe('the private key', () => {
    const SECRET = 'c2VjcmV0LWtleS1tYXRlcmlhbC10aGF0LW11c3Qtbm90LWxlYWs';
    const garbageKey = `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----\n`;

    test('records garbage as SP_TLS_PRIVATE_KEY without a value', () => {
      // WHEN
      const findings = check(shop.certificate, garbageKey);

      // THEN
      expect(findings.findings).toEqual([{
        code: 'SP_TLS_PRIVATE_KEY',
        field: 'spec.tls[0].privateKey',
        rule: 'does not parse as a PEM private key',
        fix: 'give the unencrypted PEM private key (PKCS#8, or the RSA or EC form of OpenSSL)',
      }]);
    });

    test('never shows the text of a garbage key', () => {
      // WHEN
      const findings = check(shop.certificate, garbageKey);

      // THEN
      expect(everythingShown(findings)).not.toContain(SECRET);
    });

    test('never shows any line of a truncated real key', () => {
      // GIVEN
      const truncated = shop.privateKey.slice(0, 400) + '\n-----END PRIVATE KEY-----\n';

      // WHEN
      const findings = check(shop.certificate, truncated);

      // THEN
      expect(codes(findings)).toEqual(['SP_TLS_PRIVATE_KEY']);
      for (const line of bodyLines(truncated)) {
        expect(everythingShown(findings)).not.toContain(line);
      }
    });

    test('records an encrypted key as SP_TLS_PRIVATE_KEY', () => {
      // GIVEN
      const { privateKey } = crypto.generateKeyPairSync('ec', {
        namedCurve: 'prime256v1',
        privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });

      // WHEN
      const findings = check(shop.certificate, privateKey);

      // THEN
      expect(codes(findings)).toEqual(['SP_TLS_PRIVATE_KEY']);
    });

    test('records a key that is not a string as SP_TLS_PRIVATE_KEY', () => {
      expect(codes(check(shop.certificate, undefined))).toEqual(['SP_TLS_PRIVATE_KEY']);
    });

    test('still checks the certificate when the key does not parse', () => {
      // WHEN
      const findings = check(shop.certificate, garbageKey, ['nowhere.example.com']);

      // THEN
      expect(codes(findings)).toEqual(['SP_TLS_PRIVATE_KEY', 'SP_TLS_HOST_NOT_COVERED']);
    });

    test('records a key that does not belong to the certificate as SP_TLS_KEY_MISMATCH', () => {
      // WHEN
      const findings = check(shop.certificate, other.privateKey);

      // THEN
      expect(findings.findings).toEqual([{
        code: 'SP_TLS_KEY_MISMATCH',
        field: 'spec.tls[0].privateKey',
        rule: 'does not belong to the certificate (subject "CN=shop.example.com")',
        fix: 'give the private key the certificate was issued for',
      }]);
    });

    test('never shows a key that does not belong to the certificate', () => {
      // WHEN
      const findings = check(shop.certificate, other.privateKey);

      // THEN
      for (const line of bodyLines(other.privateKey)) {
        expect(everythingShown(findings)).not.toContain(line);
      }
    });
  });

  describe('the hosts', () => {
    test('records a host the certificate does not name as SP_TLS_HOST_NOT_COVERED', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com', 'other.example.com']);

      // THEN
      expect(findings.findings).toEqual([{
        code: 'SP_TLS_HOST_NOT_COVERED',
        field: 'spec.tls[0].hosts',
        value: '"other.example.com"',
        rule: "is not covered by the certificate's DNS names (shop.example.com, *.api.example.com); clients would reject the connection",
        fix: 'issue a certificate whose subjectAltName covers the host, or move the host to another TLS entry',
      }]);
    });

    test('records every host not covered', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['a.example.com', 'shop.example.com', 'b.example.com']);

      // THEN
      expect(findings.findings.map((f) => [f.code, f.value])).toEqual([
        ['SP_TLS_HOST_NOT_COVERED', '"a.example.com"'],
        ['SP_TLS_HOST_NOT_COVERED', '"b.example.com"'],
      ]);
    });

    test('a wildcard name covers one label under its domain', () => {
      expect(codes(check(shop.certificate, shop.privateKey, ['v2.api.example.com']))).toEqual([]);
    });

    test('a wildcard name does not cover two labels under its domain', () => {
      expect(codes(check(shop.certificate, shop.privateKey, ['a.v2.api.example.com']))).toEqual(['SP_TLS_HOST_NOT_COVERED']);
    });

    test('a wildcard name does not cover its domain itself', () => {
      expect(codes(check(shop.certificate, shop.privateKey, ['api.example.com']))).toEqual(['SP_TLS_HOST_NOT_COVERED']);
    });

    test('ignores the subject CN of a certificate without DNS names, and says so', () => {
      // WHEN the CN is the host
      const findings = check(cnOnly.certificate, cnOnly.privateKey, ['shop.example.com']);

      // THEN
      expect(findings.findings.map((f) => [f.code, f.rule])).toEqual([[
        'SP_TLS_HOST_NOT_COVERED',
        "is not covered by the certificate's DNS names (none: clients ignore the subject CN); clients would reject the connection",
      ]]);
    });

    test('records nothing about hosts when there are none', () => {
      expect(codes(check(cnOnly.certificate, cnOnly.privateKey, []))).toEqual([]);
    });
  });

  describe('the dates', () => {
    test('the expiry warning starts 30 days before the end date', () => {
      expect(CERTIFICATE_EXPIRY_WARNING_DAYS).toEqual(30);
    });

    test('records a certificate past its end date as SP_TLS_EXPIRED', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() + 1));

      // THEN
      expect(findings.findings).toEqual([{
        code: 'SP_TLS_EXPIRED',
        field: 'spec.tls[0].certificate',
        value: SUBJECT,
        rule: 'expired on 2024-12-31T00:00:00.000Z',
        fix: 'renew the certificate, or let cert-manager manage it (TlsSource.fromCertManager)',
      }]);
    });

    test('a certificate is still valid at the instant of its end date (RFC 5280: notAfter is inclusive)', () => {
      // WHEN judged exactly at notAfter
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime()));

      // THEN it has not expired yet
      expect(codes(findings)).toEqual([]);
    });

    test('does not also warn that an expired certificate expires soon', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() + DAY));

      // THEN
      expect(warningCodes(findings)).toEqual([]);
    });

    test('warns about a certificate one millisecond before its end date, without an error', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() - 1));

      // THEN
      expect(codes(findings)).toEqual([]);
      expect(warningCodes(findings)).toEqual(['SP_TLS_EXPIRES_SOON']);
    });

    test('warns about a certificate expiring in less than 30 days as SP_TLS_EXPIRES_SOON', () => {
      // WHEN 30 days minus 1 ms before the end date
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() - 30 * DAY + 1));

      // THEN
      expect(findings.findings).toEqual([]);
      expect(findings.warningFindings).toEqual([{
        code: 'SP_TLS_EXPIRES_SOON',
        field: 'spec.tls[0].certificate',
        value: SUBJECT,
        rule: 'expires on 2024-12-31T00:00:00.000Z, in less than 30 days',
        fix: 'renew the certificate',
      }]);
    });

    test('does not warn about a certificate expiring in exactly 30 days', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() - 30 * DAY));

      // THEN
      expect(findings.warningFindings).toEqual([]);
    });

    test('records a certificate before its start date as SP_TLS_NOT_YET_VALID', () => {
      // WHEN
      const findings = check(shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_BEFORE.getTime() - 1));

      // THEN
      expect(findings.findings).toEqual([{
        code: 'SP_TLS_NOT_YET_VALID',
        field: 'spec.tls[0].certificate',
        value: SUBJECT,
        rule: 'is not valid before 2024-01-01T00:00:00.000Z',
        fix: 'check the certificate dates (and the clock of the machine that issued it)',
      }]);
    });

    test('accepts a certificate at the instant it becomes valid', () => {
      expect(codes(check(shop.certificate, shop.privateKey, ['shop.example.com'], NOT_BEFORE))).toEqual([]);
    });
  });

  describe('the issuer', () => {
    test('warns about a self-signed certificate as SP_TLS_SELF_SIGNED, without an error', () => {
      // WHEN
      const findings = check(selfSigned.certificate, selfSigned.privateKey);

      // THEN
      expect(findings.findings).toEqual([]);
      expect(findings.warningFindings).toEqual([{
        code: 'SP_TLS_SELF_SIGNED',
        field: 'spec.tls[0].certificate',
        value: SUBJECT,
        rule: 'is self-signed; browsers and most clients reject it',
        fix: 'use a certificate from a CA the clients trust, e.g. via cert-manager',
      }]);
    });

    test('does not take a certificate whose subject is its issuer\'s for self-signed unless its own key signed it', () => {
      // GIVEN
      const parsed = new crypto.X509Certificate(subjectLikeIssuer.certificate);
      expect(parsed.issuer).toEqual(parsed.subject);

      // WHEN
      const findings = check(subjectLikeIssuer.certificate, subjectLikeIssuer.privateKey);

      // THEN
      expect(findings.warningFindings).toEqual([]);
    });
  });

  test('names fields after the prefix given', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectPemFindings(findings, 'garbage', 'garbage', [], NOW, 'tls.source');

    // THEN
    expect(findings.findings.map((f) => f.field)).toEqual(['tls.source.certificate', 'tls.source.privateKey']);
  });
});

describe('collectPemFindings: certificate fields holding a private key', () => {
  test('records a key block appended to the certificate as SP_TLS_CERTIFICATE_KEY, without a value', () => {
    // WHEN
    const findings = check(shop.certificate + shop.privateKey, shop.privateKey);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_TLS_CERTIFICATE_KEY',
      field: 'spec.tls[0].certificate',
      rule: 'holds a private key, which would be written into tls.crt of the Secret',
      fix: 'give the certificates only; the key goes in privateKey',
    }]);
  });

  test('never shows a line of the key held by the certificate field', () => {
    // WHEN
    const findings = check(shop.certificate + shop.privateKey, shop.privateKey);

    // THEN
    for (const line of bodyLines(shop.privateKey)) {
      expect(everythingShown(findings)).not.toContain(line);
    }
  });
});

describe('collectPemFindings: the CA certificate', () => {
  test('records nothing for a valid CA certificate', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectPemFindings(findings, shop.certificate, shop.privateKey, ['shop.example.com'], NOW, FIELD, other.certificate);

    // THEN
    expect([...findings.findings, ...findings.warningFindings]).toEqual([]);
  });

  test('records garbage as SP_TLS_CA_CERTIFICATE', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectPemFindings(findings, shop.certificate, shop.privateKey, ['shop.example.com'], NOW, FIELD, 'garbage');

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_TLS_CA_CERTIFICATE',
      field: 'spec.tls[0].caCertificate',
      rule: 'does not parse as a PEM X.509 certificate',
      fix: 'give the PEM text that starts with -----BEGIN CERTIFICATE-----',
    }]);
  });

  test('records an expired CA certificate as SP_TLS_EXPIRED on caCertificate', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectPemFindings(findings, shop.certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() + DAY), FIELD, other.certificate);

    // THEN
    expect(findings.findings.map((f) => [f.code, f.field])).toEqual([
      ['SP_TLS_EXPIRED', 'spec.tls[0].certificate'],
      ['SP_TLS_EXPIRED', 'spec.tls[0].caCertificate'],
    ]);
  });

  test('records a private key given as the CA certificate once, as SP_TLS_CERTIFICATE_KEY', () => {
    // GIVEN
    const findings = new FindingCollector();

    // WHEN
    collectPemFindings(findings, shop.certificate, shop.privateKey, ['shop.example.com'], NOW, FIELD, other.privateKey);

    // THEN
    expect(findings.findings).toEqual([{
      code: 'SP_TLS_CERTIFICATE_KEY',
      field: 'spec.tls[0].caCertificate',
      rule: 'holds a private key, which would be written into ca.crt of the Secret',
      fix: 'give the certificates only; the key goes in privateKey',
    }]);
  });
});

describe('parseClock', () => {
  const clock = () => new Date('2030-01-01T00:00:00.000Z');

  test('uses the clock when the setting is unset or empty', () => {
    // THEN
    expect([parseClock(undefined, clock), parseClock(' ', clock)]).toEqual([clock(), clock()]);
  });

  test('reads an ISO 8601 date or date and time', () => {
    // THEN
    expect([parseClock('2025-02-03', clock), parseClock('2025-02-03T04:05:06Z', clock), parseClock('2025-02-03T04:05:06+01:00', clock)])
      .toEqual([new Date('2025-02-03T00:00:00.000Z'), new Date('2025-02-03T04:05:06.000Z'), new Date('2025-02-03T03:05:06.000Z')]);
  });

  test('returns undefined for anything else', () => {
    // THEN
    expect(['yesterday', '1700000000', '2025-13-45', '2025-02-03T04:05:06Zjunk'].map((s) => parseClock(s, clock))).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('holdsKeyBlock', () => {
  test('finds PKCS#8, RSA, EC and encrypted key blocks, not certificates', () => {
    // GIVEN
    const label = (kind: string) => `-----BEGIN ${kind}${kind ? ' ' : ''}PRIVATE KEY-----\nAAAA\n`;

    // THEN
    expect(['', 'RSA', 'EC', 'ENCRYPTED'].map((k) => holdsKeyBlock(label(k)))).toEqual([true, true, true, true]);
    expect(holdsKeyBlock(shop.certificate)).toBe(false);
  });
});

describe('parseClock: the forms of ISO 8601 it reads, and what Date would read but it does not', () => {
  const clock = () => new Date('2030-01-01T00:00:00.000Z');

  test('uses the machine clock by default', () => {
    // GIVEN
    const before = Date.now();

    // WHEN
    const now = parseClock(undefined)!.getTime();

    // THEN
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  test.each([
    ['2025-02-03T04:05Z', '2025-02-03T04:05:00.000Z'], // no seconds
    ['2025-02-03T04:05:06.789Z', '2025-02-03T04:05:06.789Z'], // a fraction of a second
    ['2025-02-03T04:05:06+0100', '2025-02-03T03:05:06.000Z'], // an offset without a colon
    [' 2025-02-03T04:05:06Z ', '2025-02-03T04:05:06.000Z'], // padded
  ])('reads %j as %s', (setting, iso) => {
    // THEN
    expect(parseClock(setting, clock)).toEqual(new Date(iso));
  });

  test('reads a date and time without an offset as Date does (local time)', () => {
    // THEN
    expect(parseClock('2025-02-03T04:05:06', clock)).toEqual(new Date('2025-02-03T04:05:06'));
  });

  test.each(['Mon 2025-02-03', '2025-02-03 04:05:06 PST'])('refuses %j, which Date would read', (setting) => {
    // THEN
    expect(Number.isNaN(new Date(setting).getTime())).toBe(false);
    expect(parseClock(setting, clock)).toBeUndefined();
  });
});

describe('collectPemFindings: PEM given as a Buffer', () => {
  test('refuses a certificate and a key given as Buffers (the Secret is written from strings)', () => {
    // WHEN
    const findings = check(Buffer.from(shop.certificate), Buffer.from(shop.privateKey));

    // THEN
    expect(codes(findings)).toEqual(['SP_TLS_CERTIFICATE', 'SP_TLS_PRIVATE_KEY']);
  });
});

describe('collectPemFindings: subjects of several attributes, and issuer names', () => {
  /** A certificate for shop.example.com with subject `subject`, issuer name `issuer`, signed by its own key. */
  function ownKeyCertificate(subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[]): string {
    const privateKey = forge.pki.privateKeyFromPem(shop.privateKey) as forge.pki.rsa.PrivateKey;
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
    cert.serialNumber = '0a';
    cert.validity.notBefore = NOT_BEFORE;
    cert.validity.notAfter = NOT_AFTER;
    cert.setSubject(subject);
    cert.setIssuer(issuer);
    cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: 'shop.example.com' }] }]);
    cert.sign(privateKey, forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  }

  const subject = [{ name: 'commonName', value: 'shop.example.com' }, { name: 'organizationName', value: 'Example Shop' }];
  /** The subject as findings show it. */
  const shown = JSON.stringify('CN=shop.example.com, O=Example Shop');

  test('shows a subject of several attributes on one line, comma-separated', () => {
    // GIVEN a self-signed certificate, judged after it expired
    const certificate = ownKeyCertificate(subject, subject);

    // WHEN
    const findings = check(certificate, shop.privateKey, ['shop.example.com'], new Date(NOT_AFTER.getTime() + DAY));

    // THEN
    expect(findings.findings.map((f) => [f.code, f.value])).toEqual([['SP_TLS_EXPIRED', shown]]);
    expect(findings.warningFindings.map((f) => [f.code, f.value])).toEqual([['SP_TLS_SELF_SIGNED', shown]]);
  });

  test('does not call a certificate self-signed when its issuer names someone else, though its own key signed it', () => {
    // GIVEN
    const certificate = ownKeyCertificate(subject, [{ name: 'commonName', value: 'Another CA' }]);

    // WHEN
    const findings = check(certificate, shop.privateKey);

    // THEN
    expect(findings.findings).toEqual([]);
    expect(warningCodes(findings)).toEqual([]);
  });
});
