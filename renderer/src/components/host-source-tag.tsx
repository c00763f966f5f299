// Says where a host name came from, so a name the program asked for and the reverse DNS of a
// CDN's machine are never confused: reverse DNS gets a muted "reverse" tag, an asked name none.
import type { HostSource } from '../../../shared/model';
import { SafeText } from '../text/safe-text';

const REVERSE_HINT =
  'Reverse DNS of the address (or the hosts file): not the name the program asked for. ' +
  'With kernel events on, netwatch shows the name the program looked up instead.';

export function HostSourceTag({ host, source }: { host: string | null; source?: HostSource | null }) {
  if (host === null || host === '' || source === 'asked') return null;
  return (
    <span className="host-tag" title={REVERSE_HINT} data-testid="host-reverse">
      reverse
    </span>
  );
}

interface HostTextProps {
  /** What the cell shows: the host alone, or "host:port". */
  text: string | null;
  host: string | null;
  source?: HostSource | null;
  placeholder?: string;
}

/** A host (or endpoint) in a cell that cuts long text: the name is cut, never the tag after it. */
export function HostText({ text, host, source, placeholder }: HostTextProps) {
  return (
    <span className="host-text">
      <SafeText value={text} placeholder={placeholder} title />
      <HostSourceTag host={host} source={source} />
    </span>
  );
}
