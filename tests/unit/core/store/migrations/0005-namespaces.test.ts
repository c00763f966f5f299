import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { migrate } from '../../../../../electron/core/store/database';
import { initial } from '../../../../../electron/core/store/migrations/0001-initial';
import { alerts } from '../../../../../electron/core/store/migrations/0002-alerts';

test('0005 adds the namespace and unit columns; rows kept, empty tags', () => {
  const db = new Database(':memory:');
  initial.up(db);
  alerts.up(db);
  db.pragma('user_version = 2');
  db.exec(`INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port,
    direction, first_seen) VALUES (1, 'tcp', 4, '127.0.0.1', 80, '0.0.0.0', 0, 'listen', 5)`);
  migrate(db);
  const row = db.prepare('SELECT id, netns, unit FROM connections').get();
  assert.deepEqual(row, { id: 1, netns: null, unit: null });
});
