// Keeps the tray in step with the core: the unread count and paused state from status events,
// the last alerts re-read when one is raised, and menu actions sent back as contract calls.
import type { CoreService } from '../core/core-service';
import type { AlertRecord } from '../../shared/model';
import { onCoreEvent } from './event-relay';
import { MAX_TRAY_ALERTS, trayModel, type TrayAction, type TrayModel, type TrayState } from './tray-model';

export interface TrayControllerOptions {
  core: Pick<CoreService, 'handlers' | 'subscribe'>;
  /** Draws the model (icon badge, tooltip, menu). Called after every change. */
  render(model: TrayModel): void;
  /** Opens the window, on an alert when one is given. */
  open(alertId: number | null): void;
  quit(): void;
  log?(message: string): void;
}

export function createTrayController(options: TrayControllerOptions) {
  const { core } = options;
  const state: TrayState & { recent: AlertRecord[] } = { unread: 0, paused: false, recent: [] };
  const log = options.log ?? (() => {});
  const render = () => options.render(trayModel(state));

  const refresh = async () => {
    try {
      const [status, recent] = await Promise.all([
        core.handlers.status.get({}),
        core.handlers.alerts.list({ all: true, limit: MAX_TRAY_ALERTS }),
      ]);
      state.unread = status.unreadAlerts;
      state.paused = status.paused;
      state.recent = recent.slice(0, MAX_TRAY_ALERTS);
      render();
    } catch (error) {
      log(`tray refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const stopStatus = onCoreEvent(core, 'status.onChanged', (status) => {
    state.unread = status.unreadAlerts;
    state.paused = status.paused;
    render();
  });
  const stopAlerts = onCoreEvent(core, 'alerts.onRaised', () => void refresh());

  async function act(action: TrayAction): Promise<void> {
    switch (action) {
      case 'open':
        return options.open(null);
      case 'quit':
        return options.quit();
      case 'pause':
      case 'resume': {
        const status = await core.handlers.status[action]({});
        state.paused = status.paused;
        state.unread = status.unreadAlerts;
        return render();
      }
      case 'ack-all':
        await core.handlers.alerts.ackAll({});
        return refresh();
    }
  }

  return {
    /** Reads the first state from the core and draws it. */
    start: refresh,
    act(action: TrayAction): void {
      act(action).catch((error: unknown) =>
        log(`tray action ${action} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    },
    openAlert(alertId: number): void {
      options.open(alertId);
    },
    dispose(): void {
      stopStatus();
      stopAlerts();
    },
  };
}
