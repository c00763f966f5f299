import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PS_COMMAND_ARGS, PS_IDENTITY_ARGS } from '../../../../../electron/core/sampler/darwin/owner-lookup';
import {
  parsePsCommandLines,
  parsePsIdentities,
} from '../../../../../electron/core/sampler/darwin/ps-owner-parser';
import { CommandFailedError, runChecked } from '../../../../../electron/core/sampler/checked-command';
import { createExecFileRunner } from '../../../../../electron/core/sampler/exec-file-runner';
import { readRecording } from '../contract/recorded-output';

test('identities: pid, uid, start time as local time, and paths with spaces and unicode', () => {
  const ids = parsePsIdentities(readRecording('darwin/ps-identities-session.txt'));
  assert.equal(ids.size, 11);
  assert.deepEqual(ids.get(37224), {
    pid: 37224,
    uid: 501,
    startedAt: new Date(2023, 10, 22, 8, 15, 30).getTime(),
    comm: '/Applications/Hyper.app/Contents/Frameworks/Hyper Helper.app/Contents/MacOS/Hyper Helper',
  });
  assert.equal(ids.get(80001)?.comm, '/Applications/Café Prévu ☕.app/Contents/MacOS/Café Prévu ☕');
  // A space-padded day ("Nov  4").
  assert.equal(ids.get(80010)?.startedAt, new Date(2023, 10, 4, 7, 0, 0).getTime());
  assert.equal(ids.has(72915), false);
});

test('command lines: "(name)" means unreadable, kept as null', () => {
  const lines = parsePsCommandLines(readRecording('darwin/ps-commands-session.txt'));
  assert.equal(lines.get(1), '/sbin/launchd');
  assert.equal(
    lines.get(80001),
    '/Applications/Café Prévu ☕.app/Contents/MacOS/Café Prévu ☕ --serve "a b"',
  );
  assert.equal(lines.get(80010), null);
});

test('junk lines are ignored', () => {
  assert.equal(
    parsePsIdentities('garbage\n  12 x Mon Nov 20 10:00:00 2023 a\n 1 0 Mon Foo 20 10:00:00 2023 a').size,
    0,
  );
  assert.equal(parsePsCommandLines('no pid here\n').size, 0);
});

test("a real ps (procps here, BSD ps on macOS) names this test's own process; no ps is a clear error", async () => {
  const run = createExecFileRunner();
  let idText: string;
  let cmdText: string;
  try {
    [idText, cmdText] = await Promise.all([
      runChecked(run, 'ps', PS_IDENTITY_ARGS),
      runChecked(run, 'ps', PS_COMMAND_ARGS),
    ]);
  } catch (error) {
    // Windows has no ps: the runner must say exactly that.
    assert.ok(error instanceof CommandFailedError, String(error));
    assert.match(error.message, /^ps -axww .* failed: ps was not found \(is it installed and on PATH\?\)$/);
    return;
  }
  const me = parsePsIdentities(idText).get(process.pid);
  assert.ok(me, 'own pid missing');
  assert.equal(me.uid, process.getuid?.());
  // Oracle: Node's own uptime. lstart has whole seconds, so allow a second each way.
  const started = Date.now() - process.uptime() * 1000;
  assert.ok(Math.abs(me.startedAt - started) < 2500, `start ${me.startedAt} vs ${started}`);
  const cmdline = parsePsCommandLines(cmdText).get(process.pid);
  // Oracle: this file's own path, which the runner's child has on its command line whether it
  // runs alone (`--test file`) or with others (`--import tsx file`, without --test).
  assert.ok(cmdline?.includes('ps-owner-parser.test.ts'), String(cmdline));
});
