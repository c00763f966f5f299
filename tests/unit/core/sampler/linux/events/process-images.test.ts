// Exec paths as bpftrace printed them on this machine (tests/fixtures/events/exec-paths-cut-recorded.txt:
// a 249-byte path cut at BPFTRACE_STRLEN=200, and a name with a newline split over two lines) are
// completed from /proc/<pid>/exe; a link that does not continue the printed path never replaces it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseEventLine } from '../../../../../../electron/core/sampler/linux/events/event-line-parser';
import {
  ProcessImages,
  completeExe,
} from '../../../../../../electron/core/sampler/linux/events/process-images';

const FIXTURE = path.resolve(__dirname, '../../../../../fixtures/events/exec-paths-cut-recorded.txt');
const D120 = 'd'.repeat(120);
/** The paths the recorded programs really had. */
const LONG = `/tmp/nwx/${D120}/${D120}/longprogram`;
const NEWLINE = '/tmp/nwx/nl-"q\\b\nevil';

test('cut and split exec paths are completed from /proc/<pid>/exe', (t) => {
  const procRoot = mkdtempSync(path.join(os.tmpdir(), 'netwatch-proc-'));
  t.after(() => rmSync(procRoot, { recursive: true, force: true }));
  for (const [pid, target] of [
    ['19051', LONG],
    ['19052', NEWLINE],
  ] as const) {
    mkdirSync(path.join(procRoot, pid));
    symlinkSync(target, path.join(procRoot, pid, 'exe'));
  }
  const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 3);
  const events = lines.map(parseEventLine);
  // The rest of the split name is no event of its own.
  assert.equal(events[2], null);
  const images = new ProcessImages(procRoot, 0);
  for (const e of events) {
    if (e?.kind !== 'exec') continue;
    assert.ok(e.path.length < 200, 'bpftrace printed less than the whole path');
    images.exec(e.ns, e.pid, e.startNs, e.path);
  }
  const owner = (pid: number, startNs: number) =>
    images.owner(startNs + 10_000_000_000, { pid, ppid: 18751, uid: 0, startNs, comm: 'x' }).exe;
  assert.equal(owner(19051, 611509524327), LONG);
  assert.equal(owner(19052, 611513261777), NEWLINE);
});

test('the printed path stays when the link does not continue it', () => {
  // A symlink whose target continues its name resolves as polling names it.
  assert.equal(completeExe('/usr/bin/python3', '/usr/bin/python3.11'), '/usr/bin/python3.11');
  assert.equal(completeExe('/usr/bin/python', '/opt/other/python'), '/usr/bin/python');
  assert.equal(completeExe('/usr/bin/gone', null), '/usr/bin/gone');
  assert.equal(completeExe('./relative', '/home/u/relative'), '/home/u/relative');
  assert.equal(completeExe('./relative', null), null);
});
