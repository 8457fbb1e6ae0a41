import { normalisePostcode, outwardCode } from './postcode.js';

describe('UK postcodes', () => {
  test.each([
    ['LS1 4AP', 'LS1 4AP'],
    ['ls14ap', 'LS1 4AP'],
    [' sw1a  1aa ', 'SW1A 1AA'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['GIR 0AA', 'GIR 0AA'],
  ])('%p is written %p', (input, standard) => {
    expect(normalisePostcode(input)).toBe(standard);
  });

  test.each(['', 'LS1', 'LS1 4', 'QS1 4AP', 'LS1 4CP', '12345', 'LS1-4AP-X'])('%p is not a postcode', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });

  test('the outward code is the part before the space', () => {
    expect(outwardCode('SW1A 1AA')).toBe('SW1A');
  });
});
