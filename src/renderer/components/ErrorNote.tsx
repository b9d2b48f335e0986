// An inline error: what went wrong and, when known, what to do about it.
import type { ErrorData } from '../../shared/errors';

export function ErrorNote({ error }: { error: ErrorData | undefined }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      <p className="error-message">{error.message}</p>
      {error.fix && <p className="error-fix">{error.fix}</p>}
    </div>
  );
}
