// Starts a browser download of an export link the core handed back (the browser mode). Only a
// same-origin link is followed: the answer comes from the core, but it is still checked.
export function startDownload(url: string): boolean {
  let target: URL;
  try {
    target = new URL(url, window.location.href);
  } catch {
    return false;
  }
  if (target.origin !== window.location.origin) return false;
  const a = document.createElement('a');
  a.href = target.href;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return true;
}
