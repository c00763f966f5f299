// A child run as another user (nobody) cannot load tsx or the sources from a clone inside a
// folder it cannot enter (a 0700 home, a mktemp -d): bundle the child with esbuild into one
// world-readable file in a fresh temp folder, removed after the test.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

/**
 * Bundles `entry` (TypeScript) into a self-contained .cjs any user can read; returns its path.
 * `assets` are copied beside it: files the code finds next to itself (the event program).
 */
export async function bundleForOtherUser(
  t: TestContext,
  entry: string,
  assets: readonly string[] = [],
): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-other-user-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  chmodSync(outfile, 0o644);
  for (const asset of assets) {
    const copy = path.join(dir, path.basename(asset));
    copyFileSync(asset, copy);
    chmodSync(copy, 0o644);
  }
  return outfile;
}
