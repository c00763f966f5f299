import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCallFrame } from '../../../../electron/web/call-frame';

test('a call frame is read with its id, method and input', () => {
  assert.deepEqual(parseCallFrame('{"type":"call","id":3,"method":"status.get","input":{}}'), {
    ok: true,
    frame: { type: 'call', id: 3, method: 'status.get', input: {} },
  });
});

test('malformed frames are refused with the id when one can be read', () => {
  const cases: [string, number | null][] = [
    ['', null],
    ['nul', null],
    ['"text"', null],
    ['null', null],
    ['[]', null],
    ['{"type":"call","id":-1,"method":"a.b"}', null],
    ['{"type":"call","id":1.5,"method":"a.b"}', null],
    ['{"type":"call","id":"1","method":"a.b"}', null],
    ['{"type":"call","id":4,"method":7}', 4],
    ['{"type":"result","id":5,"method":"a.b"}', 5],
  ];
  for (const [text, id] of cases) {
    const parsed = parseCallFrame(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.equal(parsed.id, id, text);
  }
});
