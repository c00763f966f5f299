// A one-line progress bar for a terminal's stderr: redrawn in place with \r, finished with a newline.
const WIDTH = 30;

export function progressLine(rows: number, total: number): string {
  const share = total > 0 ? Math.min(1, rows / total) : 1;
  const filled = Math.round(share * WIDTH);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${rows.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows`;
}

/** The count alone, when the total is not known ahead (an export through the collector). */
export function rowsLine(rows: number): string {
  return `\r${rows.toLocaleString('en-US')} rows`;
}
