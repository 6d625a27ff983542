import { Suspense, lazy } from 'react';

const load = () => import('./markdown/Markdown');
const Markdown = lazy(load);

/** Starts loading the Markdown chunk early (when a reply starts streaming), so it is ready when text arrives. */
export function preloadMarkdown() {
  void load();
}

/** An assistant reply as Markdown; plain text for the moment the Markdown chunk is loading. */
export function AssistantText({ text }: { text: string }) {
  return (
    <Suspense
      fallback={
        <p className="text-[0.9375rem] leading-relaxed break-words whitespace-pre-wrap" data-testid="ai-plain">
          {text}
        </p>
      }
    >
      <Markdown text={text} />
    </Suspense>
  );
}
