// Builds netwatch's one native helper, the sock_diag byte counter (a Node-API addon, so one build
// serves Node and Electron), with the system C compiler. Optional: without a compiler, Linux
// headers or Node's headers the sampler reads byte counters from `ss` instead, and says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const SOURCE = 'electron/core/sampler/linux/tcp-bytes/sock-diag.c';

/** Node's own headers: beside this Node (official tarballs), else the distribution's. */
function nodeIncludeDir() {
  const candidates = [
    path.resolve(path.dirname(process.execPath), '../include/node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'node_api.h'))) ?? null;
}

/** Compiles into outDir/sock-diag.node; returns null, or why it was not built. */
export function buildSockDiag(root, outDir) {
  if (process.platform !== 'linux') return 'not Linux';
  const include = nodeIncludeDir();
  if (include === null) return "no node_api.h (Node's headers) found";
  mkdirSync(outDir, { recursive: true });
  const cc = process.env.CC || 'cc';
  const out = path.join(outDir, 'sock-diag.node');
  const args = ['-O2', '-Wall', '-shared', '-fPIC', `-I${include}`, '-DNODE_GYP_MODULE_NAME=sock_diag'];
  const result = spawnSync(cc, [...args, '-o', out, path.join(root, SOURCE)], { encoding: 'utf8' });
  if (result.error) return `${cc}: ${result.error.message}`;
  if (result.status !== 0) return `${cc} failed: ${result.stderr.trim().split('\n').slice(0, 3).join(' ')}`;
  return null;
}
