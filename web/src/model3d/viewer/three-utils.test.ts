import { describe, expect, it } from 'vitest';
import { BoxGeometry, Mesh, MeshBasicMaterial, PerspectiveCamera } from 'three';
import { addLodLevel, lodDistances, makeLod } from './three-utils';

function named(name: string) {
  const m = new Mesh(new BoxGeometry(1, 1, 1), new MeshBasicMaterial());
  m.name = name;
  return m;
}

describe('levels of detail for large models', () => {
  it('shows the full model close up and the simpler levels as the camera moves away', () => {
    const radius = 2;
    const lod = makeLod(named('full'));
    // Levels may arrive out of order.
    addLodLevel(lod, 2, named('lod2'), radius);
    addLodLevel(lod, 1, named('lod1'), radius);
    expect(lod.levels.map((l) => l.distance)).toEqual([0, ...lodDistances(radius)]);

    const camera = new PerspectiveCamera();
    const shown = (distance: number) => {
      camera.position.set(0, 0, distance);
      camera.updateMatrixWorld();
      lod.updateMatrixWorld();
      lod.update(camera);
      return lod.levels.find((l) => l.object.visible)?.object.name;
    };
    expect(shown(6)).toBe('full'); // about where the viewer frames a model of radius 2
    expect(shown(12)).toBe('lod1');
    expect(shown(30)).toBe('lod2');
    expect(shown(5)).toBe('full');
  });
});
