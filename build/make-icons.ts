// Writes the packaged app's icons (build/icons/NxN.png) from the same drawing code the app uses
// for its window and tray: `npx tsx build/make-icons.ts`. The PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderAppIcon } from '../electron/app/icon-raster';

const out = path.join(__dirname, 'icons');
mkdirSync(out, { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  writeFileSync(path.join(out, `${size}x${size}.png`), renderAppIcon(size));
}
console.log(`icons written to ${out}`);
