import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../shared/errors';
import { Button } from '../../shared/ui/Button';
import { Field, textInputClass } from '../../shared/ui/Field';
import { listShapes } from '../service';
import type { ShapeInfo, ShapeParam, SpecObject } from '../types';
import { paramHint, parseParam, withParam } from './shapeParams';

export type ShapeCatalog = { state: 'loading' } | { state: 'ready'; shapes: ShapeInfo[] } | { state: 'error'; message: string };

/** The server's shape catalogue (parameter ranges for the property panel), with a retry after a failure. */
export function useShapeCatalog(): { catalog: ShapeCatalog; retry: () => void } {
  const [catalog, setCatalog] = useState<ShapeCatalog>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    listShapes().then(
      (shapes) => live && setCatalog({ state: 'ready', shapes }),
      (e) => live && setCatalog({ state: 'error', message: describeError(e, 'load') }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    setCatalog({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { catalog, retry };
}

/** "floorHeight" → "Floor height". */
export function paramLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The selected part's shape parameters (a table's legs, a rounded box's radius), each checked against the server's
 * ranges as it is typed: a valid value is applied at once (a template is then rebuilt by the engine, debounced), an
 * invalid one is shown with its reason and never reaches the spec.
 */
export function ParamFields({
  o,
  info,
  onChange,
}: {
  o: SpecObject;
  info: ShapeInfo;
  onChange: (fn: (o: SpecObject) => SpecObject, coalesce?: string) => void;
}) {
  // Each visit to a field is one undo step, however many keystrokes it takes.
  const visit = useRef(0);
  if (!info.params.length) return null;
  return (
    <fieldset className="space-y-3" data-testid="part-params">
      <legend className="mb-1 text-xs font-semibold text-muted">
        Parameters{info.template ? ' (the engine rebuilds the shape as you type)' : ''}
      </legend>
      {info.params.map((p) => (
        <ParamInput
          key={p.name}
          spec={p}
          value={o.params?.[p.name]}
          onFocus={() => (visit.current += 1)}
          onApply={(v) => onChange((x) => withParam(x, p.name, v), `param:${p.name}:${visit.current}`)}
        />
      ))}
    </fieldset>
  );
}

const shown = (v: number | string | undefined) => (v === undefined ? '' : String(v));

function ParamInput({
  spec,
  value,
  onFocus,
  onApply,
}: {
  spec: ShapeParam;
  value: number | string | undefined;
  onFocus: () => void;
  onApply: (v: number | string | undefined) => void;
}) {
  const [text, setText] = useState(shown(value));
  const [error, setError] = useState<string | null>(null);
  const applied = useRef(value);
  // Follow the spec when it changes from elsewhere (undo, redo), not when it is this field's own edit coming back.
  useEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    setText(shown(value));
    setError(null);
  }, [value]);

  const change = (t: string, badInput = false) => {
    setText(t);
    // (a number input reports "" for text that is no number at all, and says so in validity.badInput)
    const r = badInput ? ({ ok: false, error: 'Enter a number.' } as const) : parseParam(spec, t);
    if (!r.ok) return setError(`${r.error} Not applied.`);
    setError(null);
    if (r.value === applied.current) return;
    applied.current = r.value;
    onApply(r.value);
  };

  const numeric = spec.kind === 'number' || spec.kind === 'integer';
  return (
    <Field label={paramLabel(spec.name)} hint={paramHint(spec)} error={error} errorTestId={`param-error-${spec.name}`}>
      {(control) =>
        spec.kind === 'color' ? (
          <input
            {...control}
            type="color"
            value={text || String(spec.defaultValue)}
            onFocus={onFocus}
            onChange={(e) => change(e.target.value)}
            className="h-9 w-full cursor-pointer rounded-lg border border-line bg-bg p-1"
          />
        ) : (
          <input
            {...control}
            type={numeric ? 'number' : 'text'}
            inputMode={spec.kind === 'integer' ? 'numeric' : numeric ? 'decimal' : undefined}
            min={numeric ? spec.min : undefined}
            max={numeric ? spec.max : undefined}
            step={spec.kind === 'integer' ? 1 : numeric ? 'any' : undefined}
            maxLength={spec.kind === 'text' ? spec.max : undefined}
            placeholder={numeric ? `${spec.defaultValue} (default)` : undefined}
            value={text}
            onFocus={onFocus}
            onChange={(e) => change(e.target.value, e.target.validity?.badInput ?? false)}
            className={`${textInputClass({ invalid: !!error })} text-sm`}
            data-testid={`param-${spec.name}`}
          />
        )
      }
    </Field>
  );
}

/** Where the catalogue is not (yet) there: a line saying so, with a retry after a failure. */
export function CatalogNotice({ catalog, onRetry }: { catalog: ShapeCatalog; onRetry: () => void }) {
  if (catalog.state === 'loading') return <p className="text-xs text-muted">Loading the shape's parameters…</p>;
  if (catalog.state === 'ready') return null;
  return (
    <div className="space-y-1 text-xs text-danger" role="alert">
      <p>The shape's parameters could not be loaded: {catalog.message}</p>
      <Button className="px-2 py-1" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
