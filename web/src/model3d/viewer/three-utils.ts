import { Box3, LOD, Mesh, Object3D, Sphere, Vector3, type Material, type PerspectiveCamera, type Texture } from 'three';

/** Frees the GPU buffers, programs and textures an object tree holds (R3F does not dispose <primitive> objects). */
export function disposeObject(root: Object3D | null | undefined) {
  if (!root) return;
  root.traverse((o) => {
    const mesh = o as Mesh;
    if (mesh.geometry) mesh.geometry.dispose();
    const mats = mesh.material ? (Array.isArray(mesh.material) ? mesh.material : [mesh.material]) : [];
    for (const m of mats as Material[]) {
      for (const v of Object.values(m)) if (v && typeof v === 'object' && (v as Texture).isTexture) (v as Texture).dispose();
      m.dispose();
    }
  });
}

export function setWireframe(root: Object3D | null | undefined, on: boolean) {
  root?.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh) return;
    const mats = Array.isArray(mesh.material) ? mesh.material : [mesh.material];
    for (const m of mats) if ('wireframe' in m) (m as Material & { wireframe: boolean }).wireframe = on;
  });
}

/** Moves the camera so the whole box is in view from a pleasant 3/4 angle; returns the point to orbit around. */
export function fitCamera(camera: PerspectiveCamera, box: Box3, margin = 1.05, direction = new Vector3(1, 0.75, 1.2)) {
  const sphere = box.getBoundingSphere(new Sphere());
  const r = Math.max(sphere.radius, 0.01);
  const fov = (camera.fov * Math.PI) / 180;
  const fitFov = camera.aspect < 1 ? 2 * Math.atan(Math.tan(fov / 2) * camera.aspect) : fov;
  const dist = (r * margin) / Math.sin(fitFov / 2);
  camera.position.copy(sphere.center).add(direction.clone().normalize().multiplyScalar(dist));
  camera.near = Math.max(dist / 1000, 0.001);
  camera.far = dist * 100;
  camera.updateProjectionMatrix();
  camera.lookAt(sphere.center);
  return sphere.center.clone();
}

/** A round grid step (0.1, 0.25, 0.5, 1, 2.5, 5, …) for a model of this size. */
export function gridStep(size: number) {
  const raw = Math.max(size, 0.01) / 8;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2.5, 5, 10]) if (raw <= f * p) return f * p;
  return 10 * p;
}

/** Models with at least this many triangles switch to simpler versions (the server's ?lod=1|2 GLBs) when far away. */
export const LOD_FROM_TRIANGLES = 20_000;

/**
 * Camera distances at which level 1 and level 2 take over, for a model of this bounding radius: the viewer frames a
 * model from about 3 radii, so the full model shows until one zooms well out.
 */
export function lodDistances(radius: number): [number, number] {
  const r = Math.max(radius, 0.01);
  return [4 * r, 10 * r];
}

/** Wraps the full-detail model in a three.js LOD; simpler levels are added with {@link addLodLevel} as they arrive. */
export function makeLod(full: Object3D): LOD {
  const lod = new LOD();
  lod.name = 'levels of detail';
  lod.addLevel(full, 0);
  return lod;
}

/** Adds level 1 or 2 at its distance; levels may arrive in any order, three.js keeps them sorted. */
export function addLodLevel(lod: LOD, level: 1 | 2, object: Object3D, radius: number) {
  lod.addLevel(object, lodDistances(radius)[level - 1]);
}
