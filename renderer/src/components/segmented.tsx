// A row of mutually exclusive buttons (All / Listening / Connected ...), keyboard friendly.

interface SegmentedProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string; title?: string }[];
  onChange(value: V): void;
}

export function Segmented<V extends string>({ label, value, options, onChange }: SegmentedProps<V>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          className={o.value === value ? 'on' : undefined}
          title={o.title}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
