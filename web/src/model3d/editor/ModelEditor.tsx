import { OrbitControls, TransformControls } from '@react-three/drei';
import { Canvas, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Box3, type Group, type Object3D, type PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { ApiError } from '../../shared/api';
import { describeError } from '../../shared/errors';
import { Button, IconButton } from '../../shared/ui/Button';
import { CloseIcon, PlusIcon, TrashIcon } from '../../shared/ui/icons';
import { RedoIcon, UndoIcon } from '../icons';
import { fetchModelDetail, listAssets, saveVersion } from '../service';
import type { Complexity, ModelDetail, ModelSummary, SceneSpec, SpecObject } from '../types';
import { FloorGrid, Lights } from '../viewer/Stage';
import { fitCamera } from '../viewer/three-utils';
import {
  PRIMITIVES,
  composeModel,
  flatten,
  getAt,
  initHistory,
  newPrimitive,
  pathKey,
  reducer,
  removeAt,
  round,
  updateAt,
  type Path,
} from './editorState';
import { CatalogNotice, ParamFields, useShapeCatalog, type ShapeCatalog } from './ParamFields';
import { shapeInfo } from './shapeParams';
import { SpecNode, shapeGeometry } from './SpecScene';
import { isTemplate } from './shapes';
import { countTriangles, templateKey } from './templateShapes';
import { TemplateShapesContext, useTemplateShapes, type TemplateShapes, type TemplateStatus } from './useTemplateShapes';

type Mode = 'translate' | 'rotate' | 'scale';
const MODES: { mode: Mode; label: string; key: string }[] = [
  { mode: 'translate', label: 'Move', key: 'W' },
  { mode: 'rotate', label: 'Rotate', key: 'E' },
  { mode: 'scale', label: 'Scale', key: 'R' },
];
const EMPTY: SceneSpec = { version: 1, objects: [] };
const DEG = 180 / Math.PI;

function isTyping(t: EventTarget | null) {
  const el = t as HTMLElement | null;
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el.isContentEditable) return true;
  return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'color'].includes(el.type);
}

function FitOnce({ root, fitKey }: { root: { current: Group | null }; fitKey: number }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!root.current || !fitKey) return;
    const box = new Box3().setFromObject(root.current);
    if (box.isEmpty()) return;
    const target = fitCamera(camera, box, 1.2);
    if (controls) {
      controls.target.copy(target);
      controls.update();
    }
    invalidate();
  }, [fitKey, camera, controls, invalidate, root]);
  return null;
}

