// The settings a person can change: sampling interval, retention, alert thresholds (floods, the
// traffic alert), start at login, host names, theme. Checked with the contract's own schema before it is sent.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { settingsSchema } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/model';
import { errorText } from '../../api/use-query';
import { useSettings } from '../../store/settings-provider';

type NumberKey =
  | 'sampleIntervalMs'
  | 'retentionDays'
  | 'maxDatabaseMb'
  | 'floodRemoteThreshold'
  | 'synRecvThreshold'
  | 'floodWindowSeconds'
  | 'trafficAlertMb'
  | 'trafficWindowMinutes';

const numberFields: { key: NumberKey; label: string; unit: string; help: string }[] = [
  {
    key: 'sampleIntervalMs',
    label: 'Sampling interval',
    unit: 'ms',
    help: 'How often sockets are read. 250 ms to 60 s; 1000 is a good default.',
  },
  {
    key: 'retentionDays',
    label: 'Keep history for',
    unit: 'days',
    help: 'Older connection rows are deleted; per-minute series are rolled up.',
  },
  {
    key: 'maxDatabaseMb',
    label: 'Database size limit',
    unit: 'MB',
    help: 'When the history reaches this size, the oldest closed connections are deleted first, even before the days above. 16 MB or more; 1024 (1 GiB) by default.',
  },
  {
    key: 'floodRemoteThreshold',
    label: 'Flood threshold',
    unit: 'connections',
    help: 'Alert when one remote address holds this many connections.',
  },
  {
    key: 'synRecvThreshold',
    label: 'SYN flood threshold',
    unit: 'SYN_RECV',
    help: 'Alert when this many sockets wait in SYN_RECV.',
  },
  {
    key: 'floodWindowSeconds',
    label: 'Flood window',
    unit: 's',
    help: 'The time the flood counts are taken over.',
  },
  {
    key: 'trafficAlertMb',
    label: 'Traffic alert threshold',
    unit: 'MiB sent',
    help: 'Alert when one program sends more than this within the window below (TCP; UDP too with kernel events). 100 by default.',
  },
  {
    key: 'trafficWindowMinutes',
    label: 'Traffic alert window',
    unit: 'min',
    help: 'The sliding window of the traffic alert (1 to 1440); a program is alerted at most once per window.',
  },
];

export function SettingsForm() {
  const { settings, error, update } = useSettings();
  const [draft, setDraft] = useState<Record<NumberKey, string> | null>(null);
  const [flags, setFlags] = useState<Pick<
    Settings,
    'startAtLogin' | 'theme' | 'resolveHostNames' | 'trafficAlertEnabled'
  > | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const reset = useCallback(() => {
    if (!settings) return;
    setDraft(
      Object.fromEntries(numberFields.map((f) => [f.key, String(settings[f.key])])) as Record<
        NumberKey,
        string
      >,
    );
    setFlags({
      startAtLogin: settings.startAtLogin,
      theme: settings.theme,
      resolveHostNames: settings.resolveHostNames,
      trafficAlertEnabled: settings.trafficAlertEnabled,
    });
  }, [settings]);
  useEffect(reset, [reset]);

  if (error && !settings) return <div className="form-error">Could not load the settings: {error}</div>;
  if (!settings || !draft || !flags) return <div className="muted">Loading settings…</div>;

  const candidate = {
    ...Object.fromEntries(numberFields.map((f) => [f.key, Number(draft[f.key])])),
    ...flags,
  };
  const parsed = settingsSchema.safeParse(candidate);
  const problems = new Map<string, string>();
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.set(String(issue.path[0]), issue.message);
  const changed =
    parsed.success &&
    (Object.keys(parsed.data) as (keyof Settings)[]).some((k) => parsed.data[k] !== settings[k]);

  const save = async () => {
    if (!parsed.success) return;
    setSaving(true);
    setMessage(null);
    try {
      await update(parsed.data);
      setMessage({ ok: true, text: 'Saved.' });
    } catch (e) {
      setMessage({ ok: false, text: `Not saved: ${errorText(e)}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label="Settings"
    >
      <h2>Sampling and alerts</h2>
      <div className="field-grid">
        {numberFields.map((f) => (
          <FieldRow
            key={f.key}
            id={f.key}
            label={f.label}
            help={problems.get(f.key) ?? f.help}
            bad={problems.has(f.key)}
          >
            <input
              id={f.key}
              type="number"
              inputMode="numeric"
              value={draft[f.key]}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
            />{' '}
            <span className="muted">{f.unit}</span>
          </FieldRow>
        ))}
        <FieldRow
          id="trafficAlertEnabled"
          label="Traffic alert"
          help="Alert when a program sends more than the threshold within the window. Mute it per program from its alert."
        >
          <input
            id="trafficAlertEnabled"
            type="checkbox"
            checked={flags.trafficAlertEnabled}
            onChange={(e) => setFlags({ ...flags, trafficAlertEnabled: e.target.checked })}
          />
        </FieldRow>
        <FieldRow
          id="resolveHostNames"
          label="Host names"
          help="Look up the names of remote addresses (reverse DNS)."
        >
          <input
            id="resolveHostNames"
            type="checkbox"
            checked={flags.resolveHostNames}
            onChange={(e) => setFlags({ ...flags, resolveHostNames: e.target.checked })}
          />
        </FieldRow>
        <FieldRow
          id="startAtLogin"
          label="Start at login"
          help="Open netwatch (in the tray) when you log in. Desktop app only."
        >
          <input
            id="startAtLogin"
            type="checkbox"
            checked={flags.startAtLogin}
            onChange={(e) => setFlags({ ...flags, startAtLogin: e.target.checked })}
          />
        </FieldRow>
        <FieldRow id="theme" label="Theme" help="System follows your desktop's light or dark setting.">
          <select
            id="theme"
            value={flags.theme}
            onChange={(e) => setFlags({ ...flags, theme: e.target.value as Settings['theme'] })}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </FieldRow>
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={!changed || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" disabled={saving} onClick={reset}>
          Revert
        </button>
        {message ? <span className={message.ok ? 'form-ok' : 'form-error'}>{message.text}</span> : null}
      </div>
    </form>
  );
}

function FieldRow(props: { id: string; label: string; help: string; bad?: boolean; children: ReactNode }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <div>{props.children}</div>
      <div className={props.bad ? 'form-error field-help' : 'field-help'}>{props.help}</div>
    </>
  );
}
