// Turns an offline file's text into plain documents, refusing hostile input with a clear bad_file error.
import { parseAllDocuments, type YAMLError } from 'yaml';
import { AppError } from '../../shared/errors';
import { MAX_OFFLINE_FILE_BYTES } from '../../shared/ipc/transfer';
import { lineAndColumn, scanJson } from '../values/json-text';

const MiB = 1024 * 1024;
/** Largest file we open at all; kubectl's JSON for a few thousand Secrets fits easily. */
export const MAX_FILE_BYTES = MAX_OFFLINE_FILE_BYTES;
/** The YAML parser needs ~0.2 s and a lot of memory per MiB, so YAML gets a lower limit than JSON. */
export const MAX_YAML_BYTES = 8 * MiB;
/** Kubernetes objects nest a handful of levels; anything this deep is hostile or not a manifest. */
export const MAX_DEPTH = 64;
/** YAML aliases expanded per document; a Secret manifest needs none, a "billion laughs" needs many. */
export const MAX_ALIASES = 100;

export interface ParsedFile {
  format: 'json' | 'yaml';
  documents: unknown[];
}

const FIX_KUBECTL = 'Save the Secrets again with `kubectl get secret NAME -o yaml` (or `-o json`) and open that file.';

export function badFile(message: string, fix = FIX_KUBECTL): AppError {
  return new AppError('bad_file', message, fix);
}

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/** Refuses a file over the limit before any parsing; `bytes` is the file's size. */
export function checkSize(fileName: string, bytes: number, limit = MAX_FILE_BYTES): void {
  if (bytes > limit) {
    throw badFile(
      `"${fileName}" is ${mib(bytes)}; Strongroom opens files up to ${mib(limit)}.`,
      'Save fewer Secrets per file, for example one namespace at a time with `kubectl get secrets -n NS -o json`.',
    );
  }
}

function looksLikeJson(fileName: string, text: string): boolean {
  if (/\.json$/i.test(fileName)) return true;
  if (/\.ya?ml$/i.test(fileName)) return false;
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

function parseJson(fileName: string, text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The engine's message quotes the text around the error, which may be a secret: keep only the position.
    const offset = jsonErrorOffset(text, (error as Error).message);
    const where = offset === undefined ? 'it ends too early' : at(text, offset);
    throw badFile(`"${fileName}" is not valid JSON: ${where}.`);
  }
  const issue = scanJson(text, MAX_DEPTH);
  if (issue?.reason === 'too-deep') {
    throw badFile(`"${fileName}" nests deeper than ${MAX_DEPTH} levels (${at(text, issue.offset)}); no Secret does.`);
  }
  if (issue?.reason === 'duplicate-key') {
    throw badFile(
      `"${fileName}" repeats the key "${short(issue.key ?? '')}" in one object (${at(text, issue.offset)}), so it is unclear which value counts.`,
      'Remove one of the two entries and open the file again.',
    );
  }
  return { format: 'json', documents: [value] };
}

/** The offset JSON.parse stopped at, if the error is before the end of the text. */
function errorBefore(text: string, length: number): number | undefined {
  try {
    JSON.parse(text.slice(0, length));
    return undefined;
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    if (position !== undefined) return Number(position) < length ? Number(position) : undefined;
    return /end of JSON input/.test((error as Error).message) ? undefined : length - 1;
  }
}

/**
 * Where a JSON syntax error sits. V8 gives a position for most errors but not for "Unexpected
 * token"; then the shortest prefix that fails for a reason other than its end finds it.
 */
function jsonErrorOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  if (/end of JSON input/.test(message)) return undefined;
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (errorBefore(text, mid) === undefined) lo = mid + 1;
    else hi = mid;
  }
  return errorBefore(text, lo) ?? lo - 1;
}

function at(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `the problem is at line ${line}, column ${column}`;
}

/** Shortens a key name for a message; key names are not secret, but may be long. */
export function short(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

function yamlProblem(error: YAMLError): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return 'a key is repeated in one mapping, so it is unclear which value counts';
    case 'RESOURCE_EXHAUSTION':
      return 'it nests or repeats aliases far beyond any Secret manifest';
    case 'TAB_AS_INDENT':
      return 'it indents with a tab, which YAML does not allow';
    default:
      return `the YAML syntax is broken (${error.code})`;
  }
}

function parseYaml(fileName: string, text: string): ParsedFile {
  checkSize(fileName, Buffer.byteLength(text), MAX_YAML_BYTES);
  const documents: unknown[] = [];
  try {
    const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
    const list = Array.isArray(parsed) ? parsed : [];
    list.forEach((doc, n) => {
      const error = doc.errors[0];
      if (error) {
        const where = error.linePos ? `line ${error.linePos[0].line}` : `document ${n + 1}`;
        throw badFile(`"${fileName}" is not valid YAML at ${where}: ${yamlProblem(error)}.`);
      }
      documents.push(doc.toJS({ maxAliasCount: MAX_ALIASES }));
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // toJS throws ReferenceError on an alias bomb and RangeError when nesting exhausts the stack.
    throw badFile(`"${fileName}" cannot be read safely: it nests or repeats aliases far beyond any Secret manifest.`);
  }
  return { format: 'yaml', documents };
}

/** Parses the text as JSON or (multi-document) YAML, by extension or, failing that, by its first character. */
export function parseDocuments(fileName: string, text: string): ParsedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw badFile(`"${fileName}" is empty.`);
  return looksLikeJson(fileName, body) ? parseJson(fileName, body) : parseYaml(fileName, body);
}
