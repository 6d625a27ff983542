import { Component, Suspense, lazy, useEffect, useRef, useState, type ReactNode } from 'react';
import { formatCount } from './format';
import { CubeIcon } from './icons';
import { DownloadMenu } from './DownloadMenu';
import { GenerationNote } from './GenerationCards';
import { ensureModel } from './service';
import { generatorName, useEditorUi, useModel3dStore } from './store';

// three.js, React Three Fiber and drei live in this chunk, fetched the first time a model scrolls into view.
const ModelViewer = lazy(() => import('./viewer/ModelViewer'));

/** Calls back with whether the element is on (or near) the screen. */
function useInView<T extends Element>(margin = '300px') {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setInView(true);
      return;
    }
    const io = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [margin]);
  return [ref, inView] as const;
}

class ViewerBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  render() {
    if (this.state.error)
      return (
        <div className="flex h-full items-center justify-center p-4 text-center text-sm text-muted" role="alert">
          The 3D preview could not start ({this.state.error}). You can still download the model.
        </div>
      );
    return this.props.children;
  }
}

export function ViewerPlaceholder({ label }: { label: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 text-sm text-muted">
      <CubeIcon width={28} height={28} className="opacity-60" />
      <span>{label}</span>
    </div>
  );
}

/** The inline viewer for a model message: header (name, size, edit, download) and a 3D view mounted only in view. */
export function ModelEmbed({ modelId, description }: { modelId: string; description?: string }) {
  const [ref, inView] = useInView<HTMLDivElement>();
  const m = useModel3dStore((s) => s.models[modelId]);
  const openEditor = useEditorUi((s) => s.open);

  useEffect(() => {
    if (inView) void ensureModel(modelId);
  }, [inView, modelId]);

  const name = m?.name ?? description ?? '3D model';
  const ready = !!m?.urls && (m.status === undefined || m.status === 'completed');
  // Models kept as an external generator delivered them have no spec for the editor to change.
  const external = !!m?.generator && m.generator !== 'procedural';
  const statusText =
    m?.load === 'error'
      ? (m.loadError ?? 'Could not load this model.')
      : m?.status === 'failed' || m?.status === 'cancelled'
        ? `This model was not generated${m.error ? `: ${m.error}` : '.'}`
        : null;

  return (
    <figure
      ref={ref}
      className="mt-1.5 max-w-xl overflow-hidden rounded-xl border border-line bg-surface shadow-sm"
      data-testid="model-viewer"
      data-model-id={modelId}
      aria-label={`3D model: ${name}`}
    >
      <div className="flex items-center gap-2 border-b border-line px-3 py-1.5">
        <CubeIcon width={16} height={16} className="shrink-0 text-accent-text" />
        <figcaption className="min-w-0 flex-1 truncate text-sm">
          <span className="font-medium">{name}</span>
          {m?.stats && (
            <span className="ml-2 text-xs text-muted">
              {formatCount(m.stats.triangles)} triangles
              {m.version && m.version > 1 ? ` · version ${m.version}` : ''}
              {external ? ` · made with ${generatorName(m.generator)}` : ''}
            </span>
          )}
        </figcaption>
        {ready && (
          <>
            {!external && (
              <button
                type="button"
                onClick={() => openEditor(modelId)}
                className="inline-flex h-8 items-center rounded-md px-2 text-sm font-medium text-fg hover:bg-surface-2"
                aria-label={`Edit ${name}`}
                data-testid="model-edit"
              >
                Edit
              </button>
            )}
            <DownloadMenu modelId={modelId} version={m.version} name={name} />
          </>
        )}
      </div>
      {m?.note && ready && <GenerationNote note={m.note} className="mt-0 border-b border-line px-3 py-1.5" />}
      <div className="relative h-64 bg-surface-2 sm:h-72" data-testid="model-stage">
        {statusText ? (
          <div className="flex h-full items-center justify-center p-4 text-center text-sm text-muted" role="alert">
            {statusText}
          </div>
        ) : inView && ready ? (
          <ViewerBoundary>
            <Suspense fallback={<ViewerPlaceholder label="Loading 3D viewer…" />}>
              <ModelViewer modelId={modelId} url={m.urls!.glb} version={m.version} name={name} triangles={m.stats?.triangles} />
            </Suspense>
          </ViewerBoundary>
        ) : (
          <ViewerPlaceholder label={inView ? 'Loading model…' : '3D preview'} />
        )}
      </div>
    </figure>
  );
}
