/**
 * PEM files: read once, regular files only, at most PEM_FILE_MAX_BYTES; and whether a value given as a path
 * looks like key material (then it is never echoed).
 */
import * as fs from 'fs';

/** The largest PEM file read (a certificate chain is a few KiB). */
export const PEM_FILE_MAX_BYTES = 1024 * 1024;

/** Why a PEM file was not read. */
export type PemFileProblem = 'not a regular file' | 'too large' | 'cannot be read';

/** The outcome of reading a PEM file: its text, or why it was not read. */
export type PemFileRead = { readonly text: string } | { readonly problem: PemFileProblem };

/**
 * Whether a value given where a file path was expected looks like PEM text or key material rather than a path:
 * a line break, a PEM armour line, or base64 of 40 characters or more (a whole value of the base64 alphabet, or a
 * path segment without a dot, dash or underscore). Such a value is never shown.
 */
export function looksLikeKeyMaterial(path: string): boolean {
  if (/[\r\n]|-----|PRIVATE/.test(path)) return true;
  if (/^[A-Za-z0-9+/\s]{40,}={0,2}$/.test(path)) return true;
  return path.split('/').some((segment) => /^[A-Za-z0-9+=]{40,}$/.test(segment));
}

/**
 * Reads a PEM file: its type is checked before it is opened (a FIFO would block, a device would never end), it
 * is opened without blocking, checked again (the path may have changed in between) and read once, at most
 * PEM_FILE_MAX_BYTES.
 */
export function readPemFile(path: string): PemFileRead {
  let fd: number | undefined;
  try {
    const before = fs.statSync(path);
    if (!before.isFile()) return { problem: 'not a regular file' };
    if (before.size > PEM_FILE_MAX_BYTES) return { problem: 'too large' };
    // eslint-disable-next-line no-bitwise -- open flags are bits; O_NONBLOCK: a FIFO swapped in after the stat does not block
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { problem: 'not a regular file' };
    const buffer = Buffer.alloc(PEM_FILE_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > PEM_FILE_MAX_BYTES) return { problem: 'too large' };
    }
    return { text: buffer.subarray(0, length).toString('utf8') };
  } catch {
    return { problem: 'cannot be read' };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
