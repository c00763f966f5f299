// Service names: /etc/services read as getent reads it (getent is the oracle), the built-in table
// when the file is missing, and junk lines ignored.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseServices, ServiceNames } from '../../../../electron/core/resolve/service-names';

describe('ServiceNames', () => {
  it('names ports as getent does with this machine /etc/services', () => {
    const names = new ServiceNames('/etc');
    for (const [port, proto] of [
      [22, 'tcp'],
      [53, 'udp'],
      [80, 'tcp'],
      [443, 'tcp'],
      [123, 'udp'],
      [5432, 'tcp'],
    ] as const) {
      let expected: string | null = null;
      try {
        expected = execFileSync('getent', ['services', `${port}/${proto}`], { encoding: 'utf8' }).split(
          /\s+/,
        )[0]!;
      } catch {
        expected = null; // getent exits 2 when it knows no such service
      }
      assert.equal(names.nameOf(port, proto), expected, `${port}/${proto}`);
    }
  });

  it('falls back to the built-in table without /etc/services', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-etc-'));
    try {
      const names = new ServiceNames(empty);
      assert.equal(names.nameOf(22, 'tcp'), 'ssh');
      assert.equal(names.nameOf(443, 'udp'), 'https');
      assert.equal(names.nameOf(80, 'udp'), null);
      assert.equal(names.nameOf(40000, 'tcp'), null);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });

  it('ignores comments, junk, bad ports and hostile names; keeps the first name of a port', () => {
    const parsed = parseServices(
      [
        '# comment',
        'ssh 22/tcp # remote login',
        'other 22/tcp',
        'big 70000/tcp',
        'bad\u001bname 99/tcp',
        'noproto 100',
        'www\thttp 80/tcp',
        '   ',
        'http 80/tcp www',
      ].join('\n'),
    );
    assert.deepEqual(
      [...parsed],
      [
        ['22/tcp', 'ssh'],
        ['80/tcp', 'http'],
      ],
    );
  });
});
