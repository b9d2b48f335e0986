// Makes text safe for a terminal: control characters in names (ESC, NUL, C1, bidi overrides) are shown escaped, never sent raw.

/** C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this file's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const UNSAFE_KEEPING_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A name, cell or value for one line: every control character escaped, tabs and newlines too. */
export function escapeName(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** Whole output for a terminal: as `escapeName`, but the tabs and newlines that lay it out are kept. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE_KEEPING_LAYOUT, escaped);
}
