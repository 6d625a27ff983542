import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useChatStore } from '../chat/chatStore';
import { IconButton } from '../shared/ui/Button';
import { CloseIcon } from '../shared/ui/icons';
import { CubeIcon } from './icons';
import { ModelEmbed } from './ModelEmbed';
import { cancelGeneration } from './service';
import { modelIdInText, stageLabel, useModel3dStore, type Generation } from './store';

/** Whether the conversation's recent messages already include this model (the message then shows the viewer). */
function usePosted(conversationId: string, modelId: string) {
  return useChatStore((s) => {
    const ids = s.timelines[conversationId]?.ids ?? [];
    for (let i = ids.length - 1; i >= Math.max(0, ids.length - 40); i--) {
      if (modelIdInText(s.messages[ids[i]]?.message) === modelId) return true;
    }
    return false;
  });
}

/** Live generations in this conversation, seen by every member: progress, then the model (or why it failed). */
export function GenerationCards({ conversationId }: { conversationId: string }) {
  const ids = useModel3dStore(
    useShallow((s) =>
      Object.values(s.generations)
        .filter((g) => g.conversationId === conversationId && !g.dismissed)
        .map((g) => g.id),
    ),
  );
  if (ids.length === 0) return null;
  return (
    <section aria-label="3D models being generated" className="shrink-0 space-y-2 border-t border-line bg-bg px-4 py-2">
      {ids.map((id) => (
        <GenerationCard key={id} id={id} conversationId={conversationId} />
      ))}
    </section>
  );
}

function GenerationCard({ id, conversationId }: { id: string; conversationId: string }) {
  const g = useModel3dStore((s) => s.generations[id]) as Generation;
  const me = useChatStore((s) => s.me);
  const posted = usePosted(conversationId, id);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dismiss = () => useModel3dStore.getState().dismiss(id);

  if (g.status === 'completed' && posted) return null;
  const who = g.userId === me ? 'You' : (g.username ?? 'Someone');
  const title = g.description || 'a 3D model';

  if (g.status === 'completed') {
    return (
      <div data-testid="generation-card" data-status="completed">
        <ModelEmbed modelId={id} description={title} />
      </div>
    );
  }

  if (g.status === 'failed' || g.status === 'cancelled') {
    return (
      <div
        className="flex max-w-xl items-start gap-3 rounded-xl border border-danger/40 bg-danger-soft px-3 py-2.5 text-sm"
        data-testid="generation-card"
        data-status={g.status}
        role="alert"
      >
        <CubeIcon className="mt-0.5 shrink-0 text-danger" />
        <div className="min-w-0 flex-1">
          <p className="font-medium">{g.cancelled ? `${who} cancelled “${title}”.` : `Couldn't generate “${title}”.`}</p>
          {!g.cancelled && g.error && <p className="mt-0.5 text-muted">{plainFailure(g.error)}</p>}
        </div>
        <IconButton label="Dismiss" className="h-7 w-7" onClick={dismiss}>
          <CloseIcon />
        </IconButton>
      </div>
    );
  }

  const percent = Math.round(g.percent);
  const stage = stageLabel(g.stage, g.note ? 'procedural' : g.generator);
  return (
    <div
      className="flex max-w-xl items-center gap-3 rounded-xl border border-line bg-surface px-3 py-2.5 text-sm shadow-sm"
      data-testid="generation-card"
      data-status={g.status}
    >
      <CubeIcon className="shrink-0 animate-pulse text-accent-text" />
      <div className="min-w-0 flex-1">
        <p className="truncate">
          <span className="font-medium">{who}</span> <span className="text-muted">{who === 'You' ? 'are' : 'is'} generating</span>{' '}
          <span className="font-medium">“{title}”</span>
        </p>
        <div className="mt-1.5 flex items-center gap-2">
          <div
            role="progressbar"
            aria-label={`Generating ${title}: ${stage}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${stage}, ${percent}%`}
            className="h-1.5 flex-1 overflow-hidden rounded-full bg-surface-2"
          >
            <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${percent}%` }} />
          </div>
          <span className="w-44 shrink-0 truncate text-xs text-muted" data-testid="generation-stage">
            {stage} · {percent}%
          </span>
        </div>
        {g.note && <GenerationNote note={g.note} />}
        {error && (
          <p className="mt-1 text-xs text-danger" role="alert">
            {error}
          </p>
        )}
      </div>
      {g.userId === me && (
        <button
          type="button"
          disabled={cancelling}
          onClick={() => {
            setCancelling(true);
            setError(null);
            cancelGeneration(id).then(
              () => setCancelling(false),
              (e: Error) => {
                setCancelling(false);
                setError(e.message);
              },
            );
          }}
          className="shrink-0 rounded-md border border-line px-2.5 py-1 text-xs font-medium hover:bg-surface-2 disabled:opacity-60"
          aria-label={`Cancel generating ${title}`}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}

/** Why the model is not made the way it was asked (an external generator failed; the built-in engine took over). */
export function GenerationNote({ note, className = '' }: { note: string; className?: string }) {
  return (
    <p className={`mt-1 text-xs text-muted ${className}`} role="note" data-testid="generation-note">
      {note.charAt(0).toUpperCase() + note.slice(1)}.
    </p>
  );
}

function plainFailure(error: string): string {
  if (/restart/i.test(error)) return 'The server restarted while it was being made. Try again.';
  if (/triangle|too (large|big)|size cap/i.test(error))
    return `It would be too detailed (${error}). Try a lower complexity or fewer objects.`;
  if (/time/i.test(error)) return `It took too long (${error}). Try a simpler description or a lower complexity.`;
  return error.charAt(0).toUpperCase() + error.slice(1);
}
