import type { ComponentPropsWithRef, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:bg-accent-hover disabled:opacity-60',
  secondary: 'bg-surface-2 text-fg border border-line hover:bg-surface disabled:opacity-60',
  ghost: 'text-fg hover:bg-surface-2 disabled:opacity-60',
  danger: 'bg-danger text-surface hover:opacity-90 disabled:opacity-60',
};

export function Button({
  variant = 'secondary',
  className = '',
  children,
  ...rest
}: ComponentPropsWithRef<'button'> & { variant?: Variant; children: ReactNode }) {
  return (
    <button
      type="button"
      {...rest}
      className={`inline-flex items-center justify-center gap-2 rounded-lg px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${className}`}
    >
      {children}
    </button>
  );
}

/** A square icon-only button; `label` is its accessible name and tooltip. */
export function IconButton({
  label,
  className = '',
  children,
  ...rest
}: ComponentPropsWithRef<'button'> & { label: string; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      {...rest}
      className={`inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-muted transition-colors hover:bg-surface-2 hover:text-fg disabled:opacity-50 ${className}`}
    >
      {children}
    </button>
  );
}
