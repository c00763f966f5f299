// Electron entry: single instance, the app:// origin, the core off the main thread, one window
// that hides into the tray, native notifications for alerts. Wiring only: the decisions live in
// electron/app/*, which are tested without Electron.
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import path from 'node:path';
import type { CoreService } from './core/core-service';
import { isCollectorCore, startCoreOrCollector } from './core/collector/core-or-collector';
import { createAlertNotifier, type NotificationRequest } from './app/alert-notifier';
import { onCoreEvent } from './app/event-relay';
import { appProtocolHandler, appSchemePrivileges } from './app/app-protocol';
import { renderAppIcon, renderTrayIcon } from './app/icon-raster';
import { applyLinuxAutostart, loginItemSettings, startedHidden } from './app/login-item';
import { denyPermissionCheck, denyPermissionRequest, navigationGuard } from './app/navigation-guard';
import { withSaveExports } from './app/save-export';
import { observeSettings } from './app/settings-hook';
import { createTrayController } from './app/tray-controller';
import type { TrayAction, TrayModel } from './app/tray-model';
import { createWindowController } from './app/window-controller';
import { APP_CONTENT_SECURITY_POLICY, APP_SCHEME, mainWindowOptions } from './app/window-options';
import { findRendererDir } from './web/renderer-dir';
import { registerIpc } from './ipc';
import { collectorModeArgs, runCollectorMode } from './app/collector-mode';

const log = (message: string) => console.error(`netwatch: ${message}`);

// Must happen before 'ready': app:// is a standard, secure origin of its own.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

const collectorArgs = collectorModeArgs(process.argv, app.isPackaged);
if (collectorArgs) {
  void runCollectorMode(collectorArgs).then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main().catch((error: unknown) => {
    dialog.showErrorBox('netwatch could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  // No remote content: every http(s)/ws(s) request from a page is cancelled.
  ses.webRequest.onBeforeRequest({ urls: ['*://*/*'] }, (_details, callback) => callback({ cancel: true }));
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [APP_CONTENT_SECURITY_POLICY],
      },
    }),
  );
  app.on('web-contents-created', (_event, contents) => {
    const guard = navigationGuard({
      openExternal: (url) => void shell.openExternal(url),
      onRefused: (kind, url) => log(`refused ${kind} to ${url.slice(0, 200)}`),
    });
    contents.on('will-navigate', guard.onWillNavigate);
    contents.on('will-redirect', guard.onWillRedirect);
    contents.on('will-attach-webview', guard.onWillAttachWebview);
    contents.setWindowOpenHandler(guard.windowOpenHandler);
  });
}

