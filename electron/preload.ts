// The preload (sandboxed): exposes the contract's named functions as window.netwatch, and nothing
// else; the page never gets ipcRenderer. Everything it exposes is built in app/preload-api.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { buildNetwatchApi } from './app/preload-api';

contextBridge.exposeInMainWorld('netwatch', buildNetwatchApi(ipcRenderer));
