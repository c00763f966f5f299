// The shipped systemd unit of the collector, as `netwatch collector install` writes it (ExecStart
// naming this node and this netwatch), passes `systemd-analyze verify`; its hardening is there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { collectorPaths } from '../../../electron/core/collector/collector-paths';
import { UNIT_NAME, unitTemplate, unitText } from '../../../electron/cli/commands/collector-setup';

const root = path.resolve(__dirname, '../../..');
const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });

test(
  'the collector unit passes systemd-analyze verify',
  { skip: analyze.status === 0 ? false : 'systemd-analyze cannot run here (apt-get install systemd)' },
  (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-unit-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, UNIT_NAME);
    const text = unitText(unitTemplate(), path.join(root, 'bin/netwatch.cjs'), collectorPaths({}, {}));
    writeFileSync(file, text);
    const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // Warnings about this unit (unknown or misspelt settings) fail it too.
    assert.doesNotMatch(r.stderr, new RegExp(`${UNIT_NAME}:`), r.stderr);
    assert.match(
      text,
      new RegExp(`^ExecStart=${process.execPath} \\S+bin/netwatch.cjs collector run --group netwatch$`, 'm'),
    );
    for (const line of [
      'ProtectSystem=strict',
      'NoNewPrivileges=true',
      'StateDirectory=netwatch',
      'RuntimeDirectory=netwatch',
      'Restart=on-failure',
    ])
      assert.match(text, new RegExp(`^${line}$`, 'm'));
    const caps = /^CapabilityBoundingSet=(.*)$/m.exec(text)?.[1]?.split(' ') ?? [];
    assert.ok(!caps.includes('CAP_SYS_ADMIN') && caps.includes('CAP_SYS_PTRACE'), caps.join(' '));
  },
);
