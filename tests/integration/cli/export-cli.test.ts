// `netwatch export` as a user runs it: to a file (refusing to replace one without --force), to
// stdout, and bad flags get one line and exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { ConnectionRecord } from '../../../shared/model';
import { seedHistory } from '../report/history-fixture';
import { readCsv } from '../report/rfc4180-reader';
import { tempDir } from '../store/temp-dir';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

function netwatch(args: string[]) {
  return spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

test('export to a file and to stdout; an existing file needs --force', (t) => {
  const dir = tempDir(t, 'netwatch-export-cli-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 3000);
  const out = path.join(dir, 'all.csv');

  const saved = netwatch(['export', '--db', db, '--out', out]);
  assert.equal(saved.status, 0, saved.stderr);
  assert.match(saved.stderr, /wrote 3000 connections to .*all\.csv/);
  assert.equal(readCsv(readFileSync(out, 'utf8')).length, 3001);
  assert.doesNotMatch(saved.stderr, /\r\[/, 'no progress bar when stderr is not a terminal');

  const refused = netwatch(['export', '--db', db, '--format', 'csv', '--out', out]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /already exists \(--force replaces it\)/);
  writeFileSync(out, 'old');
  const forced = netwatch([
    'export',
    '--db',
    db,
    '--format',
    'jsonl',
    '--out',
    out,
    '--force',
    '--proto',
    'udp',
  ]);
  assert.equal(forced.status, 0, forced.stderr);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1000);
  assert.ok(lines.every((line) => (JSON.parse(line) as ConnectionRecord).proto === 'udp'));

  const stdout = netwatch(['export', '--db', db, '--format', 'jsonl', '--port', '53']);
  assert.equal(stdout.status, 0, stdout.stderr);
  const rows = stdout.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ConnectionRecord);
  assert.ok(rows.length > 0 && rows.every((r) => r.remotePort === 53 || r.localPort === 53));
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.part')),
    [],
  );
});

test('bad flags exit 2 with one line and a hint', (t) => {
  const dir = tempDir(t, 'netwatch-export-cli-');
  const db = path.join(dir, 'history.db');
  for (const args of [
    ['--format', 'xml'],
    ['--since', 'whenever'],
    ['--port', '70000', '--format', 'csv'],
    ['--force', '--format', 'csv'],
    ['--out', path.join(dir, 'x.txt')],
    ['--bogus'],
  ]) {
    const result = netwatch(['export', '--db', db, ...args]);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(
      result.stderr,
      /^netwatch: export: .+\nTry 'netwatch export --help' for more information\.\n$/,
    );
  }
  const missing = netwatch([
    'export',
    '--db',
    db,
    '--format',
    'csv',
    '--out',
    path.join(dir, 'folder-not-there', 'x.csv'),
  ]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /does not exist/);
});
