// When the sampler may leave out reading a TCP table: only when sockstat says nothing is in use,
// the table was empty at its last read, and no TIME_WAIT remnant could be hiding in it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  EmptySocketTables,
  sockstatField,
} from '../../../../../electron/core/sampler/linux/empty-socket-tables';

let dir: string;
let time = 0;
const clock = { now: () => time, monotonic: () => time };
const sockstat = (inuse: number, tw: number, inuse6: number): void => {
  fs.writeFileSync(
    path.join(dir, 'sockstat'),
    `sockets: used 35\nTCP: inuse ${inuse} orphan 0 tw ${tw} alloc 1 mem 441\nUDP: inuse 0 mem 0\n`,
  );
  fs.writeFileSync(path.join(dir, 'sockstat6'), `TCP6: inuse ${inuse6}\nUDP6: inuse 0\n`);
};

describe('EmptySocketTables', () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-sockstat-'));
    time = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads sockstat fields, and nothing from text that lacks them', () => {
    assert.equal(sockstatField('TCP: inuse 3 orphan 0 tw 7 alloc 1\n', 'TCP', 'tw'), 7);
    assert.equal(sockstatField('TCP6: inuse 2\n', 'TCP6', 'inuse'), 2);
    assert.equal(sockstatField('TCP6: inuse 2\n', 'TCP', 'inuse'), null);
    assert.equal(sockstatField('TCP: inuse x\n', 'TCP', 'inuse'), null);
  });

  it('skips an empty tcp6 only while nothing is in use, and reads it for remnants every 10 s', () => {
    const tables = new EmptySocketTables(dir, clock);
    sockstat(1, 5, 0);
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), true, 'never read yet');
    tables.read('tcp6', 0);
    time += 1000;
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), false);
    assert.equal(tables.mustRead('udp'), true, 'only TCP tables are ever skipped');
    time += 9000;
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), true, 'TIME_WAIT sockets exist: one may be IPv6');
    tables.read('tcp6', 0);
    sockstat(1, 0, 0);
    time += 20_000;
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), false, 'no remnant anywhere: no need');
    sockstat(1, 0, 1);
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), true, 'a socket in use');
    tables.read('tcp6', 1);
    sockstat(1, 0, 0);
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), true, 'not empty at its last read (it may be closing)');
  });

  it('reads every table when sockstat is missing (a recorded tree, an odd kernel)', () => {
    const tables = new EmptySocketTables(dir, clock);
    tables.begin();
    tables.read('tcp6', 0);
    tables.begin();
    assert.equal(tables.mustRead('tcp6'), true);
  });
});
