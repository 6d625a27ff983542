import { useEffect, useId, useRef, useState } from 'react';
import { useAiStore } from './store';
import type { AiStatus } from './types';

function percentOf(s: AiStatus): number {
  const p = typeof s.percent === 'number' && Number.isFinite(s.percent) ? s.percent : 0;
  return Math.max(0, Math.min(100, Math.floor(p)));
}

/** The short label in the header. */
export function statusLabel(s: AiStatus): string {
  switch (s.state) {
    case 'ready':
      return 'AI ready';
    case 'downloading':
      return `Downloading model ${percentOf(s)} %`;
    case 'loading':
      return 'Loading model…';
    case 'unavailable':
      return 'AI unavailable';
    default:
      return 'AI status unknown';
  }
}

/** The full sentence, for the details panel. */
export function statusSentence(s: AiStatus): string {
  const model = s.model ? `${s.model}${s.provider ? ` (${s.provider})` : ''}` : (s.provider ?? 'the model');
  switch (s.state) {
    case 'ready':
      return `The assistant is ready: ${model}.`;
    case 'downloading':
      return `Downloading ${model}: ${percentOf(s)} % done. The assistant answers once it is downloaded and loaded.`;
    case 'loading':
      return `Loading ${model} into memory. The assistant answers in a moment.`;
    case 'unavailable':
      return `The assistant is unavailable${s.reason ? `: ${s.reason.replace(/\.$/, '')}` : ''}.`;
    default:
      return "The assistant's status is unknown.";
  }
}

const DOT: Record<string, string> = {
  ready: 'bg-online',
  downloading: 'bg-accent animate-pulse',
  loading: 'bg-accent animate-pulse',
  unavailable: 'bg-danger',
};

function Progress({ s, className = '' }: { s: AiStatus; className?: string }) {
  const p = percentOf(s);
  return (
    <div
      role="progressbar"
      aria-label="Downloading the assistant's model"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={p}
      aria-valuetext={`${p} %`}
      data-testid="ai-status-progress"
      className={`h-1.5 overflow-hidden rounded-full bg-surface-2 ${className}`}
    >
      <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${p}%` }} />
    </div>
  );
}

/**
 * The assistant's model status in the header (GET /api/ai/status, then ai_status events): ready, downloading with
 * a progress bar, loading, or unavailable with the reason. Hidden when the server does not report a status.
 */
export function ModelStatus() {
  const status = useAiStore((s) => s.status);
  const known = useAiStore((s) => s.statusKnown);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (known !== 'known' || !status) return null;
  const label = statusLabel(status);
  const downloading = status.state === 'downloading';
  return (
    <div
      ref={ref}
      className="relative flex items-center"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          setOpen(false);
          ref.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${label}. Assistant model details`}
        title={label}
        data-testid="ai-status"
        data-state={status.state}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-9 items-center gap-2 rounded-lg px-2 text-sm text-muted hover:bg-surface-2 hover:text-fg"
      >
        <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${DOT[status.state] ?? 'bg-muted'}`} aria-hidden="true" />
        <span className={downloading ? 'tabular-nums' : 'hidden lg:inline'} aria-hidden="true">
          {downloading ? (
            <>
              <span className="hidden lg:inline">Downloading model </span>
              {percentOf(status)} %
            </>
          ) : (
            label
          )}
        </span>
      </button>
      {downloading && <Progress s={status} className="hidden w-16 sm:block" />}
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-label="Assistant model"
        className="absolute top-full right-0 z-30 mt-2 w-72 max-w-[calc(100vw-1.5rem)] rounded-xl border border-line bg-surface p-3 text-sm shadow-lg"
        data-testid="ai-status-panel"
      >
        <p className="font-semibold">{label}</p>
        <p className="mt-1 text-muted">{statusSentence(status)}</p>
        {downloading && <Progress s={status} className="mt-2 w-full" />}
      </div>
    </div>
  );
}
