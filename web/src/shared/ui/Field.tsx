import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

/** What a form control needs to be named by its label and described by its hint and error. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** The look of a text input; `invalid` turns its border red, `large` makes it taller (the sign-in page). */
export function textInputClass({ invalid = false, large = false }: { invalid?: boolean; large?: boolean } = {}) {
  return `block w-full rounded-lg border bg-surface px-3 ${large ? 'py-2.5' : 'py-2'} text-fg placeholder:text-muted focus:border-accent focus:outline-none focus-visible:outline-2 focus-visible:outline-focus ${
    invalid ? 'border-danger' : 'border-line'
  }`;
}

/**
 * A label above any control, with an optional hint and error under it. `children` gets the control's id,
 * aria-describedby (hint, then error) and aria-invalid to spread on it. The error sits in a polite live region,
 * so it is read out when it appears even though focus stays on the submit button.
 */
export function Field({
  label,
  hint,
  error,
  errorTestId,
  id,
  describedBy,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  errorTestId?: string;
  /** Fixed id for the control, for callers that focus it by id; one is generated otherwise. */
  id?: string;
  /** Ids of further descriptions outside the field (e.g. a form-wide error), read after the hint and error. */
  describedBy?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-err`;
  const described = [hint ? hintId : undefined, error ? errorId : undefined, describedBy].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={controlId} className="mb-1.5 block text-sm font-medium">
        {label}
      </label>
      {children({ id: controlId, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      <div aria-live="polite">
        {error && (
          <p id={errorId} className="mt-1.5 text-sm text-danger" data-testid={errorTestId}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** A labelled single-line text input; every other prop (value, onChange, type, autoFocus, ref…) goes to the <input>. */
export function TextField({
  label,
  hint,
  error,
  errorTestId,
  id,
  large = false,
  className = '',
  'aria-describedby': describedBy,
  ...rest
}: Omit<ComponentPropsWithRef<'input'>, 'id'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  errorTestId?: string;
  id?: string;
  large?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error} errorTestId={errorTestId} id={id} describedBy={describedBy}>
      {(control) => (
        <input type="text" {...rest} {...control} className={`${textInputClass({ invalid: !!error, large })} ${className}`} />
      )}
    </Field>
  );
}
