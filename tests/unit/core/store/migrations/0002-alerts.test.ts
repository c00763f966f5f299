import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { migrate } from '../../../../../electron/core/store/database';
import { initial } from '../../../../../electron/core/store/migrations/0001-initial';
import { latestVersion } from '../../../../../electron/core/store/migrations';

function schemaOne(): Database.Database {
  const db = new Database(':memory:');
  initial.up(db);
  db.pragma('user_version = 1');
  return db;
}

test('0002 upgrades a schema-1 database in place: history kept, alert tables added', () => {
  const db = schemaOne();
  db.prepare(
    `INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (7, '/usr/bin/curl', 'curl', 1, 2)`,
  ).run();
  migrate(db);
  // Every later migration runs too: the file ends at the latest schema.
  assert.equal(db.pragma('user_version', { simple: true }), latestVersion);
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all();
  assert.deepEqual(tables, [
    'alerts',
    'connections',
    'known_listeners',
    'meta',
    'programs',
    'rules',
    'series',
    'settings',
  ]);
  assert.equal(db.prepare('SELECT exe FROM programs WHERE id = 7').pluck().get(), '/usr/bin/curl');
  db.close();
});

test('0002 allows one open alert per kind and subject, any number acknowledged', () => {
  const db = schemaOne();
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO alerts (kind, subject, severity, created_at, last_at, acknowledged_at, message)
     VALUES ('new-program', '12', 'medium', 1, 1, ?, 'm')`,
  );
  insert.run(5);
  insert.run(6);
  insert.run(null);
  assert.throws(() => insert.run(null), /UNIQUE constraint failed/);
  db.close();
});

test('0002 keeps one rule per kind and value', () => {
  const db = schemaOne();
  migrate(db);
  const insert = db.prepare(`INSERT INTO rules (kind, value, created_at) VALUES ('ignore-port', '53', 1)`);
  insert.run();
  assert.throws(() => insert.run(), /UNIQUE constraint failed/);
  db.close();
});
