import { OrbitControls } from '@react-three/drei';
import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Box3, Group, Sphere, Spherical, Vector3, type PerspectiveCamera } from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { ExpandIcon, FocusIcon, ShrinkIcon, WireframeIcon } from '../icons';
import { authUrl } from '../service';
import { FloorGrid, Lights } from './Stage';
import { LOD_FROM_TRIANGLES, addLodLevel, disposeObject, fitCamera, gridStep, makeLod, setWireframe } from './three-utils';

interface Props {
  modelId: string;
  url: string;
  version: number | null;
  name: string;
  /** The model's triangle count: large models get simpler levels of detail for far-away views. */
  triangles?: number;
}

type Load = { state: 'loading' } | { state: 'ready'; scene: Group; box: Box3 } | { state: 'error'; message: string };

/** Handles to the live scene for the HTML controls outside the canvas. */
interface Rig {
  camera: PerspectiveCamera;
  controls: OrbitControlsImpl | null;
  invalidate: () => void;
}

function RigBridge({ rig }: { rig: { current: Rig | null } }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    rig.current = { camera, controls, invalidate };
  }, [camera, controls, invalidate, rig]);
  return null;
}

/** Frames the model once it arrives and whenever fitKey changes (Fit to view, resize to fullscreen). */
function Fit({ box, fitKey }: { box: Box3; fitKey: number }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  const size = useThree((s) => s.size);
  useEffect(() => {
    const target = fitCamera(camera, box);
    if (controls) {
      controls.target.copy(target);
      controls.update();
    }
    invalidate();
  }, [box, fitKey, camera, controls, invalidate, size.width, size.height]);
  return null;
}

