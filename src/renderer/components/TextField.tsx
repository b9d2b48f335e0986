// A labelled input: the visible label above, a short accessible name for tests and screen readers.
import type { Ref } from 'react';

export interface TextFieldProps {
  label: string;
  /** Accessible name; defaults to the label. */
  name?: string;
  value: string;
  onChange(value: string): void;
  /** `password` masks the value; `autoComplete` tells password managers what it is. */
  type?: 'text' | 'password';
  autoComplete?: 'off' | 'new-password' | 'current-password';
  /** Lets a screen move focus here (the lock screen's passphrase). */
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ label, name, value, onChange, type = 'text', autoComplete, inputRef }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        ref={inputRef}
        type={type}
        aria-label={name ?? label}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
