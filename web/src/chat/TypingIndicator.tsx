import { useMemo } from 'react';
import { useChatStore, typingText } from './chatStore';

export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const entries = useChatStore((s) => s.typing[conversationId]);
  const text = useMemo(() => typingText(Object.values(entries ?? {})), [entries]);
  return (
    <div className="h-6 shrink-0 px-4 text-xs text-muted" aria-live="polite" data-testid="typing-indicator">
      {text && (
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-flex gap-0.5" aria-hidden="true">
            <span className="h-1 w-1 animate-bounce rounded-full bg-muted [animation-delay:-0.3s]" />
            <span className="h-1 w-1 animate-bounce rounded-full bg-muted [animation-delay:-0.15s]" />
            <span className="h-1 w-1 animate-bounce rounded-full bg-muted" />
          </span>
          {text}
        </span>
      )}
    </div>
  );
}
