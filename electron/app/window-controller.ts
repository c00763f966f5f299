// The one app window's life: made on first need, hidden (not closed) when the user closes it so
// watching goes on in the tray, closed for real only on quit, and opened on an alert on request.
import { APP_INDEX_URL } from './window-options';

/** What the controller needs of a BrowserWindow; main.ts adapts the real one. */
export interface ManagedWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  hide(): void;
  loadURL(url: string): Promise<void>;
}

/**
 * Where the window opens: the renderer routes by the URL's hash (renderer/src/app/route.ts:
 * #/alerts, #/alerts/12), and follows a hash change without reloading.
 */
export type WindowTarget = { alertId: number } | 'alerts' | null;

export function appUrl(target: WindowTarget = null): string {
  if (target === null) return APP_INDEX_URL;
  if (target === 'alerts') return `${APP_INDEX_URL}#/alerts`;
  return `${APP_INDEX_URL}#/alerts/${target.alertId}`;
}

export interface WindowControllerOptions {
  /** Makes the window (hidden) and wires its events; `onClose` must be called from its 'close'. */
  create(onClose: (event: { preventDefault(): void }) => void): ManagedWindow;
  onLoadFailed?(error: unknown): void;
}

export function createWindowController(options: WindowControllerOptions) {
  let win: ManagedWindow | null = null;
  let quitting = false;

  const load = (target: ManagedWindow, url: string) =>
    target.loadURL(url).catch((error: unknown) => options.onLoadFailed?.(error));

  const onClose = (event: { preventDefault(): void }) => {
    if (quitting || !win) return;
    event.preventDefault();
    win.hide();
  };

  return {
    /** Shows the window, making it if needed; with a target, on that alert or the alerts list. */
    open(target: WindowTarget = null): void {
      if (!win || win.isDestroyed()) {
        win = options.create(onClose);
        void load(win, appUrl(target));
      } else if (target !== null) {
        // Only the fragment changes: the page is not reloaded, it gets a hashchange.
        void load(win, appUrl(target));
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    /** Made but not shown: the app started hidden at login still has its window's page ready. */
    current(): ManagedWindow | null {
      return win && !win.isDestroyed() ? win : null;
    },
    /** From app 'before-quit': from now on closing means closing. */
    quitting(): void {
      quitting = true;
    },
    isQuitting: () => quitting,
  };
}
