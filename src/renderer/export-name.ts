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
