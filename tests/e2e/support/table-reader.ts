// Reads what a virtual table shows, the way a person sees it: the header names and the text of each
// rendered row's cells, in order. Only rendered rows exist in the DOM, so tests narrow the table
// (search, filters) to the rows they check.
import type { Page } from 'playwright-core';

export interface TableView {
  headers: string[];
  rows: string[][];
}

/**
 * Runs in the page. A string, not a function: the test runner's transpiler would wrap named
 * functions in a helper the page does not have.
 */
const READ_TABLE = `((id) => {
  const grid = document.querySelector('[data-testid="' + id + '"]');
  if (!grid) return { headers: [], rows: [] };
  const text = (el) => (el.textContent || '').trim();
  const headers = [...grid.querySelectorAll('.vt-header [role="columnheader"]')].map((h) =>
    text(h).replace(/[▲▼]$/, '').trim());
  const rows = [...grid.querySelectorAll('.vt-body [role="row"]')]
    .map((row) => ({ index: Number(row.getAttribute('aria-rowindex')), cells: [...row.querySelectorAll('[role="gridcell"]')].map(text) }))
    .sort((a, b) => a.index - b.index)
    .map((r) => r.cells);
  return { headers, rows };
})`;

export async function readTable(page: Page, testId: string): Promise<TableView> {
  return (await page.evaluate(`${READ_TABLE}(${JSON.stringify(testId)})`)) as TableView;
}

/** Rows as objects keyed by header name. */
export async function readRecords(page: Page, testId: string): Promise<Record<string, string>[]> {
  const { headers, rows } = await readTable(page, testId);
  return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
}

/** Polls until `check` holds for the table's rows (a sampling tick is ~1 s), or fails with the last view. */
export async function waitForRecords(
  page: Page,
  testId: string,
  check: (rows: Record<string, string>[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<Record<string, string>[]> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, string>[] = [];
  while (Date.now() < deadline) {
    last = await readRecords(page, testId);
    if (check(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(
    `${what}: not seen within ${timeoutMs} ms; the table showed ${JSON.stringify(last, null, 1)}`,
  );
}
