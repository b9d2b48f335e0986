// The name an export form proposes, and how it follows a change of format without losing what the user typed.

/** The proposed name: `base` plus the format's extension. */
export function proposedName(base: string, extension: string): string {
  return `${base}.${extension}`;
}

/**
 * The field's value after the proposal changes (another format or target): a name the user typed
 * stays as typed; the untouched proposal (or an emptied field) follows, so only its extension changes.
 */
export function followProposal(current: string, previousProposal: string, nextProposal: string): string {
  return current === previousProposal || current.trim() === '' ? nextProposal : current;
}

/** A name the contract accepts: no folder separators, no control characters. */
export function safeFileName(name: string): string {
  const cleaned = Array.from(name, (c) => (c < ' ' || c === '/' || c === '\\' ? '-' : c))
    .join('')
    .trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'strongroom-export' : cleaned.slice(0, 200);
}
