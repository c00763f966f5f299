// /proc/<pid>/stat parsing with hostile command names, and cmdline decoding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CMDLINE_LIMIT, parseCmdline } from '../../../../../electron/core/sampler/linux/process-info';
import {
  parseBootTime,
  parseProcStat,
  startTimeMs,
} from '../../../../../electron/core/sampler/linux/process-stat';

const tail = 'S 1 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 862727 3133440 390 18446744073709551615';

describe('parseProcStat', () => {
  it('reads the real layout (recorded from cat /proc/self/stat)', () => {
    const real =
      '10183 (cat) R 10171 10171 5788 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 862727 3133440 390 18446744073709551615 93934373257216';
    assert.deepEqual(parseProcStat(real), {
      comm: 'cat',
      startTicks: 862727,
      exiting: false,
      kernelThread: false,
    });
  });

  it('takes the name up to the LAST parenthesis: spaces, ")" and newlines are part of it', () => {
    for (const comm of ['a b', 'x) S 1 2 3', ') (', 'evil) (name\nx', '((', '']) {
      assert.deepEqual(
        parseProcStat(`42 (${comm}) ${tail}`),
        { comm, startTicks: 862727, exiting: false, kernelThread: false },
        JSON.stringify(comm),
      );
    }
  });

  it('sees PF_EXITING in the flags field', () => {
    const exiting = tail.replace('4194560', String(4194560 | 0x4));
    assert.equal(parseProcStat(`42 (x) ${exiting}`)?.exiting, true);
  });

  it('decodes UTF-8 names read as latin1 bytes', () => {
    const bytes = Buffer.from(`42 (café✓) ${tail}`, 'utf8').toString('latin1');
    assert.equal(parseProcStat(bytes)?.comm, 'café✓');
  });

  it('refuses text that is not a stat line', () => {
    for (const bad of [
      '',
      '42 cat R 1',
      '42 (cat) R 1 2 3',
      'x (cat) ' + tail,
      `42 (cat) ${tail.replace('862727', 'abc')}`,
    ]) {
      assert.equal(parseProcStat(bad), null, bad);
    }
  });

  it('turns clock ticks after boot into ms since the epoch (CLK_TCK 100)', () => {
    assert.equal(parseBootTime('cpu 1 2\nbtime 1700000000\nprocesses 4\n'), 1700000000);
    assert.equal(parseBootTime('cpu 1 2\n'), null);
    assert.equal(startTimeMs(5000, 1700000000), 1700000050000);
  });
});

describe('parseCmdline', () => {
  it('joins NUL-separated argv with spaces and drops the trailing NULs', () => {
    assert.equal(parseCmdline(Buffer.from('evil\0--flag\0with space\0')), 'evil --flag with space');
    assert.equal(parseCmdline(Buffer.from('')), null);
    assert.equal(parseCmdline(Buffer.from('\0\0')), null);
  });

  it('bounds a huge command line', () => {
    const text = parseCmdline(Buffer.from('x'.repeat(100_000)))!;
    assert.equal(text.length, CMDLINE_LIMIT);
    assert.ok(text.endsWith('…'));
  });
});
