// `npm start`: opens the desktop app. Two builds of better-sqlite3 live side by side: node_modules
// keeps the Node one (CLI, serve, tests), .cache/electron-native/ gets one built for Electron, and
// the app is told where it is (NETWATCH_NATIVE_BINDING). Electron's binary comes from outside the
// npm registry, so `npm install` never fetches it (allowScripts denies electron's postinstall):
// the first `npm start` does, with Electron's own installer. Where it cannot be had, it says so in
// one line and opens the browser mode instead, so `npm install && npm start` always runs netwatch.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));

export const MISSING_ELECTRON =
  'netwatch: the Electron binary is not installed and could not be fetched; ' +
  'starting the browser mode instead (npm run serve)';

/** The Electron executable, or null when the package or its binary is missing. */
export function locateElectron() {
  try {
    const executable = require('electron');
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/**
 * Fetches the binary once with the electron package's own installer (what its postinstall would
 * have done), unless ELECTRON_SKIP_BINARY_DOWNLOAD says not to. Its output goes to stderr.
 */
function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return Promise.resolve(null);
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return Promise.resolve(null);
  }
  console.error("netwatch: fetching Electron's binary (first start only)...");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: ['ignore', 2, 'pipe'] });
    let detail = '';
    child.stderr.on('data', (chunk) => (detail = (detail + chunk).slice(-4000)));
    child.on('error', () => resolve(null));
    child.on('exit', (code) => {
      if (code !== 0) {
        const reason = /Error:?\s*([^\n]*)/.exec(detail)?.[1] || `exit code ${code}`;
        console.error(`netwatch: could not fetch Electron's binary: ${reason}`);
      }
      resolve(locateElectron());
    });
  });
}

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

/** Builds better-sqlite3 for Electron with @electron/rebuild (needs Electron's headers). */
async function rebuildWithElectronRebuild({ buildPath, electronVersion }) {
  const { rebuild } = require('@electron/rebuild');
  await rebuild({
    buildPath,
    electronVersion,
    arch: process.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    buildFromSource: true,
  });
}

/**
 * The Electron build of better-sqlite3, made once per Electron and better-sqlite3 version in a
 * copy of the package under `cacheRoot`; returns the .node file's path.
 */
export async function ensureElectronNative({
  electronVersion,
  cacheRoot,
  sourceDir = path.dirname(require.resolve('better-sqlite3/package.json')),
  rebuild = rebuildWithElectronRebuild,
}) {
  const sqliteVersion = JSON.parse(readFileSync(path.join(sourceDir, 'package.json'), 'utf8')).version;
  const key = `electron-${electronVersion}-${process.platform}-${process.arch}`;
  const buildPath = path.join(cacheRoot, key);
  const moduleDir = path.join(buildPath, 'node_modules', 'better-sqlite3');
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = path.join(buildPath, 'built-for.json');
  const stamp = JSON.stringify({
    electronVersion,
    sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  });
  if (existsSync(binding) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return binding;

  rmSync(buildPath, { recursive: true, force: true });
  mkdirSync(path.dirname(moduleDir), { recursive: true });
  // The Node build must not be mistaken for the Electron one: copy the sources, not build/.
  cpSync(sourceDir, moduleDir, {
    recursive: true,
    filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build',
  });
  writeFileSync(
    path.join(buildPath, 'package.json'),
    JSON.stringify({
      name: 'netwatch-electron-native',
      private: true,
      dependencies: { 'better-sqlite3': sqliteVersion },
    }),
  );
  await rebuild({ buildPath, electronVersion });
  if (!existsSync(binding)) throw new Error(`the rebuild left no ${path.relative(root, binding)}`);
  writeFileSync(stampFile, stamp);
  return binding;
}

/** Runs a child to its end; resolves with its exit code. Ctrl+C and SIGTERM are passed on. */
function runChild(executable, args, env) {
  const child = spawn(executable, args, { stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`netwatch: could not start ${path.basename(executable)}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs Electron on the app with the Electron build of better-sqlite3. */
function launch(executable, binding) {
  const env = { ...process.env, NETWATCH_NATIVE_BINDING: binding };
  // Set by some shells and IDEs; it would make Electron a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return runChild(executable, [root, ...process.argv.slice(2)], env);
}

/** The browser mode: `netwatch serve`, which prints the URL to open. */
function serve() {
  return runChild(process.execPath, [path.join(root, 'bin', 'netwatch.cjs'), 'serve'], process.env);
}

async function main() {
  const executable = locateElectron() ?? (await fetchElectron());
  if (!executable) {
    console.error(MISSING_ELECTRON);
    return serve();
  }
  const cacheRoot = process.env.NETWATCH_NATIVE_CACHE || path.join(root, '.cache', 'electron-native');
  let binding;
  try {
    binding = await ensureElectronNative({ electronVersion: packageVersion('electron'), cacheRoot });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(
      `netwatch: could not build better-sqlite3 for Electron (${message}); ` +
        'it needs a C++ toolchain and Electron headers; starting the browser mode instead (npm run serve)',
    );
    return serve();
  }
  return launch(executable, binding);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
