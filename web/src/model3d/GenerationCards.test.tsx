import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GenerationCards } from './GenerationCards';
import { useModel3dStore } from './store';

describe('generation card', () => {
  it('shows the fall-back note while the built-in engine finishes the job', () => {
    const s = useModel3dStore.getState();
    s.reset();
    s.started({
      generationId: 'g1',
      conversationId: 'c1',
      description: 'a red rocket',
      userId: 'u2',
      username: 'bob',
      generator: 'meshy',
    });
    s.progress({
      generationId: 'g1',
      conversationId: 'c1',
      stage: 'build',
      percent: 55,
      note: 'Meshy answered HTTP 500; made with the built-in engine instead',
    });
    render(<GenerationCards conversationId="c1" />);
    expect(screen.getByTestId('generation-note').textContent).toContain(
      'Meshy answered HTTP 500; made with the built-in engine instead.',
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Building shapes, 55%');
  });
});
