import type { Message } from '../shared/types';

/** The language the interface is written in (the `lang` of the page). */
export function uiLanguage(): string {
  return (document.documentElement.lang || 'en').split('-')[0].toLowerCase();
}

function languageName(code: string, ui: string): string {
  try {
    return new Intl.DisplayNames([ui], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Subtle hints of what the server read in a message: a dot for positive or negative sentiment (neutral shows
 * nothing), shaped as well as coloured so colour is not the only cue, and the language code when it is not the
 * interface's. Both carry text for screen readers and a tooltip.
 */
export function InsightBadges({ m, ui = uiLanguage() }: { m: Pick<Message, 'sentiment' | 'language'>; ui?: string }) {
  const mood = m.sentiment?.label;
  const showMood = mood === 'positive' || mood === 'negative';
  const showLanguage = !!m.language && m.language.toLowerCase() !== ui;
  if (!showMood && !showLanguage) return null;
  const name = showLanguage ? languageName(m.language!, ui) : '';
  return (
    <span className="ml-1.5 inline-flex items-center gap-1.5 align-middle" data-testid="message-insights">
      {showMood && (
        <span
          role="img"
          aria-label={`${mood} sentiment`}
          title={`${mood === 'positive' ? 'Positive' : 'Negative'} sentiment (score ${m.sentiment!.score.toFixed(2)})`}
          data-testid="sentiment"
          data-sentiment={mood}
          className={
            mood === 'positive'
              ? 'inline-block h-2 w-2 rounded-full bg-online'
              : 'inline-block h-2 w-2 rotate-45 rounded-[1px] bg-danger'
          }
        />
      )}
      {showLanguage && (
        <span
          className="rounded border border-line px-1 text-[0.6875rem] leading-4 font-medium text-muted uppercase"
          title={`Written in ${name}`}
          data-testid="message-language"
        >
          <span aria-hidden="true">{m.language}</span>
          <span className="sr-only">written in {name}</span>
        </span>
      )}
    </span>
  );
}
