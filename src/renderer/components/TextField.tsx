// A labelled input: the visible label above, which is also its accessible name (what is read is what is shown).
import type { Ref } from 'react';

export interface TextFieldProps {
  /** The visible label and the accessible name. */
  label: string;
  value: string;
  onChange(value: string): void;
  /** `password` masks the value; `autoComplete` tells password managers what it is. */
  type?: 'text' | 'password';
  autoComplete?: 'off' | 'new-password' | 'current-password';
  /** Lets a screen move focus here (the lock screen's passphrase). */
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ label, value, onChange, type = 'text', autoComplete, inputRef }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        ref={inputRef}
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
