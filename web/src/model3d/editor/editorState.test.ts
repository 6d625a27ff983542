import { describe, expect, it } from 'vitest';
import type { SceneSpec } from '../types';
import { composeModel, flatten, getAt, initHistory, reducer, removeAt, updateAt } from './editorState';

const spec: SceneSpec = {
  version: 1,
  objects: [
    { name: 'yellow box', shape: 'box', children: [{ shape: 'sphere' }] },
    { name: 'green pyramid', shape: 'pyramid', transform: { position: [0, 2, 0] } },
  ],
};

describe('editor state', () => {
  it('addresses, updates and removes nested parts immutably', () => {
    expect(getAt(spec, [0, 0])?.shape).toBe('sphere');
    const moved = updateAt(spec, [0, 0], (o) => ({ ...o, transform: { position: [1, 2, 3] } }));
    expect(getAt(moved, [0, 0])?.transform?.position).toEqual([1, 2, 3]);
    expect(getAt(spec, [0, 0])?.transform).toBeUndefined();
    const removed = removeAt(moved, [0, 0]);
    expect(removed.objects[0].children).toBeUndefined();
    expect(flatten(spec).map((r) => [r.name, r.depth])).toEqual([
      ['yellow box', 0],
      ['sphere', 1],
      ['green pyramid', 0],
    ]);
  });

  it('undoes and redoes, dropping the redo stack on a new change and a selection that no longer exists', () => {
    let h = initHistory(spec);
    h = reducer(h, { type: 'select', path: [1] });
    h = reducer(h, { type: 'apply', spec: removeAt(h.present, [1]) });
    expect(h.present.objects).toHaveLength(1);
    expect(h.selected).toBeNull();
    h = reducer(h, { type: 'undo' });
    expect(h.present).toBe(spec);
    h = reducer(h, { type: 'redo' });
    expect(h.present.objects).toHaveLength(1);
    h = reducer(h, { type: 'undo' });
    h = reducer(h, { type: 'apply', spec: updateAt(h.present, [0], (o) => ({ ...o, material: { baseColor: '#ff0000' } })) });
    expect(h.future).toHaveLength(0);
    expect(reducer(h, { type: 'redo' })).toBe(h);
  });

  it('composes another model beside the scene', () => {
    const other: SceneSpec = { version: 1, objects: [{ shape: 'sphere', transform: { position: [0, 0, 0] } }] };
    const out = composeModel(spec, other, 'ball');
    expect(out.objects).toHaveLength(3);
    expect(out.objects[2].name).toBe('ball');
    expect(out.objects[2].transform?.position?.[0]).toBeGreaterThan(1);
  });
});
