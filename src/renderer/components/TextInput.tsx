// A bare text input named for screen readers, whose change hands over the new text: for rows of controls without a visible label.

export interface TextInputProps {
  /** Accessible name. */
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'search';
  placeholder?: string;
  className?: string;
}

export function TextInput({ label, value, onChange, type = 'text', placeholder, className }: TextInputProps) {
  return (
    <input
      type={type}
      className={className}
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