export default function ModelEditor({ modelId, onClose }: { modelId: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [detail, setDetail] = useState<ModelDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [h, dispatch] = useReducer(reducer, EMPTY, initHistory);
  const [mode, setMode] = useState<Mode>('translate');
  const [fitKey, setFitKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [picker, setPicker] = useState(false);
  const [addShape, setAddShape] = useState('box');
  const objects = useRef(new Map<string, Object3D>());
  const root = useRef<Group>(null);
  const lastDragEnd = useRef(0);
  const [, bump] = useState(0);

  const spec = h.present;
  const selKey = h.selected ? pathKey(h.selected) : null;
  const selObj = h.selected ? getAt(spec, h.selected) : undefined;
  const rows = useMemo(() => flatten(spec), [spec]);
  const complexity = detail?.options?.complexity ?? 'medium';
  const templates = useTemplateShapes(spec, complexity);
  const shapeCatalog = useShapeCatalog();

  useEffect(() => {
    const d = dialog.current;
    const returnTo = document.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal?.();
    return () => returnTo?.focus?.();
  }, []);

  useEffect(() => {
    const ac = new AbortController();
    fetchModelDetail(modelId, ac.signal).then(
      (d) => {
        setDetail(d);
        if (d.spec) dispatch({ type: 'reset', spec: d.spec });
        else setLoadError('This model has no editable scene yet.');
        setTimeout(() => setFitKey((k) => k + 1), 0);
      },
      (e) => {
        if (!ac.signal.aborted) setLoadError(describeError(e, 'load'));
      },
    );
    return () => ac.abort();
  }, [modelId]);

  const register = useCallback((key: string, o: Object3D | null) => {
    const prev = objects.current.get(key);
    if (o) objects.current.set(key, o);
    else if (prev) objects.current.delete(key);
    // Re-render once so the gizmo can attach to a part that mounted after it was selected.
    if (o && prev !== o) bump((n) => n + 1);
  }, []);

  const select = useCallback((p: Path | null) => dispatch({ type: 'select', path: p }), []);
  const apply = (next: SceneSpec, extra: { select?: Path | null; coalesce?: string } = {}) => {
    setSaved(null);
    setSaveErrors([]);
    dispatch({ type: 'apply', spec: next, ...extra });
  };
  const patchSelected = (fn: (o: SpecObject) => SpecObject, coalesce?: string) => {
    if (h.selected) apply(updateAt(spec, h.selected, fn), { coalesce });
  };

  function commitGizmo() {
    lastDragEnd.current = performance.now();
    const o = selKey ? objects.current.get(selKey) : undefined;
    if (!o || !h.selected) return;
    const r = (v: number) => round(v);
    patchSelected((x) => ({
      ...x,
      transform: {
        position: o.position.toArray().map(r),
        rotation: [o.rotation.x, o.rotation.y, o.rotation.z].map((v) => round(v * DEG, 3)),
        scale: o.scale.toArray().map((v) => (Math.abs(v) < 0.001 ? 0.001 : r(v))),
      },
    }));
  }

  function deleteSelected() {
    if (!h.selected) return;
    apply(removeAt(spec, h.selected), { select: null });
  }

  function addPrimitive() {
    const o = newPrimitive(addShape, spec);
    apply({ ...spec, objects: [...spec.objects, o] }, { select: [spec.objects.length] });
    setTimeout(() => setFitKey((k) => k + 1), 0);
  }

  async function addModel(m: ModelSummary) {
    setPicker(false);
    try {
      const other = await fetchModelDetail(m.id);
      if (!other.spec) throw new Error('no spec');
      apply(composeModel(spec, other.spec, m.name), { select: [spec.objects.length] });
      setTimeout(() => setFitKey((k) => k + 1), 0);
    } catch (e) {
      setSaveErrors([`Could not add “${m.name}”: ${describeError(e, 'load')}`]);
    }
  }

  async function save() {
    setSaving(true);
    setSaveErrors([]);
    setSaved(null);
    try {
      const d = await saveVersion(modelId, spec);
      setDetail(d);
      setSaved(`Saved as version ${d.version}. Everyone in the conversation sees it now.`);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setSaveErrors(e.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)));
      } else setSaveErrors([describeError(e)]);
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === 'z' || e.key === 'Z') && !isTyping(e.target)) {
      e.preventDefault();
      dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
    } else if (mod && (e.key === 'y' || e.key === 'Y') && !isTyping(e.target)) {
      e.preventDefault();
      dispatch({ type: 'redo' });
    } else if (!mod && !isTyping(e.target)) {
      const m = MODES.find((x) => x.key === e.key.toUpperCase());
      if (m) setMode(m.mode);
      else if ((e.key === 'Delete' || e.key === 'Backspace') && h.selected) {
        e.preventDefault();
        deleteSelected();
      }
    }
  }

  const target = selKey ? objects.current.get(selKey) : undefined;
  const name = detail?.name ?? 'model';

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="model-editor"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      className="m-auto h-[calc(100dvh-2rem)] max-h-none w-[calc(100vw-2rem)] max-w-6xl overflow-hidden rounded-2xl border border-line bg-surface p-0 text-fg shadow-2xl"
    >
      <div className="flex h-full flex-col">
        <header className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5">
          <h2 id={titleId} className="min-w-0 flex-1 truncate text-base font-semibold">
            Edit “{name}”
            {detail?.version ? <span className="ml-2 text-sm font-normal text-muted">version {detail.version}</span> : null}
          </h2>
          <IconButton label="Undo (Ctrl+Z)" disabled={!h.past.length} onClick={() => dispatch({ type: 'undo' })}>
            <UndoIcon />
          </IconButton>
          <IconButton label="Redo (Ctrl+Shift+Z)" disabled={!h.future.length} onClick={() => dispatch({ type: 'redo' })}>
            <RedoIcon />
          </IconButton>
          <Button variant="primary" disabled={saving || !spec.objects.length || !h.past.length} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save as new version'}
          </Button>
          <IconButton label="Close editor" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </header>
        {(saveErrors.length > 0 || saved) && (
          <div
            role={saveErrors.length ? 'alert' : 'status'}
            className={`border-b border-line px-4 py-2 text-sm ${saveErrors.length ? 'bg-danger-soft text-danger' : 'bg-accent-soft'}`}
            data-testid="editor-message"
          >
            {saveErrors.length ? (
              <>
                <p className="font-medium">The server did not accept this version:</p>
                <ul className="mt-1 list-disc pl-5">
                  {saveErrors.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </>
            ) : (
              saved
            )}
          </div>
        )}
        <div className="flex min-h-0 flex-1">
          <aside className="flex w-56 shrink-0 flex-col border-r border-line" aria-label="Parts">
            <h3 className="px-3 pt-3 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Parts</h3>
            <ul className="min-h-0 flex-1 overflow-y-auto px-1.5 pb-2" aria-label="Parts list" data-testid="parts-list">
              {rows.map((r) => {
                const k = pathKey(r.path);
                return (
                  <li key={k}>
                    <button
                      type="button"
                      aria-pressed={k === selKey}
                      onClick={() => select(k === selKey ? null : r.path)}
                      style={{ paddingLeft: `${0.5 + r.depth * 0.9}rem` }}
                      className={`flex w-full items-baseline gap-2 rounded-md py-1 pr-2 text-left text-sm ${
                        k === selKey ? 'bg-accent-soft text-accent-text' : 'hover:bg-surface-2'
                      }`}
                    >
                      <span className="min-w-0 flex-1 truncate">{r.name}</span>
                      <span className="text-xs text-muted">{r.shape}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            <div className="space-y-2 border-t border-line p-3">
              <div className="flex gap-1.5">
                <label className="sr-only" htmlFor={`${titleId}-shape`}>
                  Primitive to add
                </label>
                <select
                  id={`${titleId}-shape`}
                  value={addShape}
                  onChange={(e) => setAddShape(e.target.value)}
                  className="min-w-0 flex-1 rounded-lg border border-line bg-bg px-2 py-1.5 text-sm"
                >
                  {PRIMITIVES.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
                <Button className="px-2.5" onClick={addPrimitive} aria-label="Add primitive">
                  <PlusIcon width={16} height={16} /> Add
                </Button>
              </div>
              <Button className="w-full" onClick={() => setPicker((p) => !p)} aria-expanded={picker}>
                Add model…
              </Button>
              {picker && <AssetPicker exclude={modelId} onPick={(m) => void addModel(m)} />}
            </div>
          </aside>
          <div
            className="relative min-w-0 flex-1 bg-surface-2"
            data-testid="editor-canvas"
            data-templates={templates.status.state}
          >
            {loadError ? (
              <p className="m-auto p-6 text-center text-sm text-muted" role="alert">
                {loadError}
              </p>
            ) : (
              <Canvas
                frameloop="demand"
                dpr={[1, 2]}
                camera={{ fov: 45, position: [4, 3, 5] }}
                onPointerMissed={() => {
                  if (performance.now() - lastDragEnd.current > 250) select(null);
                }}
                role="img"
                aria-label={`Scene of ${name}: click a part to select it`}
              >
                <Lights />
                <OrbitControls makeDefault enableDamping={false} />
                <TemplateShapesContext value={templates.shapes}>
                  <group ref={root}>
                    {spec.objects.map((o, i) => (
                      <SpecNode
                        key={i}
                        o={o}
                        complexity={complexity}
                        path={[i]}
                        selected={selKey}
                        onSelect={select}
                        register={register}
                      />
                    ))}
                  </group>
                </TemplateShapesContext>
                <FloorGrid step={0.5} extent={40} />
                {target && <TransformControls object={target} mode={mode} size={0.8} onMouseUp={commitGizmo} />}
                <FitOnce root={root} fitKey={fitKey} />
              </Canvas>
            )}
            <div
              role="toolbar"
              aria-label="Transform mode"
              className="absolute top-2 left-2 flex gap-0.5 rounded-lg border border-line bg-surface/90 p-0.5 shadow-sm"
            >
              {MODES.map((m) => (
                <button
                  key={m.mode}
                  type="button"
                  aria-pressed={mode === m.mode}
                  title={`${m.label} (${m.key})`}
                  onClick={() => setMode(m.mode)}
                  className={`rounded-md px-2.5 py-1 text-sm font-medium ${
                    mode === m.mode ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-surface-2 hover:text-fg'
                  }`}
                >
                  {m.label}
                </button>
              ))}
              <button
                type="button"
                onClick={() => setFitKey((k) => k + 1)}
                className="rounded-md px-2.5 py-1 text-sm font-medium text-muted hover:bg-surface-2 hover:text-fg"
              >
                Fit
              </button>
            </div>
            <TemplateNotice status={templates.status} onRetry={templates.retry} />
          </div>
          <aside className="w-64 shrink-0 overflow-y-auto border-l border-line p-3" aria-label="Selected part">
            {selObj && h.selected ? (
              <Properties
                key={selKey}
                o={selObj}
                shapes={templates.shapes}
                complexity={complexity}
                catalog={shapeCatalog.catalog}
                onRetryCatalog={shapeCatalog.retry}
                onChange={(fn, coalesce) => patchSelected(fn, coalesce)}
                onDelete={deleteSelected}
              />
            ) : (
              <p className="text-sm text-muted">
                Select a part in the list or the scene to move, rotate, scale, recolour or reshape it. Drag to orbit, scroll to
                zoom.
              </p>
            )}
          </aside>
        </div>
      </div>
    </dialog>
  );
}

/** Says, over the scene, while templates are being built or why they could not be (they show as boxes meanwhile). */
function TemplateNotice({ status, onRetry }: { status: TemplateStatus; onRetry: () => void }) {
  if (status.state === 'ready') return null;
  return (
    <div
      role={status.state === 'error' ? 'alert' : 'status'}
      className={`absolute right-2 bottom-2 left-2 flex items-center gap-2 rounded-lg border px-3 py-1.5 text-sm shadow-sm sm:left-auto sm:max-w-sm ${
        status.state === 'error' ? 'border-danger bg-danger-soft text-danger' : 'border-line bg-surface/90 text-muted'
      }`}
      data-testid="template-notice"
    >
      {status.state === 'loading' ? (
        <span>
          Building {status.count === 1 ? 'a shape' : `${status.count} shapes`} with the engine… (boxes stand in meanwhile)
        </span>
      ) : (
        <>
          <span className="min-w-0 flex-1">Some shapes show as boxes: {status.message}</span>
          <Button className="shrink-0 px-2 py-1" onClick={onRetry}>
            Try again
          </Button>
        </>
      )}
    </div>
  );
}

/** How the selected part is drawn: the engine's template, or the editor's own primitive, or a stand-in box. */
function useDrawn(o: SpecObject, shapes: TemplateShapes, complexity: Complexity): { triangles: number; placeholder: boolean } {
  const template = isTemplate(o) ? shapes.get(templateKey(o)) : undefined;
  return useMemo(() => {
    if (template) return { triangles: countTriangles(template), placeholder: false };
    const { geometry, placeholder } = shapeGeometry(o, complexity);
    const triangles = Math.floor((geometry.index?.count ?? geometry.getAttribute('position').count) / 3);
    geometry.dispose();
    return { triangles, placeholder };
  }, [o, template, complexity]);
}

function Properties({
  o,
  shapes,
  complexity,
  catalog,
  onRetryCatalog,
  onChange,
  onDelete,
}: {
  o: SpecObject;
  shapes: TemplateShapes;
  complexity: Complexity;
  catalog: ShapeCatalog;
  onRetryCatalog: () => void;
  onChange: (fn: (o: SpecObject) => SpecObject, coalesce?: string) => void;
  onDelete: () => void;
}) {
  const t = o.transform ?? {};
  const drawn = useDrawn(o, shapes, complexity);
  const info = shapeInfo(catalog.state === 'ready' ? catalog.shapes : null, o);
  const setVec = (field: 'position' | 'rotation' | 'scale', i: number, v: number) =>
    onChange((x) => {
      const cur = [...(x.transform?.[field] ?? (field === 'scale' ? [1, 1, 1] : [0, 0, 0]))];
      cur[i] = v;
      return { ...x, transform: { ...x.transform, [field]: cur } };
    });
  return (
    <div className="space-y-4 text-sm">
      <div>
        <h3 className="truncate font-semibold">{o.name || o.shape}</h3>
        <p className="text-xs text-muted">shape: {o.shape}</p>
        <p
          className="text-xs text-muted"
          data-testid="part-drawn"
          data-triangles={drawn.triangles}
          data-placeholder={drawn.placeholder}
        >
          {drawn.placeholder
            ? 'drawn as a box until the engine has built it'
            : `${drawn.triangles.toLocaleString('en')} triangles`}
        </p>
      </div>
      <Vec label="Position (m)" value={t.position ?? [0, 0, 0]} step={0.1} onCommit={(i, v) => setVec('position', i, v)} />
      <Vec label="Rotation (°)" value={t.rotation ?? [0, 0, 0]} step={5} onCommit={(i, v) => setVec('rotation', i, v)} />
      <Vec label="Scale" value={t.scale ?? [1, 1, 1]} step={0.1} onCommit={(i, v) => setVec('scale', i, v)} />
      {info ? (
        <ParamFields o={o} info={info} onChange={onChange} />
      ) : (
        <CatalogNotice catalog={catalog} onRetry={onRetryCatalog} />
      )}
      <Field label="Colour">
        {(id) => (
          <input
            id={id}
            type="color"
            value={o.material?.baseColor ?? '#b0b0b0'}
            onChange={(e) => onChange((x) => ({ ...x, material: { ...x.material, baseColor: e.target.value } }), 'colour')}
            className="h-9 w-full cursor-pointer rounded-lg border border-line bg-bg p-1"
            data-testid="part-colour"
          />
        )}
      </Field>
      <Button variant="danger" className="w-full" onClick={onDelete}>
        <TrashIcon width={16} height={16} /> Delete part
      </Button>
    </div>
  );
}

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-semibold text-muted">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

function Vec({
  label,
  value,
  step,
  onCommit,
}: {
  label: string;
  value: number[];
  step: number;
  onCommit: (i: number, v: number) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-semibold text-muted">{label}</legend>
      <div className="grid grid-cols-3 gap-1.5">
        {['x', 'y', 'z'].map((axis, i) => (
          <NumberInput
            key={`${axis}${value[i]}`}
            label={`${label} ${axis}`}
            axis={axis}
            value={value[i]}
            step={step}
            onCommit={(v) => onCommit(i, v)}
          />
        ))}
      </div>
    </fieldset>
  );
}

function NumberInput({
  label,
  axis,
  value,
  step,
  onCommit,
}: {
  label: string;
  axis: string;
  value: number;
  step: number;
  onCommit: (v: number) => void;
}) {
  const [text, setText] = useState(String(round(value, 3)));
  const commit = () => {
    const v = Number(text);
    if (text.trim() !== '' && Number.isFinite(v) && v !== value) onCommit(v);
    else setText(String(round(value, 3)));
  };
  return (
    <label className="flex items-center gap-1 rounded-md border border-line bg-bg px-1.5 focus-within:border-accent">
      <span className="text-xs text-muted uppercase" aria-hidden="true">
        {axis}
      </span>
      <input
        type="number"
        aria-label={label}
        step={step}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        className="w-full min-w-0 bg-transparent py-1 text-sm focus:outline-none"
      />
    </label>
  );
}

function AssetPicker({ exclude, onPick }: { exclude: string; onPick: (m: ModelSummary) => void }) {
  const [items, setItems] = useState<ModelSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    listAssets('', ac.signal).then(
      // Models kept as an external service delivered them have no spec to place into a scene.
      (p) => setItems(p.items.filter((m) => m.id !== exclude && (m.generator ?? 'procedural') === 'procedural')),
      (e) => !ac.signal.aborted && setError(describeError(e, 'load')),
    );
    return () => ac.abort();
  }, [exclude]);
  if (error)
    return (
      <p className="text-xs text-danger" role="alert">
        {error}
      </p>
    );
  if (!items) return <p className="text-xs text-muted">Loading your models…</p>;
  if (!items.length) return <p className="text-xs text-muted">No other models yet. Generate one with /3d.</p>;
  return (
    <ul className="max-h-48 overflow-y-auto rounded-lg border border-line" aria-label="Your models">
      {items.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            onClick={() => onPick(m)}
            className="block w-full truncate px-2.5 py-1.5 text-left text-sm hover:bg-surface-2"
          >
            {m.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
