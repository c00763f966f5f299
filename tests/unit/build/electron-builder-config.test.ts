// The packaging config, checked without packaging (the Electron binary cannot be fetched here):
// valid by electron-builder's own schema validator, the targets, the files, the native rebuild,
// the icons, and the fuses, flipped by the afterPack hook on a stand-in binary's fuse wire.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimatch } from 'minimatch';

const root = path.resolve(__dirname, '../../..');
const configPath = path.join(root, 'build/electron-builder.json');
const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  linux: { target: string[]; icon: string; desktop: Record<string, string>; executableName: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-build-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface BuilderValidation {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
}

test('the config passes electron-builder 25 own schema validation (and the validator does refuse)', async () => {
  const { validateConfiguration } =
    (await import('app-builder-lib/out/util/config/config.js')) as BuilderValidation;
  const { DebugLogger } = (await import('builder-util')) as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
  // electronFuses is electron-builder 26's key; 25 refuses it, hence the afterPack hook.
  await assert.rejects(
    validateConfiguration(
      { ...structuredClone(config), electronFuses: { runAsNode: false } },
      new DebugLogger(false),
    ),
    /configuration/i,
  );
  assert.equal(
    pkg.scripts.dist,
    'node scripts/build.mjs && electron-builder --config build/electron-builder.json',
  );
});

test('targets: AppImage and deb, dmg, nsis', () => {
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.match(String(config.appId), /^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/);
});

/** electron-builder's file-set rule: the last matching pattern wins, "!" excludes; production node_modules come in by default. */
function packaged(file: string): boolean {
  let included = file.startsWith('node_modules/');
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

test('the built app and renderer are packaged; sources, maps and tests are not', () => {
  for (const file of [
    'package.json',
    pkg.main,
    'dist/electron/preload.cjs',
    'dist/electron/service-worker.cjs',
    'dist/electron/cli.cjs',
    'dist/renderer/index.html',
    'dist/renderer/assets/index-abc123.js',
  ]) {
    assert.equal(packaged(file), true, file);
  }
  for (const file of [
    'dist/electron/main.cjs.map',
    'electron/main.ts',
    'shared/contract.ts',
    'tests/unit/build/x.test.ts',
    'renderer/src/main.tsx',
    'README.md',
  ]) {
    assert.equal(packaged(file), false, file);
  }
  assert.equal(pkg.main, 'dist/electron/main.cjs');
});

test('better-sqlite3 is rebuilt for Electron and its binding is unpacked from the asar', () => {
  assert.equal(config.npmRebuild, true);
  assert.ok(pkg.dependencies['better-sqlite3'], 'a production dependency, so it is packaged and rebuilt');
  const binding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  assert.ok(
    config.asarUnpack.some((p) => minimatch(binding, p)),
    'binding unpacked',
  );
  assert.ok(!config.asarUnpack.some((p) => minimatch('dist/electron/main.cjs', p)), 'code stays in the asar');
  assert.equal(config.asar, true);
  assert.equal(packaged('node_modules/better-sqlite3/lib/index.js'), true);
  for (const file of [
    'node_modules/better-sqlite3/build/Release/obj/gen/sqlite3/sqlite3.c',
    'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
    'node_modules/better-sqlite3/src/better_sqlite3.cpp',
    'node_modules/better-sqlite3/build/Release/test_extension.node',
  ]) {
    assert.equal(packaged(file), false, `build leftovers stay out: ${file}`);
  }
});

test('icons: PNGs of the sizes each platform needs, square, as their names say', () => {
  const icons = path.join(root, config.linux.icon);
  const sizes = readdirSync(icons)
    .filter((f) => f.endsWith('.png'))
    .map((f) => {
      const png = readFileSync(path.join(icons, f));
      assert.equal(png.toString('ascii', 12, 16), 'IHDR', f);
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.equal(`${w}x${h}.png`, f);
      return w;
    });
  for (const size of [16, 32, 48, 64, 128, 256, 512]) assert.ok(sizes.includes(size), `${size}px`);
  assert.ok(existsSync(path.join(root, config.mac.icon)) && config.mac.icon.endsWith('1024x1024.png'));
  assert.ok(existsSync(path.join(root, config.win.icon)) && config.win.icon.endsWith('256x256.png'));
});

test('the Linux desktop entry names the app, its categories, and no terminal', () => {
  const d = config.linux.desktop;
  assert.equal(d.Name, 'netwatch');
  assert.match(d.Categories!, /^([A-Za-z]+;)+$/);
  assert.ok(d.Categories!.split(';').includes('Network'));
  assert.equal(d.Terminal, 'false');
  assert.equal(d.StartupWMClass, 'netwatch');
  assert.equal(config.linux.executableName, 'netwatch');
});

// Electron's fuse wire: this sentinel, then the wire version (1), its length, one byte per fuse
// ('0' off, '1' on, 'r' removed). Written from Electron's docs, not from @electron/fuses.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];

function fakeElectron(file: string, fuses: string): void {
  const wire = Buffer.concat([
    Buffer.from('ELF-ish padding '),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, fuses.length]),
    Buffer.from(fuses, 'ascii'),
    Buffer.from(' trailing bytes'),
  ]);
  writeFileSync(file, wire);
}

function readFuses(file: string): Record<string, string> {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  const length = bytes[at + 1]!;
  const states = bytes.toString('ascii', at + 2, at + 2 + length);
  return Object.fromEntries([...states].map((s, i) => [FUSE_NAMES[i] ?? `unknown${i}`, s]));
}

test('afterPack flips the fuses: no RunAsNode, no NODE_OPTIONS, no inspect, asar only; integrity where supported', async () => {
  const hookPath = path.resolve(root, config.afterPack);
  const hook = (await import(hookPath)) as { default: (context: unknown) => Promise<void> };
  const afterPack = hook.default;
  for (const platform of ['linux', 'win32']) {
    const appOutDir = mkdtempSync(path.join(dir, `${platform}-`));
    const binary = path.join(appOutDir, platform === 'win32' ? 'netwatch.exe' : 'netwatch');
    // Every fuse on, plus a ninth this version of the library does not know.
    fakeElectron(binary, '111111111');
    await afterPack({
      appOutDir,
      electronPlatformName: platform,
      arch: 1,
      packager: { executableName: 'netwatch', appInfo: { productFilename: 'netwatch' } },
    });
    const fuses = readFuses(binary);
    assert.equal(fuses.RunAsNode, '0', platform);
    assert.equal(fuses.EnableNodeOptionsEnvironmentVariable, '0', platform);
    assert.equal(fuses.EnableNodeCliInspectArguments, '0', platform);
    assert.equal(fuses.OnlyLoadAppFromAsar, '1', platform);
    assert.equal(fuses.EnableCookieEncryption, '1', platform);
    assert.equal(fuses.GrantFileProtocolExtraPrivileges, '0', platform);
    assert.equal(fuses.EnableEmbeddedAsarIntegrityValidation, platform === 'win32' ? '1' : '0', platform);
    assert.equal(fuses.unknown8, '1', 'a fuse the hook does not know keeps its state');
  }
});
