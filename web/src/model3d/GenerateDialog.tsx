import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAuthStore } from '../account/authStore';
import { Button } from '../shared/ui/Button';
import { Dialog } from '../shared/ui/Dialog';
import { generateModel, listGenerators } from './service';
import type { Complexity, GeneratorInfo } from './types';

const LEVELS: { value: Complexity; label: string; hint: string }[] = [
  { value: 'low', label: 'Low', hint: 'fast, fewer triangles' },
  { value: 'medium', label: 'Medium', hint: 'balanced' },
  { value: 'high', label: 'High', hint: 'smoother, slower' },
];

export default function GenerateDialog({
  open,
  onClose,
  conversationId,
}: {
  open: boolean;
  onClose: () => void;
  conversationId: string;
}) {
  const me = useAuthStore((s) => s.user);
  const [description, setDescription] = useState('');
  const [complexity, setComplexity] = useState<Complexity>('medium');
  // Text generators this server offers; the choice only shows when there is more than the built-in engine.
  const [generators, setGenerators] = useState<GeneratorInfo[]>([]);
  const [generator, setGenerator] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const descId = useId();
  const errId = useId();

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const ac = new AbortController();
    listGenerators(ac.signal).then(
      (list) => {
        const text = list.filter((g) => g.input === 'text');
        setGenerators(text);
        setGenerator((current) => current ?? text.find((g) => g.preferred)?.id ?? null);
      },
      () => setGenerators([]), // the server's default applies
    );
    return () => ac.abort();
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!me) return;
    setBusy(true);
    setError(null);
    try {
      await generateModel({
        description,
        complexity,
        generator: generators.length > 1 ? (generator ?? undefined) : undefined,
        conversationId,
        me: { id: me.id, username: me.username },
      });
      setDescription('');
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Generate 3D model"
      description="Describe objects, colours and sizes. Everyone in this conversation sees the progress and the result."
      testId="generate-3d-dialog"
    >
      <form onSubmit={(e) => void submit(e)} className="space-y-4">
        <div>
          <label htmlFor={descId} className="mb-1 block text-sm font-medium">
            Description
          </label>
          <textarea
            id={descId}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={3}
            maxLength={2000}
            required
            autoFocus
            aria-invalid={!!error}
            aria-describedby={error ? errId : undefined}
            placeholder="a small green pyramid on top of a large yellow box"
            className="block w-full resize-none rounded-lg border border-line bg-bg px-3 py-2 text-[0.9375rem] focus:border-accent focus:outline-none"
          />
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Complexity</legend>
          <div className="grid grid-cols-3 gap-2">
            {LEVELS.map((l) => (
              <ChoiceCard
                key={l.value}
                name="complexity"
                value={l.value}
                checked={complexity === l.value}
                onSelect={() => setComplexity(l.value)}
                label={l.label}
                hint={l.hint}
              />
            ))}
          </div>
        </fieldset>
        {generators.length > 1 && (
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Made by</legend>
            <div className="grid grid-cols-2 gap-2">
              {generators.map((g) => (
                <ChoiceCard
                  key={g.id}
                  name="generator"
                  value={g.id}
                  checked={generator === g.id}
                  onSelect={() => setGenerator(g.id)}
                  label={g.id === 'procedural' ? 'Built-in engine' : g.name}
                  hint={g.id === 'procedural' ? 'instant, editable shapes' : 'AI service, slower; falls back to the built-in engine'}
                />
              ))}
            </div>
          </fieldset>
        )}
        {error && (
          <p id={errId} className="text-sm text-danger" role="alert">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy || !description.trim()}>
            {busy ? 'Starting…' : 'Generate'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** One option of a radio group drawn as a card: the input is visually hidden, the card shows the choice and its focus. */
function ChoiceCard(props: { name: string; value: string; checked: boolean; onSelect: () => void; label: string; hint: string }) {
  return (
    <label
      className={`cursor-pointer rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus ${
        props.checked ? 'border-accent bg-accent-soft' : 'border-line hover:bg-surface-2'
      }`}
    >
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onSelect}
        className="sr-only"
      />
      <span className="block font-medium">{props.label}</span>
      <span className="block text-xs text-muted">{props.hint}</span>
    </label>
  );
}
