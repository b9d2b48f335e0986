// A labelled input: the visible label above, a short accessible name for tests and screen readers.

export interface TextFieldProps {
  label: string;
  /** Accessible name; defaults to the label. */
  name?: string;
  value: string;
  onChange(value: string): void;
  /** `password` masks the value; `autoComplete` tells password managers what it is. */
  type?: 'text' | 'password';
  autoComplete?: 'off' | 'new-password' | 'current-password';
}

export function TextField({ label, name, value, onChange, type = 'text', autoComplete }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        aria-label={name ?? label}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
