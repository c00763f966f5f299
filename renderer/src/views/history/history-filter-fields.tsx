// The fields of a history filter (time range, program, remote, port, protocol, state, direction),
// shared by the History view's toolbar and the export dialog so both offer the same choices. The
// toolbar queries as you type, so its text fields wait for a pause; the dialog applies them at once
// so that pressing Export straight after typing exports what was typed.
import { useEffect, useState, type ReactNode } from 'react';
import { Segmented } from '../../components/segmented';
import { SafeText } from '../../text/safe-text';
import { presets, type HistoryForm, type PresetId } from './history-filter';

export interface HistoryFilterFieldsProps {
  form: HistoryForm;
  onForm(next: HistoryForm): void;
  programName: string | null;
  /** Text reaches the form 300 ms after typing stops (or on Enter), rather than on each keystroke. */
  debounceText: boolean;
  /** A visible caption above each control (the dialog); the toolbar relies on placeholders. */
  captioned: boolean;
  /** The system collector records: its namespace and container/unit tags can be filtered on. */
  showWhere?: boolean;
}

const STATES = [
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
] as const;

/** A text input; with `debounce`, its value reaches the form when typing pauses or on Enter. */
function TextField(props: {
  label: string;
  placeholder: string;
  value: string;
  onValue(v: string): void;
  debounce: boolean;
  width?: number;
}) {
  const [draft, setDraft] = useState(props.value);
  const { value, onValue, debounce } = props;
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (!debounce || draft === value) return;
    const timer = setTimeout(() => onValue(draft), 300);
    return () => clearTimeout(timer);
  }, [debounce, draft, value, onValue]);
  return (
    <input
      type="text"
      aria-label={props.label}
      placeholder={props.placeholder}
      value={draft}
      style={props.width ? { width: props.width } : undefined}
      onChange={(e) => {
        setDraft(e.target.value);
        if (!debounce) onValue(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onValue(draft);
      }}
    />
  );
}

/**
 * A control with its caption when captioned. Form controls sit in a <label> (a click on the
 * caption focuses them); a button group in a plain box, as a label would press its first button.
 */
function Captioned(props: {
  captioned: boolean;
  caption: string;
  control: 'input' | 'group';
  wide?: boolean;
  children: ReactNode;
}) {
  if (!props.captioned) return <>{props.children}</>;
  const className = props.wide ? 'field field-wide' : 'field';
  const caption = (
    <span className="field-caption" aria-hidden="true">
      {props.caption}
    </span>
  );
  return props.control === 'input' ? (
    <label className={className}>
      {caption}
      {props.children}
    </label>
  ) : (
    <div className={className}>
      {caption}
      {props.children}
    </div>
  );
}

export function HistoryFilterFields({
  form,
  onForm,
  programName,
  debounceText,
  captioned,
  showWhere = false,
}: HistoryFilterFieldsProps) {
  const set = <K extends keyof HistoryForm>(key: K, value: HistoryForm[K]) =>
    onForm({ ...form, [key]: value });
  const text = (
    label: string,
    key: 'program' | 'remote' | 'port' | 'netns' | 'unit',
    placeholder: string,
    width?: number,
  ) => (
    <TextField
      label={label}
      placeholder={placeholder}
      value={form[key]}
      onValue={(v) => set(key, v)}
      debounce={debounceText}
      width={captioned ? undefined : width}
    />
  );
  return (
    <>
      <Captioned captioned={captioned} caption="Time range" control="group" wide>
        <Segmented<PresetId>
          label="Time range"
          value={form.preset}
          onChange={(v) => set('preset', v)}
          options={presets.map((p) => ({
            value: p.id,
            label: p.id === 'custom' ? p.label : `Last ${p.label}`,
          }))}
        />
      </Captioned>
      {form.preset === 'custom' ? (
        <>
          <Captioned captioned={captioned} caption="From" control="input">
            <input
              type="datetime-local"
              aria-label="From"
              value={form.from}
              onChange={(e) => set('from', e.target.value)}
            />
          </Captioned>
          {captioned ? null : <span className="muted">to</span>}
          <Captioned captioned={captioned} caption="To" control="input">
            <input
              type="datetime-local"
              aria-label="To"
              value={form.to}
              onChange={(e) => set('to', e.target.value)}
            />
          </Captioned>
        </>
      ) : null}
      {form.programId !== null ? (
        <Captioned captioned={captioned} caption="Program" control="group">
          <span className="chip">
            Program: <SafeText value={programName ?? `#${form.programId}`} />
            <button
              type="button"
              aria-label="Clear the program filter"
              onClick={() => set('programId', null)}
            >
              ×
            </button>
          </span>
        </Captioned>
      ) : (
        <Captioned captioned={captioned} caption="Program" control="input">
          {text('Program', 'program', 'Program or path')}
        </Captioned>
      )}
      <Captioned captioned={captioned} caption="Remote" control="input">
        {text('Remote', 'remote', 'Remote address or host')}
      </Captioned>
      <Captioned captioned={captioned} caption="Port" control="input">
        {text('Port', 'port', 'Port', 70)}
      </Captioned>
      {showWhere ? (
        <>
          <Captioned captioned={captioned} caption="Namespace" control="input">
            {text('Namespace', 'netns', 'Namespace', 120)}
          </Captioned>
          <Captioned captioned={captioned} caption="Container or unit" control="input">
            {text('Container or unit', 'unit', 'Container or unit', 150)}
          </Captioned>
        </>
      ) : null}
      <Captioned captioned={captioned} caption="Protocol" control="input">
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
      </Captioned>
      <Captioned captioned={captioned} caption="State" control="input">
        <select aria-label="State" value={form.state} onChange={(e) => set('state', e.target.value)}>
          <option value="">Any state</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Captioned>
      <Captioned captioned={captioned} caption="Direction" control="input">
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
      </Captioned>
    </>
  );
}
