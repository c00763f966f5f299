import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { migrate } from '../../../../../electron/core/store/database';
import { alerts } from '../../../../../electron/core/store/migrations/0002-alerts';
import { initial } from '../../../../../electron/core/store/migrations/0001-initial';
import { filterSql, CONNECTION_COLUMNS } from '../../../../../electron/core/store/history-query';

test('0003 adds country, asn and as_org to a schema-2 history, old rows kept with nulls, filterable', () => {
  const db = new Database(':memory:');
  initial.up(db);
  alerts.up(db);
  db.pragma('user_version = 2');
  const insert = `INSERT INTO connections (id, proto, family, local_address, local_port, remote_address,
    remote_port, direction, first_seen) VALUES (?, 'tcp', 4, '10.0.0.2', 40000, ?, 443, 'outbound', ?)`;
  db.prepare(insert).run(1, '8.8.8.8', 1000);
  migrate(db);
  db.prepare(insert).run(2, '8.8.4.4', 2000);
  db.prepare(`UPDATE connections SET country = 'US', asn = 15169, as_org = 'Google LLC' WHERE id = 2`).run();
  const all = db.prepare(`SELECT id, country, asn, as_org FROM connections ORDER BY id`).all();
  assert.deepEqual(all, [
    { id: 1, country: null, asn: null, as_org: null },
    { id: 2, country: 'US', asn: 15169, as_org: 'Google LLC' },
  ]);
  for (const filter of [{ country: 'US' }, { asn: 15169 }]) {
    const { where, params } = filterSql(filter);
    const rows = db
      .prepare(
        `SELECT ${CONNECTION_COLUMNS} FROM connections c LEFT JOIN programs p ON p.id = c.program_id ${where}`,
      )
      .all(params);
    assert.deepEqual(
      rows.map((r) => (r as { id: number }).id),
      [2],
      JSON.stringify(filter),
    );
  }
});
