import { GraphQLError } from 'graphql';
import { validateRegistration } from './register-patient.js';

const today = new Date('2026-11-24T12:00:00Z');
const valid = { nhsNumber: '943 476 5919', givenName: ' Ada ', familyName: 'Lovelace', birthDate: '1990-12-10' };

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.field;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('registering a patient', () => {
  test('a valid registration is normalised', () => {
    expect(validateRegistration(valid, today)).toEqual({
      nhsNumber: '9434765919',
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: new Date('1990-12-10T00:00:00Z'),
    });
  });

  test('an unidentified patient has no NHS number', () => {
    expect(validateRegistration({ ...valid, nhsNumber: null }, today).nhsNumber).toBeNull();
  });

  test.each([
    ['an invalid NHS number', { nhsNumber: '9434765918' }, 'input.nhsNumber'],
    ['a short NHS number', { nhsNumber: '12345' }, 'input.nhsNumber'],
    ['an empty given name', { givenName: '  ' }, 'input.givenName'],
    ['an empty family name', { familyName: '' }, 'input.familyName'],
    ['a birth date in the future', { birthDate: '2026-11-25' }, 'input.birthDate'],
    ['a date that does not exist', { birthDate: '2023-02-29' }, 'input.birthDate'],
    ['a date in another format', { birthDate: '10/12/1990' }, 'input.birthDate'],
  ])('%s is refused naming the field', (_label, change, field) => {
    expect(fieldOf(() => validateRegistration({ ...valid, ...change }, today))).toBe(field);
  });

  test('born today is allowed', () => {
    expect(validateRegistration({ ...valid, birthDate: '2026-11-24' }, today).birthDate.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });
});
