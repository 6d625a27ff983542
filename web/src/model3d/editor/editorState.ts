import type { SceneSpec, SpecObject } from '../types';

/** A part's address: indices from the top-level objects down through `children`. */
export type Path = number[];
export const pathKey = (p: Path) => p.join('.');

export function getAt(spec: SceneSpec, path: Path): SpecObject | undefined {
  let list = spec.objects;
  let o: SpecObject | undefined;
  for (const i of path) {
    o = list[i];
    if (!o) return undefined;
    list = o.children ?? [];
  }
  return o;
}

function mapList(list: SpecObject[], path: Path, fn: (o: SpecObject) => SpecObject | null): SpecObject[] {
  const [i, ...rest] = path;
  const out: SpecObject[] = [];
  list.forEach((o, k) => {
    if (k !== i) return out.push(o);
    if (rest.length === 0) {
      const n = fn(o);
      if (n) out.push(n);
      return;
    }
    const children = mapList(o.children ?? [], rest, fn);
    out.push({ ...o, children: children.length ? children : undefined });
  });
  return out;
}

export function updateAt(spec: SceneSpec, path: Path, fn: (o: SpecObject) => SpecObject): SceneSpec {
  return { ...spec, objects: mapList(spec.objects, path, fn) };
}

export function removeAt(spec: SceneSpec, path: Path): SceneSpec {
  return { ...spec, objects: mapList(spec.objects, path, () => null) };
}

export interface PartRow {
  path: Path;
  depth: number;
  name: string;
  shape: string;
}

export function flatten(spec: SceneSpec): PartRow[] {
  const rows: PartRow[] = [];
  const walk = (list: SpecObject[], prefix: Path) =>
    list.forEach((o, i) => {
      const path = [...prefix, i];
      rows.push({ path, depth: prefix.length, name: o.name || o.shape, shape: o.shape });
      if (o.children) walk(o.children, path);
    });
  walk(spec.objects, []);
  return rows;
}

/** Undo/redo history of whole specs (they are small: at most 500 objects). */
export interface History {
  past: SceneSpec[];
  present: SceneSpec;
  future: SceneSpec[];
  selected: Path | null;
  /** Consecutive changes with the same key (dragging a colour picker) make one undo step. */
  coalesce?: string | null;
}

export type Action =
  | { type: 'apply'; spec: SceneSpec; select?: Path | null; coalesce?: string }
  | { type: 'select'; path: Path | null }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; spec: SceneSpec };

const LIMIT = 100;

export function initHistory(spec: SceneSpec): History {
  return { past: [], present: spec, future: [], selected: null };
}

function validSelection(spec: SceneSpec, sel: Path | null) {
  return sel && getAt(spec, sel) ? sel : null;
}

export function reducer(h: History, a: Action): History {
  switch (a.type) {
    case 'apply':
      if (a.spec === h.present) return h;
      if (a.coalesce && h.coalesce === a.coalesce)
        return { ...h, present: a.spec, selected: validSelection(a.spec, a.select === undefined ? h.selected : a.select) };
      return {
        coalesce: a.coalesce ?? null,
        past: [...h.past, h.present].slice(-LIMIT),
        present: a.spec,
        future: [],
        selected: validSelection(a.spec, a.select === undefined ? h.selected : a.select),
      };
    case 'select':
      return { ...h, selected: a.path, coalesce: null };
    case 'undo': {
      if (!h.past.length) return h;
      const prev = h.past[h.past.length - 1];
      return {
        past: h.past.slice(0, -1),
        present: prev,
        future: [h.present, ...h.future],
        selected: validSelection(prev, h.selected),
      };
    }
    case 'redo': {
      if (!h.future.length) return h;
      const next = h.future[0];
      return {
        past: [...h.past, h.present],
        present: next,
        future: h.future.slice(1),
        selected: validSelection(next, h.selected),
      };
    }
    case 'reset':
      return initHistory(a.spec);
  }
}

export const PRIMITIVES = [
  'box',
  'rounded_box',
  'sphere',
  'cylinder',
  'cone',
  'pyramid',
  'torus',
  'capsule',
  'prism',
  'wedge',
  'plane',
];

/** A new primitive, placed beside the scene's existing parts so it does not disappear inside them. */
export function newPrimitive(shape: string, spec: SceneSpec, color = '#4f8fd6'): SpecObject {
  const n = spec.objects.length;
  const x = sceneExtentX(spec) + 0.8;
  return { name: `${shape} ${n + 1}`, shape, transform: { position: [round(x), 0, 0] }, material: { baseColor: color } };
}

/** The right-most top-level position (a rough layout hint, not a bounding box). */
export function sceneExtentX(spec: SceneSpec): number {
  let max = 0;
  for (const o of spec.objects) {
    const p = o.transform?.position?.[0] ?? 0;
    const s = Math.abs(o.transform?.scale?.[0] ?? 1);
    const w = Number(o.params?.width ?? o.params?.length ?? (Number(o.params?.radius ?? 0.5) * 2 || 1));
    max = Math.max(max, p + (w * s) / 2);
  }
  return max;
}

/** Copies another model's parts into this scene, shifted to the right of what is there. */
export function composeModel(spec: SceneSpec, other: SceneSpec, label: string): SceneSpec {
  const dx = sceneExtentX(spec) + 1 + sceneHalfWidth(other);
  const objects = other.objects.map((o, i) => {
    const p = o.transform?.position ?? [0, 0, 0];
    return {
      ...structuredClone(o),
      name: `${label}${other.objects.length > 1 ? ` ${i + 1}` : ''}`.slice(0, 100),
      transform: { ...o.transform, position: [round(p[0] + dx), p[1], p[2]] },
    };
  });
  return { ...spec, objects: [...spec.objects, ...objects].slice(0, 500) };
}

function sceneHalfWidth(spec: SceneSpec) {
  let min = 0;
  for (const o of spec.objects) min = Math.min(min, o.transform?.position?.[0] ?? 0);
  return Math.max(0.5, -min + 0.5);
}

export const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
