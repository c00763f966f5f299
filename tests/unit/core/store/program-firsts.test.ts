// A program's first connection to each country and AS, newest first; a scope word is no country.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../../../electron/core/store/open-store';

test('programFirsts lists the first connection to each country and AS, newest first', () => {
  const store = openStore({ path: ':memory:' });
  const db = store.db;
  db.prepare('INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (1, ?, ?, 1, 9)').run(
    '/usr/bin/a',
    'a',
  );
  const insert =
    db.prepare(`INSERT INTO connections (id, proto, family, local_address, local_port, remote_address,
    remote_port, direction, program_id, first_seen, country, asn, as_org)
    VALUES (?, 'tcp', 4, '10.0.0.2', 40000, ?, 443, 'outbound', 1, ?, ?, ?, ?)`);
  insert.run(1, '8.8.8.8', 10, 'US', 15169, 'Google LLC');
  insert.run(2, '8.8.4.4', 20, 'US', 15169, 'Google LLC');
  insert.run(3, '2.16.0.1', 30, 'NL', 20940, 'Akamai International B.V.');
  insert.run(4, '10.0.0.1', 40, 'private', null, null);
  assert.deepEqual(
    store.programFirsts(1, 10),
    [
      { kind: 'country', country: 'NL', asn: null, asOrg: null, firstSeen: 30 },
      { kind: 'as', country: null, asn: 20940, asOrg: 'Akamai International B.V.', firstSeen: 30 },
      { kind: 'country', country: 'US', asn: null, asOrg: null, firstSeen: 10 },
      { kind: 'as', country: null, asn: 15169, asOrg: 'Google LLC', firstSeen: 10 },
    ].sort((x, y) => y.firstSeen - x.firstSeen),
  );
  assert.equal(store.programFirsts(1, 1).length, 1);
  assert.deepEqual(
    store.programRemotes(1, 10).map((r) => [r.address, r.country, r.asn]),
    [
      ['10.0.0.1', 'private', null],
      ['2.16.0.1', 'NL', 20940],
      ['8.8.4.4', 'US', 15169],
      ['8.8.8.8', 'US', 15169],
    ],
  );
  store.close();
});
