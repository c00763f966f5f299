// The report's graphs as inline SVG, drawn here so the report needs no script and no library:
// a column chart of connections started over time and a bar chart of counts by name. Every label
// goes through escapeHtml.
import { escapeHtml } from './html-escape';

const WIDTH = 720;

/** Columns over time; `label` formats a bucket start for the axis. */
export function timelineSvg(
  points: readonly { t: number; count: number }[],
  label: (t: number) => string,
  title: string,
): string {
  const height = 200;
  const top = 16;
  const bottom = 28;
  const left = 48;
  const plotW = WIDTH - left - 8;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = points.length > 0 ? plotW / points.length : plotW;
  const bars = points
    .map((p, i) => {
      const h = (p.count / max) * plotH;
      const x = left + i * step;
      return `<rect x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${label(p.t)}: ${p.count}`)}</title></rect>`;
    })
    .join('');
  const first = points[0];
  const last = points[points.length - 1];
  const axis =
    first && last
      ? `<text x="${left}" y="${height - 8}">${escapeHtml(label(first.t))}</text>` +
        `<text x="${WIDTH - 8}" y="${height - 8}" text-anchor="end">${escapeHtml(label(last.t))}</text>`
      : '';
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end">${max}</text>` +
    `<text x="${left - 6}" y="${top + plotH}" text-anchor="end">0</text>` +
    `<line x1="${left}" y1="${top + plotH}" x2="${WIDTH - 8}" y2="${top + plotH}" class="axis"/>` +
    `<g class="bars">${bars}</g>${axis}</svg>`
  );
}

/** Horizontal bars, one per name, longest first as given. */
export function barsSvg(items: readonly { name: string; count: number }[], title: string): string {
  const row = 22;
  const labelW = 260;
  const height = Math.max(1, items.length) * row + 4;
  const max = Math.max(1, ...items.map((i) => i.count));
  const plotW = WIDTH - labelW - 70;
  const rows = items
    .map((item, i) => {
      const y = i * row + 2;
      const w = Math.max(1, (item.count / max) * plotW);
      const name = item.name.length > 40 ? `${item.name.slice(0, 39)}…` : item.name;
      return (
        `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(name)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 6}"><title>${escapeHtml(`${item.name}: ${item.count}`)}</title></rect>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}">${item.count}</text>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg"><g class="bars">${rows}</g></svg>`;
}
