// Builds what runs: the Node side (CLI, Electron main and preload, the service worker) bundled by
// esbuild into dist/electron, and the renderer by Vite into dist/renderer.
// Only better-sqlite3 (native) and electron stay outside the bundles.
import { build } from 'esbuild';
import { copyFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildSockDiag } from './build-native.mjs';

const root = path.resolve(import.meta.dirname, '..');
const entries = {
  cli: 'electron/cli/main.ts',
  main: 'electron/main.ts',
  preload: 'electron/preload.ts',
  'service-worker': 'electron/core/service-worker.ts',
};

const present = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => existsSync(path.join(root, file))),
);
if (Object.keys(present).length > 0) {
  await build({
    absWorkingDir: root,
    entryPoints: present,
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external: ['better-sqlite3', 'electron', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
  // The kernel event program runs under bpftrace as a file of its own, beside the bundles.
  const eventProgram = 'electron/core/sampler/linux/events/netwatch-events.bt';
  copyFileSync(path.join(root, eventProgram), path.join(root, 'dist/electron', path.basename(eventProgram)));
  // The byte counter's addon, beside the bundles too; optional (the sampler falls back to ss).
  const why = buildSockDiag(root, path.join(root, 'dist/electron'));
  if (why !== null) console.warn(`sock-diag addon not built (${why}): TCP byte counts will come from ss`);
}

if (existsSync(path.join(root, 'renderer/index.html')) && !process.argv.includes('--no-renderer')) {
  const vite = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: path.join(root, 'renderer'),
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
