import { createContext, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Object3D } from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { describeError } from '../../shared/errors';
import { previewGlb } from '../service';
import type { Complexity, SceneSpec, SpecObject } from '../types';
import { disposeObject } from '../viewer/three-utils';
import { ShapeCache, previewSpec, shapesFromPreview, templatesIn } from './templateShapes';

/** Waits this long after the last change before asking for new templates (a colour being dragged is one request). */
const DEBOUNCE_MS = 250;

export type TemplateStatus = { state: 'ready' } | { state: 'loading'; count: number } | { state: 'error'; message: string };

/** The built templates the scene's parts draw copies of; `version` changes whenever one arrives. */
export interface TemplateShapes {
  get(key: string): Object3D | undefined;
  version: number;
}

export const TemplateShapesContext = createContext<TemplateShapes>({ get: () => undefined, version: 0 });

/**
 * Keeps every template of the scene built by the server (POST /api/3d/preview): templates that are not yet cached
 * are asked for together, debounced; until they arrive (or when the server refuses) parts show a placeholder box.
 */
export function useTemplateShapes(
  spec: SceneSpec,
  complexity: Complexity,
): { shapes: TemplateShapes; status: TemplateStatus; retry: () => void } {
  const cache = useRef<ShapeCache | null>(null);
  cache.current ??= new ShapeCache();
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState<{ keys: string; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);

  const inScene = useMemo(() => templatesIn(spec), [spec]);
  // (`version` is a dependency because it says the cache changed)
  const missing = useMemo(() => [...inScene].filter(([k]) => !cache.current!.has(k)), [inScene, version]);
  const missingKeys = missing.map(([k]) => k).join('\n');
  const latest = useRef({ missing, inScene });
  latest.current = { missing, inScene };

  useEffect(() => {
    if (!missingKeys) return;
    const ac = new AbortController();
    const timer = setTimeout(() => {
      const asked: [string, SpecObject][] = latest.current.missing;
      previewGlb(previewSpec(asked.map(([, o]) => o)), complexity, ac.signal)
        .then((bytes) => new GLTFLoader().parseAsync(bytes, ''))
        .then((gltf) => {
          if (ac.signal.aborted) return disposeObject(gltf.scene);
          const shapes = shapesFromPreview(
            gltf.scene,
            asked.map(([k]) => k),
          );
          const c = cache.current!;
          for (const old of c.add(shapes)) disposeObject(old);
          for (const old of c.prune(new Set(latest.current.inScene.keys()))) disposeObject(old);
          setFailed(null);
          setVersion((v) => v + 1);
        })
        .catch((e) => {
          if (!ac.signal.aborted) setFailed({ keys: missingKeys, message: describeError(e, 'load') });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [missingKeys, complexity, attempt]);

  // Free every template's GPU buffers when the editor closes.
  useEffect(() => () => cache.current?.clear().forEach(disposeObject), []);

  const shapes = useMemo<TemplateShapes>(() => ({ get: (k) => cache.current!.get(k), version }), [version]);
  const status: TemplateStatus = !missingKeys
    ? { state: 'ready' }
    : failed?.keys === missingKeys
      ? { state: 'error', message: failed.message }
      : { state: 'loading', count: missing.length };
  const retry = useCallback(() => {
    setFailed(null);
    setAttempt((n) => n + 1);
  }, []);
  return { shapes, status, retry };
}
