import { describe, expect, it } from 'vitest';
import { BoxGeometry, Group, Mesh, MeshStandardMaterial, Object3D, SphereGeometry } from 'three';
import type { SceneSpec } from '../types';
import { isTemplate } from './shapes';
import {
  ShapeCache,
  cloneForPart,
  countTriangles,
  previewSpec,
  shapesFromPreview,
  templateKey,
  templatesIn,
} from './templateShapes';

const spec: SceneSpec = {
  version: 1,
  objects: [
    { name: 'table', shape: 'table', params: { width: 1.2 }, transform: { position: [0, 0, 0] }, children: [{ shape: 'cube' }] },
    { name: 'chair 1', shape: 'chair', transform: { position: [1, 0, 0] }, material: { baseColor: '#ff0000' } },
    // the same chair elsewhere, turned: one template
    {
      name: 'chair 2',
      shape: 'Chair',
      transform: { position: [-1, 0, 0], rotation: [0, 180, 0] },
      material: { baseColor: '#ff0000' },
    },
    { name: 'ball', shape: 'ball', children: [{ name: 'lamp', shape: 'lamp', parts: { shade: { baseColor: '#ffffff' } } }] },
  ],
};

/** A loaded preview as GLTFLoader gives it: one root node per template, named as sent. */
function preview(...names: string[]) {
  const root = new Group();
  for (const n of names) {
    const node = new Group();
    node.name = n;
    node.add(new Mesh(new SphereGeometry(0.5, 8, 4), new MeshStandardMaterial()));
    node.add(new Mesh(new BoxGeometry(), new MeshStandardMaterial()));
    root.add(node);
  }
  return root;
}

describe('templates in the editor', () => {
  it('tells templates from the primitives the editor draws itself, aliases included', () => {
    expect(isTemplate({ shape: 'table' })).toBe(true);
    expect(isTemplate({ shape: 'Cube' })).toBe(false);
    expect(isTemplate({ shape: 'donut' })).toBe(false);
    expect(isTemplate({ shape: 'rounded_box' })).toBe(false);
  });

  it('finds each distinct template once, in children too; placement does not matter, materials do', () => {
    const found = templatesIn(spec);
    expect([...found.values()].map((o) => o.name)).toEqual(['table', 'chair 1', 'lamp']);
    expect(templateKey(spec.objects[1])).toBe(templateKey(spec.objects[2]));
    const recoloured = { ...spec.objects[1], material: { baseColor: '#00ff00' } };
    expect(templateKey(recoloured)).not.toBe(templateKey(spec.objects[1]));
  });

  it('asks for templates without transform or children, each named by its index', () => {
    const asked = previewSpec([...templatesIn(spec).values()]);
    expect(asked).toEqual({
      version: 1,
      objects: [
        { name: 't0', shape: 'table', params: { width: 1.2 } },
        { name: 't1', shape: 'chair', material: { baseColor: '#ff0000' } },
        { name: 't2', shape: 'lamp', parts: { shade: { baseColor: '#ffffff' } } },
      ],
    });
  });

  it('maps the preview root nodes to the templates by index, at the origin', () => {
    const root = preview('t0', 't1');
    root.children[1].position.set(3, 0, 0);
    const shapes = shapesFromPreview(root, ['a', 'b']);
    expect(shapes.get('a')?.name).toBe('t0');
    expect(shapes.get('b')?.name).toBe('t1');
    expect(shapes.get('b')?.position.toArray()).toEqual([0, 0, 0]);
    expect(shapes.get('a')?.parent).toBeNull();
    expect(() => shapesFromPreview(preview('t0'), ['a', 'b'])).toThrow(/1 objects for 2 templates/);
    expect(() => shapesFromPreview(preview('t1'), ['a'])).toThrow(/expected "t0"/);
  });

  it('counts the triangles a template draws: more than a box', () => {
    const [template] = shapesFromPreview(preview('t0'), ['a']).values();
    // a sphere of 8×4 segments (48 triangles: the poles are single triangles) and a box (12)
    expect(countTriangles(template)).toBe(48 + 12);
    expect(countTriangles(new Mesh(new BoxGeometry()))).toBe(12);
  });

  it('gives each part its own materials over shared geometry, so that selecting one lights up only it', () => {
    const [template] = shapesFromPreview(preview('t0'), ['a']).values();
    const a = cloneForPart(template);
    const b = cloneForPart(template);
    const meshA = a.children[0] as Mesh;
    const meshB = b.children[0] as Mesh;
    expect(meshA.geometry).toBe(meshB.geometry);
    expect(meshA.material).not.toBe(meshB.material);
    (meshA.material as MeshStandardMaterial).emissive.set('#f97316');
    expect((meshB.material as MeshStandardMaterial).emissive.getHexString()).toBe('000000');
  });

  it('keeps templates the scene no longer uses for undo, and evicts the oldest beyond that', () => {
    const cache = new ShapeCache(2);
    const objects = ['a', 'b', 'c', 'd'].map((k) => Object.assign(new Object3D(), { name: k }));
    cache.add(new Map(objects.map((o) => [o.name, o])));
    expect(cache.prune(new Set(['a']))).toEqual([objects[1]]);
    expect(cache.has('a') && cache.has('c') && cache.has('d')).toBe(true);
    // a re-added template is the newest again
    cache.add(new Map([['c', objects[2]]]));
    const replacement = new Object3D();
    expect(cache.add(new Map([['d', replacement]]))).toEqual([objects[3]]);
    expect(cache.prune(new Set())).toEqual([objects[0]]);
    expect(cache.clear()).toEqual([objects[2], replacement]);
    expect(cache.size).toBe(0);
  });
});
