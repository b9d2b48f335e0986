// Terminal escaping: controls, C1 and bidi overrides become visible escapes; layout survives where wanted.
import { describe, expect, it } from 'vitest';
import { escapeForTerminal, escapeName } from './terminal';

describe('terminal escaping', () => {
  it('escapes ESC, NUL, DEL, C1 controls and bidi overrides in a name, tabs and newlines too', () => {
    expect(escapeName('a\u001b[31mb\u0000c\u007fd\u009be\u202ef\tg\nh')).toBe(
      'a\\x1b[31mb\\x00c\\x7fd\\x9be\\u202ef\\x09g\\x0ah',
    );
  });

  it('keeps tabs and newlines of whole output, and leaves ordinary text and non-Latin names alone', () => {
    expect(escapeForTerminal('NAME\tTYPE\nprod\u001b]0;x\u0007\tOpaque\n')).toBe(
      'NAME\tTYPE\nprod\\x1b]0;x\\x07\tOpaque\n',
    );
    expect(escapeForTerminal('données-é ✓ ⏎ 秘密')).toBe('données-é ✓ ⏎ 秘密');
  });
});
