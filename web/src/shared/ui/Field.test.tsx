import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Field, TextField } from './Field';

afterEach(cleanup);

describe('TextField', () => {
  it('is named by its label and passes the input props on', () => {
    const onChange = vi.fn();
    const ref = createRef<HTMLInputElement>();
    render(<TextField label="Room name" value="" onChange={onChange} maxLength={100} placeholder="e.g. design" ref={ref} />);
    const input = screen.getByLabelText('Room name') as HTMLInputElement;
    expect(input).toBe(ref.current);
    expect(input.type).toBe('text');
    expect(input.maxLength).toBe(100);
    expect(input.placeholder).toBe('e.g. design');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    fireEvent.change(input, { target: { value: 'x' } });
    expect(onChange).toHaveBeenCalledOnce();
  });

  it('keeps a given id, so callers can focus the field by it', () => {
    render(<TextField label="Password" id="pw" type="password" />);
    const input = screen.getByLabelText('Password') as HTMLInputElement;
    expect(input.id).toBe('pw');
    expect(input.type).toBe('password');
  });

  it('is described by its hint and then its error, and marked invalid with an error', () => {
    render(<TextField label="Username" hint="Letters and digits." error="Choose a username." errorTestId="error-username" />);
    const input = screen.getByLabelText('Username');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const ids = input.getAttribute('aria-describedby')!.split(' ');
    expect(ids.map((id) => document.getElementById(id)?.textContent)).toEqual(['Letters and digits.', 'Choose a username.']);
    expect(screen.getByTestId('error-username').textContent).toBe('Choose a username.');
    // In a live region, so the error is read out when it appears.
    expect(screen.getByTestId('error-username').closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('adds a description from outside the field after its own', () => {
    render(
      <>
        <TextField label="Other language" error="Say which." aria-describedby="form-error" />
        <p id="form-error">Not sent.</p>
      </>,
    );
    const ids = screen.getByLabelText('Other language').getAttribute('aria-describedby')!.split(' ');
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe('form-error');
  });
});

describe('Field', () => {
  it('wires the label, hint and error onto any control it renders', () => {
    render(
      <Field label="Provider" hint="None configured." error="Unknown provider.">
        {(control) => (
          <select {...control}>
            <option>a</option>
          </select>
        )}
      </Field>,
    );
    const select = screen.getByLabelText('Provider');
    expect(select.tagName).toBe('SELECT');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(
      select
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent),
    ).toEqual(['None configured.', 'Unknown provider.']);
  });
});
