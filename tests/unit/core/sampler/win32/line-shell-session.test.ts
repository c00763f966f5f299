// The long-lived shell session against a real long-lived process. PowerShell is not on these
// machines, so the framing runs in sh: the session's own job (one process for many requests,
// framing, errors, time limits, restarts, a missing shell) is the same whatever the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineShellSession } from '../../../../../electron/core/sampler/win32/line-shell-session';
import { framePowerShell } from '../../../../../electron/core/sampler/win32/powershell-session';
import {
  ShellRequestError,
  ShellUnavailableError,
} from '../../../../../electron/core/sampler/win32/shell-session';

const frameSh = (script: string, marker: string): string =>
  `out=$( ${script} ); rc=$?; if [ $rc -eq 0 ]; then echo '${marker} BEGIN'; printf '%s\\n' "$out"; echo '${marker} OK'; else echo "${marker} ERR exit $rc"; fi`;

function shSession(timeoutMs = 5000) {
  return createLineShellSession({
    name: 'sh',
    file: 'sh',
    args: ['-s'],
    frame: frameSh,
    prelude: ['echo stray-before'],
    defaultTimeoutMs: timeoutMs,
  });
}

test('one process answers many requests, in order, with unmistakable framing', async (t) => {
  const shell = shSession();
  t.after(() => shell.close());
  const [a, b, c] = await Promise.all([
    shell.request('echo $$'),
    shell.request('echo $$; echo "two lines"'),
    shell.request('echo __netwatch_0000000000000000__ OK'),
  ]);
  assert.match(a, /^\d+$/);
  assert.equal(b, `${a}\ntwo lines`);
  // A fake end marker in the output is data: the real marker is random per session.
  assert.equal(c, '__netwatch_0000000000000000__ OK');
  assert.equal(await shell.request('printf "é ☕ x"'), 'é ☕ x');
});

test("a failing script rejects with the shell's message; the shell lives on", async (t) => {
  const shell = shSession();
  t.after(() => shell.close());
  const pid = await shell.request('echo $$');
  await assert.rejects(
    shell.request('exit 3'),
    (e: unknown) => e instanceof ShellRequestError && e.message === 'sh: exit 3',
  );
  assert.equal(await shell.request('echo $$'), pid);
});

test('a hung request times out and the next request gets a fresh shell', async (t) => {
  const shell = shSession(300);
  t.after(() => shell.close());
  const pid = await shell.request('echo $$');
  await assert.rejects(shell.request('sleep 3'), /sh did not answer within 300 ms/);
  const next = await shell.request('echo $$');
  assert.notEqual(next, pid);
});

test('a shell that dies mid-request is reported with its exit, then restarted', async (t) => {
  const shell = shSession();
  t.after(() => shell.close());
  const pid = await shell.request('echo $$');
  await assert.rejects(
    createLineShellSession({
      name: 'sh',
      file: 'sh',
      args: ['-s'],
      frame: (s) => s,
      defaultTimeoutMs: 5000,
    }).request('echo bye >&2; exit 7'),
    /^Error: sh exited with code 7: bye$/,
  );
  assert.equal(await shell.request('echo $$'), pid);
});

test('a missing shell is ShellUnavailableError, so the caller can fall back', async () => {
  const shell = createLineShellSession({
    name: 'PowerShell',
    file: '/nonexistent/powershell.exe',
    args: [],
    frame: framePowerShell,
  });
  await assert.rejects(
    shell.request('1'),
    (e: unknown) =>
      e instanceof ShellUnavailableError && e.message === 'PowerShell cannot be started: ENOENT',
  );
  shell.close();
});

test('close() ends the shell; a later request starts a new one', async () => {
  const shell = shSession();
  const first = await shell.request('echo $$');
  shell.close();
  const second = await shell.request('echo $$');
  assert.notEqual(second, first);
  shell.close();
});

test('replies beyond the size limit are refused', async (t) => {
  const shell = createLineShellSession({
    name: 'sh',
    file: 'sh',
    args: ['-s'],
    frame: frameSh,
    maxReplyBytes: 1000,
  });
  t.after(() => shell.close());
  await assert.rejects(shell.request('seq 1 1000'), /reply exceeded 1000 bytes/);
  assert.equal(await shell.request('echo ok'), 'ok');
});

test('the PowerShell frame is one line around the script', () => {
  const line = framePowerShell("Get-Date; 'x'", '__netwatch_ab__');
  assert.equal(line.includes('\n'), false);
  assert.ok(line.includes("& { Get-Date; 'x' }"));
  assert.ok(
    line.includes("'__netwatch_ab__ BEGIN'") &&
      line.includes("'__netwatch_ab__ OK'") &&
      line.includes("'__netwatch_ab__ ERR '"),
  );
});
