// A labelled file picker that hands over the one file chosen, and clears itself so the same file can be chosen again.
import type { ReactNode } from 'react';

export interface FileInputProps {
  /** The label's class: `field` for a form row, `drop` for a large drop area. */
  className: 'field' | 'drop';
  /** Visible text shown before (a field) or after (a drop area) the input; as its label, it is also the input's name. */
  caption: ReactNode;
  accept?: string;
  /** Gets the chosen file; nothing happens when the choice is cancelled. */
  onFile(file: File): Promise<void> | void;
}

export function FileInput({ className, caption, accept, onFile }: FileInputProps) {
  return (
    <label className={className}>
      {className === 'field' && caption}
      <input
        type="file"
        accept={accept}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) await onFile(file);
        }}
      />
      {className === 'drop' && caption}
    </label>
  );
}
