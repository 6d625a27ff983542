import { useAiStore, toolCallText, toolCallsOf } from './store';
import { WrenchIcon } from './icons';

/** The tools an assistant reply called ("Searched messages for “…”"), as subtle chips; nothing when none. */
export function ToolCalls({ responseId }: { responseId: string | null }) {
  const calls = useAiStore((s) => toolCallsOf(s, responseId));
  if (calls.length === 0) return null;
  return (
    <ul className="my-1 flex flex-wrap gap-1.5" aria-label="Tools the assistant used">
      {calls.map((c, i) => (
        <li
          key={i}
          data-testid="ai-tool-call"
          data-status={c.status}
          className={`inline-flex max-w-full items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs ${
            c.status === 'ok' ? 'border-line bg-surface-2 text-muted' : 'border-transparent bg-danger-soft text-danger'
          }`}
        >
          <WrenchIcon width={12} height={12} aria-hidden="true" className="shrink-0" />
          <span className="truncate" title={toolCallText(c)}>
            {toolCallText(c)}
          </span>
        </li>
      ))}
    </ul>
  );
}
