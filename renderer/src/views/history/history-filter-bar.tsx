// The History view's filters: a time range (presets or custom), and the Live view's filters as
// fields. Text fields apply when typing pauses, so each keystroke is not a query.
import { useEffect, useState } from 'react';
import { Segmented } from '../../components/segmented';
import { presets, type HistoryForm, type PresetId } from './history-filter';

interface HistoryFilterBarProps {
  form: HistoryForm;
  onForm(next: HistoryForm): void;
  programName: string | null;
}

/** A text input whose value reaches the form 300 ms after typing stops (or on Enter). */
function DebouncedInput(props: {
  label: string;
  placeholder: string;
  value: string;
  onValue(v: string): void;
  width?: number;
}) {
  const [draft, setDraft] = useState(props.value);
  const { value, onValue } = props;
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onValue(draft), 300);
    return () => clearTimeout(timer);
  }, [draft, value, onValue]);
  return (
    <input
      type="text"
      aria-label={props.label}
      placeholder={props.placeholder}
      value={draft}
      style={props.width ? { width: props.width } : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onValue(draft);
      }}
    />
  );
}

export function HistoryFilterBar({ form, onForm, programName }: HistoryFilterBarProps) {
  const set = <K extends keyof HistoryForm>(key: K, value: HistoryForm[K]) =>
    onForm({ ...form, [key]: value });
  return (
    <div className="toolbar" role="toolbar" aria-label="History filters">
      <Segmented<PresetId>
        label="Time range"
        value={form.preset}
        onChange={(v) => set('preset', v)}
        options={presets.map((p) => ({
          value: p.id,
          label: p.id === 'custom' ? p.label : `Last ${p.label}`,
        }))}
      />
      {form.preset === 'custom' ? (
        <>
          <input
            type="datetime-local"
            aria-label="From"
            value={form.from}
            onChange={(e) => set('from', e.target.value)}
          />
          <span className="muted">to</span>
          <input
            type="datetime-local"
            aria-label="To"
            value={form.to}
            onChange={(e) => set('to', e.target.value)}
          />
        </>
      ) : null}
      {form.programId !== null ? (
        <span className="chip">
          Program: {programName ?? `#${form.programId}`}
          <button type="button" aria-label="Clear the program filter" onClick={() => set('programId', null)}>
            ×
          </button>
        </span>
      ) : (
        <DebouncedInput
          label="Program"
          placeholder="Program or path"
          value={form.program}
          onValue={(v) => set('program', v)}
        />
      )}
      <DebouncedInput
        label="Remote"
        placeholder="Remote address or host"
        value={form.remote}
        onValue={(v) => set('remote', v)}
      />
      <DebouncedInput
        label="Port"
        placeholder="Port"
        value={form.port}
        onValue={(v) => set('port', v)}
        width={70}
      />
      <select
        aria-label="Protocol"
        value={form.proto}
        onChange={(e) => set('proto', e.target.value as HistoryForm['proto'])}
      >
        <option value="">Any protocol</option>
        <option value="tcp">TCP</option>
        <option value="udp">UDP</option>
        <option value="raw">RAW</option>
      </select>
      <select aria-label="State" value={form.state} onChange={(e) => set('state', e.target.value)}>
        <option value="">Any state</option>
        {[
          'ESTABLISHED',
          'LISTEN',
          'SYN_SENT',
          'SYN_RECV',
          'TIME_WAIT',
          'CLOSE_WAIT',
          'FIN_WAIT1',
          'FIN_WAIT2',
          'LAST_ACK',
          'CLOSING',
          'CLOSE',
        ].map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label="Direction"
        value={form.direction}
        onChange={(e) => set('direction', e.target.value as HistoryForm['direction'])}
      >
        <option value="">Any direction</option>
        <option value="listen">Listening</option>
        <option value="inbound">Inbound</option>
        <option value="outbound">Outbound</option>
      </select>
    </div>
  );
}
