// The report's country/AS part on a real history file: top countries and networks of the range,
// and a known program's first connection ever to a country or AS inside the range (not before it,
// not for a program first seen in the range). Rows are inserted as the recorder writes them.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { test } from 'node:test';
import { readReportGeo } from '../../../electron/core/report/report-geo';
import { openReportSnapshot } from '../../../electron/core/report/report-snapshot';
import { openStore } from '../../../electron/core/store/open-store';
import { tempDir } from '../store/temp-dir';

const HOUR = 3_600_000;
const T = Date.UTC(2025, 0, 1);

test('first connections to a country or AS are those of the range, for programs known before it', (t) => {
  const file = path.join(tempDir(t, 'netwatch-report-geo-'), 'history.db');
  openStore({ path: file }).close();
  const db = new Database(file);
  db.prepare('INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)').run(
    1,
    '/usr/bin/old',
    'old',
    T,
    T + 5 * HOUR,
  );
  db.prepare('INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)').run(
    2,
    '/usr/bin/new',
    'new',
    T + 3 * HOUR,
    T + 5 * HOUR,
  );
  const insert =
    db.prepare(`INSERT INTO connections (id, proto, family, local_address, local_port, remote_address,
    remote_port, direction, program_id, first_seen, country, asn, as_org)
    VALUES (?, 'tcp', 4, '10.0.0.2', 40000, ?, 443, 'outbound', ?, ?, ?, ?, ?)`);
  insert.run(1, '8.8.8.8', 1, T + HOUR, 'US', 15169, 'Google LLC'); // before the range
  insert.run(2, '8.8.4.4', 1, T + 3 * HOUR, 'US', 15169, 'Google LLC'); // same country and AS again
  insert.run(3, '2.16.0.1', 1, T + 3 * HOUR + 1, 'NL', 20940, '<b>Akamai</b>'); // new for "old"
  insert.run(4, '192.168.1.1', 1, T + 3 * HOUR + 2, 'private', null, null); // a scope is no place
  insert.run(5, '41.0.0.1', 2, T + 3 * HOUR + 3, 'ZA', 36994, 'Vodacom'); // a new program's
  db.close();

  const snapshot = openReportSnapshot({ path: file });
  t.after(() => snapshot.close());
  const from = T + 2 * HOUR;
  const geo = readReportGeo(snapshot, { from }, from, T + 4 * HOUR);
  assert.deepEqual(
    geo.firstReaches.map((f) => [f.program, f.reached, f.firstSeen]),
    [
      ['old', 'NL', T + 3 * HOUR + 1],
      ['old', 'AS20940 <b>Akamai</b>', T + 3 * HOUR + 1],
    ],
  );
  assert.deepEqual(geo.topCountries, [
    { name: 'NL', count: 1 },
    { name: 'US', count: 1 },
    { name: 'ZA', count: 1 },
    { name: 'private', count: 1 },
  ]);
  assert.deepEqual(
    geo.topAses.map((a) => a.name),
    ['AS15169 Google LLC', 'AS20940 <b>Akamai</b>', 'AS36994 Vodacom'],
  );
});
