// The export dialog's sentence names the format, the range and every filter that is set, and
// nothing that is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHistoryForm } from '../../../../renderer/src/views/history/history-filter';
import { exportSummary } from '../../../../renderer/src/views/history/export-summary';

test('no filters: the format and the preset range only', () => {
  assert.equal(
    exportSummary(defaultHistoryForm, 'csv', null),
    'CSV, one row per connection, of the connections that started in the last 24 hours.',
  );
  assert.match(
    exportSummary({ ...defaultHistoryForm, preset: '7d' }, 'jsonl', null),
    /^JSON Lines, .* last 7 days\.$/,
  );
  assert.match(exportSummary(defaultHistoryForm, 'html', null), /^An HTML report .*newest 5,000 connections/);
});

test('every filter that is set is named, in the form’s words', () => {
  const text = exportSummary(
    {
      ...defaultHistoryForm,
      program: ' curl ',
      remote: 'example.org',
      port: '443',
      proto: 'tcp',
      state: 'established',
      direction: 'outbound',
    },
    'csv',
    null,
  );
  assert.equal(
    text,
    'CSV, one row per connection, of the connections that started in the last 24 hours, filtered to ' +
      'program or path containing “curl”, remote “example.org”, port 443 at either end, TCP, ' +
      'last state ESTABLISHED, outbound.',
  );
});

test('a program chosen by id shows its name when known, else its number', () => {
  const form = { ...defaultHistoryForm, programId: 12, program: 'ignored' };
  assert.match(exportSummary(form, 'csv', 'firefox'), /filtered to program firefox\.$/);
  assert.match(exportSummary(form, 'csv', null), /filtered to program #12\.$/);
});

test('a custom range says which ends are set', () => {
  const custom = { ...defaultHistoryForm, preset: 'custom' as const };
  assert.match(
    exportSummary({ ...custom, from: '2025-01-31T10:00', to: '2025-02-01T09:30' }, 'csv', null),
    /started between 2025-01-31 10:00 and 2025-02-01 09:30\.$/,
  );
  assert.match(
    exportSummary({ ...custom, from: '2025-01-31T10:00' }, 'csv', null),
    /started since 2025-01-31 10:00\.$/,
  );
  assert.match(
    exportSummary({ ...custom, to: '2025-02-01T09:30' }, 'csv', null),
    /started until 2025-02-01 09:30\.$/,
  );
  assert.match(exportSummary(custom, 'csv', null), /started at any time\.$/);
});

test('the listening direction reads as sockets, not as a direction', () => {
  assert.match(
    exportSummary({ ...defaultHistoryForm, direction: 'listen' }, 'csv', null),
    /filtered to listening sockets\.$/,
  );
});
