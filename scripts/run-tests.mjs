// Runs every *.test.ts under the given folders (default: tests/) with Node's test runner and tsx.
// A script rather than a glob so it works the same in every shell and on every platform.
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureTestPrerequisites } from './test-prerequisites.mjs';

const root = path.resolve(import.meta.dirname, '..');
const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === '.output') continue;
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(path.relative(root, full));
  }
  return out;
}

const files = (roots.length ? roots : ['tests']).flatMap((r) =>
  statSync(path.resolve(root, r)).isDirectory() ? collect(path.resolve(root, r), []) : [r],
);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const chromium = ensureTestPrerequisites();
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...passThrough, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NETWATCH_CHROMIUM: chromium } },
);
process.exit(run.status ?? 1);
