import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { InsightBadges } from './InsightBadges';

afterEach(cleanup);

describe('InsightBadges', () => {
  it('marks negative and positive messages with a labelled dot', () => {
    render(<InsightBadges m={{ sentiment: { label: 'negative', score: -0.62 }, language: 'en' }} ui="en" />);
    const dot = screen.getByRole('img', { name: 'negative sentiment' });
    expect(dot.getAttribute('title')).toBe('Negative sentiment (score -0.62)');
    expect(dot.dataset.sentiment).toBe('negative');
    cleanup();
    render(<InsightBadges m={{ sentiment: { label: 'positive', score: 0.8 }, language: null }} ui="en" />);
    expect(screen.getByRole('img', { name: 'positive sentiment' }).getAttribute('title')).toBe(
      'Positive sentiment (score 0.80)',
    );
  });

  it('shows nothing for a neutral message in the interface language, nor for one without insights', () => {
    const { container } = render(
      <>
        <InsightBadges m={{ sentiment: { label: 'neutral', score: 0 }, language: 'en' }} ui="en" />
        <InsightBadges m={{}} ui="en" />
        <InsightBadges m={{ sentiment: null, language: null }} ui="en" />
      </>,
    );
    expect(container.innerHTML).toBe('');
  });

  it('names a language other than the interface one', () => {
    render(<InsightBadges m={{ sentiment: { label: 'neutral', score: 0 }, language: 'fr' }} ui="en" />);
    const chip = screen.getByTestId('message-language');
    expect(chip.getAttribute('title')).toBe('Written in French');
    expect(chip.textContent).toBe('frwritten in French');
    expect(screen.queryByTestId('sentiment')).toBeNull();
    cleanup();
    render(<InsightBadges m={{ sentiment: { label: 'neutral', score: 0 }, language: 'de' }} ui="de" />);
    expect(screen.queryByTestId('message-language')).toBeNull();
  });

  it('has no accessibility violations', async () => {
    const { container } = render(
      <p>
        the deploy failed again
        <InsightBadges m={{ sentiment: { label: 'negative', score: -0.7 }, language: 'es' }} ui="en" />
      </p>,
    );
    // jsdom has no layout, so colour contrast is checked by the browser test (web/e2e) instead.
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
