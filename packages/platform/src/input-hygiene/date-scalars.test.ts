import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, RefusedValue } from './date-scalars.js';

const refused = (value: unknown) => (value instanceof RefusedValue ? value.problem : undefined);

describe('Date', () => {
  test.each(['1900-01-01', '2100-12-31', '2024-02-29', '2000-02-29', '2026-11-24'])('%s is a date', (text) => {
    expect(DateScalar.parseValue(text)).toBe(text);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: text })).toBe(text);
  });

  test.each([
    ['0000-01-01', /between 1900 and 2100/],
    ['1899-12-31', /between 1900 and 2100/],
    ['2101-01-01', /between 1900 and 2100/],
    ['2026-02-29', /real calendar date/],
    ['1900-02-29', /real calendar date/],
    ['2026-13-01', /real calendar date/],
    ['2026-04-31', /real calendar date/],
    ['2026-00-10', /real calendar date/],
    ['2026-1-1', /YYYY-MM-DD/],
    ['2026-01-01T00:00:00Z', /YYYY-MM-DD/],
    [20260101, /YYYY-MM-DD/],
    [null, /YYYY-MM-DD/],
  ])('%s is refused: %s', (value, problem) => {
    expect(refused(DateScalar.parseValue(value))).toMatch(problem);
  });

  test('a literal that is not a string is refused', () => {
    expect(refused(DateScalar.parseLiteral({ kind: Kind.INT, value: '20260101' }))).toMatch(/YYYY-MM-DD/);
  });
});

describe('DateTime', () => {
  test.each([
    '2026-11-24T09:30:00.000Z',
    '2026-11-24T09:30:00Z',
    '2026-11-24T09:30Z',
    '2026-06-01T10:00:00+01:00',
    '1900-01-01T00:00:00-05:00',
  ])('%s is an instant', (text) => {
    expect(DateTimeScalar.parseValue(text)).toBe(text);
  });

  test.each([
    ['0000-01-01T00:00:00Z', /between 1900 and 2100/],
    ['2026-02-30T10:00:00Z', /real calendar date/],
    ['2026-01-01T24:00:00Z', /real time of day/],
    ['2026-01-01T10:60:00Z', /real time of day/],
    ['2026-01-01T10:00:60Z', /real time of day/],
    ['2026-01-01T10:00:00+15:00', /real time of day/],
    ['2026-01-01T10:00:00', /with an offset/],
    ['2026-01-01', /with an offset/],
    ['yesterday', /with an offset/],
  ])('%s is refused: %s', (value, problem) => {
    expect(refused(DateTimeScalar.parseValue(value))).toMatch(problem);
  });
});
