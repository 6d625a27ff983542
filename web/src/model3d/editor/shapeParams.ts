import type { Complexity, ShapeInfo, ShapeParam, SpecObject } from '../types';
import { canonicalShape } from './shapes';

/** The engine's segments around a full circle per complexity (mesh Complexity.radialSegments). */
const RADIAL_SEGMENTS: Record<Complexity, number> = { low: 12, medium: 24, high: 48 };

/** A primitive's number as the engine reads it: a given number clamped to the declared range, else the default. */
function engineNumber(p: SpecObject['params'], name: string, def: number, min: number, max: number): number {
  const v = p?.[name];
  if (typeof v !== 'number' || Number.isNaN(v)) return def;
  return Math.max(min, Math.min(max, v));
}

export interface RoundedBoxArgs {
  width: number;
  height: number;
  depth: number;
  radius: number;
  /** Steps per quarter circle of the rounding (three's RoundedBoxGeometry `segments`). */
  segments: number;
}

/**
 * A rounded box's size, corner radius and rounding steps exactly as the mesh engine takes them (PrimitiveShapes'
 * "rounded_box" and RoundedBoxGeometry): sizes and radius clamped to 0.001..1000 (defaults 1 and 0.1), the radius then
 * to half the smallest side, and max(1, segments / 8) steps per quarter circle, where segments is the spec's override
 * when it is 3 or more, else the complexity's.
 */
export function roundedBoxArgs(p: SpecObject['params'], complexity: Complexity = 'medium'): RoundedBoxArgs {
  const width = engineNumber(p, 'width', 1, 0.001, 1000);
  const height = engineNumber(p, 'height', 1, 0.001, 1000);
  const depth = engineNumber(p, 'depth', 1, 0.001, 1000);
  const asked = engineNumber(p, 'radius', 0.1, 0.001, 1000);
  const radius = Math.max(1e-6, Math.min(asked, width / 2, height / 2, depth / 2));
  const override = Math.round(engineNumber(p, 'segments', 0, 0, 256));
  const radial = override >= 3 ? override : RADIAL_SEGMENTS[complexity];
  return { width, height, depth, radius, segments: Math.max(1, Math.floor(radial / 8)) };
}

/** The catalogue entry for a spec object's shape (aliases resolved), if the server knows it. */
export function shapeInfo(catalog: ShapeInfo[] | null, o: SpecObject): ShapeInfo | undefined {
  const name = canonicalShape(o.shape).replace(/ /g, '_');
  return catalog?.find((s) => s.name === name);
}

/** What the user typed for one parameter, read as the server's validator would: the value to set, or why not. */
export type ParamInput = { ok: true; value: number | string | undefined } | { ok: false; error: string };

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

/**
 * Checks a typed value against the parameter's kind and range (SceneSpecValidator's rules), so nothing the server
 * would refuse is applied. An empty field means the shape's default (`value` undefined: the parameter is left out).
 */
export function parseParam(spec: ShapeParam, text: string): ParamInput {
  const t = text.trim();
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      if (t === '') return { ok: true, value: undefined };
      const v = Number(t);
      if (!Number.isFinite(v)) return { ok: false, error: 'Enter a number.' };
      if (spec.kind === 'integer' && !Number.isInteger(v)) return { ok: false, error: 'Enter a whole number.' };
      if (v < spec.min) return { ok: false, error: `Must be at least ${fmt(spec.min)}.` };
      if (v > spec.max) return { ok: false, error: `Must be at most ${fmt(spec.max)}.` };
      return { ok: true, value: v };
    }
    case 'color':
      if (t === '') return { ok: true, value: undefined };
      return /^#[0-9a-fA-F]{6}$/.test(t) ? { ok: true, value: t } : { ok: false, error: 'Enter a colour like #ff8800.' };
    case 'text':
      // (text is taken as typed, spaces included: it is what the engine writes)
      return text.length > spec.max ? { ok: false, error: `At most ${fmt(spec.max)} characters.` } : { ok: true, value: text };
  }
}

/** The object with one parameter set, or removed (undefined) so the engine uses its default. */
export function withParam(o: SpecObject, name: string, value: number | string | undefined): SpecObject {
  const params = { ...o.params };
  if (value === undefined) delete params[name];
  else params[name] = value;
  const next: SpecObject = { ...o, params };
  if (!Object.keys(params).length) delete next.params;
  return next;
}

/** A hint for the input: what the parameter means and its allowed range. */
export function paramHint(spec: ShapeParam): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.description}; ${fmt(spec.min)} to ${fmt(spec.max)}, default ${spec.defaultValue}`;
    case 'integer':
      return `${spec.description}; whole number ${fmt(spec.min)} to ${fmt(spec.max)}, default ${spec.defaultValue}`;
    case 'color':
      return `${spec.description}; default ${spec.defaultValue}`;
    case 'text':
      return `${spec.description}; at most ${fmt(spec.max)} characters`;
  }
}
