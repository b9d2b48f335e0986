// A labelled text input: the visible label above, a short accessible name for tests and screen readers.

export interface TextFieldProps {
  label: string;
  /** Accessible name; defaults to the label. */
  name?: string;
  value: string;
  onChange(value: string): void;
}

export function TextField({ label, name, value, onChange }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="text" aria-label={name ?? label} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
