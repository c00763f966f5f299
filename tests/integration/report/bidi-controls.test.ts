// Bidi controls in names a process chooses (`x\u202efdp.exe` reads as `xexe.pdf`) reach no export
// raw: the CSV and the HTML report show them as the text \u202e, and JSON Lines writes JSON's own
// \u202e escape, which parses back to the very same name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exportToFile } from '../../../electron/core/report/export-to-file';
import type { ConnectionRecord } from '../../../shared/model';
import { tempDir } from '../store/temp-dir';
import { seedHistory } from './history-fixture';
import { readCsv } from './rfc4180-reader';

const NAMES = [
  'x\u202efdp.exe',
  'a\u202ab\u202bc\u202cd\u202de',
  'iso\u2066l\u2067r\u2068f\u2069',
  'mark\u200el\u200fr\u061ca',
];
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

test('CSV, JSON Lines and HTML exports never carry a raw bidi control', async (t) => {
  const dir = tempDir(t, 'netwatch-bidi-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 40, undefined, NAMES);
  const text: Record<string, string> = {};
  for (const format of ['csv', 'jsonl', 'html'] as const) {
    const out = path.join(dir, `all.${format}`);
    await exportToFile({ database: { path: db }, format, filter: {}, path: out });
    text[format] = readFileSync(out, 'utf8');
    assert.doesNotMatch(text[format], BIDI, `${format} holds a raw bidi control`);
  }

  const cells = readCsv(text.csv!)
    .flat()
    .map((cell) => cell.text);
  assert.ok(cells.includes('x\\u202efdp.exe'), 'the CSV shows the override as text');
  assert.ok(cells.includes('mark\\u200el\\u200fr\\u061ca'));

  const processes = new Set(
    text
      .jsonl!.trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as ConnectionRecord).process),
  );
  for (const name of NAMES) assert.ok(processes.has(name), `JSON Lines gives ${JSON.stringify(name)} back`);

  assert.ok(text.html!.includes('x\\u202efdp.exe'));
  assert.ok(text.html!.includes('iso\\u2066l\\u2067r\\u2068f\\u2069'));
});
