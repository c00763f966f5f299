// CSV read back by an independent RFC 4180 reader and JSON Lines by JSON.parse equal the rows
// history.query pages out of the same database, hostile names included, with and without a filter.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { HistoryFilter } from '../../../shared/contract';
import type { ConnectionRecord } from '../../../shared/model';
import { exportToFile } from '../../../electron/core/report/export-to-file';
import { openStore } from '../../../electron/core/store/open-store';
import { tempDir } from '../store/temp-dir';
import { HOSTILE_NAMES, seedHistory, STEP_MS, T0 } from './history-fixture';
import { readCsv } from './rfc4180-reader';

const NUMERIC = new Set([
  'id',
  'family',
  'localPort',
  'remotePort',
  'pid',
  'programId',
  'uid',
  'firstSeen',
  'lastSeen',
  'closedAt',
]);

/** Every row of the filter, through the paged query the history view uses. */
function queried(file: string, filter: HistoryFilter): ConnectionRecord[] {
  const store = openStore({ path: file, readonly: true });
  try {
    const rows: ConnectionRecord[] = [];
    let page = store.history(filter, null, 1000);
    rows.push(...page.rows);
    while (page.next) {
      page = store.history(filter, page.next, 1000);
      rows.push(...page.rows);
    }
    return rows;
  } finally {
    store.close();
  }
}

/** A CSV record back into a record: empty unquoted is null, one leading ' is dropped from text. */
function fromCsv(header: string[], cells: { text: string; quoted: boolean }[]): Record<string, unknown> {
  assert.equal(cells.length, header.length);
  return Object.fromEntries(
    header.map((key, i) => {
      const { text, quoted } = cells[i]!;
      if (text === '' && !quoted) return [key, null];
      if (NUMERIC.has(key)) return [key, Number(text)];
      return [key, text.startsWith("'") ? text.slice(1) : text];
    }),
  );
}

const filters: [string, HistoryFilter][] = [
  ['everything', {}],
  ['a filter and a range', { proto: 'tcp', from: T0 + 100 * STEP_MS, to: T0 + 1500 * STEP_MS }],
  ['a hostile program name', { program: '"hi", then' }],
];

for (const [label, filter] of filters) {
  test(`CSV and JSON Lines round trips equal history.query: ${label}`, async (t) => {
    const dir = tempDir(t, 'netwatch-export-');
    const db = path.join(dir, 'history.db');
    seedHistory(db, 2000);
    const expected = queried(db, filter);
    assert.ok(expected.length > 0);

    const csv = await exportToFile({
      database: { path: db },
      format: 'csv',
      filter,
      path: path.join(dir, 'out.csv'),
    });
    assert.equal(csv.rows, expected.length);
    const text = readFileSync(csv.path, 'utf8');
    const [header, ...records] = readCsv(text);
    assert.deepEqual(
      header!.map((c) => c.text),
      Object.keys(expected[0]!),
    );
    assert.deepEqual(
      records.map((r) =>
        fromCsv(
          header!.map((c) => c.text),
          r,
        ),
      ),
      expected,
    );
    // No text cell starts the way a spreadsheet formula does.
    for (const record of records)
      for (const cell of record) assert.doesNotMatch(cell.text, /^[=+@\t\r]/, JSON.stringify(cell.text));

    const jsonl = await exportToFile({
      database: { path: db },
      format: 'jsonl',
      filter,
      path: path.join(dir, 'out.jsonl'),
    });
    const lines = readFileSync(jsonl.path, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.deepEqual(
      lines.map((line) => JSON.parse(line) as unknown),
      expected,
    );
  });
}

test('every hostile name survives the CSV round trip as itself', async (t) => {
  const dir = tempDir(t, 'netwatch-export-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, HOSTILE_NAMES.length * 5);
  const out = await exportToFile({
    database: { path: db },
    format: 'csv',
    filter: {},
    path: path.join(dir, 'h.csv'),
  });
  const [header, ...records] = readCsv(readFileSync(out.path, 'utf8'));
  const processColumn = header!.findIndex((c) => c.text === 'process');
  const seen = new Set(
    records
      .map((r) =>
        fromCsv(
          header!.map((c) => c.text),
          r,
        ),
      )
      .map((r) => r.process),
  );
  for (const name of HOSTILE_NAMES) assert.ok(seen.has(name), JSON.stringify(name));
  // A name starting with '=' is written with one ' in front, quoted because it holds a quote.
  assert.ok(records.some((r) => r[processColumn]!.text === `'=HYPERLINK("http://evil.example","x")`));
  // A negative number is a number, not neutralised: the numeric columns never carry '.
  assert.equal(records.filter((r) => r[0]!.text.startsWith("'")).length, 0);
});
