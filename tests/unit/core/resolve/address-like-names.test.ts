// A hosts entry or a PTR answer that names an address ("10.0.0.1" for 127.0.0.78) would make every
// view show a false address: such a name is no name. Real hosts files and recorded PTR answers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validHostName } from '../../../../electron/core/resolve/host-name';
import { ReverseDns } from '../../../../electron/core/resolve/reverse-dns';

const ADDRESS_LIKE = [
  '10.0.0.1',
  '127.0.0.78.',
  '1.2.3',
  '4294967295',
  '0x7f000001',
  '0x7f.0.0.1',
  '10.0.0.0x1',
];

test('a hosts entry naming an address is not taken as the host name', (t) => {
  const etc = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-etc-'));
  t.after(() => fs.rmSync(etc, { recursive: true }));
  const lines = ADDRESS_LIKE.map((name, i) => `127.0.0.${70 + i} ${name}`);
  fs.writeFileSync(path.join(etc, 'hosts'), `${lines.join('\n')}\n127.0.0.99 db10.internal\n`);
  const dns = new ReverseDns({ lookup: () => Promise.reject(new Error('no DNS here')), etcRoot: etc });
  ADDRESS_LIKE.forEach((name, i) => assert.notEqual(dns.peek(`127.0.0.${70 + i}`), name.replace(/\.$/, '')));
  assert.equal(dns.peek('127.0.0.99'), 'db10.internal', 'a name with digits in it is still a name');
});

test('a PTR answer naming an address is cached as "no name"', async () => {
  const dns = new ReverseDns({ lookup: () => Promise.resolve(['10.0.0.1']), etcRoot: null });
  await dns.request('127.0.0.78');
  assert.equal(dns.peek('127.0.0.78'), null);
});

test('names that end in a letter label stay names', () => {
  for (const name of ['10.0.0.1.nip.io', '1password.com', 'x1', 'a.b-2', '0xdead.beef.example'])
    assert.equal(validHostName(name), name);
  for (const name of ADDRESS_LIKE) assert.equal(validHostName(name), null, name);
});
