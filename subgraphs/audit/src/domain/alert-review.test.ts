import { describe, expect, test } from '@jest/globals';
import { closingNote, reviewSteps, stepRefused } from './alert-review.js';

describe('alert review', () => {
  test('moves forward only: acknowledge from open; close from open or acknowledged', () => {
    expect(reviewSteps.acknowledge.from).toEqual(['OPEN']);
    expect(reviewSteps.close.from).toEqual(['OPEN', 'ACKNOWLEDGED']);
  });

  test('a refused step is a conflict that says why', () => {
    const error = stepRefused('close', 'CLOSED');
    expect(error.extensions).toEqual({ code: 'CONFLICT', field: 'input.id' });
    expect(error.message).toBe('This alert cannot be closed: it is already closed. Reload it to see who reviewed it.');
    expect(stepRefused('acknowledge', 'ACKNOWLEDGED').message).toContain('it is already acknowledged');
  });

  test('the closing note must say something', () => {
    expect(closingNote('  Patient admitted via ED; access appropriate.  ')).toBe('Patient admitted via ED; access appropriate.');
    expect(() => closingNote('ok')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.note' } }));
    expect(() => closingNote('x'.repeat(2001))).toThrow(/10 to 2000 characters/);
  });
});
