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
