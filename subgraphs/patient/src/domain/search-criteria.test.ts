import { parsePatientSearch } from './search-criteria.js';
import { decodeCursor, encodeCursor, parsePageSize } from './pagination.js';
import { badInputField } from '../test-support/bad-input.js';
import { pageOf } from '@epr/platform';

describe('patient search criteria', () => {
  test('an NHS number is an exact search that ignores the rest', () => {
    expect(parsePatientSearch({ nhsNumber: '999 000 0018', familyName: 'Anyone' })).toEqual({ kind: 'nhsNumber', nhsNumber: '9990000018' });
  });

  test('demographic criteria come back in stored form', () => {
    expect(parsePatientSearch({ familyName: ' smith-jones ', givenName: 'jon', birthDate: '1978-11-02', postcode: 'ls14ap' })).toEqual({
      kind: 'demographics',
      criteria: { familyName: 'smith-jones', givenName: 'jon', birthDate: new Date('1978-11-02T00:00:00Z'), postcode: 'LS1 4AP' },
    });
  });

  test('blank criteria count as not given', () => {
    expect(parsePatientSearch({ nhsNumber: ' ', familyName: 'Smith', givenName: '' })).toEqual({
      kind: 'demographics',
      criteria: { familyName: 'Smith', givenName: null, birthDate: null, postcode: null },
    });
  });

  test.each([
    ['nothing to search by', {}, 'criteria'],
    ['a given name alone', { givenName: 'John' }, 'criteria.givenName'],
    ['an invalid NHS number', { nhsNumber: '9990000019' }, 'criteria.nhsNumber'],
    ['a family name without letters', { familyName: '123' }, 'criteria.familyName'],
    ['a malformed birth date', { birthDate: '1978-13-01' }, 'criteria.birthDate'],
    ['a malformed postcode', { postcode: 'nowhere' }, 'criteria.postcode'],
  ])('%s is refused naming the field', (_label, input, field) => {
    expect(badInputField(() => parsePatientSearch(input))).toBe(field);
  });
});

describe('pages and cursors', () => {
  test('a cursor round-trips its score and id', () => {
    const position = { score: 0.825, id: '5e1f0c3a-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(position), 'after')).toEqual(position);
  });

  test.each([
    '',
    'not-a-cursor',
    Buffer.from('2|5e1f0c3a-0000-4000-8000-000000000001').toString('base64url'),
    Buffer.from('0.5|x').toString('base64url'),
  ])('a cursor this list did not give out (%p) is refused', (cursor) => {
    expect(badInputField(() => decodeCursor(cursor, 'after'))).toBe('after');
  });

  test('page sizes are 1 to 100, 20 by default', () => {
    expect(parsePageSize(undefined, 'first')).toBe(20);
    expect(parsePageSize(100, 'first')).toBe(100);
    expect(badInputField(() => parsePageSize(0, 'first'))).toBe('first');
    expect(badInputField(() => parsePageSize(101, 'first'))).toBe('first');
  });

  test('one row more than the page says that more follow', () => {
    expect(pageOf([1, 2, 3], 2)).toEqual({ items: [1, 2], hasNextPage: true });
    expect(pageOf([1, 2], 2)).toEqual({ items: [1, 2], hasNextPage: false });
  });
});
