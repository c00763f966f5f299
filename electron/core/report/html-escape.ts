// Text into HTML: every character that could open markup, an attribute or an entity is escaped,
// and control characters (other than tab and newline) are shown as \xNN text, bidi controls as
// \uNNNN text, never passed raw.
import { showBidiControls } from './bidi-controls';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return showBidiControls(text)
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
}