export default function ModelViewer({ modelId, url, version, name, triangles }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [wireframe, setWire] = useState(false);
  const [lodLevels, setLodLevels] = useState(1);
  const wireRef = useRef(false);
  wireRef.current = wireframe;
  const [fitKey, setFitKey] = useState(0);
  const [fullscreen, setFullscreen] = useState(false);
  const [rendered, setRendered] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const rig = useRef<Rig | null>(null);

  const large = (triangles ?? 0) >= LOD_FROM_TRIANGLES;

  useEffect(() => {
    let alive = true;
    let loaded: Group | null = null;
    setLoad({ state: 'loading' });
    setRendered(false);
    setLodLevels(1);
    const loader = new GLTFLoader();
    loader
      .loadAsync(authUrl(url, { version: version ?? undefined }))
      .then((gltf) => {
        if (!alive) return disposeObject(gltf.scene);
        const box = new Box3().setFromObject(gltf.scene);
        if (!large) {
          loaded = gltf.scene;
          setLoad({ state: 'ready', scene: gltf.scene, box });
          return;
        }
        // A large model: show it at once, then fetch the simpler levels for far-away views in the background.
        const lod = makeLod(gltf.scene);
        const root = new Group();
        root.add(lod);
        loaded = root;
        setLoad({ state: 'ready', scene: root, box });
        const radius = box.getBoundingSphere(new Sphere()).radius;
        for (const level of [1, 2] as const) {
          loader.loadAsync(authUrl(url, { version: version ?? undefined, lod: level })).then(
            (simpler) => {
              if (!alive) return disposeObject(simpler.scene);
              setWireframe(simpler.scene, wireRef.current);
              addLodLevel(lod, level, simpler.scene, radius);
              setLodLevels(lod.levels.length);
              rig.current?.invalidate();
            },
            () => undefined, // the full model stays; far views just cost more
          );
        }
      })
      .catch((e: unknown) => {
        if (alive) setLoad({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      alive = false;
      disposeObject(loaded);
    };
  }, [url, version, modelId, large]);

  useEffect(() => {
    if (load.state !== 'ready') return;
    setWireframe(load.scene, wireframe);
    rig.current?.invalidate();
  }, [wireframe, load]);

  useEffect(() => {
    const on = () => {
      setFullscreen(document.fullscreenElement === wrap.current);
      setFitKey((k) => k + 1);
    };
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);

  function toggleFullscreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void wrap.current?.requestFullscreen?.().catch(() => undefined);
  }

  /** Arrow keys orbit, +/- zoom, F fits: the same as the mouse, for keyboard users. */
  function onKey(e: KeyboardEvent) {
    const r = rig.current;
    if (!r || !r.controls) return;
    const target = r.controls.target;
    const offset = new Vector3().subVectors(r.camera.position, target);
    const s = new Spherical().setFromVector3(offset);
    const step = Math.PI / 18;
    switch (e.key) {
      case 'ArrowLeft':
        s.theta -= step;
        break;
      case 'ArrowRight':
        s.theta += step;
        break;
      case 'ArrowUp':
        s.phi = Math.max(0.05, s.phi - step);
        break;
      case 'ArrowDown':
        s.phi = Math.min(Math.PI - 0.05, s.phi + step);
        break;
      case '+':
      case '=':
        s.radius *= 0.85;
        break;
      case '-':
      case '_':
        s.radius /= 0.85;
        break;
      case 'f':
      case 'F':
        setFitKey((k) => k + 1);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    r.camera.position.copy(target).add(new Vector3().setFromSpherical(s));
    r.camera.lookAt(target);
    r.controls.update();
    r.invalidate();
  }

  const box = load.state === 'ready' ? load.box : null;
  const size = box ? box.getSize(new Vector3()) : null;
  const extent = size ? Math.max(size.x, size.y, size.z) : 1;

  return (
    <div
      ref={wrap}
      className="group/viewer relative h-full w-full bg-surface-2"
      data-state={load.state === 'ready' && rendered ? 'ready' : load.state}
      data-lod-levels={lodLevels}
    >
      <div
        className="h-full w-full outline-none focus-visible:ring-2 focus-visible:ring-focus focus-visible:ring-inset"
        tabIndex={0}
        role="img"
        aria-label={`3D view of ${name}. Drag or use the arrow keys to turn it, + and - to zoom, F to fit.`}
        onKeyDown={onKey}
      >
        <Canvas
          frameloop="demand"
          dpr={[1, 2]}
          camera={{ fov: 40, position: [3, 2.2, 3.6] }}
          gl={{ antialias: true, alpha: true }}
          onCreated={({ gl }) => gl.setClearColor(0x000000, 0)}
          aria-hidden="true"
        >
          <Lights />
          <OrbitControls makeDefault enableDamping={false} />
          <RigBridge rig={rig} />
          {load.state === 'ready' && box && (
            <>
              <primitive object={load.scene} />
              <FloorGrid y={box.min.y} step={gridStep(extent)} extent={extent * 6} />
              <Fit box={box} fitKey={fitKey} />
              <FirstFrame onDone={() => setRendered(true)} />
            </>
          )}
        </Canvas>
      </div>
      {load.state === 'loading' && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-muted" role="status">
          Loading model…
        </div>
      )}
      {load.state === 'error' && (
        <div className="absolute inset-0 flex items-center justify-center p-4 text-center text-sm text-muted" role="alert">
          Could not load the 3D file. Try downloading it instead.
        </div>
      )}
      <div
        className="absolute right-2 bottom-2 flex gap-1 rounded-lg border border-line bg-surface/90 p-0.5 shadow-sm backdrop-blur"
        role="toolbar"
        aria-label="View"
      >
        <ToolButton label="Wireframe" pressed={wireframe} onClick={() => setWire((w) => !w)}>
          <WireframeIcon width={16} height={16} />
        </ToolButton>
        <ToolButton label="Fit to view" onClick={() => setFitKey((k) => k + 1)}>
          <FocusIcon width={16} height={16} />
        </ToolButton>
        <ToolButton label={fullscreen ? 'Exit full screen' : 'Full screen'} onClick={toggleFullscreen}>
          {fullscreen ? <ShrinkIcon width={16} height={16} /> : <ExpandIcon width={16} height={16} />}
        </ToolButton>
      </div>
    </div>
  );
}

/** Marks the viewer ready after the first frame with the model has been drawn (tests and screenshots wait for it). */
function FirstFrame({ onDone }: { onDone: () => void }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    invalidate();
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => onDone());
    });
    return () => cancelAnimationFrame(id);
  }, [invalidate, onDone]);
  return null;
}

export function ToolButton({
  label,
  pressed,
  onClick,
  children,
  disabled,
}: {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  children: React.ReactNode;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
      className={`inline-flex h-8 w-8 items-center justify-center rounded-md transition-colors disabled:opacity-40 ${
        pressed ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-surface-2 hover:text-fg'
      }`}
    >
      {children}
    </button>
  );
}
