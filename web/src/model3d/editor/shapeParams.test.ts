import { Box3, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { ShapeParam } from '../types';
import { shapeGeometry } from './SpecScene';
import { parseParam, roundedBoxArgs, shapeInfo, withParam } from './shapeParams';

const LEGS: ShapeParam = { name: 'legs', kind: 'integer', defaultValue: 4, min: 1, max: 12, description: 'number of legs' };
const HEIGHT: ShapeParam = { name: 'height', kind: 'number', defaultValue: 0.75, min: 0.1, max: 5, description: 'height' };

describe('rounded box, as the engine builds it', () => {
  it('takes the engine defaults: 1 m sides, 0.1 m radius, 3 steps per quarter circle at medium', () => {
    expect(roundedBoxArgs(undefined)).toEqual({ width: 1, height: 1, depth: 1, radius: 0.1, segments: 3 });
  });

  it('clamps the radius to half the smallest side, and to the declared minimum', () => {
    expect(roundedBoxArgs({ width: 2, height: 0.4, depth: 1, radius: 5 }).radius).toBe(0.2);
    expect(roundedBoxArgs({ radius: 0 }).radius).toBe(0.001);
    expect(roundedBoxArgs({ radius: -3 }).radius).toBe(0.001);
    expect(roundedBoxArgs({ radius: 'round' }).radius).toBe(0.1);
    expect(roundedBoxArgs({ width: 5000, radius: 0.3 })).toMatchObject({ width: 1000, radius: 0.3 });
  });

  it('rounds with max(1, segments / 8) steps: the override when 3 or more, else the complexity', () => {
    expect(roundedBoxArgs({}, 'low').segments).toBe(1);
    expect(roundedBoxArgs({}, 'high').segments).toBe(6);
    expect(roundedBoxArgs({ segments: 64 }, 'low').segments).toBe(8);
    expect(roundedBoxArgs({ segments: 2 }, 'high').segments).toBe(6);
    expect(roundedBoxArgs({ segments: 5 }).segments).toBe(1);
  });

  it('draws rounded, standing on y = 0 with the full size, where a box stays square', () => {
    const { geometry, placeholder } = shapeGeometry({
      shape: 'rounded_box',
      params: { width: 2, height: 1, depth: 1, radius: 0.25 },
    });
    expect(placeholder).toBe(false);
    geometry.computeBoundingBox();
    const box = geometry.boundingBox!;
    expect(box.min.toArray().map((v) => +v.toFixed(6))).toEqual([-1, 0, -0.5]);
    expect(box.max.toArray().map((v) => +v.toFixed(6))).toEqual([1, 1, 0.5]);
    // no point reaches the sharp corner: the farthest is on the corner's sphere of radius 0.25
    const corner = new Vector3(1, 1, 0.5);
    const centre = new Vector3(0.75, 0.75, 0.25);
    const pos = geometry.getAttribute('position');
    let nearest = Infinity;
    for (let i = 0; i < pos.count; i++) nearest = Math.min(nearest, corner.distanceTo(new Vector3().fromBufferAttribute(pos, i)));
    expect(nearest).toBeCloseTo(corner.distanceTo(centre) - 0.25, 3);
    // as many triangles as the engine's: 6 faces of (2 × 3 + 1)² quads
    expect(pos.count / 3).toBe(6 * 7 * 7 * 2);

    const square = shapeGeometry({ shape: 'box', params: { width: 2, height: 1, depth: 1, radius: 0.25 } }).geometry;
    expect(new Box3().setFromBufferAttribute(square.getAttribute('position') as never).max.toArray()).toEqual([1, 1, 0.5]);
    expect(square.getAttribute('position').count).toBe(24);
  });

  it('follows the aliases and the complexity', () => {
    const low = shapeGeometry({ shape: 'rounded cube' }, 'low').geometry;
    expect(low.getAttribute('position').count / 3).toBe(6 * 3 * 3 * 2);
  });
});

describe('shape parameters, checked as the server checks them', () => {
  it('accepts whole numbers in range and an empty field as the default', () => {
    expect(parseParam(LEGS, '6')).toEqual({ ok: true, value: 6 });
    expect(parseParam(LEGS, ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseParam(LEGS, '')).toEqual({ ok: true, value: undefined });
    expect(parseParam(HEIGHT, '1.25')).toEqual({ ok: true, value: 1.25 });
  });

  it('refuses out of range, fractional and non-numeric values with a reason', () => {
    expect(parseParam(LEGS, '13')).toEqual({ ok: false, error: 'Must be at most 12.' });
    expect(parseParam(LEGS, '0')).toEqual({ ok: false, error: 'Must be at least 1.' });
    expect(parseParam(LEGS, '2.5')).toEqual({ ok: false, error: 'Enter a whole number.' });
    expect(parseParam(HEIGHT, 'tall')).toEqual({ ok: false, error: 'Enter a number.' });
    expect(parseParam(HEIGHT, '0.05')).toEqual({ ok: false, error: 'Must be at least 0.1.' });
  });

  it('checks colours and text length', () => {
    const c: ShapeParam = { name: 'tint', kind: 'color', defaultValue: '#ffffff', min: 7, max: 7, description: '' };
    expect(parseParam(c, '#a0b1c2')).toEqual({ ok: true, value: '#a0b1c2' });
    expect(parseParam(c, 'red').ok).toBe(false);
    const t: ShapeParam = { name: 'text', kind: 'text', defaultValue: 'Hi', min: 0, max: 3, description: '' };
    expect(parseParam(t, 'abc')).toEqual({ ok: true, value: 'abc' });
    expect(parseParam(t, 'abcd')).toEqual({ ok: false, error: 'At most 3 characters.' });
  });

  it('sets and removes one parameter, leaving the others', () => {
    const o = { shape: 'table', params: { legs: 4, height: 1 } };
    expect(withParam(o, 'legs', 6).params).toEqual({ legs: 6, height: 1 });
    expect(withParam(o, 'legs', undefined).params).toEqual({ height: 1 });
    expect(withParam({ shape: 'table', params: { legs: 3 } }, 'legs', undefined)).toEqual({ shape: 'table' });
    expect(o.params).toEqual({ legs: 4, height: 1 });
  });

  it('finds the catalogue entry by alias', () => {
    const catalog = [{ name: 'rounded_box', summary: '', template: false, params: [], parts: [] }];
    expect(shapeInfo(catalog, { shape: 'Rounded Box' })?.name).toBe('rounded_box');
    expect(shapeInfo(catalog, { shape: 'rounded_box' })?.name).toBe('rounded_box');
    expect(shapeInfo(null, { shape: 'rounded_box' })).toBeUndefined();
  });
});
