// Runs the built Electron main process (dist/electron/main.cjs, which bundles main.ts and ipc.ts)
// in this Node process with the stand-in answering its require('electron').
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createElectronStandIn, type ElectronStandIn } from './electron-stand-in';

export const root = path.resolve(__dirname, '../../../..');
const mainBundle = path.join(root, 'dist/electron/main.cjs');

export function startAppWithStandIn(context: BrowserContext, home: string): ElectronStandIn {
  const standIn = createElectronStandIn({ context, home });
  const electronId = require.resolve('electron', { paths: [path.dirname(mainBundle)] });
  const stub = new Module(electronId);
  stub.filename = electronId;
  stub.exports = standIn.electron;
  stub.loaded = true;
  require.cache[electronId] = stub;
  // A fresh evaluation of the bundle each time: one app per call, as one per process in Electron.
  delete require.cache[mainBundle];
  createRequire(__filename)(mainBundle);
  return standIn;
}
