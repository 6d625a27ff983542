import { useEffect, useId, useState, type FormEvent } from 'react';
import { useChatStore } from '../chat/chatStore';
import { Button } from '../shared/ui/Button';
import { Dialog } from '../shared/ui/Dialog';
import { Field } from '../shared/ui/Field';
import { languageName, translateMessage } from './commands';
import { askAssistant } from './service';
import { useAiStore } from './store';

export const LANGUAGES = [
  'English',
  'Spanish',
  'French',
  'German',
  'Italian',
  'Portuguese',
  'Dutch',
  'Polish',
  'Ukrainian',
  'Turkish',
  'Arabic',
  'Hindi',
  'Chinese',
  'Japanese',
  'Korean',
];
const OTHER = 'other';
const LAST_KEY = 'kiln.translateTo';

function lastLanguage(): string {
  try {
    return localStorage.getItem(LAST_KEY) ?? 'English';
  } catch {
    return 'English';
  }
}

/** "Translate…" from a message's menu: pick a language; sends `/translate <Language>` replying to that message. */
export function TranslateDialog() {
  const target = useAiStore((s) => s.translateFor);
  const preview = useChatStore((s) => (target ? s.messages[target.messageId] : undefined));
  const [choice, setChoice] = useState('English');
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    if (!target) return;
    const last = lastLanguage();
    if (LANGUAGES.includes(last)) {
      setChoice(last);
      setOther('');
    } else {
      setChoice(OTHER);
      setOther(last);
    }
    setError(null);
    setBusy(false);
  }, [target]);

  const close = () => useAiStore.getState().openTranslate(null);
  const language = choice === OTHER ? other.trim() : choice;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    if (!language) {
      setError('Type the language to translate into, e.g. "Swahili".');
      return;
    }
    if (language.length > 40) {
      setError('Give just the language name (at most 40 characters).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await askAssistant({
        conversationId: target.conversationId,
        message: translateMessage(language),
        replyTo: target.messageId,
      });
      try {
        localStorage.setItem(LAST_KEY, languageName(language));
      } catch {
        /* not remembered, still sent */
      }
      close();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  const excerpt = preview?.message ? (preview.message.length > 140 ? `${preview.message.slice(0, 140)}…` : preview.message) : '';
  return (
    <Dialog
      open={!!target}
      onClose={close}
      title="Translate"
      description="The assistant replies with a translation of this message."
      testId="ai-translate-dialog"
    >
      <form onSubmit={submit} noValidate className="space-y-3">
        {excerpt && (
          <blockquote className="border-l-2 border-line pl-3 text-sm text-muted">
            <span className="font-medium">{preview?.username}</span>: {excerpt}
          </blockquote>
        )}
        <Field label="Language">
          {(control) => (
            <select
              {...control}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              className="w-full rounded-lg border border-line bg-bg px-3 py-2 text-sm"
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
              <option value={OTHER}>Other…</option>
            </select>
          )}
        </Field>
        {choice === OTHER && (
          // The error is shown below for the whole form; it is about this field when there is one.
          <Field label="Other language" describedBy={error ? errorId : undefined}>
            {(control) => (
              <input
                {...control}
                aria-invalid={!!error}
                value={other}
                onChange={(e) => setOther(e.target.value)}
                maxLength={40}
                autoFocus
                placeholder="e.g. Swahili"
                className="w-full rounded-lg border border-line bg-bg px-3 py-2 text-sm"
              />
            )}
          </Field>
        )}
        {error && (
          <p id={errorId} role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy} data-testid="ai-translate-submit">
            {busy ? 'Sending…' : `Translate to ${language ? languageName(language) : '…'}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
