import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShapeInfo, SpecObject } from '../types';
import { ParamFields, paramLabel } from './ParamFields';
import { templateKey } from './templateShapes';

vi.mock('../service', () => ({ listShapes: vi.fn() }));

const TABLE: ShapeInfo = {
  name: 'table',
  summary: 'a table with legs',
  template: true,
  parts: ['top', 'leg'],
  params: [
    { name: 'height', kind: 'number', defaultValue: 0.75, min: 0.1, max: 5, description: 'height of the top surface' },
    { name: 'legs', kind: 'integer', defaultValue: 4, min: 1, max: 12, description: 'number of legs' },
  ],
};

/** The panel over a part held in state, as the editor holds it; every applied change is recorded. */
function renderTable(initial: SpecObject) {
  const applied: { o: SpecObject; coalesce?: string }[] = [];
  let current = initial;
  function Harness() {
    const [o, setO] = useState(initial);
    return (
      <ParamFields
        o={o}
        info={TABLE}
        onChange={(fn, coalesce) => {
          current = fn(current);
          applied.push({ o: current, coalesce });
          setO(current);
        }}
      />
    );
  }
  render(<Harness />);
  return { applied, current: () => current };
}

describe('template parameters in the property panel', () => {
  afterEach(cleanup);

  it('shows each parameter as a labelled input with its range, the default as placeholder', () => {
    renderTable({ shape: 'table', params: { legs: 4 } });
    const legs = screen.getByLabelText('Legs') as HTMLInputElement;
    expect(legs.value).toBe('4');
    expect(legs.min).toBe('1');
    expect(legs.max).toBe('12');
    expect(legs).toHaveProperty('type', 'number');
    expect(screen.getByText(/whole number 1 to 12, default 4/)).toBeTruthy();
    const height = screen.getByLabelText('Height') as HTMLInputElement;
    expect(height.value).toBe('');
    expect(height.placeholder).toBe('0.75 (default)');
    expect(paramLabel('floorHeight')).toBe('Floor height');
  });

  it('applies a valid value to the spec, changing what the engine is asked to build', () => {
    const before: SpecObject = { shape: 'table', params: { legs: 4 }, transform: { position: [1, 0, 0] } };
    const t = renderTable(before);
    fireEvent.focus(screen.getByLabelText('Legs'));
    fireEvent.change(screen.getByLabelText('Legs'), { target: { value: '6' } });
    expect(t.current()).toEqual({ shape: 'table', params: { legs: 6 }, transform: { position: [1, 0, 0] } });
    expect(templateKey(t.current())).not.toBe(templateKey(before));
    fireEvent.change(screen.getByLabelText('Height'), { target: { value: '1.1' } });
    expect(t.current().params).toEqual({ legs: 6, height: 1.1 });
    // emptying a field goes back to the engine's default
    fireEvent.change(screen.getByLabelText('Height'), { target: { value: '' } });
    expect(t.current().params).toEqual({ legs: 6 });
  });

  it('shows why an invalid value is refused, and never applies it', () => {
    const t = renderTable({ shape: 'table', params: { legs: 4 } });
    const legs = screen.getByLabelText('Legs');
    fireEvent.change(legs, { target: { value: '13' } });
    expect(screen.getByTestId('param-error-legs').textContent).toBe('Must be at most 12. Not applied.');
    expect(legs.getAttribute('aria-invalid')).toBe('true');
    expect(legs.getAttribute('aria-describedby')).toContain(screen.getByTestId('param-error-legs').id);
    fireEvent.change(legs, { target: { value: '2.5' } });
    expect(screen.getByTestId('param-error-legs').textContent).toMatch(/whole number/);
    expect(t.applied).toEqual([]);
    expect(t.current().params).toEqual({ legs: 4 });
    // a valid value clears the error and is applied
    fireEvent.change(legs, { target: { value: '3' } });
    expect(screen.queryByTestId('param-error-legs')).toBeNull();
    expect(t.current().params).toEqual({ legs: 3 });
  });

  it('makes one undo step of the keystrokes of one visit to a field', () => {
    const t = renderTable({ shape: 'table' });
    const legs = screen.getByLabelText('Legs');
    fireEvent.focus(legs);
    fireEvent.change(legs, { target: { value: '1' } });
    fireEvent.change(legs, { target: { value: '10' } });
    fireEvent.blur(legs);
    fireEvent.focus(legs);
    fireEvent.change(legs, { target: { value: '8' } });
    const keys = t.applied.map((a) => a.coalesce);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('follows the spec when it changes from elsewhere (undo)', () => {
    function Undoable() {
      const [o, setO] = useState<SpecObject>({ shape: 'table', params: { legs: 4 } });
      return (
        <>
          <ParamFields o={o} info={TABLE} onChange={(fn) => setO(fn)} />
          <button onClick={() => setO({ shape: 'table', params: { legs: 4 } })}>undo</button>
        </>
      );
    }
    render(<Undoable />);
    const legs = screen.getByLabelText('Legs') as HTMLInputElement;
    fireEvent.change(legs, { target: { value: '7' } });
    expect(legs.value).toBe('7');
    act(() => screen.getByText('undo').click());
    expect(legs.value).toBe('4');
  });
});
