// Sorting rows by a column: numbers numerically, text by code unit, nulls last both ways, ties
// by the row key so equal rows never swap places between ticks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextSort, sortRows } from '../../../../renderer/src/store/sort-rows';

interface Row {
  id: string;
  n: number | null;
  s: string | null;
}
const rows: Row[] = [
  { id: 'd', n: 10, s: 'b' },
  { id: 'a', n: 9, s: null },
  { id: 'c', n: null, s: 'a' },
  { id: 'b', n: 10, s: 'b' },
];

test('numbers sort numerically, not as text', () => {
  const asc = sortRows(
    rows,
    (r) => r.n,
    (r) => r.id,
    'asc',
  ).map((r) => r.id);
  assert.deepEqual(asc, ['a', 'b', 'd', 'c']);
  const desc = sortRows(
    rows,
    (r) => r.n,
    (r) => r.id,
    'desc',
  ).map((r) => r.id);
  assert.deepEqual(desc, ['b', 'd', 'a', 'c'], 'ties stay by key, null stays last');
});

test('text sorts, nulls last in both directions', () => {
  assert.deepEqual(
    sortRows(
      rows,
      (r) => r.s,
      (r) => r.id,
      'asc',
    ).map((r) => r.id),
    ['c', 'b', 'd', 'a'],
  );
  assert.deepEqual(
    sortRows(
      rows,
      (r) => r.s,
      (r) => r.id,
      'desc',
    ).map((r) => r.id),
    ['b', 'd', 'c', 'a'],
  );
});

test('the input is not modified', () => {
  const copy = [...rows];
  sortRows(
    rows,
    (r) => r.n,
    (r) => r.id,
    'asc',
  );
  assert.deepEqual(rows, copy);
});

test('a header click flips the direction of the same column, starts another ascending', () => {
  assert.deepEqual(nextSort({ column: 'a', dir: 'asc' }, 'a'), { column: 'a', dir: 'desc' });
  assert.deepEqual(nextSort({ column: 'a', dir: 'desc' }, 'a'), { column: 'a', dir: 'asc' });
  assert.deepEqual(nextSort({ column: 'a', dir: 'desc' }, 'b'), { column: 'b', dir: 'asc' });
});
