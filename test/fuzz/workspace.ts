/**
 * The temp folder of one fuzz run: every App of the run gets an outdir inside it (never written: the fuzz
 * synthesizes with `Testing.synth`, which does not write; `Testing.app()` would create a new
 * `/tmp/cdk8s.outdir.*` folder per App and never remove it), and the PEM files the PEM-file cases read live in
 * it. `dispose()` removes it; a process-exit hook removes it too when the run is cut short.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { makeCertificate, TestCertificate } from '../support/certs';

/** The certificates the TLS cases use (made once per workspace). */
export interface FuzzCertificates {
  readonly good: TestCertificate;
  readonly other: TestCertificate;
}

/** The PEM files of a workspace, by what they hold. */
export interface PemFiles {
  readonly certificate: string;
  readonly privateKey: string;
  readonly otherKey: string;
  readonly caCertificate: string;
  readonly empty: string;
  readonly garbage: string;
  readonly oversized: string;
  readonly missing: string;
  readonly directory: string;
}

/** One temp folder, its App outdir and PEM files; removed by `dispose()` (or at process exit). */
export class FuzzWorkspace {
  public readonly dir: string;
  private certs?: FuzzCertificates;
  private files?: PemFiles;
  private readonly onExit: () => void;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-fuzz.'));
    this.onExit = () => this.dispose();
    process.once('exit', this.onExit);
  }

  /** A new App whose outdir lies inside the workspace (and is never written). */
  public app(): App {
    return new App({ outdir: path.join(this.dir, 'outdir') });
  }

  /** The test certificates (generated on first use). */
  public certificates(): FuzzCertificates {
    this.certs ??= { good: makeCertificate(['shop.example.com', '*.example.com']), other: makeCertificate(['other.example.net']) };
    return this.certs;
  }

  /** The PEM files (written on first use). */
  public pemFiles(): PemFiles {
    if (this.files) return this.files;
    const { good, other } = this.certificates();
    const write = (name: string, text: string) => {
      const file = path.join(this.dir, name);
      fs.writeFileSync(file, text, { mode: 0o600 });
      return file;
    };
    fs.mkdirSync(path.join(this.dir, 'a-directory.pem'));
    this.files = {
      certificate: write('tls.crt', good.certificate),
      privateKey: write('tls.key', good.privateKey),
      otherKey: write('other.key', other.privateKey),
      caCertificate: write('ca.crt', good.caCertificate),
      empty: write('empty.pem', ''),
      garbage: write('garbage.pem', 'not a PEM\n'),
      oversized: write('oversized.pem', `${good.privateKey}\n${'A'.repeat(1024 * 1024)}\n`),
      missing: path.join(this.dir, 'missing.pem'),
      directory: path.join(this.dir, 'a-directory.pem'),
    };
    return this.files;
  }

  /** The private-key material that must never appear in an error, a warning or stderr. */
  public keyMaterial(): string[] {
    const { good, other } = this.certificates();
    const keyLines = (pem: string) => pem.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'));
    return [...keyLines(good.privateKey), ...keyLines(other.privateKey), 'PRIVATE KEY', 'FUZZSECRET'];
  }

  /** Removes the folder and everything in it. */
  public dispose(): void {
    process.removeListener('exit', this.onExit);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
