// Draws netwatch's icons as PNG bytes with no image library: the app icon (a radar on a dark
// tile), and the tray icon with the unread count painted on it, since tray text is macOS-only.
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const TEAL: Rgba = [32, 192, 168, 255];
const TILE: Rgba = [20, 32, 43, 255];
const RED: Rgba = [220, 38, 38, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** 3x5 bitmap digits (and '+') for the badge; rows top to bottom, bit 2 is the left column. */
const GLYPHS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  '+': [0, 2, 7, 2, 0],
};

class Canvas {
  readonly data: Uint8Array;
  constructor(readonly size: number) {
    this.data = new Uint8Array(size * size * 4);
  }

  /** Source-over blend of `color` at `coverage` (0..1) onto pixel x, y. */
  blend(x: number, y: number, color: Rgba, coverage: number): void {
    if (x < 0 || y < 0 || x >= this.size || y >= this.size || coverage <= 0) return;
    const i = (y * this.size + x) * 4;
    const a = (color[3] / 255) * Math.min(1, coverage);
    const da = this.data[i + 3]! / 255;
    const outA = a + da * (1 - a);
    for (let c = 0; c < 3; c += 1) {
      const mixed = outA === 0 ? 0 : (color[c]! * a + this.data[i + c]! * da * (1 - a)) / outA;
      this.data[i + c] = Math.round(mixed);
    }
    this.data[i + 3] = Math.round(outA * 255);
  }

  /** Fills the shape `inside(px, py)` (pixel units) with 4x4 supersampling for smooth edges. */
  fill(color: Rgba, inside: (px: number, py: number) => boolean): void {
    for (let y = 0; y < this.size; y += 1) {
      for (let x = 0; x < this.size; x += 1) {
        let hits = 0;
        for (let sy = 0; sy < 4; sy += 1) {
          for (let sx = 0; sx < 4; sx += 1) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits += 1;
        }
        this.blend(x, y, color, hits / 16);
      }
    }
  }
}

const dist = (x: number, y: number, cx: number, cy: number) => Math.hypot(x - cx, y - cy);

/** The radar glyph: a ring, a sweep line towards the upper right, and a centre dot. */
function drawRadar(canvas: Canvas, cx: number, cy: number, r: number, color: Rgba): void {
  const ring = Math.max(1.2, r * 0.16);
  canvas.fill(color, (x, y) => {
    const d = dist(x, y, cx, cy);
    return d <= r && d >= r - ring;
  });
  canvas.fill(color, (x, y) => dist(x, y, cx, cy) <= r * 0.45 && dist(x, y, cx, cy) >= r * 0.45 - ring * 0.8);
  const ux = Math.SQRT1_2;
  const uy = -Math.SQRT1_2;
  canvas.fill(color, (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    return along >= 0 && along <= r - ring && across <= ring * 0.45;
  });
  canvas.fill(color, (x, y) => dist(x, y, cx, cy) <= Math.max(1.2, r * 0.16));
}

function drawBadge(canvas: Canvas, text: string): void {
  const s = canvas.size;
  const r = s * 0.3;
  const cx = s - r;
  const cy = s - r;
  canvas.fill(RED, (x, y) => dist(x, y, cx, cy) <= r);
  const scale = Math.max(1, Math.floor((r * 1.2) / 5));
  const glyphs = [...text].map((ch) => GLYPHS[ch] ?? GLYPHS['+']!);
  const width = glyphs.length * 3 * scale + (glyphs.length - 1) * scale;
  let left = Math.round(cx - width / 2);
  const top = Math.round(cy - (5 * scale) / 2);
  for (const rows of glyphs) {
    rows.forEach((bits, row) => {
      for (let col = 0; col < 3; col += 1) {
        if (!(bits & (4 >> col))) continue;
        for (let dy = 0; dy < scale; dy += 1) {
          for (let dx = 0; dx < scale; dx += 1)
            canvas.blend(left + col * scale + dx, top + row * scale + dy, WHITE, 1);
        }
      }
    });
    left += 4 * scale;
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(body).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** RGBA pixels -> PNG (8-bit RGBA, no interlace, filter 0 on every row). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The application icon: the radar on a rounded dark tile. */
export function renderAppIcon(size: number): Buffer {
  const canvas = new Canvas(size);
  const radius = size * 0.2;
  const pad = size * 0.04;
  canvas.fill(TILE, (x, y) => {
    const qx = Math.max(pad + radius - x, 0, x - (size - pad - radius));
    const qy = Math.max(pad + radius - y, 0, y - (size - pad - radius));
    return Math.hypot(qx, qy) <= radius;
  });
  drawRadar(canvas, size / 2, size / 2, size * 0.34, TEAL);
  return encodePng(size, canvas.data);
}

/** The tray icon: the radar alone, with a red badge carrying `badge` ('' for none). */
export function renderTrayIcon(size: number, badge: string): Buffer {
  const canvas = new Canvas(size);
  drawRadar(canvas, size / 2, size / 2, size * 0.44, TEAL);
  if (badge) drawBadge(canvas, badge);
  return encodePng(size, canvas.data);
}
