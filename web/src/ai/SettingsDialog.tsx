import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useChatStore, conversationTitle } from '../chat/chatStore';
import { ApiError } from '../shared/api';
import { Spinner } from '../shared/ui/Avatar';
import { Button } from '../shared/ui/Button';
import { Dialog } from '../shared/ui/Dialog';
import { Field } from '../shared/ui/Field';
import { describeSettingsError, getRoomSettings, putRoomSettings } from './service';
import { useAiStore } from './store';
import type { AiRoomSettings } from './types';

const PROMPT_MAX = 4000;

interface Form {
  enabled: boolean;
  systemPrompt: string;
  provider: string;
  model: string;
  temperature: string;
}

function toForm(s: AiRoomSettings): Form {
  return {
    enabled: s.enabled,
    systemPrompt: s.systemPrompt ?? '',
    provider: s.provider ?? '',
    model: s.model ?? '',
    temperature: s.temperature === null || s.temperature === undefined ? '' : String(s.temperature),
  };
}

type FieldName = 'enabled' | 'systemPrompt' | 'provider' | 'model' | 'temperature';
const FIELDS: FieldName[] = ['enabled', 'systemPrompt', 'provider', 'model', 'temperature'];
const LABELS: Record<FieldName, string> = {
  enabled: 'On/off',
  systemPrompt: 'The persona',
  provider: 'The provider',
  model: 'The model',
  temperature: 'The temperature',
};

