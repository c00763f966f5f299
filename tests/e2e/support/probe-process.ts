// Starts the loopback probe as its own program: node under another name (a hard link, or a copy
// where linking is not possible), so netwatch sees an executable it has never seen, with whatever
// name and arguments the test chooses (markup, bidi overrides...).
import { spawn } from 'node:child_process';
import { copyFileSync, chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { root } from './serve-process';

export interface ProbeInfo {
  pid: number;
  listen: { port: number };
  v6: { port: number } | null;
  udp: { port: number };
  clients: { localPort: number; remotePort: number }[];
  accepted: { localPort: number; remotePort: number }[];
}

export interface Probe {
  info: ProbeInfo;
  /** The executable's path as the kernel reports it (/proc/<pid>/exe). */
  exe: string;
  /** The kernel's short name for it (comm: the file name, at most 15 bytes). */
  comm: string;
  closeSockets(): Promise<void>;
  stop(): Promise<void>;
}

export interface ProbeOptions {
  /** File name of the program; a directory under it may be given too ("dir/name"). */
  name: string;
  connections?: number;
  args?: string[];
}

/** node under `name` in a fresh temporary folder: a hard link when possible, else a copy. */
function programNamed(name: string): { exe: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-e2e-prog-'));
  const exe = path.join(dir, name);
  mkdirSync(path.dirname(exe), { recursive: true });
  try {
    linkSync(process.execPath, exe);
  } catch {
    copyFileSync(process.execPath, exe);
    chmodSync(exe, 0o755);
  }
  return { exe, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startProbe(options: ProbeOptions): Promise<Probe> {
  const program = programNamed(options.name);
  const child = spawn(
    program.exe,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'loopback-probe.ts'),
      String(options.connections ?? 3),
      ...(options.args ?? []),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  lines.on('line', (line) => {
    try {
      messages.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const w of waiters.splice(0)) w();
  });
  const next = async (key: string): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = messages.find((m) => key in m);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`probe exited: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`probe said no "${key}" in 30 s: ${stderr}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  try {
    const info = (await next('pid')) as unknown as ProbeInfo;
    return {
      info,
      exe: program.exe,
      comm: Buffer.from(path.basename(program.exe)).subarray(0, 15).toString(),
      async closeSockets() {
        child.stdin.write('close\n');
        await next('closed');
      },
      async stop() {
        child.stdin.end();
        const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(forced);
        program.cleanup();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    program.cleanup();
    throw error;
  }
}
