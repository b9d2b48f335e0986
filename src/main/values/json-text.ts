// Token-level JSON helpers: re-indent without touching a token, and find duplicate keys or deep nesting.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Index just past the closing quote of the string that opens at `start`; text.length if unterminated. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    let slashes = 0;
    for (let j = quote - 1; j > start && text.charCodeAt(j) === 0x5c; j--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** Index just past a number or literal (`true`, `-1.5e3`…) that starts at `start`. */
function scalarEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (WS.has(c) || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a) break;
    i++;
  }
  return Math.max(i, start + 1);
}

function skipWs(text: string, from: number): number {
  let i = from;
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Re-indents valid JSON. Strings, numbers and literals are copied byte for byte, so big numbers,
 * `1.0`, escapes and duplicate keys survive, unlike `JSON.stringify(JSON.parse(text))`.
 */
export function prettyJson(text: string, indent = '  '): string {
  const out: string[] = [];
  let depth = 0;
  const newline = () => `\n${indent.repeat(depth)}`;
  let i = skipWs(text, 0);
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '{' || c === '[') {
      const next = skipWs(text, i + 1);
      if (text[next] === (c === '{' ? '}' : ']')) {
        out.push(c === '{' ? '{}' : '[]');
        i = next + 1;
      } else {
        depth++;
        out.push(c, newline());
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out.push(newline(), c);
      i++;
    } else if (c === ',') {
      out.push(',', newline());
      i++;
    } else if (c === ':') {
      out.push(': ');
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      out.push(text.slice(i, end));
      i = end;
    } else {
      const end = scalarEnd(text, i);
      out.push(text.slice(i, end));
      i = end;
    }
    i = skipWs(text, i);
  }
  return out.join('');
}

/** Something JSON.parse accepts but we refuse or must report. */
export interface JsonIssue {
  reason: 'too-deep' | 'duplicate-key';
  /** Character offset in the text. */
  offset: number;
  /** The repeated key, as written. */
  key?: string;
}

interface Frame {
  keys: Set<string> | null;
  awaitingKey: boolean;
}

/**
 * Finds the first nesting deeper than `maxDepth` or the first key repeated within one object.
 * Linear in the text and iterative, so hostile input cannot exhaust the stack or hang it.
 */
export function scanJson(text: string, maxDepth: number): JsonIssue | undefined {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) return { reason: 'too-deep', offset: i };
      stack.push({ keys: c === 0x7b ? new Set() : null, awaitingKey: c === 0x7b });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.awaitingKey = true;
      i++;
    } else if (c === 0x22) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.awaitingKey) {
        const raw = text.slice(i, end);
        const key = raw.includes('\\') ? safeUnquote(raw) : raw.slice(1, -1);
        if (top.keys.has(key)) return { reason: 'duplicate-key', offset: i, key };
        top.keys.add(key);
        top.awaitingKey = false;
      }
      i = end;
    } else i++;
  }
  return undefined;
}

function safeUnquote(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    // Malformed escapes: JSON.parse of the whole text reports them; compare as written meanwhile.
    return raw;
  }
}

/** 1-based line and column of a character offset, for error messages that point into a file. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < stop; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: stop - lineStart + 1 };
}
