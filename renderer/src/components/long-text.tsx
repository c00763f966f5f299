// Untrusted text that may run to pages (a browser's command line): two lines at first, the rest
// a click away, so one alert cannot push every other off the screen.
import { useState } from 'react';
import { SafeText } from '../text/safe-text';

/** Longer than this, the text starts folded. */
const FOLD_OVER_CHARS = 240;

export function LongText({ value }: { value: string }) {
  const [open, setOpen] = useState(false);
  if (value.length <= FOLD_OVER_CHARS) return <SafeText value={value} />;
  return (
    <>
      <SafeText value={value} className={open ? undefined : 'folded'} />{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Show less' : 'Show all'}
      </button>
    </>
  );
}
