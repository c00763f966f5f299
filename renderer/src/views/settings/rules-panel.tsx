// The rules that quiet alerts: trusted programs, ignored addresses and ports, muted kinds. Review,
// add and delete them here.
import { useState } from 'react';
import type { RuleKind, RuleRecord } from '../../../../shared/model';
import { useApi } from '../../api/api-context';
import { errorText, useQuery } from '../../api/use-query';
import { Notice } from '../../components/notice';
import { SimpleTable } from '../../components/simple-table';
import { fullTimeText, timeText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';

const kinds: { kind: RuleKind; label: string; placeholder: string }[] = [
  { kind: 'trust-program', label: 'Trust program', placeholder: '/usr/bin/program' },
  { kind: 'ignore-address', label: 'Ignore address', placeholder: '203.0.113.7 or 10.0.0.0/8' },
  { kind: 'ignore-port', label: 'Ignore port', placeholder: '5353' },
  { kind: 'ignore-as', label: 'Ignore AS', placeholder: 'AS15169' },
  {
    kind: 'mute-kind',
    label: 'Mute alert kind',
    placeholder: 'new-listener, or traffic-volume /usr/bin/rsync',
  },
];
const kindLabel = (k: RuleKind) => kinds.find((x) => x.kind === k)?.label ?? k;

export function RulesPanel() {
  const api = useApi();
  const query = useQuery((a) => a.rules.list({}), []);
  const [kind, setKind] = useState<RuleKind>('trust-program');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      query.reload();
      return true;
    } catch (e) {
      setProblem(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel">
      <h2>
        Rules <span className="muted">what alerts ignore</span>
      </h2>
      <form
        className="rule-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          void run(() => api.rules.add({ kind, value: value.trim() })).then((ok) => ok && setValue(''));
        }}
      >
        <select aria-label="Rule kind" value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <input
          type="text"
          aria-label="Rule value"
          placeholder={kinds.find((k) => k.kind === kind)!.placeholder}
          value={value}
          maxLength={4096}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy || !value.trim()}>
          Add rule
        </button>
      </form>
      {problem ? (
        <div className="form-error">
          <SafeText value={problem} />
        </div>
      ) : null}
      {query.error ? (
        <Notice kind="error" title="Could not load the rules">
          {query.error}
        </Notice>
      ) : (
        <SimpleTable
          rows={query.data ?? []}
          rowKey={(r: RuleRecord) => String(r.id)}
          label="Rules"
          testId="rules-table"
          empty={
            query.data
              ? 'No rules yet. Trusting a program or ignoring an address from an alert adds one.'
              : 'Loading…'
          }
          columns={[
            { id: 'kind', header: 'Kind', width: '', cell: (r) => kindLabel(r.kind) },
            {
              id: 'value',
              header: 'Value',
              width: '',
              mono: true,
              cell: (r) => <SafeText value={r.value} />,
            },
            {
              id: 'note',
              header: 'Note',
              width: '',
              cell: (r) => <SafeText value={r.note} placeholder="" />,
            },
            {
              id: 'created',
              header: 'Added',
              width: '',
              cell: (r) => <span title={fullTimeText(r.createdAt)}>{timeText(r.createdAt)}</span>,
            },
            {
              id: 'delete',
              header: '',
              width: '',
              cell: (r) => (
                <button
                  type="button"
                  className="button danger small"
                  disabled={busy}
                  onClick={() => void run(() => api.rules.remove({ id: r.id }))}
                >
                  Delete
                </button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
