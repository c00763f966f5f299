// An untrusted executable path in a narrow cell: the folder shrinks with an ellipsis, the file
// name always stays in view (it is what a person looks for). Same escaping as SafeText.
import { memo } from 'react';
import { SafeText } from './safe-text';
import { visibleText } from './visible-text';

export const PathText = memo(function PathText({ value }: { value: string | null | undefined }) {
  if (!value) return <SafeText value={value} />;
  const cut = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1;
  if (cut <= 0 || cut >= value.length) return <SafeText value={value} title />;
  return (
    <span className="path-text" title={visibleText(value)}>
      <SafeText className="path-dir" value={value.slice(0, cut)} />
      <SafeText className="path-base" value={value.slice(cut)} />
    </span>
  );
});
