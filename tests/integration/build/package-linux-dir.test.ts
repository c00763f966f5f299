// Packages the app for real with electron-builder (--linux dir) from a staged copy of the project,
// with a stand-in Electron distribution (the real one cannot be downloaded here) that carries a
// fuse wire: checks what lands in the asar, what is unpacked, and that afterPack set the fuses.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-pack-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

function stageProject(): string {
  const project = path.join(dir, 'project');
  mkdirSync(path.join(project, 'dist', 'electron'), { recursive: true });
  mkdirSync(path.join(project, 'dist', 'renderer', 'assets'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(project, 'package.json'));
  cpSync(path.join(root, 'build'), path.join(project, 'build'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  for (const name of ['main', 'preload', 'service-worker', 'cli']) {
    writeFileSync(path.join(project, 'dist', 'electron', `${name}.cjs`), `// ${name}\n`);
    writeFileSync(path.join(project, 'dist', 'electron', `${name}.cjs.map`), '{}');
  }
  // The real byte counter addon (built by scripts/build.mjs), which must end up outside the asar.
  cpSync(
    path.join(root, 'dist', 'electron', 'sock-diag.node'),
    path.join(project, 'dist', 'electron', 'sock-diag.node'),
  );
  writeFileSync(path.join(project, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  writeFileSync(path.join(project, 'dist', 'renderer', 'assets', 'index-1.js'), '');
  return project;
}

function stageElectronDist(version: string): string {
  const dist = path.join(dir, 'electron-dist');
  mkdirSync(path.join(dist, 'resources'), { recursive: true });
  const binary = path.join(dist, 'electron');
  writeFileSync(
    binary,
    Buffer.concat([
      Buffer.from('#!/bin/sh\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('11111111'),
    ]),
  );
  chmodSync(binary, 0o755);
  writeFileSync(path.join(dist, 'version'), version);
  return dist;
}

test('electron-builder packs the built app into the asar, unpacks the binding, and sets the fuses', async () => {
  const project = stageProject();
  const electronVersion = (
    JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const electronDist = stageElectronDist(electronVersion);
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--config',
      'build/electron-builder.json',
      '--publish',
      'never',
      // Rebuilding for Electron needs its headers from the network: the Node build stands in.
      '-c.npmRebuild=false',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
    ],
    { cwd: project, encoding: 'utf8', timeout: 240_000 },
  );
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);

  const out = path.join(project, 'release', 'linux-unpacked');
  const executable = path.join(out, 'netwatch');
  assert.ok(existsSync(executable), 'executable named netwatch');
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  // RunAsNode, CookieEncryption, NODE_OPTIONS, inspect, asar integrity (not on Linux), asar only, V8 snapshot, file://
  assert.equal(bytes.toString('ascii', at + 2, at + 10), '01000100');

  const asar = (await import('@electron/asar')) as {
    listPackage(archive: string, options: object): string[];
  };
  const entries = asar
    .listPackage(path.join(out, 'resources', 'app.asar'), {})
    .map((e) => e.replace(/\\/g, '/'));
  for (const file of [
    '/package.json',
    '/dist/electron/main.cjs',
    '/dist/electron/preload.cjs',
    '/dist/electron/service-worker.cjs',
    '/dist/renderer/index.html',
  ]) {
    assert.ok(entries.includes(file), file);
  }
  assert.ok(!entries.some((e) => e.endsWith('.map')), 'no source maps');
  assert.ok(
    !entries.some((e) => e.endsWith('sqlite3.c') || e.includes('better-sqlite3/src/')),
    'no native sources',
  );
  const unpacked = path.join(
    out,
    'resources',
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
  );
  assert.ok(existsSync(path.join(unpacked, 'better_sqlite3.node')), 'binding unpacked');
  assert.ok(!existsSync(path.join(unpacked, 'test_extension.node')));
  // The byte counter's addon is loaded with dlopen, which cannot read inside an asar.
  const addon = path.join(out, 'resources', 'app.asar.unpacked', 'dist', 'electron', 'sock-diag.node');
  assert.ok(existsSync(addon), 'sock-diag addon unpacked');
});
