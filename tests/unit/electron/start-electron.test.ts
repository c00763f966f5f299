// `npm start`'s launcher: one line and the browser mode without the Electron binary; with one (a
// stand-in, since the real binary cannot be downloaded here) it runs it on the app with the
// Electron build of better-sqlite3, which lives beside the Node build, not over it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'scripts/start-electron.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Launcher {
  MISSING_ELECTRON: string;
  ensureElectronNative(options: {
    electronVersion: string;
    cacheRoot: string;
    sourceDir?: string;
    rebuild?: (o: { buildPath: string; electronVersion: string }) => Promise<void>;
  }): Promise<string>;
}
const load = async (): Promise<Launcher> => (await import(script)) as Launcher;

function run(env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.NETWATCH_NATIVE_CACHE;
  return spawnSync(process.execPath, [script], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8' });
}

/** A package that looks like better-sqlite3's sources, with a Node build that must not be copied. */
function fakeSqliteSources(version: string): string {
  const src = path.join(dir, `sqlite-src-${version}`);
  mkdirSync(path.join(src, 'src'), { recursive: true });
  mkdirSync(path.join(src, 'build', 'Release'), { recursive: true });
  writeFileSync(path.join(src, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version }));
  writeFileSync(path.join(src, 'src', 'better_sqlite3.cpp'), '// sources');
  writeFileSync(path.join(src, 'build', 'Release', 'better_sqlite3.node'), 'NODE ABI BUILD');
  return src;
}

/** Stands in for @electron/rebuild: writes the binding where node-gyp would. */
function fakeRebuild(log: string[]) {
  return async ({ buildPath, electronVersion }: { buildPath: string; electronVersion: string }) => {
    log.push(electronVersion);
    const moduleDir = path.join(buildPath, 'node_modules', 'better-sqlite3');
    assert.ok(existsSync(path.join(moduleDir, 'src', 'better_sqlite3.cpp')), 'sources copied');
    assert.ok(!existsSync(path.join(moduleDir, 'build')), 'the Node build is not copied');
    const manifest = JSON.parse(readFileSync(path.join(buildPath, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.ok(manifest.dependencies['better-sqlite3']);
    mkdirSync(path.join(moduleDir, 'build', 'Release'), { recursive: true });
    writeFileSync(
      path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'),
      `ELECTRON ${electronVersion}`,
    );
  };
}

test('without the Electron binary: one line naming the browser mode, which then runs until Ctrl+C', async () => {
  const { MISSING_ELECTRON } = await load();
  const empty = mkdtempSync(path.join(dir, 'no-electron-'));
  const clean = { ...process.env };
  delete clean.NETWATCH_NATIVE_CACHE;
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: {
      ...clean,
      ELECTRON_OVERRIDE_DIST_PATH: empty,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      NETWATCH_DB: path.join(empty, 'history.db'),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout);
      if (match) resolve(match[0]);
    });
    void exited.then((code) => reject(new Error(`exited ${code} before serving: ${stderr}`)));
  });
  assert.equal(stderr.split('\n')[0], MISSING_ELECTRON);
  assert.match(MISSING_ELECTRON, /npm run serve/);
  assert.doesNotMatch(stderr, /\n\s+at /);
  const page = await fetch(url);
  assert.equal(page.status, 200, 'the browser mode answers at the printed URL');
  child.kill('SIGINT');
  assert.equal(await exited, 0);
});

test('the Electron build is made once per version, beside the Node build', async () => {
  const { ensureElectronNative } = await load();
  const sourceDir = fakeSqliteSources('12.0.0');
  const cacheRoot = path.join(dir, 'cache-once');
  const rebuilt: string[] = [];
  const first = await ensureElectronNative({
    electronVersion: '40.0.0',
    cacheRoot,
    sourceDir,
    rebuild: fakeRebuild(rebuilt),
  });
  assert.equal(readFileSync(first, 'utf8'), 'ELECTRON 40.0.0');
  assert.ok(first.startsWith(cacheRoot));
  assert.equal(
    readFileSync(path.join(sourceDir, 'build/Release/better_sqlite3.node'), 'utf8'),
    'NODE ABI BUILD',
  );
  const again = await ensureElectronNative({
    electronVersion: '40.0.0',
    cacheRoot,
    sourceDir,
    rebuild: fakeRebuild(rebuilt),
  });
  assert.equal(again, first);
  assert.deepEqual(rebuilt, ['40.0.0']);
  await ensureElectronNative({
    electronVersion: '41.0.0',
    cacheRoot,
    sourceDir,
    rebuild: fakeRebuild(rebuilt),
  });
  assert.deepEqual(rebuilt, ['40.0.0', '41.0.0']);
});

test('a rebuild that produces nothing is an error, and nothing is stamped as built', async () => {
  const { ensureElectronNative } = await load();
  const sourceDir = fakeSqliteSources('12.0.1');
  const cacheRoot = path.join(dir, 'cache-fail');
  await assert.rejects(
    ensureElectronNative({ electronVersion: '40.0.0', cacheRoot, sourceDir, rebuild: async () => {} }),
    /left no/,
  );
  const rebuilt: string[] = [];
  await ensureElectronNative({
    electronVersion: '40.0.0',
    cacheRoot,
    sourceDir,
    rebuild: fakeRebuild(rebuilt),
  });
  assert.deepEqual(rebuilt, ['40.0.0'], 'tried again');
});

test('with an Electron binary: it runs on the app with the Electron binding, and its exit code is passed on', async () => {
  const { ensureElectronNative } = await load();
  const electronVersion = (
    JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const sqliteVersion = (
    JSON.parse(readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const cacheRoot = path.join(dir, 'cache-launch');
  const binding = await ensureElectronNative({
    electronVersion,
    cacheRoot,
    sourceDir: fakeSqliteSources(sqliteVersion),
    rebuild: fakeRebuild([]),
  });

  // The stand-in binary, where the electron package looks when ELECTRON_OVERRIDE_DIST_PATH is set.
  const dist = path.join(dir, 'fake-electron');
  const pathFile = path.join(root, 'node_modules/electron/path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
  const executable = path.join(dist, relative);
  mkdirSync(path.dirname(executable), { recursive: true });
  const report = path.join(dir, 'launched.json');
  writeFileSync(
    executable,
    `#!/bin/sh\nexec "${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({ args: process.argv.slice(2), binding: process.env.NETWATCH_NATIVE_BINDING, runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null })); process.exit(7)' "${report}" "$@"\n`,
  );
  chmodSync(executable, 0o755);

  const result = run({
    ELECTRON_OVERRIDE_DIST_PATH: dist,
    NETWATCH_NATIVE_CACHE: cacheRoot,
    ELECTRON_RUN_AS_NODE: '1',
  });
  assert.equal(result.status, 7, result.stderr);
  const launched = JSON.parse(readFileSync(report, 'utf8')) as {
    args: string[];
    binding: string;
    runAsNode: string | null;
  };
  assert.deepEqual(launched.args, [root]);
  assert.equal(launched.binding, binding);
  assert.equal(launched.runAsNode, null);
});
