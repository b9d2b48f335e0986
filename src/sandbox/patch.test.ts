// Merge, strategic merge and JSON patches.
import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';

describe('patches', () => {
  it('merge patch replaces lists and deletes keys set to null', () => {
    expect(mergePatch({ a: 1, b: [1, 2], c: { d: 1 } }, { a: null, b: [3], c: { e: 2 } })).toEqual({
      b: [3],
      c: { d: 1, e: 2 },
    });
  });
  it('strategic merge merges containers by name, as rollout restart and apply need', () => {
    const target = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    };
    const patched = strategicMergePatch(target, {
      spec: {
        containers: [
          { name: 'b', image: 'z' },
          { name: 'c', $patch: 'delete' },
        ],
      },
    });
    expect(patched).toEqual({
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'z' },
        ],
      },
    });
  });
  it('strategic merge honours $patch: replace and ignores $setElementOrder directives', () => {
    const patched = strategicMergePatch(
      { m: { a: 1, b: 2 } },
      { m: { $patch: 'replace', c: 3 }, '$setElementOrder/x': [] },
    );
    expect(patched).toEqual({ m: { c: 3 } });
  });
  it('JSON patch adds, replaces, removes and fails a test with 422', () => {
    const doc = { data: { a: '1' }, list: [1] };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/data/b', value: '2' },
        { op: 'remove', path: '/data/a' },
        { op: 'add', path: '/list/-', value: 2 },
      ]),
    ).toEqual({ data: { b: '2' }, list: [1, 2] });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/data/a', value: 'no' }])).toThrow('testing value failed');
  });
});
