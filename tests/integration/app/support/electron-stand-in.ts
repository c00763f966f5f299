// A stand-in for the `electron` module, its API only, so the app's real main.ts, preload.ts and
// ipc.ts run under Node: windows are real Chromium pages (playwright-core) that load what the
// app's protocol handler serves, the preload runs per document with a sandbox's require, IPC is
// ipcMain's handlers called with the window as sender, and tray, menus and notifications are
// recorded for the test to read and click. Nothing of netwatch is replaced here.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { bridgeIntoPage, type ExposedApi } from './page-bridge';

/** Where app://host/... documents are shown in Chromium: a name that never resolves. */
const PAGE_ORIGIN = 'http://app-scheme.stand-in.invalid';

export interface MenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

type Listener = (...args: unknown[]) => unknown;

const preventable = () => {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function createElectronStandIn(options: { context: BrowserContext; home: string }) {
  const handlers = new Map<string, Listener>();
  const protocols = new Map<string, (request: Request) => Response | Promise<Response>>();
  const headerHooks: Listener[] = [];
  const refusedRequests: string[] = [];
  const errorBoxes: string[] = [];
  const windows = new Set<StandInWindow>();
  const trays: StandInTray[] = [];
  const notifications: StandInNotification[] = [];
  let lockHeld = false;
  let quitResolve: (how: string) => void = () => {};
  const finished = new Promise<string>((resolve) => (quitResolve = resolve));

  class StandInApp extends EventEmitter {
    isPackaged = false;
    whenReady = () => Promise.resolve();
    requestSingleInstanceLock(): boolean {
      if (lockHeld) return false;
      return (lockHeld = true);
    }
    hasSingleInstanceLock = () => lockHeld;
    getPath(name: string): string {
      if (name === 'home') return options.home;
      if (name === 'userData') return path.join(options.home, '.config', 'netwatch');
      return path.join(options.home, name);
    }
    getLoginItemSettings = () => ({ openAtLogin: false, wasOpenedAsHidden: false });
    setLoginItemSettings(): void {}
    /** Electron's order: before-quit, the windows close, will-quit, quit; the first two can stop it. */
    quit(): void {
      const before = preventable();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      for (const w of [...windows]) {
        w.close();
        if (!w.isDestroyed()) return;
      }
      const will = preventable();
      this.emit('will-quit', will);
      if (will.defaultPrevented) return;
      this.emit('quit', {}, 0);
      lockHeld = false;
      quitResolve('quit');
    }
    exit(code: number): void {
      lockHeld = false;
      quitResolve(`exit ${code}`);
    }
  }
  const app = new StandInApp();

  /** The renderer-side module a preload's require('electron') gets: bound to its window. */
  function rendererElectron(win: StandInWindow) {
    return {
      contextBridge: {
        exposeInMainWorld(key: string, api: ExposedApi) {
          win.exposed.set(key, api);
        },
      },
      ipcRenderer: {
        async invoke(channel: string, payload: unknown): Promise<unknown> {
          const handler = handlers.get(channel);
          if (!handler) throw new Error(`No handler registered for '${channel}'`);
          const event = {
            sender: win.webContents,
            senderFrame: { url: win.webContents.getURL(), parent: null },
          };
          return structuredClone(await handler(event, structuredClone(payload)));
        },
        on(channel: string, listener: Listener) {
          win.webContents.rendererListeners(channel).add(listener);
        },
        removeListener(channel: string, listener: Listener) {
          win.webContents.rendererListeners(channel).delete(listener);
        },
      },
    };
  }

  /** A sandboxed preload's require: `electron` and nothing else (the bundle needs no more). */
  function runPreload(win: StandInWindow, file: string): void {
    win.webContents.resetRenderer();
    const source = readFileSync(file, 'utf8');
    const run = vm.compileFunction(source, ['require', 'module', 'exports'], { filename: file });
    const module = { exports: {} };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return rendererElectron(win);
      throw new Error(`module not found in a sandboxed preload: ${id}`);
    };
    run(sandboxRequire, module, module.exports);
  }

  class StandInWebContents extends EventEmitter {
    private url = '';
    private ipcListeners = new Map<string, Set<Listener>>();
    page: Page | null = null;
    windowOpenHandler: unknown = null;
    reloads = 0;
    constructor(private readonly win: StandInWindow) {
      super();
    }
    getURL = () => this.url;
    isDestroyed = () => this.win.isDestroyed();
    setWindowOpenHandler(handler: unknown): void {
      this.windowOpenHandler = handler;
    }
    rendererListeners(channel: string): Set<Listener> {
      let set = this.ipcListeners.get(channel);
      if (!set) this.ipcListeners.set(channel, (set = new Set()));
      return set;
    }
    resetRenderer(): void {
      this.ipcListeners.clear();
      this.win.exposed.clear();
    }
    send(channel: string, ...args: unknown[]): void {
      if (this.win.isDestroyed()) throw new Error('Object has been destroyed');
      for (const l of this.rendererListeners(channel))
        l({ sender: null }, ...args.map((a) => structuredClone(a)));
    }
    async loadURL(url: string): Promise<void> {
      const sameDocument = this.url !== '' && this.url.split('#')[0] === url.split('#')[0];
      this.url = url;
      if (!sameDocument) this.win.runOwnPreload();
      const page = this.page ?? (this.page = await this.win.openPage());
      await page.goto(toPageUrl(url));
    }
    reload(): void {
      this.reloads++;
      this.win.runOwnPreload();
      void this.page?.reload().catch(() => {});
    }
  }

  class StandInWindow extends EventEmitter {
    readonly webContents: StandInWebContents;
    readonly exposed = new Map<string, ExposedApi>();
    visible = false;
    focused = false;
    private destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.webContents = new StandInWebContents(this);
      windows.add(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    runOwnPreload(): void {
      const prefs = this.options.webPreferences;
      if (isRecord(prefs) && typeof prefs.preload === 'string') runPreload(this, prefs.preload);
    }
    async openPage(): Promise<Page> {
      const page = await options.context.newPage();
      await page.route('**/*', (route) => serve(route));
      for (const key of this.exposed.keys())
        await bridgeIntoPage(page, key, () => this.exposed.get(key) ?? {});
      return page;
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    restore(): void {}
    show(): void {
      this.visible = true;
      this.emit('show');
    }
    hide(): void {
      this.visible = false;
      this.focused = false;
    }
    focus(): void {
      this.focused = true;
    }
    loadURL = (url: string) => this.webContents.loadURL(url);
    close(): void {
      const event = preventable();
      this.emit('close', event);
      if (!event.defaultPrevented) this.destroy();
    }
    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      windows.delete(this);
      void this.webContents.page?.close().catch(() => {});
      this.emit('closed');
    }
  }

  /** app://host/path#hash <-> PAGE_ORIGIN/host/path#hash, so Chromium can show the scheme's content. */
  function toPageUrl(url: string): string {
    const u = new URL(url);
    return `${PAGE_ORIGIN}/${u.host}${u.pathname}${u.search}${u.hash}`;
  }
  function fromPageUrl(pageUrl: string): string | null {
    if (!pageUrl.startsWith(`${PAGE_ORIGIN}/`)) return null;
    const rest = pageUrl.slice(PAGE_ORIGIN.length + 1);
    for (const scheme of protocols.keys()) return `${scheme}://${rest}`;
    return null;
  }

  async function serve(route: Route): Promise<void> {
    const request = route.request();
    const appUrl = fromPageUrl(request.url());
    const handler = appUrl ? protocols.get(new URL(appUrl).protocol.slice(0, -1)) : undefined;
    if (!appUrl || !handler) {
      // Anything else would be the web, which main.ts's onBeforeRequest cancels: refused, noted.
      refusedRequests.push(request.url());
      return route.abort('blockedbyclient');
    }
    const response = await handler(new Request(appUrl, { method: request.method() }));
    let headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    for (const hook of headerHooks)
      hook({ url: appUrl, responseHeaders: headers }, (result: unknown) => {
        if (isRecord(result) && isRecord(result.responseHeaders))
          headers = result.responseHeaders as Record<string, string | string[]>;
      });
    const flat = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    );
    await route.fulfill({
      status: response.status,
      headers: flat,
      body: Buffer.from(await response.arrayBuffer()),
    });
  }

  class StandInTray extends EventEmitter {
    image: unknown;
    tooltip = '';
    title = '';
    menu: MenuItem[] = [];
    destroyed = false;
    constructor(image: unknown) {
      super();
      this.image = image;
      trays.push(this);
    }
    setImage(image: unknown): void {
      this.image = image;
    }
    setToolTip(text: string): void {
      this.tooltip = text;
    }
    setTitle(text: string): void {
      this.title = text;
    }
    setContextMenu(menu: { items: MenuItem[] }): void {
      this.menu = menu.items;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }

  class StandInNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    readonly title: string;
    readonly body: string;
    constructor(opts: { title?: string; body?: string }) {
      super();
      this.title = opts.title ?? '';
      this.body = opts.body ?? '';
    }
    show(): void {
      this.shown = true;
      notifications.push(this);
    }
    close(): void {
      this.emit('close');
    }
  }

  const electron = {
    app,
    BrowserWindow: Object.assign(StandInWindow, {
      getAllWindows: () => [...windows],
      fromWebContents: (wc: unknown) => [...windows].find((w) => w.webContents === wc) ?? null,
    }),
    ipcMain: {
      handle(channel: string, listener: Listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    Menu: { buildFromTemplate: (items: MenuItem[]) => ({ items }) },
    Tray: StandInTray,
    Notification: StandInNotification,
    nativeImage: {
      createFromBuffer: (buffer: Buffer) => ({ isEmpty: () => buffer.length === 0, toPNG: () => buffer }),
    },
    protocol: {
      registerSchemesAsPrivileged(): void {},
      handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
        protocols.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(): void {},
        setPermissionCheckHandler(): void {},
        webRequest: {
          onBeforeRequest(): void {},
          onHeadersReceived: (hook: Listener) => void headerHooks.push(hook),
        },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    dialog: {
      showErrorBox: (title: string, body: string) => void errorBoxes.push(`${title}: ${body}`),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
  };

  return {
    electron,
    app,
    windows: () => [...windows],
    trays,
    notifications,
    handlerCount: () => handlers.size,
    refusedRequests,
    errorBoxes,
    lockHeld: () => lockHeld,
    /** Resolves with "quit" (the app quit through Electron's events) or "exit N". */
    finished,
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
export type StandInMenuItem = MenuItem;
