// What `netwatch serve` writes to the admin's terminal: alert text names programs and hosts that
// anyone can choose, so escape sequences, line breaks and bidi controls in it are shown as text
// (\x1b, \n, \u202e), never passed to the terminal, exactly as `netwatch record` shows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServe } from '../../../electron/cli/commands/serve';
import type { CoreOptions } from '../../../electron/core/core-service';
import { createPlainCore } from './plain-core';

// Clears the screen, sets the window title, forges a line, reverses the rest.
const HOSTILE = 'new program \x1b[2J\x1b]0;owned\x07evil\nnetwatch: all clear \u202efdp.exe\u200f\u061c';
// Any C0/C1 control (a tab aside) or bidi control reaching the terminal raw.
const RAW_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

test('serve writes alert text to stderr escaped, one line per alert', async (t) => {
  const err: string[] = [];
  const stop = new AbortController();
  t.after(() => stop.abort()); // Also when an assertion fails first.
  let notify: ((message: string) => void) | undefined;
  const running = await startServe(['--db', '/tmp/netwatch-serve-alert-text.db'], {
    async startCore(options: CoreOptions) {
      notify = options.notify;
      return createPlainCore();
    },
    stdout: () => {},
    stderr: (line) => err.push(line),
    signal: stop.signal,
    rendererDir: null,
  });
  assert.ok(typeof running !== 'number');
  notify!(HOSTILE);
  const line = err.find((l) => l.includes('new program'))!;
  assert.doesNotMatch(line, RAW_CONTROL);
  assert.ok(
    line.includes('\\x1b[2J\\x1b]0;owned\\x07evil\\nnetwatch: all clear \\u202efdp.exe\\u200f\\u061c'),
    line,
  );
  stop.abort();
  assert.equal(await running.done, 0);
});

test('a start that fails with hostile text in its message is escaped too', async () => {
  const err: string[] = [];
  const code = await startServe(['--db', '/tmp/netwatch-serve-alert-text.db'], {
    startCore: () => Promise.reject(new Error(HOSTILE)),
    stdout: () => {},
    stderr: (line) => err.push(line),
    signal: new AbortController().signal,
    rendererDir: null,
  });
  assert.equal(code, 1);
  const line = err.find((l) => l.includes('could not start'))!;
  assert.match(line, /^netwatch serve: could not start: new program \\x1b\[2J/);
  assert.doesNotMatch(line, RAW_CONTROL);
});
