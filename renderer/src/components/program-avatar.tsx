// A program's "icon": its initial on a colour derived from its path, so the same program always
// looks the same and different programs rarely collide. No image is ever loaded from data.
import { memo } from 'react';

function hue(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return Math.abs(h) % 360;
}

export const ProgramAvatar = memo(function ProgramAvatar({ name, exe }: { name: string; exe: string }) {
  // The first letter or digit only: never a control or bidi character.
  const initial = /[\p{L}\p{N}]/u.exec(name)?.[0]?.toUpperCase() ?? '?';
  return (
    <span className="avatar" style={{ background: `hsl(${hue(exe || name)} 50% 38%)` }} aria-hidden="true">
      {initial}
    </span>
  );
});
