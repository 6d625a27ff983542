import { useThree, type ThreeEvent } from '@react-three/fiber';
import { useCallback, useContext, useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  BufferGeometry,
  CapsuleGeometry,
  ConeGeometry,
  CylinderGeometry,
  ExtrudeGeometry,
  PlaneGeometry,
  Shape,
  SphereGeometry,
  TorusGeometry,
  type Mesh,
  type MeshStandardMaterial,
  type Object3D,
} from 'three';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import type { Complexity, SpecObject } from '../types';
import { pathKey, type Path } from './editorState';
import { roundedBoxArgs } from './shapeParams';
import { canonicalShape, isTemplate } from './shapes';
import { cloneForPart, templateKey } from './templateShapes';
import { TemplateShapesContext } from './useTemplateShapes';

const num = (p: SpecObject['params'], k: string, d: number) => {
  const v = p?.[k];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d;
};

/**
 * three.js geometry for a spec shape, standing on y = 0 and centred on x/z like the mesh engine's. Primitives are
 * rebuilt from their parameters; templates (table, tree, …) get a bounding placeholder, shown until the engine's
 * build of the template arrives (see useTemplateShapes).
 */
export function shapeGeometry(
  o: SpecObject,
  complexity: Complexity = 'medium',
): { geometry: BufferGeometry; placeholder: boolean } {
  const shape = canonicalShape(o.shape);
  const p = o.params;
  const seg = 32;
  let g: BufferGeometry;
  switch (shape) {
    case 'box': {
      const h = num(p, 'height', 1);
      g = new BoxGeometry(num(p, 'width', 1), h, num(p, 'depth', 1)).translate(0, h / 2, 0);
      break;
    }
    case 'rounded_box': {
      const a = roundedBoxArgs(p, complexity);
      g = new RoundedBoxGeometry(a.width, a.height, a.depth, a.segments, a.radius).translate(0, a.height / 2, 0);
      break;
    }
    case 'sphere': {
      const r = num(p, 'radius', 0.5);
      g = new SphereGeometry(r, seg, seg / 2).translate(0, r, 0);
      break;
    }
    case 'ellipsoid': {
      const ry = num(p, 'radiusY', 0.55);
      g = new SphereGeometry(1, seg, seg / 2).scale(num(p, 'radiusX', 0.4), ry, num(p, 'radiusZ', 0.4)).translate(0, ry, 0);
      break;
    }
    case 'cylinder': {
      const r = num(p, 'radius', 0.5);
      const h = num(p, 'height', 1);
      g = new CylinderGeometry(r, r, h, seg).translate(0, h / 2, 0);
      break;
    }
    case 'cone': {
      const h = num(p, 'height', 1);
      g = new ConeGeometry(num(p, 'radius', 0.5), h, seg).translate(0, h / 2, 0);
      break;
    }
    case 'capsule': {
      const r = num(p, 'radius', 0.25);
      const l = typeof p?.length === 'number' ? Math.max(0, p.length) : 0.5;
      g = new CapsuleGeometry(r, l, 8, seg).translate(0, l / 2 + r, 0);
      break;
    }
    case 'torus': {
      const tube = num(p, 'tube', 0.12);
      g = new TorusGeometry(num(p, 'radius', 0.4), tube, 16, seg).rotateX(Math.PI / 2).translate(0, tube, 0);
      break;
    }
    case 'pyramid': {
      const sides = Math.max(3, Math.round(num(p, 'sides', 4)));
      const h = num(p, 'height', 1);
      const circum = num(p, 'base', 1) / (2 * Math.sin(Math.PI / sides));
      g = new ConeGeometry(sides === 4 ? num(p, 'base', 1) / Math.SQRT2 : circum, h, sides)
        .rotateY(Math.PI / sides)
        .translate(0, h / 2, 0);
      break;
    }
    case 'prism': {
      const sides = Math.max(3, Math.round(num(p, 'sides', 6)));
      const r = num(p, 'radius', 0.5);
      const h = num(p, 'height', 1);
      g = new CylinderGeometry(r, r, h, sides).translate(0, h / 2, 0);
      break;
    }
    case 'plane':
      g = new PlaneGeometry(num(p, 'width', 2), num(p, 'depth', 2)).rotateX(-Math.PI / 2);
      break;
    case 'wedge': {
      const w = num(p, 'width', 1);
      const h = num(p, 'height', 0.5);
      const d = num(p, 'depth', 1);
      const s = new Shape();
      s.moveTo(-w / 2, 0);
      s.lineTo(w / 2, 0);
      s.lineTo(-w / 2, h);
      s.closePath();
      g = new ExtrudeGeometry(s, { depth: d, bevelEnabled: false }).translate(0, 0, -d / 2);
      break;
    }
    default: {
      const h = num(p, 'height', num(p, 'length', 1));
      const r = typeof p?.radius === 'number' ? p.radius * 2 : 0;
      const w = num(p, 'width', num(p, 'length', num(p, 'wingspan', r || h * 0.6)));
      const d = num(p, 'depth', w);
      return { geometry: new BoxGeometry(w, h, d).translate(0, h / 2, 0), placeholder: true };
    }
  }
  return { geometry: g, placeholder: false };
}

