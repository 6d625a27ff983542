import type { SpecObject } from '../types';

/** Names the engine also accepts for its primitives (the mesh engine's shape catalogue). */
const ALIASES: Record<string, string> = {
  cube: 'box',
  block: 'box',
  crate: 'box',
  'rounded box': 'rounded_box',
  'rounded cube': 'rounded_box',
  ball: 'sphere',
  orb: 'sphere',
  globe: 'sphere',
  marble: 'sphere',
  egg: 'ellipsoid',
  oval: 'ellipsoid',
  column: 'cylinder',
  pillar: 'cylinder',
  disc: 'cylinder',
  disk: 'cylinder',
  tube: 'cylinder',
  pipe: 'cylinder',
  barrel: 'cylinder',
  spike: 'cone',
  pill: 'capsule',
  donut: 'torus',
  doughnut: 'torus',
  ring: 'torus',
  tetrahedron: 'pyramid',
  hexagon: 'prism',
  ground: 'plane',
  floor: 'plane',
  ramp: 'wedge',
  slope: 'wedge',
};

/** Shapes the editor draws itself from their parameters; every other shape is a template the engine builds. */
export const DRAWN_PRIMITIVES = new Set([
  'box',
  'rounded_box',
  'sphere',
  'ellipsoid',
  'cylinder',
  'cone',
  'capsule',
  'torus',
  'pyramid',
  'prism',
  'plane',
  'wedge',
]);

/** The catalogue name of a shape, aliases resolved ("cube" → "box"). */
export function canonicalShape(shape: string): string {
  const s = shape.toLowerCase();
  return ALIASES[s] ?? s;
}

/** True for templates (table, tree, house…): shapes whose look only the engine knows. */
export function isTemplate(o: SpecObject): boolean {
  return !DRAWN_PRIMITIVES.has(canonicalShape(o.shape));
}
