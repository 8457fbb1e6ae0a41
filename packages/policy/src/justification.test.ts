import { checkJustification, JUSTIFICATION_MAX_LENGTH, JUSTIFICATION_MIN_LENGTH } from './justification.js';

describe('checkJustification', () => {
  test('keeps a justification of plain words, trimmed', () => {
    expect(checkJustification('  Collapsed in ED, unresponsive  ')).toEqual({ ok: true, text: 'Collapsed in ED, unresponsive' });
    expect(checkJustification('Revue de sauvegarde — enfant')).toEqual({ ok: true, text: 'Revue de sauvegarde — enfant' });
  });

  test('the limits are inclusive and counted in characters, not bytes or UTF-16 units', () => {
    expect(checkJustification('x'.repeat(JUSTIFICATION_MIN_LENGTH)).ok).toBe(true);
    expect(checkJustification('x'.repeat(JUSTIFICATION_MIN_LENGTH - 1))).toEqual({ ok: false, problem: 'must be at least 10 characters' });
    expect(checkJustification('x'.repeat(JUSTIFICATION_MAX_LENGTH)).ok).toBe(true);
    expect(checkJustification('x'.repeat(JUSTIFICATION_MAX_LENGTH + 1))).toEqual({ ok: false, problem: 'must be at most 500 characters' });
    // Ten emoji are twenty UTF-16 units but ten characters.
    expect(checkJustification('🚑'.repeat(JUSTIFICATION_MIN_LENGTH)).ok).toBe(true);
  });

  test('spaces around the text do not count towards the minimum', () => {
    expect(checkJustification(`   ${'x'.repeat(JUSTIFICATION_MIN_LENGTH - 1)}   `).ok).toBe(false);
  });

  test.each([
    ['a line break', 'Safeguarding\nreview'],
    ['a tab', 'Safeguarding\treview'],
    ['a right-to-left override', 'Safeguarding \u202ereview'],
    ['a zero-width space', 'Safeguarding\u200breview'],
    ['a NUL', 'Safeguarding\u0000review'],
    ['a line separator', 'Safeguarding\u2028review'],
  ])('refuses %s', (_label, text) => {
    expect(checkJustification(text)).toEqual({
      ok: false,
      problem: 'must be plain text on one line, without control or invisible characters',
    });
  });
});
