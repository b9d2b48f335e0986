// Editing a proxy URL whose user and password the vault holds: they are never shown, and kept unless replaced or let go.

export function KeptCredentials({
  label,
  checked,
  onChange,
}: {
  /** What is kept, e.g. "Keep the proxy user and password saved in the vault". */
  label: string;
  checked: boolean;
  onChange(keep: boolean): void;
}) {
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      <p className="muted small">
        They are not shown here. Type new ones in the URL (http://user:password@host:port) to replace them.
      </p>
    </>
  );
}