const DEG = Math.PI / 180;

interface NodeProps {
  o: SpecObject;
  /** The model's complexity: how finely the engine rounds (rounded boxes follow it). */
  complexity: Complexity;
  path: Path;
  selected: string | null;
  onSelect: (p: Path) => void;
  register: (key: string, obj: Object3D | null) => void;
}

/** A part drawn as the engine builds it: a copy of the cached template with materials of its own, lit up when selected. */
function TemplateMesh({
  source,
  selected,
  partKey,
  onClick,
}: {
  source: Object3D;
  selected: boolean;
  partKey: string;
  onClick: () => void;
}) {
  const copy = useMemo(() => cloneForPart(source), [source]);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(
    () => () =>
      copy.traverse((c) => {
        const mesh = c as Mesh;
        if (mesh.isMesh) (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).forEach((m) => m.dispose());
      }),
    [copy],
  );
  useEffect(() => {
    copy.traverse((c) => {
      const mesh = c as Mesh;
      if (!mesh.isMesh) return;
      mesh.userData.partKey = partKey;
      for (const m of Array.isArray(mesh.material) ? mesh.material : [mesh.material]) {
        const lit = m as MeshStandardMaterial;
        if (!lit.emissive) continue;
        lit.emissive.set(selected ? '#f97316' : '#000000');
        lit.emissiveIntensity = selected ? 0.35 : 0;
      }
    });
    invalidate();
  }, [copy, selected, partKey, invalidate]);
  return (
    <primitive
      object={copy}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        e.stopPropagation();
        onClick();
      }}
    />
  );
}

/** One spec object (and its children) as a group with its transform and a mesh for its shape. */
export function SpecNode({ o, complexity, path, selected, onSelect, register }: NodeProps) {
  const key = pathKey(path);
  const templates = useContext(TemplateShapesContext);
  const template = isTemplate(o) ? templates.get(templateKey(o)) : undefined;
  const { geometry, placeholder } = useMemo(() => shapeGeometry(o, complexity), [o, complexity]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  // A stable ref callback: React calls it only on mount, unmount, or when the part's address changes.
  const ref = useCallback((g: Object3D | null) => register(key, g), [key, register]);
  const t = o.transform;
  const m = o.material;
  const isSel = selected === key;
  const color = m?.baseColor ?? (placeholder ? '#9aa3b2' : '#b0b0b0');
  const opacity = placeholder ? Math.min(m?.opacity ?? 1, 0.55) : (m?.opacity ?? 1);
  return (
    <group
      ref={ref}
      position={(t?.position ?? [0, 0, 0]) as [number, number, number]}
      rotation={(t?.rotation ?? [0, 0, 0]).map((v) => v * DEG) as [number, number, number]}
      scale={(t?.scale ?? [1, 1, 1]) as [number, number, number]}
    >
      {template ? (
        <TemplateMesh source={template} selected={isSel} partKey={key} onClick={() => onSelect(path)} />
      ) : (
        <>
          <mesh
            geometry={geometry}
            onClick={(e: ThreeEvent<MouseEvent>) => {
              e.stopPropagation();
              onSelect(path);
            }}
            userData={{ partKey: key }}
          >
            <meshStandardMaterial
              color={color}
              metalness={m?.metalness ?? 0}
              roughness={m?.roughness ?? 0.6}
              transparent={opacity < 1}
              opacity={opacity}
              emissive={isSel ? '#f97316' : '#000000'}
              emissiveIntensity={isSel ? 0.35 : 0}
              wireframe={false}
            />
          </mesh>
          {placeholder && (
            <lineSegments>
              <edgesGeometry args={[geometry]} />
              <lineBasicMaterial color={isSel ? '#f97316' : '#5b6472'} />
            </lineSegments>
          )}
        </>
      )}
      {o.children?.map((c, i) => (
        <SpecNode
          key={i}
          o={c}
          complexity={complexity}
          path={[...path, i]}
          selected={selected}
          onSelect={onSelect}
          register={register}
        />
      ))}
    </group>
  );
}
