// Maps the contract onto Electron IPC, generically: every method on ipcMain behind the guard,
// every event pushed to the app's windows. Adding a method to the contract changes nothing here.
import { ipcMain, type BrowserWindow } from 'electron';
import type { CoreService } from './core/core-service';
import { relayEvents } from './app/event-relay';
import { registerContractHandlers } from './app/ipc-guard';
import { isAppUrl } from './app/window-options';

export function registerIpc(
  core: CoreService,
  windows: ReadonlySet<BrowserWindow>,
  log: (message: string) => void,
): () => void {
  const live = () => [...windows].filter((w) => !w.isDestroyed());
  const unregister = registerContractHandlers(ipcMain, core, {
    // The same test as BrowserWindow.fromWebContents(sender) being one of ours, without a cast.
    isOwnSender: (sender) => live().some((w) => w.webContents === sender),
    isAppUrl,
    onRefused: (channel, reason) => log(`refused IPC on ${channel}: ${reason}`),
  });
  const stopEvents = relayEvents(core, () => live().map((w) => w.webContents));
  return () => {
    stopEvents();
    unregister();
  };
}
