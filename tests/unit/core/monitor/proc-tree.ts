// A throwaway /proc-like tree for program tests: `<root>/<pid>/exe` symbolic links to real files,
// so the hasher reads through links as it does under /proc. Removed by the test that made it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class ProcTree {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'netwatch-proc-'));
  readonly bin = path.join(this.root, 'bin');

  constructor() {
    mkdirSync(this.bin);
  }

  /** Writes a "binary" and returns its path. */
  binary(name: string, content: string): string {
    const file = path.join(this.bin, name);
    writeFileSync(file, content);
    return file;
  }

  /** Makes `<pid>/exe` point at `target`. */
  process(pid: number, target: string): void {
    mkdirSync(path.join(this.root, String(pid)), { recursive: true });
    symlinkSync(target, path.join(this.root, String(pid), 'exe'));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** SHA-256 by coreutils, the oracle independent of node:crypto streaming. */
export function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
}
