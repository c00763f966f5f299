// The built CLI (dist/electron) copied where another user can read it: a temporary user cannot
// enter a clone inside a 0700 home or a mktemp -d folder. Only the native module and its loader
// come along from node_modules; the client reads through the collector and needs nothing else.
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const nativeParts = [
  'better-sqlite3/package.json',
  'better-sqlite3/lib',
  'better-sqlite3/build/Release/better_sqlite3.node',
  'bindings',
  'file-uri-to-path',
];

/** Copies dist/electron and the native module into a world-readable temp dir; returns cli.cjs. */
export function cliForOtherUser(t: TestContext): string {
  const built = path.join(root, 'dist/electron/cli.cjs');
  if (!existsSync(built)) throw new Error('dist/electron/cli.cjs is missing: run node scripts/build.mjs');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(root, 'dist/electron'), path.join(dir, 'dist/electron'), { recursive: true });
  for (const part of nativeParts) {
    cpSync(path.join(root, 'node_modules', part), path.join(dir, 'node_modules', part), { recursive: true });
  }
  openToAll(dir);
  return path.join(dir, 'dist/electron/cli.cjs');
}

/** Directories 0755, files 0644: readable by anyone, writable by the owner only. */
function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) openToAll(full);
    else chmodSync(full, 0o644);
  }
}
