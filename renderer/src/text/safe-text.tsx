// Shows untrusted text: React text nodes only, hidden characters as marked escapes, isolated from
// the surrounding layout's direction so right-to-left text cannot reorder neighbouring columns.
import { memo } from 'react';
import { hasHiddenCharacters, visiblePieces, visibleText } from './visible-text';

interface SafeTextProps {
  value: string | null | undefined;
  /** Shown when value is null or empty, styled as absent rather than as data. */
  placeholder?: string;
  className?: string;
  /** Put the full (escaped) text in a tooltip, for cells that truncate. */
  title?: boolean;
}

export const SafeText = memo(function SafeText({
  value,
  placeholder = '—',
  className,
  title,
}: SafeTextProps) {
  if (value === null || value === undefined || value === '') {
    return <span className={`absent ${className ?? ''}`}>{placeholder}</span>;
  }
  const tip = title ? visibleText(value) : undefined;
  if (!hasHiddenCharacters(value)) {
    return (
      <bdi className={className} title={tip}>
        {value}
      </bdi>
    );
  }
  return (
    <bdi className={className} title={tip}>
      {visiblePieces(value).map((piece, i) =>
        piece.escaped ? (
          <span key={i} className="escaped-char">
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
    </bdi>
  );
});
