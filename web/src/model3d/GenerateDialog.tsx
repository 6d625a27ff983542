import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAuthStore } from '../account/authStore';
import { formatSize } from '../shared/format';
import { Button } from '../shared/ui/Button';
import { Dialog } from '../shared/ui/Dialog';
import { Field } from '../shared/ui/Field';
import { PICTURE_TYPES, pictureProblem } from './picture';
import { generateModel, listGenerators, uploadPicture } from './service';
import type { Complexity, GeneratorInfo } from './types';

/** What each generator makes, in a few words, next to its name. */
const GENERATOR_HINTS: Record<string, string> = {
  procedural: 'instant, editable shapes',
  relief: 'bright is high: a plaque to print',
  lithophane: 'dark is thick: glows when lit from behind',
  stability: 'AI service: a whole object from a photo',
};

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
  // Generators this server offers. Text ones are a choice only when there is more than the built-in engine; with a
  // picture, the picture ones (the built-in relief and lithophane, and Stable Fast 3D when configured) always are.
  const [generators, setGenerators] = useState<GeneratorInfo[]>([]);
  const [generator, setGenerator] = useState<string | null>(null);
  const [imageGenerator, setImageGenerator] = useState<string | null>(null);
  const [picture, setPicture] = useState<File | null>(null);
  const [pictureUrl, setPictureUrl] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const errId = useId();
  const textGenerators = generators.filter((g) => g.input === 'text');
  const imageGenerators = generators.filter((g) => g.input === 'image');
  const stabilityOffered = imageGenerators.some((g) => g.id === 'stability');

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const ac = new AbortController();
    listGenerators(ac.signal).then(
      (list) => {
        setGenerators(list);
        setGenerator((current) => current ?? list.find((g) => g.input === 'text' && g.preferred)?.id ?? null);
        setImageGenerator((current) => current ?? list.find((g) => g.input === 'image' && g.preferred)?.id ?? null);
      },
      () => setGenerators([]), // the server's default applies
    );
    return () => ac.abort();
  }, [open]);

  // The preview shows the picture from memory; its object URL is freed when the picture changes or the dialog goes.
  useEffect(() => {
    if (!picture) return setPictureUrl(null);
    const url = URL.createObjectURL(picture);
    setPictureUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [picture]);

  function choosePicture(file: File | undefined) {
    setError(null);
    if (!file) return;
    // (WebP passes here when Stable Fast 3D could take it; the choice is checked again on Generate)
    const problem = pictureProblem(file, stabilityOffered ? 'stability' : (imageGenerator ?? 'relief'), stabilityOffered);
    if (problem) {
      setError(problem);
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    setPicture(file);
  }

  function removePicture() {
    setPicture(null);
    setError(null);
    if (fileInput.current) {
      fileInput.current.value = '';
      fileInput.current.focus();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!me) return;
    const chosen = picture ? imageGenerator : textGenerators.length > 1 ? generator : null;
    if (picture) {
      const problem = pictureProblem(picture, chosen ?? 'relief', stabilityOffered);
      if (problem) return setError(problem);
    }
    setBusy(true);
    setError(null);
    try {
      let uploadedPicture: { fileId: string; name: string } | undefined;
      if (picture) {
        setUploaded(0);
        const file = await uploadPicture(conversationId, picture, setUploaded);
        uploadedPicture = { fileId: file.id, name: file.name };
      }
      await generateModel({
        description,
        complexity,
        generator: chosen ?? undefined,
        picture: uploadedPicture,
        conversationId,
        me: { id: me.id, username: me.username },
      });
      setDescription('');
      setPicture(null);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      setUploaded(null);
    }
  }

  const shownGenerators = picture ? imageGenerators : textGenerators.length > 1 ? textGenerators : [];
  const shownChoice = picture ? imageGenerator : generator;
  const describedBy = error ? errId : undefined;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Generate 3D model"
      description="Describe objects, colours and sizes, or start from a picture. Everyone in this conversation sees the progress and the result."
      testId="generate-3d-dialog"
    >
      <form onSubmit={(e) => void submit(e)} className="space-y-4">
        <Field label="Description" describedBy={describedBy}>
          {(control) => (
            <textarea
              {...control}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              rows={3}
              maxLength={2000}
              required={!picture}
              autoFocus
              aria-invalid={!!error && !picture}
              placeholder={
                picture
                  ? `optional: the model is named “${picture.name}” otherwise`
                  : 'a small green pyramid on top of a large yellow box'
              }
              className="block w-full resize-none rounded-lg border border-line bg-bg px-3 py-2 text-[0.9375rem] focus:border-accent focus:outline-none"
            />
          )}
        </Field>
        <Field
          label="Picture (optional)"
          describedBy={describedBy}
          hint={
            <>
              PNG or JPEG up to 25 MB: it becomes a relief or a lithophane
              {stabilityOffered ? ', or a whole object with Stable Fast 3D (WebP too)' : ''}.
            </>
          }
        >
          {(control) => (
            <>
              {picture && pictureUrl ? (
                <div className="flex items-center gap-3 rounded-lg border border-line p-2" data-testid="picture-preview">
                  <img
                    src={pictureUrl}
                    alt={`Selected picture: ${picture.name}`}
                    className="h-16 w-16 shrink-0 rounded-md object-cover"
                  />
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="truncate font-medium">{picture.name}</p>
                    <p className="text-xs text-muted">
                      {uploaded !== null ? `Uploading… ${Math.round(uploaded * 100)}%` : formatSize(picture.size)}
                    </p>
                  </div>
                  <Button className="shrink-0" onClick={removePicture} disabled={busy}>
                    Remove picture
                  </Button>
                </div>
              ) : null}
              <input
                ref={fileInput}
                {...control}
                type="file"
                accept={PICTURE_TYPES.join(',')}
                onChange={(e) => choosePicture(e.target.files?.[0])}
                aria-invalid={!!error && !!picture}
                className={`block w-full text-sm text-muted file:mr-3 file:rounded-lg file:border file:border-line file:bg-surface-2 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-fg hover:file:bg-surface ${
                  picture ? 'sr-only' : ''
                }`}
              />
            </>
          )}
        </Field>
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
        {shownGenerators.length > 0 && (
          <fieldset>
            <legend className="mb-1 text-sm font-medium">{picture ? 'Make from the picture' : 'Made by'}</legend>
            <div className="grid grid-cols-2 gap-2">
              {shownGenerators.map((g) => (
                <ChoiceCard
                  key={g.id}
                  name={picture ? 'image-generator' : 'generator'}
                  value={g.id}
                  checked={shownChoice === g.id}
                  onSelect={() => (picture ? setImageGenerator(g.id) : setGenerator(g.id))}
                  label={g.id === 'procedural' ? 'Built-in engine' : g.name}
                  hint={GENERATOR_HINTS[g.id] ?? 'AI service, slower; falls back to the built-in engine'}
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
          <Button type="submit" variant="primary" disabled={busy || (!description.trim() && !picture)}>
            {busy ? (uploaded !== null ? 'Uploading…' : 'Starting…') : 'Generate'}
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
