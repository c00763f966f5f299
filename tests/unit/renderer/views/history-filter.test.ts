// The History form becomes the contract's filter: presets are relative to now, text is trimmed,
// bad input is explained rather than sent. The contract's own schema is the oracle for validity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyFilterSchema } from '../../../../shared/contract';
import {
  defaultHistoryForm,
  formProblem,
  toHistoryFilter,
} from '../../../../renderer/src/views/history/history-filter';

const now = 1_800_000_000_000;

test('a preset is a range ending now', () => {
  const f = toHistoryFilter({ ...defaultHistoryForm, preset: '1h' }, now);
  assert.deepEqual(f, { from: now - 3_600_000 });
  assert.ok(historyFilterSchema.safeParse(f).success);
});

test('fields are trimmed and typed; a program id wins over program text', () => {
  const f = toHistoryFilter(
    {
      ...defaultHistoryForm,
      program: ' curl ',
      remote: ' 10.0.0.1 ',
      port: ' 443 ',
      proto: 'tcp',
      state: 'established',
      direction: 'outbound',
    },
    now,
  );
  assert.deepEqual(f, {
    from: now - 86_400_000,
    program: 'curl',
    remote: '10.0.0.1',
    port: 443,
    proto: 'tcp',
    state: 'ESTABLISHED',
    direction: 'outbound',
  });
  assert.ok(historyFilterSchema.safeParse(f).success);
  const g = toHistoryFilter({ ...defaultHistoryForm, programId: 12, program: 'curl' }, now);
  assert.equal(g.programId, 12);
  assert.equal(g.program, undefined);
});

test('a custom range uses the local times given', () => {
  const f = toHistoryFilter(
    { ...defaultHistoryForm, preset: 'custom', from: '2030-01-02T03:04', to: '' },
    now,
  );
  assert.equal(f.from, new Date('2030-01-02T03:04').getTime());
  assert.equal(f.to, undefined);
});

test('problems a person can fix are named, not sent', () => {
  assert.match(formProblem({ ...defaultHistoryForm, port: 'http' }) ?? '', /port/);
  assert.match(formProblem({ ...defaultHistoryForm, port: '70000' }) ?? '', /port/);
  assert.match(
    formProblem({
      ...defaultHistoryForm,
      preset: 'custom',
      from: '2030-01-02T00:00',
      to: '2030-01-01T00:00',
    }) ?? '',
    /after/,
  );
  assert.equal(formProblem(defaultHistoryForm), null);
});
