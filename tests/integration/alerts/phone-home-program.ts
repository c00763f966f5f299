// A small program at a path netwatch has never seen: a copy of bash that connects to a loopback
// port (bash's /dev/tcp) and waits there until the server writes a line. Overwriting the copy with
// bash plus a few trailing bytes makes a different binary (another SHA-256) that behaves the same.
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const BASH = realpathSync('/bin/bash');

export interface PhoneHome {
  pid: number;
  exited: Promise<void>;
}

export class PhoneHomeProgram {
  readonly exe: string;

  constructor(dir: string, name = 'phone-home') {
    this.exe = path.join(realpathSync(dir), name);
    writeFileSync(this.exe, readFileSync(BASH));
    chmodSync(this.exe, 0o755);
  }

  /** Replaces the binary at the same path by a different one (not while it runs). */
  change(): void {
    writeFileSync(
      this.exe,
      Buffer.concat([readFileSync(BASH), Buffer.from('\0netwatch: a different binary\n')]),
    );
  }

  /** Runs it against 127.0.0.1:port; it exits when the server writes a line to it. */
  run(port: number): PhoneHome {
    const child = spawn(this.exe, ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}; read -r line <&3`], {
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { pid: child.pid!, exited };
  }
}
