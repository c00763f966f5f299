import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { migrate } from '../../../../../electron/core/store/database';
import { initial } from '../../../../../electron/core/store/migrations/0001-initial';

test('0001 creates the history schema', () => {
  const db = new Database(':memory:');
  initial.up(db);
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all();
  assert.deepEqual(tables, ['connections', 'meta', 'programs', 'series', 'settings']);
  db.close();
});

test('0001 tables are STRICT: a value of the wrong type is refused', () => {
  const db = new Database(':memory:');
  migrate(db);
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO connections (proto, family, local_address, local_port, remote_address, remote_port, direction, first_seen)
           VALUES ('tcp', 'four', '1.2.3.4', 1, '5.6.7.8', 2, 'outbound', 0)`,
        )
        .run(),
    /cannot store TEXT value in INTEGER column/,
  );
  db.close();
});

test('a migration runs in one transaction: a failure leaves neither tables nor a version', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE series (x INTEGER)'); // makes 0001 fail half way
  assert.throws(() => migrate(db), /already exists/);
  assert.equal(db.pragma('user_version', { simple: true }), 0);
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
  assert.deepEqual(tables, ['series']);
  db.close();
});

test('migrating an up-to-date database does nothing', () => {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare(`INSERT INTO meta (key, value) VALUES ('k', 'v')`).run();
  migrate(db);
  assert.equal(db.prepare(`SELECT value FROM meta WHERE key = 'k'`).pluck().get(), 'v');
  assert.equal(initial.version, 1);
  db.close();
});

test('history pages use the indexes (no full scan, no temporary sort)', () => {
  const db = new Database(':memory:');
  migrate(db);
  const plan = (sql: string): string =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
  const byProgram = plan(
    'SELECT * FROM connections c WHERE c.program_id = 1 AND c.first_seen >= 0 AND (c.first_seen, c.id) < (5, 5) ORDER BY c.first_seen DESC, c.id DESC LIMIT 500',
  );
  assert.match(byProgram, /USING INDEX connections_program/);
  assert.doesNotMatch(byProgram, /TEMP B-TREE/);
  const all = plan('SELECT * FROM connections c ORDER BY c.first_seen DESC, c.id DESC LIMIT 500');
  assert.match(all, /connections_first_seen/);
  assert.doesNotMatch(all, /TEMP B-TREE/);
  db.close();
});
