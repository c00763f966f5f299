import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { migrate } from '../../../../../electron/core/store/database';
import { initial } from '../../../../../electron/core/store/migrations/0001-initial';
import { alerts } from '../../../../../electron/core/store/migrations/0002-alerts';
import { connectionGeo } from '../../../../../electron/core/store/migrations/0003-connection-geo';

test('0004 adds byte columns, unknown (null) on rows written before; 64-bit counts kept exactly', () => {
  const db = new Database(':memory:');
  initial.up(db);
  alerts.up(db);
  connectionGeo.up(db);
  db.pragma('user_version = 3');
  db.exec(`INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port,
    direction, first_seen) VALUES (1, 'tcp', 4, '127.0.0.1', 80, '0.0.0.0', 0, 'listen', 5)`);
  migrate(db);
  assert.deepEqual(db.prepare('SELECT id, bytes_sent, bytes_received FROM connections').get(), {
    id: 1,
    bytes_sent: null,
    bytes_received: null,
  });
  const big = 2 ** 32 * 3 + 7;
  db.prepare('UPDATE connections SET bytes_sent = ? WHERE id = 1').run(big);
  assert.equal(db.prepare<[], { b: number }>('SELECT bytes_sent AS b FROM connections').get()!.b, big);
  assert.ok((db.pragma('user_version', { simple: true }) as number) >= 5);
});
