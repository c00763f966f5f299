// The long-lived shell session against a real long-lived process. PowerShell is not on these
// machines, so the "shell" is a Node process that runs each stdin line as JavaScript (the same on
// every OS): the session's own job (one process for many requests, framing, errors, time limits,
// restarts, a missing shell) is the same whatever language the lines are in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineShellSession } from '../../../../../electron/core/sampler/win32/line-shell-session';
import { framePowerShell } from '../../../../../electron/core/sampler/win32/powershell-session';
import {
  ShellRequestError,
  ShellUnavailableError,
} from '../../../../../electron/core/sampler/win32/shell-session';

const JS_SHELL = [
  "const rl = require('node:readline').createInterface({ input: process.stdin });",
  "rl.on('line', (line) => require('node:vm').runInThisContext(line));",
].join('\n');

/** BEGIN, the script's return value, OK; or ERR and the message: what framePowerShell does in PowerShell. */
const frameJs = (script: string, marker: string): string =>
  `try { const __o = (() => { ${script} })(); process.stdout.write(${JSON.stringify(`${marker} BEGIN\n`)} + ` +
  `(__o === undefined ? '' : String(__o) + '\\n') + ${JSON.stringify(`${marker} OK\n`)}); } ` +
  `catch (e) { process.stdout.write(${JSON.stringify(`${marker} ERR `)} + String(e && e.message).replace(/\\s+/g, ' ') + '\\n'); }`;

function jsSession(options: { timeoutMs?: number; maxReplyBytes?: number; frame?: typeof frameJs } = {}) {
  return createLineShellSession({
    name: 'node',
    file: process.execPath,
    args: ['-e', JS_SHELL],
    frame: options.frame ?? frameJs,
    prelude: ["process.stdout.write('stray-before\\n')"],
    defaultTimeoutMs: options.timeoutMs ?? 10_000,
    maxReplyBytes: options.maxReplyBytes,
  });
}

test('one process answers many requests, in order, with unmistakable framing', async (t) => {
  const shell = jsSession();
  t.after(() => shell.close());
  const [a, b, c] = await Promise.all([
    shell.request('return process.pid'),
    shell.request("return process.pid + '\\ntwo lines'"),
    shell.request("return '__netwatch_0000000000000000__ OK'"),
  ]);
  assert.match(a, /^\d+$/);
  assert.notEqual(Number(a), process.pid);
  assert.equal(b, `${a}\ntwo lines`);
  // A fake end marker in the output is data: the real marker is random per session.
  assert.equal(c, '__netwatch_0000000000000000__ OK');
  assert.equal(await shell.request("return 'é ☕ x'"), 'é ☕ x');
  assert.equal(await shell.request('undefined'), '');
});

test("a failing script rejects with the shell's message; the shell lives on", async (t) => {
  const shell = jsSession();
  t.after(() => shell.close());
  const pid = await shell.request('return process.pid');
  await assert.rejects(
    shell.request("throw new Error('boom\\n  here')"),
    (e: unknown) => e instanceof ShellRequestError && e.message === 'node: boom here',
  );
  assert.equal(await shell.request('return process.pid'), pid);
});

test('a hung request times out and the next request gets a fresh shell', async (t) => {
  const shell = jsSession();
  t.after(() => shell.close());
  const pid = await shell.request('return process.pid');
  await assert.rejects(
    shell.request('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000)', { timeoutMs: 300 }),
    /node did not answer within 300 ms/,
  );
  const next = await shell.request('return process.pid');
  assert.notEqual(next, pid);
});

test('a shell that dies mid-request is reported with its exit, then restarted', async (t) => {
  // Lines starting with "!" run unframed: the process exits before it could answer.
  const shell = jsSession({
    frame: (script, marker) => (script.startsWith('!') ? script.slice(1) : frameJs(script, marker)),
  });
  t.after(() => shell.close());
  const pid = await shell.request('return process.pid');
  await assert.rejects(
    shell.request("!process.stderr.write('bye\\n'); process.exitCode = 7; process.stdin.destroy()"),
    {
      message: 'node exited with code 7: bye',
    },
  );
  const next = await shell.request('return process.pid');
  assert.match(next, /^\d+$/);
  assert.notEqual(next, pid);
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
  const shell = jsSession();
  const first = await shell.request('return process.pid');
  shell.close();
  const second = await shell.request('return process.pid');
  assert.notEqual(second, first);
  shell.close();
});

test('replies beyond the size limit are refused', async (t) => {
  const shell = jsSession({ maxReplyBytes: 1000 });
  t.after(() => shell.close());
  await assert.rejects(shell.request("return 'x\\n'.repeat(1000)"), /node: reply exceeded 1000 bytes/);
  assert.equal(await shell.request("return 'ok'"), 'ok');
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
