// The Secret's YAML: masked values until revealed, exact base64 rebuilt from the hex view.

import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { base64Of, bytesFromHexDump, MASK, secretYaml } from './secret-yaml';

const secret = { name: 'db', namespace: 'team', type: 'Opaque', labels: { app: 'web' }, annotations: {} };

it('masks every value until revealed, and shows the base64 of revealed keys only', () => {
  const masked = secretYaml(secret, ['password', 'user']);
  expect(parse(masked)).toEqual({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'team', labels: { app: 'web' } },
    type: 'Opaque',
    data: { password: MASK, user: MASK },
  });
  const shown = parse(secretYaml(secret, ['password', 'user'], new Map([['password', 'cHc=']])));
  expect(shown.data).toEqual({ password: 'cHc=', user: MASK });
});

it('rebuilds every byte from the hex view (as main writes it), including a partial last line', () => {
  const lines = [
    '00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|',
    '00000010  ff 41 0a                                          |.A.|',
  ];
  const bytes = Uint8Array.from([...Array(16).keys(), 0xff, 0x41, 0x0a]);
  expect(bytesFromHexDump(lines)).toEqual(bytes);
  expect(bytesFromHexDump([])).toEqual(new Uint8Array());
  expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
});
