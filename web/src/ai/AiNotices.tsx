import { useShallow } from 'zustand/react/shallow';
import { IconButton } from '../shared/ui/Button';
import { CloseIcon } from '../shared/ui/icons';
import { useAiStore } from './store';

/** Assistant errors for this conversation that belong to no reply on screen (e.g. a mention refused by a rate limit). */
export function AiNotices({ conversationId }: { conversationId: string }) {
  const notices = useAiStore(
    useShallow((s) => s.notices.filter((n) => !n.conversationId || n.conversationId === conversationId)),
  );
  if (notices.length === 0) return null;
  return (
    <div className="shrink-0 space-y-1.5 border-t border-line bg-bg px-3 py-2 sm:px-4">
      {notices.map((n) => (
        <p
          key={n.id}
          role="alert"
          data-testid="ai-notice"
          data-code={n.code}
          className="flex items-start gap-2 rounded-lg bg-danger-soft px-3 py-1.5 text-sm text-danger"
        >
          <span className="flex-1">{n.message}</span>
          <IconButton label="Dismiss" className="-my-1 h-7 w-7" onClick={() => useAiStore.getState().dismissNotice(n.id)}>
            <CloseIcon />
          </IconButton>
        </p>
      ))}
    </div>
  );
}
