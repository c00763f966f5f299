// Turns alerts into native notifications without flooding the desktop: a few per burst, then
// one summary of the rest. Clicking a notification opens the window on its alert.
import type { AlertRecord } from '../../shared/model';
import { oneLine } from './menu-text';

export interface NotificationRequest {
  title: string;
  body: string;
  /** The alert to open on click; null for the summary (opens the alerts list). */
  alertId: number | null;
}

export interface NotifierOptions {
  show(note: NotificationRequest): void;
  /** Notifications allowed per window; the rest are summarised when the window ends. */
  maxPerWindow?: number;
  windowMs?: number;
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
}

const kindTitle: Record<AlertRecord['kind'], string> = {
  'new-program': 'New program on the network',
  'changed-program': 'A known program changed',
  'new-listener': 'New listening socket',
  'flood-remote': 'Many connections to one address',
  'syn-flood': 'Possible SYN flood',
  'traffic-volume': 'A program sent a lot',
};

/** Title and body of one alert: plain text, one line each, bounded. */
export function notificationFor(alert: AlertRecord): NotificationRequest {
  const title = `netwatch: ${kindTitle[alert.kind] ?? 'Alert'}`;
  const repeats = alert.count > 1 ? ` (${alert.count} times)` : '';
  return { title, body: oneLine(`${alert.message}${repeats}`, 240), alertId: alert.id };
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return { cancel: () => clearTimeout(timer) };
};

export function createAlertNotifier(options: NotifierOptions) {
  const maxPerWindow = options.maxPerWindow ?? 3;
  const windowMs = options.windowMs ?? 10_000;
  const schedule = options.schedule ?? defaultSchedule;
  let shown = 0;
  let suppressed = 0;
  let window: { cancel(): void } | null = null;

  const endWindow = () => {
    window = null;
    if (suppressed > 0) {
      const n = suppressed;
      suppressed = 0;
      shown = 1;
      window = schedule(endWindow, windowMs);
      options.show({ title: 'netwatch', body: `${n} more alert${n === 1 ? '' : 's'}`, alertId: null });
    } else {
      shown = 0;
    }
  };

  return {
    alert(alert: AlertRecord): void {
      if (alert.acknowledged) return;
      window ??= schedule(endWindow, windowMs);
      if (shown < maxPerWindow) {
        shown += 1;
        options.show(notificationFor(alert));
      } else {
        suppressed += 1;
      }
    },
    dispose(): void {
      window?.cancel();
      window = null;
    },
  };
}
