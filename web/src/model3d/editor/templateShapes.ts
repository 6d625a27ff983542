import type { BufferGeometry, Material, Mesh, Object3D } from 'three';
import type { SceneSpec, SpecObject } from '../types';
import { isTemplate } from './shapes';

/**
 * Templates (table, tree, house…) as the engine builds them, for the editor: their look depends only on shape,
 * parameters and materials, so each distinct one is built once by POST /api/3d/preview (sent without transform or
 * children) and the editor places copies of it under its own transforms. Moving, rotating or scaling a part never asks
 * the server again; recolouring asks for that one template.
 */

/** What a template looks like, as a cache key: shape, parameters and materials (not where it stands). */
export function templateKey(o: SpecObject): string {
  return JSON.stringify([o.shape.toLowerCase(), o.params ?? null, o.material ?? null, o.parts ?? null]);
}

/** Every distinct template in the scene (children included), by key, in the order they first appear. */
export function templatesIn(spec: SceneSpec): Map<string, SpecObject> {
  const out = new Map<string, SpecObject>();
  const walk = (list: SpecObject[]) => {
    for (const o of list) {
      if (isTemplate(o)) {
        const k = templateKey(o);
        if (!out.has(k)) out.set(k, o);
      }
      if (o.children) walk(o.children);
    }
  };
  walk(spec.objects);
  return out;
}

/** The preview request for these templates: one top-level object each, named by its index, with no transform. */
export function previewSpec(templates: SpecObject[]): SceneSpec {
  return {
    version: 1,
    objects: templates.map((o, i) => {
      const one: SpecObject = { name: previewName(i), shape: o.shape };
      if (o.params) one.params = o.params;
      if (o.material) one.material = o.material;
      if (o.parts) one.parts = o.parts;
      return one;
    }),
  };
}

const previewName = (i: number) => `t${i}`;

/**
 * Splits the loaded preview into one object per template: the scene's i-th root node is the i-th template asked for
 * (the engine writes one glTF node per object, in order, named as sent). Throws when the answer does not line up.
 */
export function shapesFromPreview(root: Object3D, keys: string[]): Map<string, Object3D> {
  if (root.children.length !== keys.length)
    throw new Error(`the preview has ${root.children.length} objects for ${keys.length} templates`);
  const out = new Map<string, Object3D>();
  // (copied first: removing a child from the scene below would shift the indices)
  [...root.children].forEach((node, i) => {
    if (node.name !== previewName(i)) throw new Error(`preview object ${i} is "${node.name}", expected "${previewName(i)}"`);
    node.removeFromParent();
    node.position.set(0, 0, 0);
    node.rotation.set(0, 0, 0);
    node.scale.set(1, 1, 1);
    node.updateMatrix();
    out.set(keys[i], node);
  });
  return out;
}

/** Triangles an object draws (indexed or not), children included. */
export function countTriangles(o: Object3D): number {
  let n = 0;
  o.traverse((c) => {
    const g = (c as Mesh).isMesh ? ((c as Mesh).geometry as BufferGeometry) : null;
    if (!g) return;
    n += Math.floor((g.index ? g.index.count : (g.getAttribute('position')?.count ?? 0)) / 3);
  });
  return n;
}

/** A copy for one part of the scene: geometry shared with the cached template, materials its own (for highlighting). */
export function cloneForPart(source: Object3D): Object3D {
  const copy = source.clone(true);
  copy.traverse((c) => {
    const mesh = c as Mesh;
    if (!mesh.isMesh) return;
    mesh.material = Array.isArray(mesh.material) ? mesh.material.map((m) => m.clone()) : (mesh.material as Material).clone();
  });
  return copy;
}

/**
 * Built templates by key. Templates the scene no longer uses are kept a while (an undo brings them back at once) and
 * evicted oldest first beyond {@link ShapeCache.keepUnused}; evicted ones are returned for their GPU buffers to be freed.
 */
export class ShapeCache {
  private readonly entries = new Map<string, Object3D>();

  constructor(readonly keepUnused = 32) {}

  get(key: string): Object3D | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size() {
    return this.entries.size;
  }

  /** Adds (or replaces) templates; the newest are the last to be evicted. */
  add(shapes: Map<string, Object3D>): Object3D[] {
    const replaced: Object3D[] = [];
    for (const [k, v] of shapes) {
      const old = this.entries.get(k);
      if (old && old !== v) replaced.push(old);
      this.entries.delete(k);
      this.entries.set(k, v);
    }
    return replaced;
  }

  /** Evicts the oldest templates that {@code inUse} does not hold, beyond the ones kept for undo; returns them. */
  prune(inUse: Set<string>): Object3D[] {
    const unused = [...this.entries.keys()].filter((k) => !inUse.has(k));
    const evict = unused.slice(0, Math.max(0, unused.length - this.keepUnused));
    return evict.map((k) => {
      const o = this.entries.get(k)!;
      this.entries.delete(k);
      return o;
    });
  }

  /** Empties the cache, returning everything for disposal. */
  clear(): Object3D[] {
    const all = [...this.entries.values()];
    this.entries.clear();
    return all;
  }
}
