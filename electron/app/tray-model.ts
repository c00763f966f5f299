// What the tray shows, as plain data: the unread count, and a menu of open, pause/resume, the last
// alerts (each opens the window on that alert), and quit. main.ts turns it into a Menu.
import type { AlertRecord } from '../../shared/model';
import { menuLabel } from './menu-text';

export interface TrayState {
  unread: number;
  paused: boolean;
  /** The most recent alerts, newest first; the model shows at most MAX_TRAY_ALERTS. */
  recent: readonly AlertRecord[];
}

export type TrayAction = 'open' | 'pause' | 'resume' | 'ack-all' | 'quit';

export type TrayMenuItem =
  | { kind: 'action'; action: TrayAction; label: string }
  | { kind: 'alert'; alertId: number; label: string }
  | { kind: 'note'; label: string }
  | { kind: 'separator' };

export interface TrayModel {
  tooltip: string;
  /** Text beside the icon where the OS shows one (macOS); '' when nothing is unread. */
  title: string;
  /** The count drawn on the icon: '' when none, '9+' past nine. */
  badge: string;
  items: TrayMenuItem[];
}

export const MAX_TRAY_ALERTS = 5;

export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return '';
  return unread > 9 ? '9+' : String(Math.floor(unread));
}

export function trayModel(state: TrayState): TrayModel {
  const unread = Math.max(0, Math.floor(state.unread));
  const watching = state.paused ? 'paused' : 'watching';
  const tooltip =
    unread === 0
      ? `netwatch: ${watching}`
      : `netwatch: ${watching}, ${unread} unread alert${unread === 1 ? '' : 's'}`;
  const items: TrayMenuItem[] = [
    { kind: 'action', action: 'open', label: 'Open netwatch' },
    state.paused
      ? { kind: 'action', action: 'resume', label: 'Resume watching' }
      : { kind: 'action', action: 'pause', label: 'Pause watching' },
    { kind: 'separator' },
  ];
  const recent = state.recent.slice(0, MAX_TRAY_ALERTS);
  if (recent.length === 0) items.push({ kind: 'note', label: 'No alerts' });
  for (const alert of recent) {
    const mark = alert.acknowledged ? '' : '● ';
    items.push({ kind: 'alert', alertId: alert.id, label: `${mark}${menuLabel(alert.message)}` });
  }
  if (unread > 0) items.push({ kind: 'action', action: 'ack-all', label: 'Mark all alerts read' });
  items.push({ kind: 'separator' }, { kind: 'action', action: 'quit', label: 'Quit netwatch' });
  return { tooltip, title: unread > 0 ? String(unread) : '', badge: badgeText(unread), items };
}
