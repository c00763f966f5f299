import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseTasklistCsv,
  splitCsvLine,
} from '../../../../../electron/core/sampler/win32/tasklist-csv-parser';
import { readRecording } from '../contract/recorded-output';

test('tasklist /FO CSV /NH: pid -> image name, names with spaces and unicode', () => {
  const text = readRecording('win32/tasklist-csv-win10.txt');
  const names = parseTasklistCsv(text);
  assert.equal(names.size, text.split('\n').filter((l) => l.startsWith('"')).length);
  assert.equal(names.get(0), 'System Idle Process');
  assert.equal(names.get(6372), 'NVIDIA Web Helper.exe');
  assert.equal(names.get(27696), 'Spotify.exe');
});

test('CSV fields: quotes, doubled quotes, commas inside, cut lines', () => {
  assert.deepEqual(splitCsvLine('"a","1","x ""y"", z","3,568 K"'), ['a', '1', 'x "y", z', '3,568 K']);
  assert.deepEqual(splitCsvLine('a,b,'), ['a', 'b', '']);
  assert.equal(splitCsvLine('"cut here'), null);
  assert.equal(splitCsvLine('"a"x'), null);
  assert.deepEqual(
    [...parseTasklistCsv('"ok.exe","12"\r\n"bad.exe","x"\r\n"cut').entries()],
    [[12, 'ok.exe']],
  );
});
