import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { Button } from '../shared/ui/Button';
import { TextField } from '../shared/ui/Field';
import { ThemeToggle } from '../app/ThemeToggle';
import { useAuthStore } from './authStore';

type Mode = 'login' | 'register';
type Field = 'username' | 'email' | 'password';
type Errors = Partial<Record<Field | 'form', string>>;

function validate(mode: Mode, v: Record<Field, string>): Errors {
  const e: Errors = {};
  // Only the obvious checks here: the server's problem+json errors[] are the real rules.
  if (!v.username.trim()) e.username = mode === 'login' ? 'Enter your username.' : 'Choose a username.';
  if (mode === 'register') {
    if (!v.email.trim()) e.email = 'Enter your email address.';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) e.email = 'Enter an email address like ada@example.com.';
  }
  if (!v.password) e.password = mode === 'login' ? 'Enter your password.' : 'Choose a password.';
  return e;
}

/** Maps a server problem+json answer onto the form's fields. */
function serverErrors(mode: Mode, err: unknown): Errors {
  if (!(err instanceof ApiError)) return { form: describeError(err, mode) };
  const e: Errors = {};
  for (const fe of err.fieldErrors) {
    const f = fe.field as Field;
    if (f === 'username' || f === 'email' || f === 'password') {
      const msg = fe.message.charAt(0).toUpperCase() + fe.message.slice(1);
      e[f] = e[f] ?? (/[.!?]$/.test(msg) ? msg : `${msg}.`);
    }
  }
  if (Object.keys(e).length) return e;
  if (err.status === 409) {
    const text = `${err.code ?? ''} ${err.detail ?? ''}`.toLowerCase();
    if (text.includes('email')) return { email: 'That email is already registered. Sign in instead, or use another email.' };
    return { username: 'That username is taken. Choose another one.' };
  }
  if (mode === 'login' && (err.status === 401 || err.status === 400)) {
    return { form: 'Wrong username or password. Check them and try again.' };
  }
  return { form: describeError(err, mode) };
}

export function AuthPage() {
  const [mode, setMode] = useState<Mode>('login');
  const [values, setValues] = useState<Record<Field, string>>({ username: '', email: '', password: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const { login, register, notice } = useAuthStore();
  const ids = { username: useId(), email: useId(), password: useId(), form: useId() };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const local = validate(mode, values);
    setErrors(local);
    if (Object.keys(local).length) {
      const first = (['username', 'email', 'password'] as Field[]).find((f) => local[f]);
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    setBusy(true);
    try {
      if (mode === 'login') await login(values.username.trim(), values.password);
      else await register(values.username.trim(), values.email.trim(), values.password);
    } catch (err) {
      const e = serverErrors(mode, err);
      setErrors(e);
      const first = (['username', 'email', 'password'] as Field[]).find((f) => e[f]);
      if (first) document.getElementById(ids[first])?.focus();
    } finally {
      setBusy(false);
    }
  }

  function switchMode(m: Mode) {
    setMode(m);
    setErrors({});
  }

  const field = (name: Field, label: string, type: string, autoComplete: string) => (
    <TextField
      label={label}
      id={ids[name]}
      name={name}
      type={type}
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      error={errors[name]}
      errorTestId={`error-${name}`}
      large
    />
  );

  return (
    <div className="flex min-h-full flex-col">
      <header className="flex items-center justify-between px-5 py-4">
        <span className="flex items-center gap-2 text-lg font-bold tracking-tight">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Kiln
        </span>
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-center justify-center px-4 pb-16">
        <div className="w-full max-w-sm">
          <h1 className="text-center text-2xl font-bold tracking-tight">
            {mode === 'login' ? 'Welcome back' : 'Create your account'}
          </h1>
          <p className="mt-1.5 text-center text-sm text-muted">
            {mode === 'login' ? 'Sign in to pick up your conversations.' : 'Join your team on this Kiln server.'}
          </p>
          <form
            noValidate
            onSubmit={submit}
            aria-describedby={errors.form ? ids.form : undefined}
            className="mt-6 space-y-4 rounded-2xl border border-line bg-surface p-6 shadow-sm"
          >
            {notice && !errors.form && (
              <p role="status" className="rounded-lg bg-accent-soft px-3 py-2 text-sm text-accent-text">
                {notice}
              </p>
            )}
            {errors.form && (
              <p
                id={ids.form}
                role="alert"
                className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger"
                data-testid="form-error"
              >
                {errors.form}
              </p>
            )}
            {field('username', 'Username', 'text', 'username')}
            {mode === 'register' && field('email', 'Email', 'email', 'email')}
            {field('password', 'Password', 'password', mode === 'login' ? 'current-password' : 'new-password')}
            <Button type="submit" variant="primary" disabled={busy} className="w-full py-2.5">
              {busy ? (mode === 'login' ? 'Signing in…' : 'Creating account…') : mode === 'login' ? 'Sign in' : 'Create account'}
            </Button>
          </form>
          <p className="mt-5 text-center text-sm text-muted">
            {mode === 'login' ? 'New here? ' : 'Already have an account? '}
            <button
              type="button"
              onClick={() => switchMode(mode === 'login' ? 'register' : 'login')}
              className="font-medium text-accent-text underline underline-offset-2 hover:no-underline"
            >
              {mode === 'login' ? 'Register' : 'Sign in instead'}
            </button>
          </p>
        </div>
      </main>
    </div>
  );
}
