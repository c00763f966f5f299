import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { migrate } from '../../../../../electron/core/store/database';
import { initial } from '../../../../../electron/core/store/migrations/0001-initial';
import { alerts } from '../../../../../electron/core/store/migrations/0002-alerts';

test('0006 keeps where host names came from: names written before were reverse DNS', () => {
  const db = new Database(':memory:');
  initial.up(db);
  alerts.up(db);
  db.pragma('user_version = 2');
  db.exec(`INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port,
    remote_host, direction, first_seen) VALUES
    (1, 'tcp', 4, '10.0.0.2', 40000, '192.0.2.7', 443, 'a23.example', 'outbound', 5),
    (2, 'tcp', 4, '10.0.0.2', 40001, '192.0.2.8', 443, NULL, 'outbound', 6)`);
  db.exec(`INSERT INTO alerts (kind, subject, severity, created_at, last_at, remote_host, message)
    VALUES ('new-program', '1', 'medium', 5, 5, 'a23.example', 'm')`);
  migrate(db);
  assert.deepEqual(db.prepare('SELECT id, host_source FROM connections ORDER BY id').all(), [
    { id: 1, host_source: 'reverse' },
    { id: 2, host_source: null },
  ]);
  assert.deepEqual(db.prepare('SELECT remote_host_source FROM alerts').get(), {
    remote_host_source: 'reverse',
  });
  assert.throws(
    () => db.exec(`UPDATE connections SET host_source = '<b>' WHERE id = 2`),
    /CHECK constraint failed/,
  );
});