/** Per-room assistant settings for owners and admins: on/off, persona, provider and model, temperature. */
export default function SettingsDialog() {
  const conversationId = useAiStore((s) => s.settingsFor);
  const room = useChatStore((s) => (conversationId ? conversationTitle(s.conversations[conversationId], s.me) : ''));
  const [loaded, setLoaded] = useState<AiRoomSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = {
    enabled: useId(),
    systemPrompt: useId(),
    provider: useId(),
    model: useId(),
    temperature: useId(),
  };

  useEffect(() => {
    setLoaded(null);
    setForm(null);
    setLoadError(null);
    setErrors({});
    setFormError(null);
    setSaved(false);
    if (!conversationId) return;
    const abort = new AbortController();
    getRoomSettings(conversationId, abort.signal).then(
      (s) => {
        setLoaded(s);
        setForm(toForm(s));
      },
      (e) => {
        if (!abort.signal.aborted) setLoadError(describeSettingsError(e));
      },
    );
    return () => abort.abort();
  }, [conversationId]);

  const close = () => useAiStore.getState().openSettings(null);
  const patch = (p: Partial<Form>) => {
    setForm((f) => (f ? { ...f, ...p } : f));
    setSaved(false);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!conversationId || !form) return;
    setErrors({});
    setFormError(null);
    setSaved(false);
    const t = form.temperature.trim();
    const temperature = t === '' ? null : Number(t.replace(',', '.'));
    if (temperature !== null && Number.isNaN(temperature)) {
      setErrors({ temperature: 'must be a number, e.g. 0.7 (or empty for the default)' });
      formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(ids.temperature)}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      const s = await putRoomSettings(conversationId, {
        enabled: form.enabled,
        systemPrompt: form.systemPrompt.trim() || null,
        provider: form.provider || null,
        model: form.model.trim() || null,
        temperature,
      });
      setLoaded(s);
      setForm(toForm(s));
      setSaved(true);
    } catch (err) {
      const fieldErrors: Partial<Record<FieldName, string>> = {};
      if (err instanceof ApiError) {
        for (const fe of err.fieldErrors)
          if ((FIELDS as string[]).includes(fe.field)) fieldErrors[fe.field as FieldName] = fe.message;
      }
      const first = FIELDS.find((f) => fieldErrors[f]);
      if (first) {
        setErrors(fieldErrors);
        // Move to the first field to fix, so keyboard and screen-reader users land on it.
        setTimeout(() => formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(ids[first])}`)?.focus(), 0);
      } else {
        setFormError(describeSettingsError(err));
      }
    } finally {
      setSaving(false);
    }
  }

  /** The label, id, error and error test id of a field; the control and its hint are the caller's. */
  const fieldOf = (f: FieldName, label: string) => ({
    label,
    id: ids[f],
    error: errors[f] ? sentence(`${LABELS[f]} ${errors[f]}`) : undefined,
    errorTestId: `ai-settings-error-${f}`,
  });
  const input = 'w-full rounded-lg border bg-bg px-3 py-2 text-sm';
  const border = (f: FieldName) => (errors[f] ? 'border-danger' : 'border-line');

  return (
    <Dialog
      open={!!conversationId}
      onClose={close}
      title="Assistant settings"
      description={room ? `How the assistant behaves in ${room}.` : undefined}
      wide
      testId="ai-settings"
    >
      {loadError ? (
        <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {loadError}
        </p>
      ) : !form || !loaded ? (
        <Spinner label="Loading the assistant's settings" />
      ) : (
        <form ref={formRef} onSubmit={save} noValidate className="space-y-4">
          <div>
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                id={ids.enabled}
                type="checkbox"
                checked={form.enabled}
                onChange={(e) => patch({ enabled: e.target.checked })}
                className="h-4 w-4 accent-[var(--accent)]"
              />
              The assistant answers in this room
            </label>
            <p className="mt-1 pl-6 text-xs text-muted">When off, @assistant and AI actions are refused here.</p>
          </div>

          <Field
            {...fieldOf('systemPrompt', 'Persona (system prompt)')}
            hint={`${form.systemPrompt.length.toLocaleString()} / ${PROMPT_MAX.toLocaleString()} characters`}
          >
            {(control) => (
              <textarea
                {...control}
                rows={4}
                value={form.systemPrompt}
                maxLength={PROMPT_MAX}
                onChange={(e) => patch({ systemPrompt: e.target.value })}
                placeholder="Empty: the server's default persona"
                className={`${input} ${border('systemPrompt')} resize-y`}
              />
            )}
          </Field>

          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              {...fieldOf('provider', 'Provider')}
              hint={loaded.providers.length === 0 ? 'No AI provider is configured on this server.' : undefined}
            >
              {(control) => (
                <select
                  {...control}
                  value={form.provider}
                  onChange={(e) => patch({ provider: e.target.value })}
                  className={`${input} ${border('provider')}`}
                >
                  <option value="">Server default{loaded.providers.length ? ` (${loaded.providers.join(' → ')})` : ''}</option>
                  {loaded.providers.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                  {form.provider && !loaded.providers.includes(form.provider) && (
                    <option value={form.provider}>{form.provider} (not configured)</option>
                  )}
                </select>
              )}
            </Field>
            <Field {...fieldOf('model', 'Model')}>
              {(control) => (
                <input
                  {...control}
                  value={form.model}
                  maxLength={100}
                  onChange={(e) => patch({ model: e.target.value })}
                  placeholder="Empty: the provider's default"
                  className={`${input} ${border('model')}`}
                />
              )}
            </Field>
          </div>

          <Field {...fieldOf('temperature', 'Temperature')} hint="0 to 2: lower is more focused, higher more varied.">
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="decimal"
                value={form.temperature}
                onChange={(e) => patch({ temperature: e.target.value })}
                placeholder="Empty: the default"
                className={`${input} ${border('temperature')} sm:max-w-40`}
              />
            )}
          </Field>

          {formError && (
            <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
              {formError}
            </p>
          )}
          <div className="flex items-center justify-end gap-2">
            <span role="status" className="mr-auto text-sm text-muted" data-testid="ai-settings-status">
              {saved ? 'Saved.' : Object.keys(errors).length ? 'Not saved: fix the fields marked above.' : ''}
            </span>
            <Button onClick={close}>Close</Button>
            <Button type="submit" variant="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function sentence(s: string) {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