function applyStartAtLogin(enabled: boolean): void {
  try {
    if (process.platform === 'linux') {
      const configHome = process.env.XDG_CONFIG_HOME || path.join(app.getPath('home'), '.config');
      applyLinuxAutostart(configHome, enabled, process.env.APPIMAGE || process.execPath);
    } else {
      app.setLoginItemSettings(loginItemSettings(enabled));
    }
  } catch (error) {
    log(`start at login: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function menuFromModel(
  model: TrayModel,
  onAction: (action: TrayAction) => void,
  onAlert: (alertId: number) => void,
): Menu {
  const template: MenuItemConstructorOptions[] = model.items.map((item) => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'note':
        return { label: item.label, enabled: false };
      case 'alert':
        return { label: item.label, click: () => onAlert(item.alertId) };
      case 'action':
        return { label: item.label, click: () => onAction(item.action) };
    }
  });
  return Menu.buildFromTemplate(template);
}

async function main(): Promise<void> {
  await app.whenReady();
  const rendererDir = findRendererDir(__dirname);
  if (!rendererDir) throw new Error('The interface is not built: run `npm run build` first.');
  hardenSessions();
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));

  // The system collector when it answers (every user, every namespace), else the app's own core.
  const started: CoreService = await startCoreOrCollector({
    onNotice: (message) => console.error(`netwatch: ${message}`),
    dbPath: process.env.NETWATCH_DB || undefined,
    // Set by scripts/start-electron.mjs in development; a packaged app has the Electron build in place.
    nativeBinding: process.env.NETWATCH_NATIVE_BINDING || undefined,
    kernelEvents: true,
  });
  const windows = new Set<BrowserWindow>();
  // The collector restarted: views built from the old connection's deltas are stale; reload them.
  if (isCollectorCore(started))
    started.onReconnected(() => {
      for (const w of windows) if (!w.isDestroyed()) w.webContents.reload();
    });
  const core = withSaveExports(
    observeSettings(started, (settings) => applyStartAtLogin(settings.startAtLogin)),
    {
      throughContract: isCollectorCore(started),
      nativeBinding: process.env.NETWATCH_NATIVE_BINDING || undefined,
      async choosePath(suggestedName, format) {
        const owner = [...windows].find((w) => !w.isDestroyed() && w.isFocused());
        const options = {
          defaultPath: path.join(app.getPath('documents'), suggestedName),
          filters: [{ name: format.toUpperCase(), extensions: [format] }],
        };
        const chosen = owner
          ? await dialog.showSaveDialog(owner, options)
          : await dialog.showSaveDialog(options);
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
    },
  );

  const appIcon = nativeImage.createFromBuffer(renderAppIcon(256));
  const windowController = createWindowController({
    create(onClose) {
      const win = new BrowserWindow(
        mainWindowOptions({
          preload: path.join(__dirname, 'preload.cjs'),
          icon: appIcon,
          devTools: !app.isPackaged,
        }),
      );
      windows.add(win);
      win.on('close', onClose);
      win.on('closed', () => windows.delete(win));
      return win;
    },
    onLoadFailed: (error) =>
      log(`loading the window: ${error instanceof Error ? error.message : String(error)}`),
  });
  const stopIpc = registerIpc(core, windows, log);

  // Notifications are kept referenced until closed, or their click handler is collected.
  const shownNotes = new Set<Notification>();
  const notifier = createAlertNotifier({
    show(note: NotificationRequest) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title: note.title, body: note.body, icon: appIcon });
      shownNotes.add(n);
      n.on('click', () =>
        windowController.open(note.alertId === null ? 'alerts' : { alertId: note.alertId }),
      );
      n.on('close', () => shownNotes.delete(n));
      if (shownNotes.size > 20) shownNotes.delete(shownNotes.values().next().value!);
      n.show();
    },
  });
  const stopNotes = onCoreEvent(core, 'alerts.onRaised', (alert) => notifier.alert(alert));

  const tray = new Tray(nativeImage.createFromBuffer(renderTrayIcon(32, '')));
  let badge = '';
  const trayController = createTrayController({
    core,
    render(model) {
      if (model.badge !== badge) {
        badge = model.badge;
        tray.setImage(nativeImage.createFromBuffer(renderTrayIcon(32, badge)));
      }
      tray.setToolTip(model.tooltip);
      if (process.platform === 'darwin') tray.setTitle(model.title);
      tray.setContextMenu(
        menuFromModel(
          model,
          (action) => trayController.act(action),
          (alertId) => trayController.openAlert(alertId),
        ),
      );
    },
    open: (alertId) => windowController.open(alertId === null ? null : { alertId }),
    quit: () => app.quit(),
    log,
  });
  tray.on('click', () => windowController.open());
  await trayController.start();

  app.on('second-instance', () => windowController.open());
  app.on('activate', () => windowController.open());
  // Closing the last window keeps watching in the tray.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => windowController.quitting());
  let coreClosed = false;
  app.on('will-quit', (event) => {
    if (coreClosed) return;
    event.preventDefault();
    stopIpc();
    stopNotes();
    notifier.dispose();
    trayController.dispose();
    tray.destroy();
    core
      .close()
      .catch((error: unknown) =>
        log(`closing the core: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        coreClosed = true;
        app.quit();
      });
  });

  const settings = await core.handlers.settings.get({});
  applyStartAtLogin(settings.startAtLogin);
  const hidden = startedHidden(process.argv, app.getLoginItemSettings().wasOpenedAsHidden);
  if (!hidden) windowController.open();
}
