import { OrbitControls } from '@react-three/drei';
import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { SpecNode } from '../editor/SpecScene';
import type { SpecObject } from '../types';
import { FloorGrid, Lights } from '../viewer/Stage';

const SHAPES = ['box', 'sphere', 'cylinder', 'cone', 'pyramid', 'torus', 'capsule', 'prism', 'wedge', 'table'];
const COLOURS = ['#e4572e', '#29335c', '#f3a712', '#669bbc', '#a8c686', '#8e7dbe', '#2a9d8f', '#e76f51'];

export interface FpsResult {
  objects: number;
  frames: number;
  seconds: number;
  medianFps: number;
  p95FrameMs: number;
  meanFps: number;
  renderer: string;
}

declare global {
  interface Window {
    __fps?: FpsResult;
  }
}

/**
 * Renders `objects` parts (the editor's shapes, continuously orbiting) and measures requestAnimationFrame intervals
 * for `seconds` after a one-second warm-up. The result lands in window.__fps and on the page.
 */
export default function FpsBench({ objects = 50, seconds = 5 }: { objects?: number; seconds?: number }) {
  const scene = useMemo<SpecObject[]>(() => {
    const side = Math.ceil(Math.sqrt(objects));
    return Array.from({ length: objects }, (_, i) => ({
      name: `part ${i + 1}`,
      shape: SHAPES[i % SHAPES.length],
      transform: {
        position: [((i % side) - side / 2) * 1.6, 0, (Math.floor(i / side) - side / 2) * 1.6],
        rotation: [0, (i * 37) % 360, 0],
      },
      material: { baseColor: COLOURS[i % COLOURS.length], roughness: 0.5, metalness: i % 3 === 0 ? 0.3 : 0 },
    }));
  }, [objects]);

  useEffect(() => {
    const deltas: number[] = [];
    let last = 0;
    let start = 0;
    let raf = 0;
    const warmup = performance.now() + 1000;
    const tick = (t: number) => {
      if (t >= warmup) {
        if (!start) start = t;
        else deltas.push(t - last);
        last = t;
      }
      if (!start || t - start < seconds * 1000) raf = requestAnimationFrame(tick);
      else {
        const sorted = [...deltas].sort((a, b) => a - b);
        const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        const gl = document.createElement('canvas').getContext('webgl2');
        const info = gl?.getExtension('WEBGL_debug_renderer_info');
        const result: FpsResult = {
          objects,
          frames: deltas.length,
          seconds: (t - start) / 1000,
          medianFps: Math.round((1000 / q(0.5)) * 10) / 10,
          p95FrameMs: Math.round(q(0.95) * 10) / 10,
          meanFps: Math.round((deltas.length / ((t - start) / 1000)) * 10) / 10,
          renderer: gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown',
        };
        window.__fps = result;
        const out = document.getElementById('fps-result');
        if (out) out.textContent = JSON.stringify(result);
      }
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [objects, seconds]);

  return (
    <>
      <Canvas dpr={1} camera={{ fov: 45, position: [10, 8, 12] }} style={{ background: '#eef0f3' }}>
        <Lights />
        <OrbitControls autoRotate autoRotateSpeed={4} enableDamping={false} />
        {scene.map((o, i) => (
          <SpecNode key={i} o={o} complexity="medium" path={[i]} selected={null} onSelect={() => {}} register={() => {}} />
        ))}
        <FloorGrid step={1} extent={60} />
      </Canvas>
      <pre id="fps-result" style={{ font: '12px monospace' }} />
    </>
  );
}
