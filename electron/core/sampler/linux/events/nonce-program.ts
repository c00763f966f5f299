// The event program as bpftrace runs it: every line it prints starts with a nonce of this run,
// written into a copy only root can read. A process name or exec path holding a newline splits its
// line, and what follows the newline (text the process chose, e.g. a forged close or exit line)
// lacks the nonce, so the feed drops it instead of taking it for a kernel event.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface NonceProgram {
  /** The private copy to give bpftrace. */
  file: string;
  nonce: string;
  /** Removes the copy. */
  remove(): void;
}

/** Every printf of `source` with the nonce and a space put first. */
export function withNonce(source: string, nonce: string): string {
  if (!/^[0-9a-f]{16,64}$/.test(nonce)) throw new Error('the nonce is 16 to 64 hex digits');
  return source.replaceAll('printf("', `printf("${nonce} `);
}

export function writeNonceProgram(programFile: string): NonceProgram {
  const nonce = randomBytes(12).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-events-')); // 0700
  const file = path.join(dir, path.basename(programFile));
  fs.writeFileSync(file, withNonce(fs.readFileSync(programFile, 'utf8'), nonce), { mode: 0o600 });
  return { file, nonce, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The line without this run's nonce, or null when it does not carry it. */
export function stripNonce(line: string, nonce: string): string | null {
  return line.length > nonce.length && line.startsWith(nonce) && line[nonce.length] === ' '
    ? line.slice(nonce.length + 1)
    : null;
}
