import * as childProcess from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { looksLikeKeyMaterial, PEM_FILE_MAX_BYTES, readPemFile } from '../../../src/private/rules/files';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pem-files-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readPemFile', () => {
  test('reads a regular file', () => {
    // GIVEN
    const file = path.join(dir, 'tls.crt');
    fs.writeFileSync(file, 'pem text');

    // THEN
    expect(readPemFile(file)).toEqual({ text: 'pem text' });
  });

  test('reads a file of exactly the size limit', () => {
    // GIVEN
    const file = path.join(dir, 'big.crt');
    fs.writeFileSync(file, Buffer.alloc(PEM_FILE_MAX_BYTES, 'a'));

    // WHEN
    const read = readPemFile(file);

    // THEN
    expect('text' in read && read.text.length).toBe(PEM_FILE_MAX_BYTES);
  });

  test('refuses a file over the size limit', () => {
    // GIVEN
    const file = path.join(dir, 'huge.crt');
    fs.writeFileSync(file, Buffer.alloc(PEM_FILE_MAX_BYTES + 1, 'a'));

    // THEN
    expect(readPemFile(file)).toEqual({ problem: 'too large' });
  });

  test('refuses a FIFO without blocking', () => {
    // GIVEN
    const fifo = path.join(dir, 'fifo');
    childProcess.execFileSync('mkfifo', [fifo]);

    // THEN
    expect(readPemFile(fifo)).toEqual({ problem: 'not a regular file' });
  });

  test('refuses a character device without reading it', () => {
    // THEN
    expect(readPemFile('/dev/zero')).toEqual({ problem: 'not a regular file' });
  });

  test('refuses a directory', () => {
    // THEN
    expect(readPemFile(dir)).toEqual({ problem: 'not a regular file' });
  });

  test('reports a missing file as unreadable', () => {
    // THEN
    expect(readPemFile(path.join(dir, 'missing.crt'))).toEqual({ problem: 'cannot be read' });
  });
});

describe('looksLikeKeyMaterial', () => {
  test('takes paths for paths', () => {
    // THEN
    expect(['/etc/tls/tls.crt', 'certs/shop.example.com.key', './tls.key', 'C:\\certs\\tls.crt',
      '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt'].map(looksLikeKeyMaterial)).toEqual([false, false, false, false, false]);
  });

  test('takes PEM text, armour lines and line breaks for key material', () => {
    // THEN
    expect(['-----BEGIN CERTIFICATE-----', 'a\nb', 'a\rb', 'EC PRIVATE'].map(looksLikeKeyMaterial)).toEqual([true, true, true, true]);
  });

  test('takes a headerless base64 key body for key material, with or without slashes', () => {
    // GIVEN
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const body = privateKey.export({ type: 'sec1', format: 'der' }).toString('base64');

    // THEN
    expect(looksLikeKeyMaterial(body)).toBe(true);
    expect(looksLikeKeyMaterial('MHcCAQEEIBx/8m+QvHq3Jk1e0Vb9L0g2y3Xo0V/3Tn6yRk8Q7Pg1oAoGCCqGSM49')).toBe(true);
    expect(looksLikeKeyMaterial('certs/MHcCAQEEIBx8m+QvHq3Jk1e0Vb9L0g2y3Xo0V3Tn6yRk8Q7Pg1oAoGCCqGSM49')).toBe(true);
  });
});

describe('looksLikeKeyMaterial: where the base64 sits', () => {
  test.each([
    // 46 path characters from the start, then an extension: the whole value is not base64
    '/etc/kubernetes/pki/apiserver/certificates/tls.crt',
    // 40 path characters with spaces at the end, after a dot
    './My Documents/Certificates for the production cluster',
    // a long segment with a dash in it, or after it
    `./certs/ingress-nginx-${'controller'.repeat(4)}`,
    `./certs/${'controller'.repeat(4)}-tls`,
    // short segments, and a long one of punctuation
    './a/b/tls.crt',
    `./${'_'.repeat(40)}/tls.crt`,
  ])('takes %s for a path', (value) => {
    // THEN
    expect(looksLikeKeyMaterial(value)).toBe(false);
  });

  test('takes one path segment of 40 base64 characters for key material, after an ordinary folder', () => {
    // THEN
    expect(looksLikeKeyMaterial('./secrets/MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEA')).toBe(true);
  });
});

describe('readPemFile: descriptors, and files that change between the check and the read', () => {
  // the module object the rule calls through (the test's own `fs` import is a read-only namespace copy)
  const realFs = jest.requireActual<typeof fs>('fs');

  afterEach(() => {
    jest.restoreAllMocks();
  });

  test('closes the file it opened', () => {
    // GIVEN
    const file = path.join(dir, 'tls.crt');
    fs.writeFileSync(file, 'pem text');
    const open = jest.spyOn(realFs, 'openSync');
    const close = jest.spyOn(realFs, 'closeSync');

    // WHEN
    const read = readPemFile(file);

    // THEN
    expect(read).toEqual({ text: 'pem text' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(close.mock.calls).toEqual([[open.mock.results[0].value]]);
  });

  test('refuses a path that is no longer a regular file once opened, and closes it', () => {
    // GIVEN
    const file = path.join(dir, 'tls.crt');
    fs.writeFileSync(file, 'pem text');
    jest.spyOn(realFs, 'fstatSync').mockReturnValueOnce({ isFile: () => false } as fs.Stats);
    const close = jest.spyOn(realFs, 'closeSync');

    // THEN
    expect(readPemFile(file)).toEqual({ problem: 'not a regular file' });
    expect(close).toHaveBeenCalledTimes(1);
  });

  test('stops reading a file that grew past the size limit after it was checked', () => {
    // GIVEN a file over the limit, checked while it was small
    const file = path.join(dir, 'big.crt');
    fs.writeFileSync(file, Buffer.alloc(PEM_FILE_MAX_BYTES + 1, 'a'));
    jest.spyOn(realFs, 'statSync').mockReturnValueOnce({ isFile: () => true, size: 8 } as fs.Stats);

    // THEN
    expect(readPemFile(file)).toEqual({ problem: 'too large' });
  });
});
