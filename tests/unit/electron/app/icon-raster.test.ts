import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { renderAppIcon, renderTrayIcon } from '../../../../electron/app/icon-raster';

/** A minimal PNG reader for what the test needs: size and RGBA pixels of a filter-0 image. */
function readPng(png: Buffer) {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    types.push(type);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      assert.equal(body.readUInt32BE(4), width);
      assert.deepEqual([...body.subarray(8, 13)], [8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, width * (width * 4 + 1));
  const pixel = (x: number, y: number) => {
    const i = y * (width * 4 + 1) + 1 + x * 4;
    return [...raw.subarray(i, i + 4)];
  };
  return { width, pixel };
}

test('the app icon is an opaque dark tile of the asked size', () => {
  for (const size of [16, 256]) {
    const icon = readPng(renderAppIcon(size));
    assert.equal(icon.width, size);
    const [r, g, b, a] = icon.pixel(Math.floor(size * 0.12), Math.floor(size / 2));
    assert.equal(a, 255);
    assert.ok(r! < 60 && g! < 60 && b! < 80, 'tile colour at the left edge');
    assert.equal(icon.pixel(0, 0)[3], 0, 'rounded corner is transparent');
  }
});

test('the tray icon carries a red badge only when there is a count', () => {
  const plain = readPng(renderTrayIcon(32, ''));
  const badged = readPng(renderTrayIcon(32, '3'));
  const corner = (img: ReturnType<typeof readPng>) => img.pixel(29, 22);
  assert.notDeepEqual(corner(plain).slice(0, 3), [220, 38, 38]);
  assert.deepEqual(corner(badged), [220, 38, 38, 255]);
  // The digit is drawn in white in the middle of the badge.
  let white = 0;
  for (let y = 16; y < 32; y += 1)
    for (let x = 16; x < 32; x += 1) if (badged.pixel(x, y).join() === '255,255,255,255') white += 1;
  assert.ok(white >= 10, `only ${white} white pixels in the badge`);
});
